import QtQuick

// One resource on the graph: kind colour, status ring, name and one detail line.
Rectangle {
    id: node
    required property var theme
    required property string nodeId
    required property string kind
    required property string label
    required property string detail
    required property string status
    required property string tone
    required property bool greyed
    required property bool matches
    property bool selected: false
    signal clicked()

    radius: 8
    color: greyed ? "#f0f1f3" : theme.kindColor(kind)
    border.width: selected ? 3 : 1
    border.color: selected ? theme.selection : theme.border
    opacity: matches ? 1.0 : 0.25

    Accessible.role: Accessible.Button
    Accessible.name: theme.kindName(kind) + " " + label + (status ? ", " + status : "") + (detail ? ", " + detail : "")

    Rectangle {
        id: ring
        width: 16; height: 16; radius: 8
        anchors.left: parent.left; anchors.leftMargin: 8
        anchors.verticalCenter: parent.verticalCenter
        color: "transparent"
        border.width: 4
        border.color: node.theme.toneColor(node.tone)
    }
    Column {
        anchors.left: ring.right; anchors.leftMargin: 8
        anchors.right: parent.right; anchors.rightMargin: 6
        anchors.verticalCenter: parent.verticalCenter
        spacing: 1
        Text {
            width: parent.width
            text: node.theme.kindName(node.kind)
            font.pixelSize: 10
            color: node.theme.mutedText
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            text: node.label
            font.pixelSize: 13
            font.bold: true
            color: node.greyed ? node.theme.mutedText : node.theme.text
            elide: Text.ElideMiddle
        }
        Text {
            width: parent.width
            text: node.detail
            visible: text.length > 0
            font.pixelSize: 11
            color: node.theme.mutedText
            elide: Text.ElideRight
        }
    }
    MouseArea {
        anchors.fill: parent
        onClicked: node.clicked()
    }
}
