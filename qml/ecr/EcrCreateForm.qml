pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// "Create repository": name (checked as typed, rule always shown), tag
// mutability, scan on push, encryption. EcrRepositoryForm holds the values
// and the checks.
Rectangle {
    id: page
    required property var theme
    required property var form
    signal cancelled()

    color: theme.panel
    border.color: theme.border
    radius: 4

    ScrollView {
        id: scroll
        anchors.fill: parent
        anchors.margins: page.theme.spacing * 2
        contentWidth: availableWidth

        ColumnLayout {
            width: Math.min(scroll.availableWidth, 720)
            spacing: page.theme.spacing

            Label {
                text: qsTr("Create a repository")
                font.pixelSize: page.theme.fontSize + 4
                font.bold: true
            }
            Label {
                text: qsTr("A repository holds the versions (tags) of one image, such as your app's web server.")
                color: page.theme.mutedText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            Label { text: qsTr("Repository name"); font.bold: true; Layout.topMargin: page.theme.spacing }
            TextField {
                id: nameField
                objectName: "ecrNameField"
                text: page.form.name
                placeholderText: qsTr("for example team/web-app")
                Layout.fillWidth: true
                Accessible.name: qsTr("Repository name")
                Accessible.description: nameNote.text
                onTextEdited: page.form.name = text
            }
            EcrFieldNote {
                id: nameNote
                objectName: "ecrNameNote"
                theme: page.theme
                rule: page.form.nameRule
                error: page.form.nameError
                Layout.fillWidth: true
            }

            Label { text: qsTr("Tag mutability"); font.bold: true; Layout.topMargin: page.theme.spacing }
            Repeater {
                model: page.form.tagMutabilityOptions
                delegate: RadioButton {
                    id: choice
                    required property var modelData
                    objectName: "ecrMutability" + modelData.value
                    text: modelData.text + " — " + modelData.help
                    checked: page.form.tagMutability === modelData.value
                    Layout.fillWidth: true
                    Accessible.name: modelData.text
                    onToggled: page.form.tagMutability = modelData.value
                    contentItem: Label {
                        leftPadding: choice.indicator.width + choice.spacing
                        text: choice.text
                        wrapMode: Text.Wrap
                        verticalAlignment: Text.AlignVCenter
                    }
                }
            }

            CheckBox {
                objectName: "ecrScanOnPush"
                text: qsTr("Scan images for known vulnerabilities when they are pushed")
                checked: page.form.scanOnPush
                Layout.topMargin: page.theme.spacing
                Accessible.name: qsTr("Scan on push")
                onToggled: page.form.scanOnPush = checked
            }

            Label { text: qsTr("Encryption"); font.bold: true; Layout.topMargin: page.theme.spacing }
            ComboBox {
                objectName: "ecrEncryption"
                model: page.form.encryptionOptions
                textRole: "text"
                valueRole: "value"
                currentIndex: indexOfValue(page.form.encryption)
                Layout.preferredWidth: 320
                Accessible.name: qsTr("Encryption")
                onActivated: page.form.encryption = currentValue
            }
            TextField {
                objectName: "ecrKmsKey"
                visible: page.form.encryption === "KMS"
                text: page.form.kmsKey
                placeholderText: qsTr("KMS key ARN or alias (empty: the account's aws/ecr key)")
                Layout.fillWidth: true
                Accessible.name: qsTr("KMS key")
                onTextEdited: page.form.kmsKey = text
            }
            Label {
                text: page.form.encryptionHelp
                color: page.theme.mutedText
                font.pixelSize: page.theme.smallFontSize
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }

            EcrMessage { objectName: "ecrCreateError"; theme: page.theme; text: page.form.error; Layout.fillWidth: true }

            RowLayout {
                Layout.topMargin: page.theme.spacing
                spacing: page.theme.spacing
                Button {
                    objectName: "ecrCreateSubmit"
                    text: page.form.busy ? qsTr("Creating…") : qsTr("Create repository")
                    highlighted: true
                    enabled: page.form.valid && !page.form.busy
                    Accessible.name: qsTr("Create the repository")
                    onClicked: page.form.create()
                }
                Button {
                    text: qsTr("Cancel")
                    Accessible.name: qsTr("Back to the repositories, keeping what you typed")
                    onClicked: page.cancelled()
                }
            }
        }
    }
}
