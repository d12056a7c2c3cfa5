pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../wizards"

// The security group wizard's inbound rules: one row per rule, the quick
// choices the console offers, each row's error from the form (C++).
ColumnLayout {
    id: rules
    required property var form
    property WizardTheme theme: WizardTheme {}
    spacing: theme.spacing

    Label { text: qsTr("Inbound rules"); font.bold: true }
    Label {
        visible: rules.form.inboundRules.length === 0
        text: qsTr("No inbound rules: nothing can connect to this group. Add one below.")
        color: rules.theme.rule
    }
    Repeater {
        model: rules.form.inboundRules.length
        delegate: ColumnLayout {
            id: ruleRow
            required property int index
            readonly property var rule: rules.form.inboundRules[index]
            Layout.fillWidth: true
            spacing: 2
            RowLayout {
                Layout.fillWidth: true
                ComboBox {
                    model: ["tcp", "udp", "icmp", "all"]
                    currentIndex: model.indexOf(ruleRow.rule.protocol)
                    onActivated: (i) => rules.form.setRule(ruleRow.index, "protocol", model[i])
                    Layout.preferredWidth: 90
                    Accessible.name: qsTr("Rule %1 protocol").arg(ruleRow.index + 1)
                }
                TextField {
                    objectName: "rule" + ruleRow.index + "From"
                    text: String(ruleRow.rule.fromPort)
                    Layout.preferredWidth: 70
                    enabled: ruleRow.rule.protocol === "tcp" || ruleRow.rule.protocol === "udp"
                    onTextEdited: rules.form.setRule(ruleRow.index, "fromPort", Number(text))
                    Accessible.name: qsTr("Rule %1 from port").arg(ruleRow.index + 1)
                }
                Label { text: "–" }
                TextField {
                    objectName: "rule" + ruleRow.index + "To"
                    text: String(ruleRow.rule.toPort)
                    Layout.preferredWidth: 70
                    enabled: ruleRow.rule.protocol === "tcp" || ruleRow.rule.protocol === "udp"
                    onTextEdited: rules.form.setRule(ruleRow.index, "toPort", Number(text))
                    Accessible.name: qsTr("Rule %1 to port").arg(ruleRow.index + 1)
                }
                TextField {
                    text: ruleRow.rule.cidr
                    placeholderText: qsTr("0.0.0.0/0 or sg-…")
                    Layout.preferredWidth: 140
                    onTextEdited: rules.form.setRule(ruleRow.index, "cidr", text)
                    Accessible.name: qsTr("Rule %1 source: an address range or a security group").arg(ruleRow.index + 1)
                }
                TextField {
                    text: ruleRow.rule.description
                    placeholderText: qsTr("Description (optional)")
                    Layout.fillWidth: true
                    onTextEdited: rules.form.setRule(ruleRow.index, "description", text)
                    Accessible.name: qsTr("Rule %1 description").arg(ruleRow.index + 1)
                }
                Button {
                    text: qsTr("Remove")
                    onClicked: rules.form.removeRule(ruleRow.index)
                    Accessible.name: qsTr("Remove rule %1").arg(ruleRow.index + 1)
                }
            }
            Label {
                readonly property string error: (rules.form.inboundRules, rules.form.ruleError(ruleRow.index))
                visible: error.length > 0
                text: error
                color: rules.theme.error
                wrapMode: Text.Wrap
                Layout.fillWidth: true
            }
        }
    }
    RowLayout {
        Button { text: qsTr("+ PostgreSQL 5432"); onClicked: rules.form.addQuickRule("postgres") }
        Button { text: qsTr("+ HTTP 80"); onClicked: rules.form.addQuickRule("http") }
        Button { text: qsTr("+ Custom TCP"); onClicked: rules.form.addQuickRule("custom") }
    }
    Label { text: qsTr("Outbound: all traffic allowed (the console's default)."); color: rules.theme.rule }
}
