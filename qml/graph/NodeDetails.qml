import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The selected node's details with copy and open-in-browser buttons.
Rectangle {
    id: panel
    required property var theme
    required property var graph
    property string nodeId: ""
    readonly property var lines: nodeId ? graph.detailsOf(nodeId) : []
    readonly property var urls: nodeId ? graph.urlsOf(nodeId) : []
    signal closeRequested()
    signal logsRequested(string nodeId)

    color: theme.panel
    border.color: theme.border
    Accessible.name: qsTr("Details")

    Connections {
        target: panel.graph
        // Refreshes keep the panel current without losing the selection.
        function onLayoutChanged() { panel.nodeIdChanged() }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: panel.theme.spacing
        spacing: panel.theme.spacing
        RowLayout {
            Layout.fillWidth: true
            Label {
                text: qsTr("Details")
                font.pixelSize: panel.theme.fontSize + 2
                font.bold: true
                Layout.fillWidth: true
            }
            ToolButton {
                text: "✕"
                Accessible.name: qsTr("Close details")
                onClicked: panel.closeRequested()
            }
        }
        Repeater {
            model: panel.lines
            delegate: Label {
                required property string modelData
                Layout.fillWidth: true
                text: modelData
                wrapMode: Text.Wrap
                font.pixelSize: panel.theme.fontSize
                color: panel.theme.text
            }
        }
        Button {
            text: qsTr("Copy id")
            Accessible.name: qsTr("Copy the resource id")
            onClicked: panel.graph.copyToClipboard(panel.nodeId)
        }
        Repeater {
            model: panel.urls
            delegate: RowLayout {
                required property string modelData
                Layout.fillWidth: true
                Button {
                    text: qsTr("Open %1").arg(modelData)
                    Accessible.name: qsTr("Open %1 in the browser").arg(modelData)
                    Layout.fillWidth: true
                    onClicked: Qt.openUrlExternally(modelData)
                }
                Button {
                    text: qsTr("Copy")
                    Accessible.name: qsTr("Copy %1").arg(modelData)
                    onClicked: panel.graph.copyToClipboard(modelData)
                }
            }
        }
        Button {
            visible: panel.nodeId.indexOf(":task/") >= 0
            text: qsTr("Show logs")
            Accessible.name: qsTr("Show this task's logs")
            onClicked: panel.logsRequested(panel.nodeId)
        }
        Item { Layout.fillHeight: true }
    }
}
