import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model
import "../wizards"

// The Deploy area: TaskOverflow in one click, or the five wizards one by
// one in the practical's order. The flow (C++) holds the forms, the
// account's choices and the running plan.
Page {
    id: area
    signal showAccount()
    property alias flow: deployFlow
    property alias currentWizard: nav.currentIndex
    property WizardTheme theme: WizardTheme {}

    DeployFlow { id: deployFlow }
    // The account's choices are read the first time the area is shown.
    onVisibleChanged: if (visible) deployFlow.activate()
    Component.onCompleted: if (visible) deployFlow.activate()

    /// Opens the task definition wizard with this image (from the Images area).
    function useImage(uri) {
        deployFlow.taskDefinition.setValue("image", uri)
        deployFlow.taskDefinition.back()
        nav.currentIndex = 4
    }

    RowLayout {
        anchors.fill: parent
        spacing: 0

        Rectangle {
            Layout.preferredWidth: 230
            Layout.fillHeight: true
            color: "#f6f7f9"
            border.color: "#d0d4da"

            ColumnLayout {
                anchors.fill: parent
                anchors.margins: area.theme.spacing
                ListView {
                    id: nav
                    objectName: "wizardList"
                    Layout.fillWidth: true
                    Layout.fillHeight: true
                    clip: true
                    keyNavigationEnabled: true
                    Accessible.name: qsTr("Wizards")
                    model: [
                        qsTr("TaskOverflow in one click"),
                        qsTr("1. Security group"),
                        qsTr("2. Database (RDS PostgreSQL)"),
                        qsTr("3. ECS cluster"),
                        qsTr("4. Task definition"),
                        qsTr("5. Service")
                    ]
                    delegate: ItemDelegate {
                        required property int index
                        required property string modelData
                        width: ListView.view.width
                        text: modelData
                        highlighted: ListView.isCurrentItem
                        font.bold: index === 0
                        onClicked: nav.currentIndex = index
                        Accessible.name: modelData
                    }
                }
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: deployFlow.choicesError.length > 0 ? area.theme.error : area.theme.rule
                    font.pixelSize: 12
                    text: deployFlow.choicesError.length > 0 ? deployFlow.choicesError
                          : deployFlow.choicesLoading ? qsTr("Reading the account's choices…")
                          : qsTr("Choices read from the account.")
                }
                Button {
                    text: qsTr("Read the account again")
                    Layout.fillWidth: true
                    onClicked: deployFlow.refreshChoices()
                }
                Button {
                    text: qsTr("See it in the graph")
                    Layout.fillWidth: true
                    onClicked: area.showAccount()
                }
            }
        }

        StackLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: nav.currentIndex

            WizardPage {
                objectName: "practicalWizard"
                heading: qsTr("TaskOverflow, as the practical builds it")
                form: deployFlow.practical
                flow: deployFlow
                extra: Component {
                    ColumnLayout {
                        spacing: 4
                        Label { text: qsTr("This creates, in order:"); font.bold: true; Layout.topMargin: 8 }
                        Repeater {
                            model: deployFlow.practical.summary
                            delegate: Label {
                                required property string modelData
                                text: "• " + modelData
                                wrapMode: Text.Wrap
                                Layout.fillWidth: true
                            }
                        }
                        Label {
                            text: qsTr("Everything is tagged with the stack name, so Clean up removes it again. Safe to re-run: what exists with the same settings is reused.")
                            wrapMode: Text.Wrap
                            color: area.theme.rule
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            WizardPage {
                objectName: "securityGroupWizard"
                heading: qsTr("Create security group")
                form: deployFlow.securityGroup
                flow: deployFlow
                extra: Component { SecurityGroupRules { form: deployFlow.securityGroup } }
            }
            WizardPage {
                objectName: "databaseWizard"
                heading: qsTr("Create database — PostgreSQL")
                form: deployFlow.database
                flow: deployFlow
                extra: Component { DatabaseExtras { form: deployFlow.database } }
            }
            WizardPage {
                objectName: "clusterWizard"
                heading: qsTr("Create cluster — AWS Fargate")
                form: deployFlow.cluster
                flow: deployFlow
            }
            WizardPage {
                objectName: "taskDefinitionWizard"
                heading: qsTr("Create task definition — Fargate")
                form: deployFlow.taskDefinition
                flow: deployFlow
                extra: Component { TaskDefinitionExtras { form: deployFlow.taskDefinition; flow: deployFlow } }
            }
            WizardPage {
                objectName: "serviceWizard"
                heading: qsTr("Create service")
                form: deployFlow.service
                flow: deployFlow
            }
        }
    }
}
