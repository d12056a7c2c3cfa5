import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One layer: which, its size, what is happening to it, its own bar.
ColumnLayout {
    id: row
    required property var theme
    required property string title
    required property string shortDigest
    required property string sizeText
    required property string layerState
    required property string stateText
    required property real fraction
    required property string progressText
    spacing: 2
    Accessible.name: qsTr("%1, %2: %3").arg(title).arg(sizeText).arg(stateText)

    RowLayout {
        Layout.fillWidth: true
        Label { text: row.title; font.bold: true; font.pixelSize: row.theme.fontSize }
        Label { text: row.shortDigest; font.family: "monospace"; font.pixelSize: row.theme.smallFontSize; color: row.theme.mutedText }
        Item { Layout.fillWidth: true }
        Label { text: row.progressText; font.pixelSize: row.theme.smallFontSize }
    }
    ProgressBar {
        value: row.fraction
        Layout.fillWidth: true
    }
    Label {
        text: row.stateText
        font.pixelSize: row.theme.smallFontSize
        color: row.layerState === "failed" ? "#b3261e" : row.layerState === "done" || row.layerState === "skipped" || row.layerState === "mounted" ? "#1e6b35" : row.theme.mutedText
    }
}
