import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One image of a repository: tick, tags, digest, size, pushed at, actions.
RowLayout {
    id: row
    required property var modelData
    required property var theme
    required property var repositories

    spacing: theme.spacing

    CheckBox {
        checked: row.modelData.checked
        Layout.preferredWidth: 32
        Accessible.name: qsTr("Tick image %1 for deletion").arg(row.modelData.tagsText)
        onToggled: row.repositories.setImageChecked(row.modelData.digest, checked)
    }
    Label {
        text: row.modelData.tagsText
        font.pixelSize: row.theme.fontSize
        font.bold: row.modelData.tags.length > 0
        elide: Text.ElideRight
        Layout.fillWidth: true
        Layout.preferredWidth: 3
    }
    Label {
        text: row.modelData.shortDigest
        font.family: "monospace"
        font.pixelSize: row.theme.smallFontSize
        Layout.preferredWidth: 110
        ToolTip.text: row.modelData.digest
        ToolTip.visible: digestArea.containsMouse
        MouseArea { id: digestArea; anchors.fill: parent; hoverEnabled: true }
    }
    Label { text: row.modelData.sizeText; font.pixelSize: row.theme.fontSize; Layout.preferredWidth: 70 }
    Label { text: row.modelData.pushedAt; font.pixelSize: row.theme.smallFontSize; color: row.theme.mutedText; Layout.preferredWidth: 120 }
    ToolButton {
        text: qsTr("Copy")
        font.pixelSize: row.theme.smallFontSize
        Layout.preferredWidth: 64
        Accessible.name: qsTr("Copy the image URI of %1").arg(row.modelData.tagsText)
        onClicked: row.repositories.copyToClipboard(row.modelData.uri)
    }
}
