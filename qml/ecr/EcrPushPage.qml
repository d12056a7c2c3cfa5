pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// Push an image: choose the source and where it goes on the left; the
// layers, the progress and the result on the right. EcrPushJob (C++)
// checks, pushes and words everything.
RowLayout {
    id: page
    required property var theme
    required property var job
    readonly property bool pushing: job.state === "pushing"
    spacing: theme.spacing

    Rectangle {
        Layout.preferredWidth: Math.max(400, page.width * 0.48)
        Layout.fillHeight: true
        color: page.theme.panel
        border.color: page.theme.border
        radius: 4

        ColumnLayout {
            anchors.fill: parent
            anchors.margins: page.theme.spacing * 1.5
            spacing: page.theme.spacing

            ScrollView {
                id: scroll
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: availableWidth
                clip: true

                ColumnLayout {
                    width: scroll.availableWidth
                    spacing: page.theme.spacing

                    EcrSourceChooser {
                        theme: page.theme
                        job: page.job
                        enabled: !page.pushing
                        Layout.fillWidth: true
                    }
                    EcrTargetChooser {
                        theme: page.theme
                        job: page.job
                        enabled: !page.pushing
                        Layout.fillWidth: true
                        Layout.topMargin: page.theme.spacing
                    }
                }
            }
            // Always in sight, however long the choices above grow.
            Label {
                objectName: "ecrPushAttention"
                text: page.job.attention
                visible: text.length > 0 && !page.pushing
                color: page.theme.mutedText
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                spacing: page.theme.spacing
                Button {
                    objectName: "ecrPushStart"
                    text: qsTr("Push")
                    highlighted: true
                    enabled: page.job.canPush
                    Accessible.name: qsTr("Push the image to ECR")
                    onClicked: page.job.start()
                }
                Button {
                    objectName: "ecrPushCancel"
                    text: qsTr("Cancel push")
                    visible: page.pushing
                    Accessible.name: text
                    onClicked: page.job.cancel()
                }
            }
        }
    }

    EcrPushProgress {
        Layout.fillWidth: true
        Layout.fillHeight: true
        theme: page.theme
        job: page.job
    }
}
