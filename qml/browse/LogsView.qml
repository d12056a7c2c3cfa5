import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A task's awslogs stream, following new lines until stopped.
Rectangle {
    id: view
    required property var theme
    required property var logs
    color: theme.panel
    Accessible.name: qsTr("Logs")

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: view.theme.spacing
        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: view.logs && view.logs.logStream
                      ? view.logs.logGroup + " › " + view.logs.logStream
                      : qsTr("Choose a task's “Logs” in Browse or the graph.")
                elide: Text.ElideMiddle
                font.pixelSize: view.theme.fontSize
            }
            Switch {
                text: qsTr("Follow")
                enabled: view.logs !== null
                checked: view.logs ? view.logs.following : false
                Accessible.name: qsTr("Follow new log lines")
                onToggled: view.logs.following = checked
            }
            Button {
                text: qsTr("Copy all")
                enabled: view.logs && view.logs.count > 0
                Accessible.name: qsTr("Copy every log line")
                onClicked: view.logs.copyAll()
            }
        }
        Label {
            visible: view.logs && view.logs.error.length > 0
            text: view.logs ? view.logs.error : ""
            color: "#8a2b2b"
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ListView {
            id: lines
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: view.logs
            activeFocusOnTab: true
            Accessible.name: qsTr("Log lines")
            ScrollBar.vertical: ScrollBar {}
            onCountChanged: if (view.logs && view.logs.following) positionViewAtEnd()
            delegate: Text {
                required property var time
                required property string message
                width: ListView.view.width
                text: Qt.formatDateTime(time, "HH:mm:ss") + "  " + message
                font.family: "monospace"
                font.pixelSize: view.theme.smallFontSize + 1
                wrapMode: Text.WrapAnywhere
                color: view.theme.text
            }
        }
    }
}
