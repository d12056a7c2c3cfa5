import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// For each running task: its public IP (copy) and http://IP:PORT per port
// mapping (open), or the reason there is none yet.
Rectangle {
    id: view
    required property var theme
    required property var models
    color: theme.panel
    border.color: theme.border
    radius: 4
    Accessible.name: qsTr("Where is my app")

    Label {
        id: heading
        x: view.theme.spacing; y: view.theme.spacing
        text: qsTr("Where is my app")
        font.pixelSize: view.theme.fontSize + 1
        font.bold: true
    }
    ListView {
        id: list
        anchors { top: heading.bottom; left: parent.left; right: parent.right; bottom: parent.bottom; margins: view.theme.spacing }
        clip: true
        spacing: view.theme.spacing
        model: view.models.whereIsMyApp
        keyNavigationEnabled: true
        activeFocusOnTab: true
        Accessible.name: qsTr("Running tasks and their addresses")
        Label {
            visible: list.count === 0
            text: qsTr("No task is running.")
            color: view.theme.mutedText
        }
        delegate: ColumnLayout {
            required property string taskId
            required property string serviceName
            required property string clusterName
            required property string publicIp
            required property string ipState
            required property string ipStateText
            required property var urls
            width: ListView.view.width
            Label {
                text: (serviceName ? serviceName : clusterName) + " · " + taskId
                font.pixelSize: view.theme.smallFontSize
                color: view.theme.mutedText
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            RowLayout {
                Label {
                    text: ipState === "ready" || ipState === "changed" ? publicIp : ipStateText
                    font.pixelSize: view.theme.fontSize + (ipState === "ready" ? 2 : 0)
                    font.bold: true
                }
                Button {
                    visible: publicIp.length > 0
                    text: qsTr("Copy")
                    Accessible.name: qsTr("Copy public IP %1").arg(publicIp)
                    onClicked: view.models.whereIsMyApp.copyToClipboard(publicIp)
                }
            }
            Label {
                visible: ipState === "changed"
                text: ipStateText
                color: "#9a5b00"
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Repeater {
                model: urls
                delegate: Button {
                    required property string modelData
                    text: qsTr("Open %1").arg(modelData)
                    Accessible.name: qsTr("Open %1 in the browser").arg(modelData)
                    onClicked: Qt.openUrlExternally(modelData)
                }
            }
        }
    }
}
