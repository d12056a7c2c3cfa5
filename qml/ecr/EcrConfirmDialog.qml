import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Asks before anything is deleted, naming what goes. Shown while the
// repository model holds a question.
Dialog {
    id: dialog
    required property var theme
    required property var repositories

    parent: Overlay.overlay
    anchors.centerIn: parent
    width: Math.min(520, parent ? parent.width - 40 : 520)
    modal: true
    closePolicy: Popup.CloseOnEscape
    visible: repositories.confirmationText.length > 0
    title: repositories.confirmationTitle
    onClosed: if (repositories.confirmationText.length > 0) repositories.cancelConfirmation()

    contentItem: Label {
        text: dialog.repositories.confirmationText
        wrapMode: Text.Wrap
        font.pixelSize: dialog.theme.fontSize
    }
    footer: RowLayout {
        spacing: dialog.theme.spacing
        Item { Layout.fillWidth: true }
        Button {
            objectName: "ecrConfirmCancel"
            text: qsTr("Keep it")
            Accessible.name: qsTr("Cancel, delete nothing")
            onClicked: dialog.repositories.cancelConfirmation()
        }
        Button {
            objectName: "ecrConfirmDelete"
            text: dialog.repositories.confirmationAction
            Accessible.name: text
            palette.button: "#c83b3b"
            palette.buttonText: "white"
            Layout.rightMargin: dialog.theme.spacing * 2
            Layout.bottomMargin: dialog.theme.spacing * 2
            onClicked: dialog.repositories.confirm()
        }
    }
}
