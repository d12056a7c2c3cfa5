pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model
import "../graph"

// The Images area: the account's ECR repositories and their images, a form
// to create one, a push page (file or Docker engine → ECR, no Docker
// needed) and the classic push commands. The page shown, the checks and
// every text come from EcrWizard (C++); this file binds and calls.
Page {
    id: area

    /// "Use in task definition" after a push: the image's URI.
    signal useImageRequested(string uri)

    property alias wizard: wizard

    Theme { id: theme }
    EcrWizard {
        id: wizard
        onUseImageRequested: (uri) => area.useImageRequested(uri)
    }

    background: Rectangle { color: theme.background }

    header: ToolBar {
        RowLayout {
            anchors.fill: parent
            anchors.leftMargin: theme.spacing
            anchors.rightMargin: theme.spacing
            spacing: theme.spacing

            Repeater {
                model: [
                    { page: "repositories", text: qsTr("Repositories"), name: "ecrRepositoriesButton", help: qsTr("Show the repositories and their images") },
                    { page: "create", text: qsTr("Create repository"), name: "ecrCreateButton", help: qsTr("Create an ECR repository") },
                    { page: "push", text: qsTr("Push an image"), name: "ecrPushButton", help: qsTr("Push an image from a file or a Docker engine") }
                ]
                delegate: TabButton {
                    required property var modelData
                    objectName: modelData.name
                    text: modelData.text
                    checked: wizard.page === modelData.page
                    font.pixelSize: theme.fontSize
                    Accessible.name: modelData.help
                    onClicked: {
                        if (modelData.page === "create") wizard.showCreate()
                        else if (modelData.page === "push") wizard.showPush()
                        else wizard.showRepositories()
                    }
                }
            }
            Item { Layout.fillWidth: true }
            BusyIndicator {
                running: wizard.repositories.loading || wizard.repositories.busy
                visible: running
                Layout.preferredHeight: 28
                Layout.preferredWidth: 28
            }
            Button {
                objectName: "ecrRefreshButton"
                text: qsTr("Refresh")
                font.pixelSize: theme.fontSize
                enabled: !wizard.repositories.loading
                Accessible.name: qsTr("Read the repositories again")
                onClicked: wizard.repositories.refresh()
            }
        }
    }

    StackLayout {
        anchors.fill: parent
        anchors.margins: theme.spacing
        currentIndex: wizard.pageIndex

        EcrRepositoriesView {
            objectName: "ecrRepositoriesView"
            theme: theme
            wizard: wizard
        }
        EcrCreateForm {
            objectName: "ecrCreateForm"
            theme: theme
            form: wizard.createForm
            onCancelled: wizard.showRepositories()
        }
        EcrPushPage {
            objectName: "ecrPushPage"
            theme: theme
            job: wizard.push
        }
        EcrPushCommands {
            objectName: "ecrPushCommands"
            theme: theme
            wizard: wizard
        }
    }

    EcrConfirmDialog {
        objectName: "ecrConfirmDialog"
        theme: theme
        repositories: wizard.repositories
    }
}
