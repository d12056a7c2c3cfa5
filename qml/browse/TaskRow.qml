import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A task: status, health, times, IPs (copy / open), and why it stopped.
Rectangle {
    id: row
    required property var theme
    required property int index
    required property string arn
    required property string taskId
    required property string serviceName
    required property string lastStatus
    required property string desiredStatus
    required property string health
    required property var startedAt
    required property var stoppedAt
    required property string privateIp
    required property string publicIp
    required property string ipState
    required property string ipStateText
    required property var urls
    required property string stopCause
    required property string stopExplanation
    required property bool forgotten
    required property string logGroup
    property bool selected: false
    signal clicked()
    signal copyRequested(string text)
    signal logsRequested(string arn)

    height: content.implicitHeight + 2 * theme.spacing
    color: selected ? "#e3ecfb" : "transparent"
    opacity: forgotten || lastStatus === "STOPPED" ? 0.75 : 1.0
    Accessible.role: Accessible.ListItem
    Accessible.name: qsTr("Task %1, %2").arg(taskId).arg(lastStatus) + (stopCause ? ", " + stopCause : "")

    MouseArea { anchors.fill: parent; onClicked: row.clicked() }
    ColumnLayout {
        id: content
        x: row.theme.spacing
        y: row.theme.spacing
        width: row.width - 2 * row.theme.spacing
        spacing: 2
        RowLayout {
            Layout.fillWidth: true
            Layout.maximumWidth: content.width
            Rectangle {
                width: 12; height: 12; radius: 6
                color: row.theme.toneColor(row.lastStatus === "RUNNING" ? "ok" : row.lastStatus === "STOPPED" ? "bad" : "busy")
            }
            Label {
                text: row.taskId
                font.bold: true
                font.pixelSize: row.theme.fontSize
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Label {
                text: row.lastStatus + (row.health && row.health !== "UNKNOWN" ? " · " + row.health : "")
                font.pixelSize: row.theme.smallFontSize
                color: row.theme.mutedText
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.maximumWidth: content.width
            font.pixelSize: row.theme.smallFontSize
            color: row.theme.mutedText
            wrapMode: Text.Wrap
            text: (row.serviceName ? qsTr("service %1 · ").arg(row.serviceName) : "")
                  + (row.startedAt && !isNaN(row.startedAt) ? qsTr("started %1").arg(Qt.formatDateTime(row.startedAt, "yyyy-MM-dd HH:mm")) : qsTr("not started"))
                  + (row.stoppedAt && !isNaN(row.stoppedAt) ? qsTr(" · stopped %1").arg(Qt.formatDateTime(row.stoppedAt, "yyyy-MM-dd HH:mm")) : "")
                  + (row.forgotten ? qsTr(" · no longer listed by ECS") : "")
        }
        Label {
            Layout.fillWidth: true
            Layout.maximumWidth: content.width
            visible: row.lastStatus !== "STOPPED"
            text: qsTr("private %1").arg(row.privateIp ? row.privateIp : "—") + " · "
                  + (row.ipState === "ready" ? qsTr("public %1").arg(row.publicIp) : row.ipStateText)
            font.pixelSize: row.theme.smallFontSize
            font.bold: row.ipState !== "ready"
            color: row.ipState === "changed" ? "#9a5b00" : row.theme.text
            wrapMode: Text.Wrap
        }
        Flow {
            Layout.fillWidth: true
            Layout.maximumWidth: content.width
            visible: row.lastStatus !== "STOPPED"
            spacing: row.theme.spacing / 2
            Button {
                visible: row.publicIp.length > 0
                text: qsTr("Copy IP")
                font.pixelSize: row.theme.smallFontSize
                Accessible.name: qsTr("Copy public IP %1").arg(row.publicIp)
                onClicked: row.copyRequested(row.publicIp)
            }
            Button {
                visible: row.urls.length > 0
                text: qsTr("Open")
                font.pixelSize: row.theme.smallFontSize
                Accessible.name: qsTr("Open %1 in the browser").arg(row.urls.length ? row.urls[0] : "")
                onClicked: Qt.openUrlExternally(row.urls[0])
            }
            Button {
                visible: row.logGroup.length > 0
                text: qsTr("Logs")
                font.pixelSize: row.theme.smallFontSize
                Accessible.name: qsTr("Show the logs of task %1").arg(row.taskId)
                onClicked: row.logsRequested(row.arn)
            }
        }
        Label {
            Layout.fillWidth: true
            Layout.maximumWidth: content.width
            visible: row.stopCause.length > 0
            text: "<b>" + row.stopCause + ":</b> " + row.stopExplanation
            textFormat: Text.StyledText
            wrapMode: Text.Wrap
            font.pixelSize: row.theme.smallFontSize
            color: "#8a2b2b"
        }
        RowLayout {
            visible: row.lastStatus === "STOPPED" && row.logGroup.length > 0
            Button {
                text: qsTr("Logs")
                font.pixelSize: row.theme.smallFontSize
                Accessible.name: qsTr("Show the logs of task %1").arg(row.taskId)
                onClicked: row.logsRequested(row.arn)
            }
        }
    }
    Rectangle { anchors.bottom: parent.bottom; width: parent.width; height: 1; color: row.theme.border }
}
