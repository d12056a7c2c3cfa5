import QtQuick
import QtQuick.Controls

// A failure, warning or note in a tinted box; hidden when `text` is empty.
Rectangle {
    id: box
    required property var theme
    property string text
    /// "error", "warning" or "info".
    property string kind: "error"

    visible: text.length > 0
    implicitHeight: visible ? label.implicitHeight + theme.spacing * 2 : 0
    radius: 4
    color: kind === "error" ? "#fde2e1" : kind === "warning" ? "#fff4d6" : "#e7f1ff"
    border.color: kind === "error" ? "#e3a7a3" : kind === "warning" ? "#e8cf8a" : "#b9cff2"
    Accessible.role: Accessible.AlertMessage
    Accessible.name: text

    Label {
        id: label
        anchors.fill: parent
        anchors.margins: box.theme.spacing
        text: box.text
        wrapMode: Text.Wrap
        font.pixelSize: box.theme.fontSize
        color: box.kind === "error" ? "#7a1410" : box.kind === "warning" ? "#5c4300" : box.theme.text
    }
}
