import QtQuick

// A typed edge: a straight line from centre to centre with its label midway.
Item {
    id: edge
    required property var theme
    required property string label
    required property string kind
    required property real x1
    required property real y1
    required property real x2
    required property real y2
    readonly property real length: Math.sqrt((x2 - x1) * (x2 - x1) + (y2 - y1) * (y2 - y1))

    Rectangle {
        x: edge.x1
        y: edge.y1
        width: edge.length
        height: edge.kind === "allows" || edge.kind === "connectsTo" ? 2 : 1.5
        color: edge.kind === "connectsTo" ? "#2e9d57" : edge.kind === "allows" ? "#c87b7b" : edge.theme.edge
        transformOrigin: Item.TopLeft
        rotation: Math.atan2(edge.y2 - edge.y1, edge.x2 - edge.x1) * 180 / Math.PI
        antialiasing: true
    }
    Rectangle {
        x: (edge.x1 + edge.x2) / 2 - width / 2
        y: (edge.y1 + edge.y2) / 2 - height / 2
        width: labelText.implicitWidth + 8
        height: labelText.implicitHeight + 2
        radius: 3
        color: edge.theme.edgeLabelBackground
        border.color: edge.theme.border
        visible: edge.length > 120
        Text {
            id: labelText
            anchors.centerIn: parent
            text: edge.label
            font.pixelSize: 10
            color: edge.theme.mutedText
        }
    }
}
