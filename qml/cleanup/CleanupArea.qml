pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model
import "../wizards"

// Clean up when class ends: read what a stack consists of, confirm each
// database by name, delete everything in dependency order, and read the
// account again for the final word. The flow (C++) decides; this shows it.
Page {
    id: area
    property alias flow: cleanup
    property WizardTheme theme: WizardTheme {}

    CleanupFlow { id: cleanup }

    header: Label {
        text: qsTr("Clean up")
        font.pixelSize: 18
        font.bold: true
        padding: area.theme.spacing * 2
        bottomPadding: 0
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: area.theme.spacing * 2
        spacing: area.theme.spacing

        RowLayout {
            Layout.fillWidth: true
            RadioButton {
                id: oneStack
                text: qsTr("The stack")
                checked: cleanup.stack.length > 0
                onClicked: cleanup.stack = stackName.text
            }
            TextField {
                id: stackName
                objectName: "stackName"
                text: "taskoverflow"
                enabled: oneStack.checked
                Layout.preferredWidth: 200
                Accessible.name: qsTr("Stack name")
                onTextEdited: cleanup.stack = text
            }
            RadioButton {
                objectName: "everythingButton"
                text: qsTr("Everything Deploy Console created")
                checked: cleanup.stack.length === 0
                onClicked: cleanup.stack = ""
            }
            Item { Layout.fillWidth: true }
            Button {
                objectName: "scanButton"
                text: cleanup.phase === "scanning" ? qsTr("Reading…") : qsTr("Find what to delete")
                enabled: cleanup.phase !== "scanning" && cleanup.phase !== "running" && cleanup.phase !== "reporting"
                onClicked: cleanup.scan()
            }
        }
        Label {
            visible: cleanup.error.length > 0
            text: cleanup.error
            color: area.theme.error
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }

        // What was found, and the confirmations the deletion needs.
        ColumnLayout {
            visible: cleanup.phase === "scanned"
            Layout.fillWidth: true
            Layout.fillHeight: true
            Label {
                font.bold: true
                text: cleanup.found.length === 0 ? qsTr("Nothing found: the account holds nothing of this stack.")
                                                 : qsTr("Found %1 resource(s) to delete:").arg(cleanup.found.length)
            }
            ListView {
                objectName: "foundList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                Layout.minimumHeight: 80
                clip: true
                model: cleanup.found
                delegate: Label {
                    required property var modelData
                    width: ListView.view.width
                    text: "• " + modelData.kind + "  " + modelData.name
                    elide: Text.ElideRight
                }
            }
            Repeater {
                model: cleanup.databases
                delegate: RowLayout {
                    id: dbRow
                    required property var modelData
                    Layout.fillWidth: true
                    Label {
                        text: dbRow.modelData.confirmed
                              ? qsTr("Database %1 will be deleted without a final snapshot.").arg(dbRow.modelData.name)
                              : qsTr("Database %1 holds data: type its name to delete it without a final snapshot").arg(dbRow.modelData.name)
                        color: dbRow.modelData.confirmed ? area.theme.error : "#333333"
                        wrapMode: Text.Wrap
                        Layout.fillWidth: true
                    }
                    TextField {
                        objectName: "confirmDb_" + dbRow.modelData.name
                        visible: !dbRow.modelData.confirmed
                        placeholderText: dbRow.modelData.name
                        Layout.preferredWidth: 180
                        Accessible.name: qsTr("Type %1 to confirm").arg(dbRow.modelData.name)
                        onTextEdited: if (text === dbRow.modelData.name) cleanup.confirmDatabase(dbRow.modelData.name, text)
                    }
                }
            }
            Repeater {
                model: cleanup.kept
                delegate: Label {
                    required property string modelData
                    text: qsTr("Kept: %1").arg(modelData)
                    color: area.theme.rule
                    wrapMode: Text.Wrap
                    Layout.fillWidth: true
                }
            }
            RowLayout {
                Button {
                    objectName: "deleteButton"
                    text: qsTr("Delete")
                    enabled: cleanup.found.length > 0
                    highlighted: true
                    onClicked: runError.text = cleanup.run()
                    Accessible.name: qsTr("Delete what was found")
                }
                Label { id: runError; color: area.theme.error; Layout.fillWidth: true; wrapMode: Text.Wrap }
            }
        }

        PlanProgressView {
            visible: cleanup.phase === "running" || cleanup.phase === "reporting" || cleanup.phase === "done"
            Layout.fillWidth: true
            Layout.fillHeight: true
            progress: cleanup.progress
            backText: qsTr("Read the account again")
            onEditRequested: cleanup.scan()
        }
        Label {
            objectName: "finalReport"
            visible: cleanup.phase === "done" || cleanup.phase === "reporting"
            Layout.fillWidth: true
            wrapMode: Text.Wrap
            font.bold: true
            text: cleanup.phase === "reporting" ? qsTr("Reading the account again to check…") : cleanup.finalReport
        }
        Item { Layout.fillHeight: true; visible: cleanup.phase === "idle" || cleanup.phase === "scanning" }
    }
}
