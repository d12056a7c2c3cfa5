import QtQuick

// A typed edge from centre to centre with its label midway. An edge that
// spans several columns of one row is routed below the row (down, across,
// up) so it never runs behind the nodes between its ends. Plain rectangles,
// not Shapes: the large account draws thousands of edges.
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
    // More than one column apart (a column is a node plus its gap, ~300 px).
    readonly property bool bends: Math.abs(y2 - y1) < 1 && Math.abs(x2 - x1) > 420
    // Half a node (32) plus most of the gap below it: between the rows.
    readonly property real drop: 50
    readonly property real thickness: kind === "allows" || kind === "connectsTo" ? 2 : 1.5
    readonly property color colour: kind === "connectsTo" ? "#2e9d57" : kind === "allows" ? "#c87b7b" : theme.edge
    readonly property real midX: (x1 + x2) / 2
    readonly property real midY: bends ? y1 + drop : (y1 + y2) / 2

    // Straight: one rotated bar.
    Rectangle {
        visible: !edge.bends
        x: edge.x1
        y: edge.y1
        width: edge.length
        height: edge.thickness
        color: edge.colour
        transformOrigin: Item.TopLeft
        rotation: Math.atan2(edge.y2 - edge.y1, edge.x2 - edge.x1) * 180 / Math.PI
        antialiasing: true
    }
    // Bent: down from the source, across below the row, up into the target.
    Rectangle {
        visible: edge.bends
        x: edge.x1
        y: edge.y1
        width: edge.thickness
        height: edge.drop
        color: edge.colour
    }
    Rectangle {
        visible: edge.bends
        x: Math.min(edge.x1, edge.x2)
        y: edge.y1 + edge.drop
        width: Math.abs(edge.x2 - edge.x1)
        height: edge.thickness
        color: edge.colour
    }
    Rectangle {
        visible: edge.bends
        x: edge.x2
        y: edge.y2
        width: edge.thickness
        height: edge.drop
        color: edge.colour
    }
    Rectangle {
        x: edge.midX - width / 2
        y: edge.midY - height / 2
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
