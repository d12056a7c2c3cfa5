import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

ApplicationWindow {
    id: window

    width: 1280
    height: 800
    minimumWidth: 1024
    minimumHeight: 700
    visible: true
    title: Session.connected ? qsTr("Deploy Console — %1").arg(Session.displayName) : qsTr("Deploy Console")

    // No polling while nobody can see the window.
    onVisibilityChanged: (visibility) => LiveAccount.windowHidden = (visibility === Window.Minimized || visibility === Window.Hidden)

    header: ColumnLayout {
        spacing: 0

        ToolBar {
            objectName: "accountArea"
            Layout.fillWidth: true

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                anchors.rightMargin: 12
                spacing: 12

                Label {
                    text: qsTr("Deploy Console")
                    font.bold: true
                    font.pixelSize: 16
                }
                ToolSeparator {}
                AccountSwitcher {
                    Layout.fillWidth: true
                    onPasteRequested: pasteDialog.open()
                }
            }
        }

        // Always in plain sight on the sandbox: nothing here is real.
        Rectangle {
            objectName: "sandboxBanner"
            visible: Session.isSandbox
            Layout.fillWidth: true
            implicitHeight: sandboxText.implicitHeight + 12
            color: "#fff4d6"

            Label {
                id: sandboxText
                anchors.verticalCenter: parent.verticalCenter
                x: 12
                width: parent.width - 24
                wrapMode: Text.WordWrap
                color: "#5c4300"
                text: qsTr("Sandbox — simulated AWS; nothing here exists in a real account.")
            }
        }

        Rectangle {
            objectName: "expiryBanner"
            visible: Session.credentialsRejected
            Layout.fillWidth: true
            implicitHeight: Math.max(expiryText.implicitHeight, 40) + 12
            color: "#fde2e1"

            RowLayout {
                anchors.fill: parent
                anchors.leftMargin: 12
                anchors.rightMargin: 12

                Label {
                    id: expiryText
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: "#7a1410"
                    font.bold: true
                    text: qsTr("Your lab session has ended — paste fresh credentials. Everything you were doing waits and resumes.")
                }
                Button {
                    objectName: "pasteFreshButton"
                    text: qsTr("Paste fresh credentials…")
                    onClicked: pasteDialog.open()
                    Accessible.name: text
                }
            }
        }

        // What the student does, in the order of a class: look at the
        // account, deploy into it, push images, clean up.
        TabBar {
            id: areaTabs
            objectName: "areaTabs"
            visible: Session.connected
            Layout.fillWidth: true
            Accessible.name: qsTr("Areas")
            // Larger and bold: the areas read as the level above each area's own tabs.
            font.pixelSize: 15
            font.bold: true
            TabButton { objectName: "accountTab"; text: qsTr("Account"); Accessible.name: qsTr("Account: graph, browse, logs") }
            TabButton { objectName: "deployTab"; text: qsTr("Deploy"); Accessible.name: qsTr("Deploy: TaskOverflow in one click and the five wizards") }
            TabButton { objectName: "imagesTab"; text: qsTr("Images"); Accessible.name: qsTr("Images: ECR repositories and push") }
            TabButton { objectName: "cleanupTab"; text: qsTr("Clean up"); Accessible.name: qsTr("Clean up: delete what Deploy Console created") }
        }
    }

    /// Shows one area: "account", "deploy", "images" or "cleanup".
    function showArea(name) {
        areaTabs.currentIndex = ["account", "deploy", "images", "cleanup"].indexOf(name)
    }

    Item {
        id: resourceArea
        objectName: "resourceArea"
        anchors.fill: parent

        StackLayout {
            anchors.fill: parent
            visible: Session.connected
            currentIndex: areaTabs.currentIndex

            InventoryPage {
                objectName: "inventoryPage"
                models: LiveAccount.models
            }
            DeployArea {
                id: deployArea
                objectName: "deployArea"
                onShowAccount: window.showArea("account")
            }
            EcrArea {
                objectName: "ecrArea"
                // The pushed image goes straight into the task definition wizard.
                onUseImageRequested: (uri) => { deployArea.useImage(uri); window.showArea("deploy") }
            }
            CleanupArea {
                objectName: "cleanupArea"
            }
        }

        Column {
            visible: !Session.connected
            anchors.centerIn: parent
            spacing: 12
            width: Math.min(parent.width - 48, 560)

            Label {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                text: qsTr("No account connected")
                font.pixelSize: 22
            }
            Label {
                width: parent.width
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                opacity: 0.75
                text: qsTr("Connect an AWS account (for a Learner Lab: AWS Details → AWS CLI → Show, then paste the block) or use the sandbox, a simulated account that works offline.")
            }
        }
    }

    PasteCredentialsDialog {
        id: pasteDialog
        objectName: "pasteDialog"
    }

    footer: ToolBar {
        objectName: "statusBar"

        Label {
            objectName: "statusText"
            anchors.verticalCenter: parent.verticalCenter
            x: 12
            width: parent.width - 24
            elide: Text.ElideRight
            text: Session.statusText
        }
    }
}
