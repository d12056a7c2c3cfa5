import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A plan run: one row per step with its state and what is happening, the
// run's headline, the actions it allows now, the report of what exists, and
// whatever the page adds below the steps (where the app answers, …).
ColumnLayout {
    id: view
    required property var progress
    /// Items the page adds below the steps (the run's results).
    default property alias extra: extraArea.data
    property WizardTheme theme: WizardTheme {}
    property string backText: qsTr("Back to the form")
    signal editRequested()
    spacing: theme.spacing

    readonly property var stateColors: ({
        "done": "#1e6b35", "reused": "#1e6b35", "running": "#8a5a00", "waiting": "#8a5a00",
        "failed": "#b3261e", "rolledback": "#555555", "pending": "#777777"
    })

    Label {
        objectName: "progressHeadline"
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        font.bold: true
        text: view.progress ? view.progress.headline : ""
    }
    ProgressBar {
        Layout.fillWidth: true
        from: 0
        to: view.progress ? Math.max(1, view.progress.stepCount) : 1
        value: view.progress ? view.progress.doneSteps : 0
        Accessible.name: qsTr("Steps done")
    }
    ListView {
        objectName: "progressSteps"
        Layout.fillWidth: true
        Layout.fillHeight: true
        Layout.minimumHeight: 120
        clip: true
        model: view.progress
        spacing: 4
        delegate: RowLayout {
            id: stepRow
            required property int number
            required property string title
            required property string stepState
            required property string text
            width: ListView.view.width
            Label {
                text: number + "."
                Layout.preferredWidth: 28
                Layout.alignment: Qt.AlignTop
            }
            Label {
                text: stepState
                color: view.stateColors[stepState] !== undefined ? view.stateColors[stepState] : "#333333"
                font.bold: true
                Layout.preferredWidth: 90
                Layout.alignment: Qt.AlignTop
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: 0
                Label { text: title; Layout.fillWidth: true; wrapMode: Text.Wrap }
                Label {
                    text: stepRow.text
                    visible: text.length > 0
                    Layout.fillWidth: true
                    wrapMode: Text.Wrap
                    color: "#555555"
                    font.pixelSize: 12
                }
            }
        }
    }
    Label {
        objectName: "progressReport"
        Layout.fillWidth: true
        visible: text.length > 0 && view.progress && view.progress.state !== "finished"
        text: view.progress ? view.progress.report : ""
        wrapMode: Text.Wrap
        font.family: "monospace"
        font.pixelSize: 12
    }
    // What a run leaves to show (the app's address, a database URI): the wizard page's, not the view's.
    ColumnLayout {
        id: extraArea
        Layout.fillWidth: true
        visible: children.length > 0
    }
    RowLayout {
        Button { objectName: "cancelButton"; text: qsTr("Cancel"); visible: view.progress && view.progress.canCancel; onClicked: view.progress.cancel() }
        Button { objectName: "resumeButton"; text: qsTr("Resume"); visible: view.progress && view.progress.canResume; onClicked: view.progress.resume() }
        Button { objectName: "retryButton"; text: qsTr("Retry from here"); visible: view.progress && view.progress.canRetry; onClicked: view.progress.retryFromHere() }
        Button { objectName: "rollBackButton"; text: qsTr("Roll back"); visible: view.progress && view.progress.canRollBack; onClicked: view.progress.rollBack() }
        Button {
            objectName: "editButton"
            text: view.backText
            visible: view.progress && !view.progress.active
            onClicked: view.editRequested()
        }
    }
}
