import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// e1s-style browsing: clusters → services → tasks, each a keyboard-navigable list.
FocusScope {
    id: view
    required property var theme
    required property var models
    signal logsRequested(string taskArn)

    RowLayout {
        anchors.fill: parent
        anchors.margins: view.theme.spacing
        spacing: view.theme.spacing

        BrowseColumn {
            id: clusterColumn
            theme: view.theme
            title: qsTr("Clusters")
            Layout.preferredWidth: parent.width * 0.22
            Layout.fillHeight: true
            list.model: view.models.clusters
            list.focus: true
            list.delegate: BrowseRow {
                required property int index
                required property string name
                required property string status
                required property int runningTasks
                required property int activeServices
                theme: view.theme
                width: ListView.view.width
                selected: ListView.isCurrentItem
                title: name
                subtitle: qsTr("%1 · %2 · %3 running").arg(status)
                          .arg(activeServices === 1 ? qsTr("1 service") : qsTr("%1 services").arg(activeServices))
                          .arg(runningTasks)
                onClicked: { ListView.view.currentIndex = index; ListView.view.forceActiveFocus() }
            }
            list.onCurrentIndexChanged: {
                const name = view.models.clusters.get(list.currentIndex, "name")
                view.models.services.cluster = name ? name : ""
                view.models.tasks.cluster = name ? name : ""
                view.models.tasks.service = ""
            }
            KeyNavigation.right: serviceColumn.list
        }
        BrowseColumn {
            id: serviceColumn
            theme: view.theme
            title: qsTr("Services")
            Layout.preferredWidth: parent.width * 0.28
            Layout.fillHeight: true
            list.model: view.models.services
            list.delegate: BrowseRow {
                required property int index
                required property string name
                required property string status
                required property int desired
                required property int running
                required property int pending
                required property string deployments
                required property string lastEvent
                theme: view.theme
                width: ListView.view.width
                selected: ListView.isCurrentItem
                title: name
                subtitle: qsTr("%1 · %2/%3 running, %4 pending").arg(status).arg(running).arg(desired).arg(pending)
                body: deployments + (lastEvent ? "\n" + lastEvent : "")
                onClicked: { ListView.view.currentIndex = index; ListView.view.forceActiveFocus() }
            }
            list.onCurrentIndexChanged: {
                const name = view.models.services.get(list.currentIndex, "name")
                view.models.tasks.service = name ? name : ""
            }
            KeyNavigation.left: clusterColumn.list
            KeyNavigation.right: taskColumn.list
        }
        BrowseColumn {
            id: taskColumn
            theme: view.theme
            title: qsTr("Tasks")
            Layout.fillWidth: true
            Layout.fillHeight: true
            list.model: view.models.tasks
            list.delegate: TaskRow {
                theme: view.theme
                width: ListView.view.width
                selected: ListView.isCurrentItem
                onClicked: { ListView.view.currentIndex = index; ListView.view.forceActiveFocus() }
                onCopyRequested: (text) => view.models.tasks.copyToClipboard(text)
                onLogsRequested: (arn) => view.logsRequested(arn)
            }
            KeyNavigation.left: serviceColumn.list
        }
    }
}
