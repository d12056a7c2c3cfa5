pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

// Shows whichever page the form (C++) names: "form" or "review". No rules here.
Page {
    id: page
    required property WizardForm form
    property WizardTheme theme: WizardTheme {}
    // Hook for the plan engineer's runner: emitted with the form when the
    // student confirms; the runner's progress object is shown by its owner.
    signal createRequested(WizardForm form)

    StackLayout {
        anchors.fill: parent
        anchors.margins: page.theme.spacing * 2
        currentIndex: page.form.page === "review" ? 1 : 0

        ColumnLayout {
            ScrollView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                ColumnLayout {
                    width: page.width - page.theme.spacing * 6
                    Repeater {
                        model: page.form.fields
                        delegate: WizardFieldRow {
                            required property var modelData
                            field: modelData
                            form: page.form
                            Layout.fillWidth: true
                        }
                    }
                }
            }
            Label { text: page.form.attention; color: page.theme.error; wrapMode: Text.Wrap; Layout.fillWidth: true }
            Button { text: qsTr("Next"); enabled: page.form.valid; onClicked: page.form.next() }
        }

        ColumnLayout {
            Label { text: qsTr("These API calls will be made, in this order:"); font.bold: true }
            ListView {
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: page.form.planLines
                delegate: Label {
                    required property string modelData
                    width: ListView.view.width
                    text: modelData
                    wrapMode: Text.WrapAnywhere
                    font.family: "monospace"
                }
            }
            RowLayout {
                Button { text: qsTr("Back"); onClicked: page.form.back() }
                Button { text: qsTr("Create"); onClicked: page.createRequested(page.form) }
            }
        }
    }
}
