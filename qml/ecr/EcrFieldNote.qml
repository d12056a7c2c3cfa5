import QtQuick
import QtQuick.Controls

// The rule always shown under a field, or the error when the value breaks it.
Label {
    id: note
    required property var theme
    property string rule
    property string error

    text: error.length > 0 ? error : rule
    color: error.length > 0 ? "#b3261e" : theme.mutedText
    font.pixelSize: theme.smallFontSize
    wrapMode: Text.Wrap
    visible: text.length > 0
}
