pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "View push commands": the docker lines the ECR console shows for one
// repository, each with copy. EcrWizard builds the text.
Rectangle {
    id: page
    required property var theme
    required property var wizard

    color: theme.panel
    border.color: theme.border
    radius: 4

    ScrollView {
        id: scroll
        anchors.fill: parent
        anchors.margins: page.theme.spacing * 2
        contentWidth: availableWidth

        ColumnLayout {
            width: scroll.availableWidth
            spacing: page.theme.spacing

            Label {
                text: qsTr("Push commands for %1").arg(page.wizard.commandsRepository)
                font.pixelSize: page.theme.fontSize + 4
                font.bold: true
                elide: Text.ElideMiddle
                Layout.fillWidth: true
            }
            Label {
                text: qsTr("With Docker and the AWS CLI installed, these push an image built from your Dockerfile. Deploy Console's own push needs neither.")
                color: page.theme.mutedText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            Repeater {
                model: page.wizard.commandLines
                delegate: ColumnLayout {
                    id: command
                    required property string modelData
                    required property int index
                    Layout.fillWidth: true
                    Layout.topMargin: page.theme.spacing
                    Label { text: page.wizard.commandHelp[command.index]; font.pixelSize: page.theme.fontSize; wrapMode: Text.Wrap; Layout.fillWidth: true }
                    RowLayout {
                        Layout.fillWidth: true
                        TextArea {
                            objectName: "ecrCommand" + command.index
                            text: command.modelData
                            readOnly: true
                            selectByMouse: true
                            wrapMode: TextEdit.WrapAnywhere
                            font.family: "monospace"
                            font.pixelSize: page.theme.fontSize
                            Layout.fillWidth: true
                            background: Rectangle { color: "#f0f2f5"; border.color: page.theme.border; radius: 3 }
                            Accessible.name: page.wizard.commandHelp[command.index]
                        }
                        Button {
                            text: qsTr("Copy")
                            Accessible.name: qsTr("Copy command %1").arg(command.index + 1)
                            onClicked: page.wizard.repositories.copyToClipboard(command.modelData)
                        }
                    }
                }
            }
            RowLayout {
                Layout.topMargin: page.theme.spacing
                Button {
                    objectName: "ecrCopyAllCommands"
                    text: qsTr("Copy all")
                    Accessible.name: qsTr("Copy all push commands")
                    onClicked: page.wizard.repositories.copyToClipboard(page.wizard.commandsText)
                }
                Button {
                    text: qsTr("Back to repositories")
                    Accessible.name: text
                    onClicked: page.wizard.showRepositories()
                }
            }
        }
    }
}
