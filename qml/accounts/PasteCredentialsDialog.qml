import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

// Paste to connect: the Learner Lab block (AWS Details → AWS CLI → Show),
// a ~/.aws/credentials section or `export AWS_…=` lines.
Dialog {
    id: dialog

    property alias form: pasteForm

    title: Session.credentialsRejected ? qsTr("Paste fresh credentials") : qsTr("Connect an AWS account")
    modal: true
    focus: true
    width: Math.min(parent ? parent.width - 48 : 720, 720)
    anchors.centerIn: parent
    padding: 16
    closePolicy: Popup.CloseOnEscape

    onClosed: pasteForm.clear()

    PasteCredentialsForm {
        id: pasteForm
        onAccepted: dialog.close()
    }

    contentItem: ColumnLayout {
        spacing: 10

        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            text: Session.credentialsRejected
                  ? qsTr("Your lab session has ended. In the Learner Lab, start the lab again, open AWS Details → AWS CLI → Show, copy the whole block and paste it here. Nothing you were doing is lost.")
                  : qsTr("In the Learner Lab: AWS Details → AWS CLI → Show, copy the whole block and paste it here. A ~/.aws/credentials section or export AWS_… lines work too.")
        }

        ScrollView {
            Layout.fillWidth: true
            Layout.preferredHeight: 150

            TextArea {
                id: pasteArea
                objectName: "pasteArea"
                placeholderText: "[default]\naws_access_key_id=ASIA…\naws_secret_access_key=…\naws_session_token=…"
                font.family: "monospace"
                wrapMode: TextEdit.WrapAnywhere
                text: pasteForm.text
                onTextChanged: pasteForm.text = text
                Accessible.name: qsTr("Pasted credentials")
                focus: true
            }
        }

        Label {
            objectName: "understood"
            Layout.fillWidth: true
            visible: pasteForm.valid
            wrapMode: Text.WordWrap
            color: "#1d6b2c"
            text: qsTr("Understood: %1").arg(pasteForm.summaryText)
        }
        Label {
            objectName: "pasteError"
            Layout.fillWidth: true
            visible: pasteForm.errorText !== ""
            wrapMode: Text.WordWrap
            color: "#a3161b"
            text: pasteForm.errorText
        }

        RowLayout {
            Layout.fillWidth: true
            visible: !Session.credentialsRejected
            Label { text: qsTr("Save as") }
            TextField {
                Layout.fillWidth: true
                text: pasteForm.accountName
                onTextEdited: pasteForm.accountName = text
                Accessible.name: qsTr("Account name")
            }
        }

        Label {
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            opacity: 0.7
            text: qsTr("The secret key and session token are kept in your system keyring, never in a file.")
        }

        Frame {
            objectName: "keyringProblem"
            Layout.fillWidth: true
            visible: pasteForm.keyringProblem !== ""

            ColumnLayout {
                anchors.fill: parent
                Label {
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    color: "#7a4b00"
                    text: pasteForm.keyringProblem
                }
                Button {
                    objectName: "sessionOnlyButton"
                    text: qsTr("Use for this session only")
                    onClicked: pasteForm.submit(true)
                    Accessible.name: text
                }
            }
        }

        Label {
            Layout.fillWidth: true
            visible: pasteForm.submitError !== ""
            wrapMode: Text.WordWrap
            color: "#a3161b"
            text: pasteForm.submitError
        }

        RowLayout {
            Layout.fillWidth: true
            Item { Layout.fillWidth: true }
            BusyIndicator { running: pasteForm.busy; visible: running; implicitHeight: 28; implicitWidth: 28 }
            Button {
                text: qsTr("Cancel")
                onClicked: dialog.close()
            }
            Button {
                objectName: "connectButton"
                text: Session.credentialsRejected ? qsTr("Continue") : qsTr("Connect")
                highlighted: true
                enabled: pasteForm.valid && !pasteForm.busy
                onClicked: pasteForm.submit(false)
                Accessible.name: text
            }
        }
    }
}
