pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The image's layers with their sizes and progress, the overall progress
// (bytes, rate, time left), and at the end the image URI and digest.
Rectangle {
    id: panel
    required property var theme
    required property var job

    color: theme.panel
    border.color: theme.border
    radius: 4

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: panel.theme.spacing * 1.5
        spacing: panel.theme.spacing

        Label {
            text: qsTr("Layers") + (layerList.count ? " (" + layerList.count + ")" : "")
            font.pixelSize: panel.theme.fontSize + 2
            font.bold: true
        }
        ListView {
            id: layerList
            objectName: "ecrLayerList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: panel.theme.spacing
            model: panel.job.layers
            Accessible.name: qsTr("Layers of the image")
            Accessible.role: Accessible.List
            ScrollBar.vertical: ScrollBar {}
            Label {
                visible: layerList.count === 0
                width: layerList.width
                text: qsTr("Choose an image and press Read: its layers show here with their sizes.")
                color: panel.theme.mutedText
                wrapMode: Text.Wrap
            }
            delegate: EcrLayerRow {
                width: ListView.view.width
                theme: panel.theme
            }
        }

        // Overall progress.
        Label {
            objectName: "ecrPushStateText"
            text: panel.job.stateText
            visible: text.length > 0
            font.bold: true
            wrapMode: Text.Wrap
            Layout.fillWidth: true
        }
        ProgressBar {
            objectName: "ecrPushProgressBar"
            visible: panel.job.state !== "idle"
            value: panel.job.progress
            indeterminate: panel.job.state === "pushing" && panel.job.progressText.length === 0
            Layout.fillWidth: true
            Accessible.name: qsTr("Push progress")
        }
        Label {
            objectName: "ecrPushProgressText"
            text: panel.job.progressText
            visible: text.length > 0 && panel.job.state !== "idle"
            font.pixelSize: panel.theme.fontSize
            Layout.fillWidth: true
        }
        EcrMessage { objectName: "ecrPushError"; theme: panel.theme; text: panel.job.error; Layout.fillWidth: true }

        EcrPushResult {
            visible: panel.job.state === "done"
            theme: panel.theme
            job: panel.job
            Layout.fillWidth: true
        }
    }
}
