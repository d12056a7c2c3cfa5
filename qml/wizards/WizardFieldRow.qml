import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One FieldState: label, editor, the rule always shown, the error when any.
ColumnLayout {
    id: row
    required property var field
    required property var form
    property WizardTheme theme: WizardTheme {}
    readonly property bool isSecret: field.key.toLowerCase().indexOf("password") >= 0
    property bool reveal: false
    spacing: 2

    RowLayout {
        Label { text: row.field.label; Layout.preferredWidth: row.theme.labelWidth; elide: Text.ElideRight }
        CheckBox {
            visible: typeof row.field.value === "boolean"
            checked: row.field.value === true
            onToggled: row.form.setValue(row.field.key, checked)
        }
        TextField {
            visible: typeof row.field.value !== "boolean"
            Layout.fillWidth: true
            text: row.field.value === undefined || row.field.value === null ? "" : String(row.field.value)
            echoMode: row.isSecret && !row.reveal ? TextInput.Password : TextInput.Normal
            onTextEdited: row.form.setValue(row.field.key,
                typeof row.field.value === "number" ? Number(text) : text)
        }
        Button { visible: row.isSecret; text: row.reveal ? qsTr("Hide") : qsTr("Show"); onClicked: row.reveal = !row.reveal }
    }
    Label {
        Layout.leftMargin: row.theme.labelWidth
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        text: row.field.ok ? row.field.rule : row.field.error
        color: row.field.ok ? row.theme.rule : row.theme.error
        visible: text.length > 0
    }
}
