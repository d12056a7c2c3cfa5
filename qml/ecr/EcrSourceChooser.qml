pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts

// Step 1 of a push: a file (docker save / OCI archive), an OCI layout
// folder, or an image in a local Docker engine.
ColumnLayout {
    id: chooser
    required property var theme
    required property var job
    readonly property bool fromEngine: job.sourceKind === "engine"
    spacing: theme.spacing

    Label { text: qsTr("1. The image"); font.pixelSize: chooser.theme.fontSize + 2; font.bold: true }
    RowLayout {
        spacing: chooser.theme.spacing
        RadioButton {
            objectName: "ecrSourceFile"
            text: qsTr("A file or folder")
            checked: !chooser.fromEngine
            Accessible.name: qsTr("Push from a file or folder")
            onToggled: chooser.job.sourceKind = "file"
        }
        RadioButton {
            objectName: "ecrSourceEngine"
            text: qsTr("A Docker engine")
            checked: chooser.fromEngine
            Accessible.name: qsTr("Push from a local Docker engine")
            onToggled: chooser.job.sourceKind = "engine"
        }
    }

    // From a file or folder.
    Label {
        visible: !chooser.fromEngine
        text: qsTr("A `docker save` or `podman save` tarball, an OCI archive, or an OCI image layout folder:")
        color: chooser.theme.mutedText
        font.pixelSize: chooser.theme.smallFontSize
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    RowLayout {
        visible: !chooser.fromEngine
        Layout.fillWidth: true
        TextField {
            objectName: "ecrSourcePath"
            text: chooser.job.sourcePath
            placeholderText: qsTr("/home/you/app.tar")
            Layout.fillWidth: true
            Accessible.name: qsTr("Image file or folder")
            onTextEdited: chooser.job.sourcePath = text
            onAccepted: chooser.job.loadSource()
        }
        Button {
            objectName: "ecrSourceRead"
            text: qsTr("Read")
            enabled: chooser.job.sourceState !== "loading"
            Accessible.name: qsTr("Read the image and list its layers")
            onClicked: chooser.job.loadSource()
        }
    }
    RowLayout {
        visible: !chooser.fromEngine
        Button { text: qsTr("Choose file…"); Accessible.name: qsTr("Choose an image tarball"); onClicked: fileDialog.open() }
        Button { text: qsTr("Choose folder…"); Accessible.name: qsTr("Choose an OCI layout folder"); onClicked: folderDialog.open() }
    }
    RowLayout {
        visible: !chooser.fromEngine && chooser.job.sourceImages.length > 0
        Label { text: qsTr("Image in the tarball:") }
        ComboBox {
            objectName: "ecrSourceImagePicker"
            model: chooser.job.sourceImages
            currentIndex: chooser.job.sourceImages.indexOf(chooser.job.sourceImage)
            Layout.fillWidth: true
            Accessible.name: qsTr("Image in the tarball")
            onActivated: chooser.job.sourceImage = currentText
        }
    }

    // From a Docker engine.
    Label {
        objectName: "ecrEngineText"
        visible: chooser.fromEngine
        text: chooser.job.engineText
        wrapMode: Text.Wrap
        color: chooser.job.engineState === "absent" ? "#9a5b00" : chooser.theme.text
        Layout.fillWidth: true
    }
    RowLayout {
        visible: chooser.fromEngine
        Layout.fillWidth: true
        ComboBox {
            objectName: "ecrEngineImages"
            visible: chooser.job.engineImages.length > 0
            model: chooser.job.engineImages
            currentIndex: chooser.job.engineImages.indexOf(chooser.job.engineImage)
            Layout.fillWidth: true
            Accessible.name: qsTr("Image in the Docker engine")
            onActivated: chooser.job.engineImage = currentText
        }
        Button {
            objectName: "ecrEngineLookAgain"
            text: qsTr("Look again")
            Accessible.name: qsTr("Look for the Docker engine again")
            onClicked: chooser.job.refreshEngine()
        }
        Button {
            objectName: "ecrEngineRead"
            visible: chooser.job.engineImages.length > 0
            text: qsTr("Read")
            enabled: chooser.job.sourceState !== "loading"
            Accessible.name: qsTr("Export the image from the engine and list its layers")
            onClicked: chooser.job.loadSource()
        }
        Button {
            visible: chooser.job.engineState === "absent"
            text: qsTr("Use a file instead")
            Accessible.name: text
            onClicked: chooser.job.sourceKind = "file"
        }
    }

    BusyIndicator { visible: chooser.job.sourceState === "loading"; running: visible; Layout.preferredHeight: 32; Layout.preferredWidth: 32 }
    EcrMessage { objectName: "ecrSourceError"; theme: chooser.theme; text: chooser.job.sourceError; Layout.fillWidth: true }
    Label {
        objectName: "ecrSourceSummary"
        text: chooser.job.sourceSummary
        visible: text.length > 0
        font.bold: true
        wrapMode: Text.Wrap
        Layout.fillWidth: true
    }
    EcrMessage { theme: chooser.theme; kind: "warning"; text: chooser.job.architectureWarning; Layout.fillWidth: true }

    FileDialog {
        id: fileDialog
        title: qsTr("Choose an image tarball")
        nameFilters: [qsTr("Image archives (*.tar *.tar.gz *.tgz)"), qsTr("All files (*)")]
        onAccepted: chooser.job.chooseFile(selectedFile)
    }
    FolderDialog {
        id: folderDialog
        title: qsTr("Choose an OCI image layout folder")
        onAccepted: chooser.job.chooseFile(selectedFolder)
    }
}
