import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

ApplicationWindow {
    id: window
    width: 1280
    height: 800
    visible: true
    title: qsTr("Deploy Console")

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            Label {
                text: qsTr("Account: none")
                Layout.leftMargin: 12
            }
            Item { Layout.fillWidth: true }
        }
    }

    Label {
        anchors.centerIn: parent
        text: qsTr("No account connected")
        font.pixelSize: 22
    }

    footer: ToolBar {
        Label {
            text: qsTr("Ready")
            anchors.verticalCenter: parent.verticalCenter
            x: 12
        }
    }
}
