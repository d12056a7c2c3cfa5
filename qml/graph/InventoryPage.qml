import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../browse"

// The live account: Graph / Browse / Logs tabs over one InventoryModels
// (C++). Give it `models` (InventoryModels) and, for a projector, a larger
// `fontScale`.
Page {
    id: page
    required property var models
    property real fontScale: 1.0
    property alias currentTab: tabs.currentIndex
    property alias graphView: graphView

    Theme { id: theme; fontScale: page.fontScale }

    function showLogs(taskArn) {
        if (page.models.openLogsOf(taskArn))
            tabs.currentIndex = 2
    }

    header: TabBar {
        id: tabs
        Accessible.name: qsTr("Inventory views")
        TabButton { text: qsTr("Graph"); Accessible.name: qsTr("Graph"); font.pixelSize: theme.fontSize }
        TabButton { text: qsTr("Browse"); Accessible.name: qsTr("Browse clusters, services and tasks"); font.pixelSize: theme.fontSize }
        TabButton { text: qsTr("Logs"); Accessible.name: qsTr("Logs"); font.pixelSize: theme.fontSize }
    }
    StackLayout {
        anchors.fill: parent
        currentIndex: tabs.currentIndex
        GraphView {
            id: graphView
            objectName: "graphView"
            theme: theme
            graph: page.models.graph
            onLogsRequested: (id) => page.showLogs(id)
        }
        RowLayout {
            spacing: 0
            BrowseView {
                objectName: "browseView"
                theme: theme
                models: page.models
                Layout.fillWidth: true
                Layout.fillHeight: true
                onLogsRequested: (arn) => page.showLogs(arn)
            }
            WhereIsMyApp {
                theme: theme
                models: page.models
                Layout.preferredWidth: Math.max(260, page.width * 0.24)
                Layout.fillHeight: true
                Layout.margins: theme.spacing
            }
        }
        LogsView {
            objectName: "logsView"
            theme: theme
            logs: page.models.logs
        }
    }
}
