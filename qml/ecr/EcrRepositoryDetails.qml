pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The selected repository: its URI (copy), settings, images (tag, digest,
// size, pushed at; tick to delete) and what can be done with it.
Rectangle {
    id: details
    required property var theme
    required property var wizard
    readonly property var repositories: wizard.repositories
    readonly property var repo: repositories.selected
    readonly property bool hasRepo: repo.name !== undefined

    objectName: "ecrRepositoryDetails"
    color: theme.panel
    border.color: theme.border
    radius: 4

    Label {
        visible: !details.hasRepo
        anchors.centerIn: parent
        width: parent.width - details.theme.spacing * 4
        horizontalAlignment: Text.AlignHCenter
        wrapMode: Text.Wrap
        text: qsTr("Select a repository to see its images.")
        color: details.theme.mutedText
    }

    ColumnLayout {
        visible: details.hasRepo
        anchors.fill: parent
        anchors.margins: details.theme.spacing * 1.5
        spacing: details.theme.spacing

        Label {
            text: details.hasRepo ? details.repo.name : ""
            font.pixelSize: details.theme.fontSize + 4
            font.bold: true
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        RowLayout {
            Layout.fillWidth: true
            TextField {
                objectName: "ecrRepositoryUri"
                text: details.hasRepo ? details.repo.uri : ""
                readOnly: true
                selectByMouse: true
                font.family: "monospace"
                font.pixelSize: details.theme.smallFontSize + 1
                Layout.fillWidth: true
                Accessible.name: qsTr("Repository URI")
            }
            Button {
                text: qsTr("Copy URI")
                font.pixelSize: details.theme.fontSize
                Accessible.name: qsTr("Copy the repository URI")
                onClicked: details.repositories.copyToClipboard(details.repo.uri)
            }
        }
        Label {
            text: details.hasRepo ? details.repo.settingsText + " · " + qsTr("created %1").arg(details.repo.createdAt) : ""
            color: details.theme.mutedText
            font.pixelSize: details.theme.fontSize
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        Flow {
            Layout.fillWidth: true
            spacing: details.theme.spacing
            Button {
                objectName: "ecrPushHereButton"
                text: qsTr("Push an image here")
                highlighted: true
                font.pixelSize: details.theme.fontSize
                Accessible.name: qsTr("Push an image into %1").arg(details.repo.name)
                onClicked: details.wizard.showPush(details.repo.name)
            }
            Button {
                objectName: "ecrViewCommandsButton"
                text: qsTr("View push commands")
                font.pixelSize: details.theme.fontSize
                Accessible.name: qsTr("View the docker push commands for %1").arg(details.repo.name)
                onClicked: details.wizard.showPushCommands(details.repo.name)
            }
            Button {
                objectName: "ecrDeleteImagesButton"
                text: qsTr("Delete ticked images (%1)").arg(details.repositories.checkedDigests.length)
                enabled: details.repositories.checkedDigests.length > 0 && !details.repositories.busy
                font.pixelSize: details.theme.fontSize
                Accessible.name: qsTr("Delete the ticked images")
                onClicked: details.repositories.askDeleteCheckedImages()
            }
            Button {
                objectName: "ecrDeleteRepositoryButton"
                text: qsTr("Delete repository…")
                enabled: !details.repositories.busy
                font.pixelSize: details.theme.fontSize
                Accessible.name: qsTr("Delete the repository %1 and its images").arg(details.repo.name)
                onClicked: details.repositories.askDeleteRepository(details.repo.name)
            }
        }

        Label {
            text: qsTr("Images")
            font.pixelSize: details.theme.fontSize + 1
            font.bold: true
        }
        // Column headings, aligned with EcrImageRow.
        RowLayout {
            Layout.fillWidth: true
            spacing: details.theme.spacing
            Item { Layout.preferredWidth: 32 }
            Label { text: qsTr("Tags"); font.bold: true; font.pixelSize: details.theme.smallFontSize; Layout.fillWidth: true; Layout.preferredWidth: 3 }
            Label { text: qsTr("Digest"); font.bold: true; font.pixelSize: details.theme.smallFontSize; Layout.preferredWidth: 110 }
            Label { text: qsTr("Size"); font.bold: true; font.pixelSize: details.theme.smallFontSize; Layout.preferredWidth: 70 }
            Label { text: qsTr("Pushed at"); font.bold: true; font.pixelSize: details.theme.smallFontSize; Layout.preferredWidth: 120 }
            Item { Layout.preferredWidth: 64 }
        }
        ListView {
            id: images
            objectName: "ecrImageList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: details.hasRepo ? details.repo.images : []
            Accessible.name: qsTr("Images in %1").arg(details.repo.name)
            Accessible.role: Accessible.List
            ScrollBar.vertical: ScrollBar {}
            Label {
                visible: images.count === 0
                text: qsTr("No images yet. Push one: from a file, a Docker engine, or with the push commands.")
                color: details.theme.mutedText
                wrapMode: Text.Wrap
                width: images.width
            }
            delegate: EcrImageRow {
                width: ListView.view.width
                theme: details.theme
                repositories: details.repositories
            }
        }
    }
}
