import QtQuick
import QtQuick.Shapes

// A typed edge from centre to centre with its label midway. An edge that
// spans several columns of one row bends below the row, so it never runs
// behind the nodes between its ends (and its label never sits between two
// unrelated nodes).
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
    // Control points straight below the ends: the curve leaves the row within
    // its first node and bottoms out at 1.5 × sag, inside the gap between rows.
    readonly property real sag: bends ? 36 : 0
    // The curve's midpoint: where the label goes.
    readonly property real midX: (x1 + x2) / 2
    readonly property real midY: (y1 + y2) / 2 + sag * 1.5

    Shape {
        anchors.fill: parent
        antialiasing: true
        ShapePath {
            strokeWidth: edge.kind === "allows" || edge.kind === "connectsTo" ? 2 : 1.5
            strokeColor: edge.kind === "connectsTo" ? "#2e9d57" : edge.kind === "allows" ? "#c87b7b" : edge.theme.edge
            fillColor: "transparent"
            startX: edge.x1
            startY: edge.y1
            PathCubic {
                x: edge.x2
                y: edge.y2
                control1X: edge.bends ? edge.x1 : edge.x1 + (edge.x2 - edge.x1) / 3
                control1Y: edge.y1 + 2 * edge.sag
                control2X: edge.bends ? edge.x2 : edge.x1 + (edge.x2 - edge.x1) * 2 / 3
                control2Y: edge.y2 + 2 * edge.sag
            }
        }
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
