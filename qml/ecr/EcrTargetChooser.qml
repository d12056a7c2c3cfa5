pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Step 2 of a push: the repository (an existing one, or a new name that is
// created on the way) and the tag, each checked as typed.
ColumnLayout {
    id: target
    required property var theme
    required property var job
    spacing: theme.spacing

    Label { text: qsTr("2. Where it goes"); font.pixelSize: target.theme.fontSize + 2; font.bold: true }
    Label { text: qsTr("Repository"); font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        TextField {
            objectName: "ecrPushRepository"
            text: target.job.repository
            placeholderText: qsTr("an existing repository or a new name")
            Layout.fillWidth: true
            Accessible.name: qsTr("Repository")
            onTextEdited: target.job.repository = text
        }
        ComboBox {
            objectName: "ecrPushRepositoryPicker"
            model: target.job.knownRepositories
            enabled: count > 0
            displayText: qsTr("Existing…")
            Layout.preferredWidth: 130
            Accessible.name: qsTr("Pick an existing repository")
            onActivated: target.job.repository = currentText
        }
    }
    EcrFieldNote {
        theme: target.theme
        rule: target.job.repositoryNote.length > 0 ? target.job.repositoryNote : target.job.repositoryRule
        error: target.job.repositoryError
        Layout.fillWidth: true
    }
    Label { text: qsTr("Tag"); font.bold: true }
    TextField {
        objectName: "ecrPushTag"
        text: target.job.tag
        Layout.preferredWidth: 220
        Accessible.name: qsTr("Tag")
        onTextEdited: target.job.tag = text
    }
    EcrFieldNote {
        objectName: "ecrPushTagNote"
        theme: target.theme
        rule: target.job.tagRule
        error: target.job.tagError
        Layout.fillWidth: true
    }
    Label {
        visible: target.job.targetUri.length > 0
        text: qsTr("The image will be %1").arg(target.job.targetUri)
        font.family: "monospace"
        font.pixelSize: target.theme.smallFontSize
        wrapMode: Text.WrapAnywhere
        Layout.fillWidth: true
    }
}
