import QtQuick
import QtQuick.Controls

// A two- or three-line row in a Browse list.
Rectangle {
    id: row
    required property var theme
    property bool selected: false
    property string title
    property string subtitle
    property string body
    signal clicked()

    height: content.implicitHeight + 2 * theme.spacing
    color: selected ? "#e3ecfb" : "transparent"
    Accessible.role: Accessible.ListItem
    Accessible.name: title + ", " + subtitle

    Column {
        id: content
        x: row.theme.spacing
        y: row.theme.spacing
        width: row.width - 2 * row.theme.spacing
        spacing: 2
        Label { width: parent.width; text: row.title; font.bold: true; font.pixelSize: row.theme.fontSize; elide: Text.ElideRight }
        Label { width: parent.width; text: row.subtitle; font.pixelSize: row.theme.smallFontSize; color: row.theme.mutedText; wrapMode: Text.Wrap }
        Label { width: parent.width; text: row.body; visible: text.length > 0; font.pixelSize: row.theme.smallFontSize; color: row.theme.mutedText; wrapMode: Text.Wrap; maximumLineCount: 3; elide: Text.ElideRight }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: row.theme.border }
    MouseArea { anchors.fill: parent; onClicked: row.clicked() }
}
