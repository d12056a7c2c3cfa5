import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// After a push: the image URI and digest with copy, and the way into the
// task definition wizard.
ColumnLayout {
    id: result
    required property var theme
    required property var job
    spacing: theme.spacing / 2

    Label { text: qsTr("Image URI"); font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        // Wrapped rather than scrolled, so the whole value is in sight.
        TextArea {
            objectName: "ecrPushedUri"
            wrapMode: TextEdit.WrapAnywhere
            background: Rectangle { color: "#f0f2f5"; border.color: result.theme.border; radius: 3 }
            text: result.job.imageUri
            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            font.pixelSize: result.theme.smallFontSize + 1
            Layout.fillWidth: true
            Accessible.name: qsTr("Pushed image URI")
        }
        Button { text: qsTr("Copy"); Accessible.name: qsTr("Copy the image URI"); onClicked: result.job.copyToClipboard(result.job.imageUri) }
    }
    Label { text: qsTr("Digest"); font.bold: true }
    RowLayout {
        Layout.fillWidth: true
        // Wrapped rather than scrolled, so the whole value is in sight.
        TextArea {
            objectName: "ecrPushedDigest"
            wrapMode: TextEdit.WrapAnywhere
            background: Rectangle { color: "#f0f2f5"; border.color: result.theme.border; radius: 3 }
            text: result.job.digest
            readOnly: true
            selectByMouse: true
            font.family: "monospace"
            font.pixelSize: result.theme.smallFontSize
            Layout.fillWidth: true
            Accessible.name: qsTr("Pushed image digest")
        }
        Button { text: qsTr("Copy"); Accessible.name: qsTr("Copy the digest"); onClicked: result.job.copyToClipboard(result.job.digest) }
    }
    RowLayout {
        Layout.topMargin: result.theme.spacing
        Button {
            objectName: "ecrUseInTaskDefinition"
            text: qsTr("Use in a task definition")
            highlighted: true
            Accessible.name: qsTr("Open the task definition wizard with this image")
            onClicked: result.job.useInTaskDefinition()
        }
        Button {
            objectName: "ecrPushAnother"
            text: qsTr("Push another")
            Accessible.name: qsTr("Push another image")
            onClicked: result.job.pushAnother()
        }
    }
}
