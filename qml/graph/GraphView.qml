import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

// The account as a graph: pan (drag), zoom (wheel, buttons, +/-), fit (F),
// search and kind filter; clicking a node opens its details.
FocusScope {
    id: view
    required property var theme
    required property var graph
    property string selectedId: ""
    property real zoom: 1.0
    // Until the user pans or zooms, the whole account stays in view as it grows.
    property bool userMoved: false
    signal logsRequested(string nodeId)

    Connections {
        target: view.graph
        function onLayoutChanged() { if (!view.userMoved) Qt.callLater(view.fit) }
    }
    onWidthChanged: if (!userMoved) Qt.callLater(fit)
    onHeightChanged: if (!userMoved) Qt.callLater(fit)

    // The automatic fit stops at a zoom where names stay readable; a big
    // account then opens at its top left, to pan or search (Fit shows all).
    readonly property real readableZoom: 0.45
    // Below this zoom names are a few pixels high: the nodes are painted as
    // plain boxes by the canvas instead of built as delegates.
    readonly property bool overview: zoom < 0.3
    function fit(all) {
        const b = graph.bounds
        if (b.width <= 0 || b.height <= 0)
            return
        const whole = Math.min(flick.width / (b.width + 40), flick.height / (b.height + 40))
        zoom = Math.max(all ? 0.05 : readableZoom, Math.min(1.5, whole))
        flick.contentX = Math.max(0, (b.x - 20) * zoom)
        flick.contentY = Math.max(0, (b.y - 20) * zoom)
    }
    // The scene rectangle on screen, with a margin: the graph model leaves
    // out rows beyond it, so only what can be seen is built. Zoomed out, the
    // canvas draws the nodes and the rectangle is nowhere: the model holds no
    // rows, and zooming back in builds only the delegates then in view.
    Binding {
        target: view.graph
        property: "viewport"
        value: view.overview ? Qt.rect(-1e6, -1e6, 1, 1)
                             : Qt.rect(flick.contentX / view.zoom - 20 - 300, flick.contentY / view.zoom - 20 - 200,
                                       flick.width / view.zoom + 600, flick.height / view.zoom + 400)
    }
    function zoomBy(f) { userMoved = true; zoom = Math.max(0.05, Math.min(3, zoom * f)) }

    Keys.onPressed: (event) => {
        if (event.key === Qt.Key_Plus || event.key === Qt.Key_Equal) { zoomBy(1.2); event.accepted = true }
        else if (event.key === Qt.Key_Minus) { zoomBy(1 / 1.2); event.accepted = true }
        else if (event.key === Qt.Key_F && !search.activeFocus) { userMoved = false; fit(true); event.accepted = true }
        else if (event.key === Qt.Key_Escape) { selectedId = ""; event.accepted = true }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0
        ToolBar {
            Layout.fillWidth: true
            RowLayout {
                anchors.fill: parent
                spacing: view.theme.spacing
                TextField {
                    id: search
                    Layout.preferredWidth: 220 * view.theme.fontScale
                    placeholderText: qsTr("Search by name, id or IP")
                    Accessible.name: qsTr("Search the graph")
                    font.pixelSize: view.theme.fontSize
                    onTextChanged: view.graph.filterText = text
                    KeyNavigation.tab: kindBox
                }
                ComboBox {
                    id: kindBox
                    Accessible.name: qsTr("Show kind")
                    font.pixelSize: view.theme.fontSize
                    Layout.preferredWidth: 180 * view.theme.fontScale
                    textRole: "text"
                    valueRole: "value"
                    model: [
                        { text: qsTr("All kinds"), value: "" },
                        { text: qsTr("Clusters"), value: "cluster" },
                        { text: qsTr("Services"), value: "service" },
                        { text: qsTr("Tasks"), value: "task" },
                        { text: qsTr("Task definitions"), value: "taskDefinition" },
                        { text: qsTr("Repositories"), value: "repository" },
                        { text: qsTr("Databases"), value: "database" },
                        { text: qsTr("Security groups"), value: "securityGroup" },
                        { text: qsTr("Log groups"), value: "logGroup" }
                    ]
                    onActivated: view.graph.filterKind = currentValue
                    KeyNavigation.tab: zoomOut
                }
                Item { Layout.fillWidth: true }
                Label {
                    text: qsTr("%1 resources").arg(view.graph.nodeCount)
                    font.pixelSize: view.theme.smallFontSize
                    color: view.theme.mutedText
                }
                ToolButton { id: zoomOut; text: "−"; Accessible.name: qsTr("Zoom out"); onClicked: view.zoomBy(1 / 1.2); KeyNavigation.tab: zoomIn }
                ToolButton { id: zoomIn; text: "+"; Accessible.name: qsTr("Zoom in"); onClicked: view.zoomBy(1.2); KeyNavigation.tab: fitButton }
                ToolButton { id: fitButton; text: qsTr("Fit"); Accessible.name: qsTr("Fit the whole graph"); onClicked: { view.userMoved = false; view.fit(true) } }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: 0
            Flickable {
                id: flick
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                contentWidth: (view.graph.bounds.x + view.graph.bounds.width + 40) * view.zoom
                contentHeight: (view.graph.bounds.y + view.graph.bounds.height + 40) * view.zoom
                boundsBehavior: Flickable.StopAtBounds
                onMovementStarted: view.userMoved = true
                Accessible.name: qsTr("Resource graph")
                Rectangle { anchors.fill: parent; color: view.theme.background; z: -1 }
                WheelHandler {
                    onWheel: (event) => view.zoomBy(event.angleDelta.y > 0 ? 1.1 : 1 / 1.1)
                }
                // The edges (and, zoomed out, the nodes) in one painted layer.
                Item {
                    x: 20 * view.zoom
                    y: 20 * view.zoom
                    GraphCanvas {
                        id: canvas
                        objectName: "graphCanvas"
                        graph: view.graph
                        theme: view.theme
                        zoom: view.zoom
                        visibleArea: Qt.rect(flick.contentX / view.zoom - 20, flick.contentY / view.zoom - 20,
                                             flick.width / view.zoom, flick.height / view.zoom)
                        drawNodes: view.overview
                        drawLabels: !view.overview
                        selectedId: view.selectedId
                        TapHandler {
                            enabled: view.overview
                            onTapped: (eventPoint, button) => {
                                view.selectedId = canvas.nodeAt(eventPoint.position.x, eventPoint.position.y)
                                view.forceActiveFocus()
                            }
                        }
                    }
                }
                Item {
                    id: scene
                    x: 20 * view.zoom
                    y: 20 * view.zoom
                    scale: view.zoom
                    transformOrigin: Item.TopLeft
                    Repeater {
                        model: view.graph.nodes
                        delegate: GraphNode {
                            required property real posX
                            required property real posY
                            x: posX
                            y: posY
                            theme: view.theme
                            width: view.graph.nodeWidth
                            height: view.graph.nodeHeight
                            selected: nodeId === view.selectedId
                            onClicked: { view.selectedId = nodeId; view.forceActiveFocus() }
                        }
                    }
                }
            }
            NodeDetails {
                id: details
                objectName: "nodeDetails"
                theme: view.theme
                graph: view.graph
                nodeId: view.selectedId
                visible: view.selectedId !== ""
                Layout.preferredWidth: 320 * view.theme.fontScale
                Layout.fillHeight: true
                onCloseRequested: view.selectedId = ""
                onLogsRequested: (id) => view.logsRequested(id)
            }
        }
    }
}
