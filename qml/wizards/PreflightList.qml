pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The pre-flight checks of the plan under review: each passed or failed
// check in a line, what to do about a failed one, and its one-click fix
// when the plan can carry it. The checks themselves run in C++.
ColumnLayout {
    id: list
    required property var flow
    required property var form
    property WizardTheme theme: WizardTheme {}
    spacing: 2

    Label {
        font.bold: true
        text: list.flow.preflightRunning ? qsTr("Pre-flight checks: reading the account…")
              : list.flow.preflight.length === 0 ? qsTr("Pre-flight checks: nothing to check for this plan.")
              : list.flow.preflightPassed ? qsTr("Pre-flight checks: all passed.")
              : qsTr("Pre-flight checks: something needs fixing before Create.")
        color: list.flow.preflightPassed || list.flow.preflightRunning ? "#333333" : list.theme.error
    }
    Repeater {
        model: list.flow.preflight
        delegate: RowLayout {
            id: check
            required property var modelData
            required property int index
            Layout.fillWidth: true
            Label {
                text: check.modelData.passed ? "✓" : "✗"
                color: check.modelData.passed ? list.theme.ok : list.theme.error
                font.bold: true
                Layout.alignment: Qt.AlignTop
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                text: check.modelData.passed || check.modelData.fixSuggestion.length === 0
                      ? check.modelData.message
                      : check.modelData.message + " — " + check.modelData.fixSuggestion
            }
            Button {
                objectName: "fix_" + check.modelData.id
                visible: check.modelData.canFix
                text: qsTr("Fix")
                Accessible.name: qsTr("Fix: %1").arg(check.modelData.fixSuggestion)
                onClicked: list.flow.applyFix(list.form, check.index)
            }
        }
    }
}
