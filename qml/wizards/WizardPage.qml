pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

// One wizard: the page the form (C++) names — "form", "review" or
// "progress". `extra` adds a wizard's own editors below its fields (inbound
// rules, templates, task size). No rules here.
Page {
    id: page
    required property WizardForm form
    required property var flow
    property string heading
    property Component extra: null
    property WizardTheme theme: WizardTheme {}
    // Sized by the area it is in: its content's widths follow its own.
    implicitWidth: 600
    implicitHeight: 400

    header: Label {
        text: page.heading
        font.pixelSize: 18
        font.bold: true
        padding: page.theme.spacing * 2
        bottomPadding: 0
        elide: Text.ElideRight
    }

    StackLayout {
        anchors.fill: parent
        anchors.margins: page.theme.spacing * 2
        currentIndex: ["form", "review", "progress"].indexOf(page.form.page)

        ColumnLayout {
            ScrollView {
                id: scroll
                // Sized by the layout, not by its content (whose width follows this one's).
                implicitWidth: 400
                implicitHeight: 300
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentWidth: availableWidth
                clip: true
                ColumnLayout {
                    width: scroll.availableWidth - page.theme.spacing
                    spacing: page.theme.spacing
                    Repeater {
                        model: page.form.keys
                        delegate: WizardFieldRow {
                            required property int index
                            field: page.form.fields[index]
                            form: page.form
                            Layout.fillWidth: true
                        }
                    }
                    Loader {
                        Layout.fillWidth: true
                        sourceComponent: page.extra
                        active: page.extra !== null
                    }
                }
            }
            Label {
                objectName: "attention"
                text: page.form.attention
                color: page.theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
                visible: text.length > 0
            }
            Button {
                objectName: "nextButton"
                text: page.form.valid ? qsTr("Next: review") : qsTr("Fix the fields above to continue")
                enabled: page.form.valid
                onClicked: page.form.next()
                Accessible.name: text
            }
        }

        ColumnLayout {
            PlanReview {
                flow: page.flow
                form: page.form
                Layout.fillWidth: true
                Layout.fillHeight: true
            }
            Label {
                id: createError
                visible: text.length > 0
                color: page.theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
            RowLayout {
                Button { objectName: "backButton"; text: qsTr("Back"); onClicked: page.form.back() }
                Button {
                    objectName: "createButton"
                    text: qsTr("Create")
                    highlighted: true
                    enabled: !page.flow.preflightRunning
                    onClicked: createError.text = page.flow.create(page.form, false)
                    Accessible.name: qsTr("Create: run the plan")
                }
                Button {
                    objectName: "createAnywayButton"
                    visible: !page.flow.preflightRunning && !page.flow.preflightPassed
                    text: qsTr("Create anyway")
                    onClicked: createError.text = page.flow.create(page.form, true)
                    Accessible.name: qsTr("Create anyway, although a pre-flight check failed")
                }
            }
        }

        PlanProgressView {
            progress: page.flow.runningForm === page.form ? page.flow.progress : null
            onEditRequested: page.form.back()
            RunResults {
                flow: page.flow
                Layout.fillWidth: true
            }
        }
    }
}
