import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// One FieldState: label, the editor its kind asks for (C++ says which), the
// rule always shown, the error when any. Choices the account offers appear
// as a list to pick from; a value can still be typed by hand.
ColumnLayout {
    id: row
    required property var field
    required property var form
    property WizardTheme theme: WizardTheme {}
    readonly property bool isSecret: field.key.toLowerCase().indexOf("password") >= 0
    readonly property bool hasChoices: field.choices.length > 0
    property bool reveal: false
    spacing: 2

    RowLayout {
        Layout.fillWidth: true
        Label {
            text: row.field.label
            Layout.preferredWidth: row.theme.labelWidth
            Layout.alignment: Qt.AlignTop
            topPadding: 6
            elide: Text.ElideRight
        }
        CheckBox {
            objectName: row.field.key + "Check"
            visible: row.field.kind === "bool"
            checked: row.field.value === true
            text: checked ? qsTr("On") : qsTr("Off")
            onToggled: row.form.setValue(row.field.key, checked)
            Accessible.name: row.field.label
        }
        ComboBox {
            id: combo
            objectName: row.field.key + "Combo"
            visible: row.hasChoices && (row.field.kind === "text" || row.field.kind === "number")
            Layout.fillWidth: true
            editable: true
            model: row.field.choices
            textRole: "label"
            valueRole: "value"
            Accessible.name: row.field.label
            // Show the value, whether or not it is one of the choices.
            currentIndex: indexOfValue(String(row.field.value))
            Binding on editText {
                when: !combo.activeFocus
                value: combo.currentIndex >= 0 ? combo.currentText : String(row.field.value)
            }
            onActivated: (i) => row.form.setValue(row.field.key, valueAt(i))
            onAccepted: row.form.setValue(row.field.key, editText)
        }
        TextField {
            id: textField
            objectName: row.field.key + "Text"
            visible: !row.hasChoices && (row.field.kind === "text" || row.field.kind === "number"
                                        || row.field.kind === "list")
            Layout.fillWidth: true
            // Follows the form, except while the student types here ("a, " is not yet a list).
            Binding on text {
                when: !textField.activeFocus
                value: (row.field.value, row.form.text(row.field.key))
            }
            placeholderText: row.field.kind === "list" ? qsTr("comma-separated") : ""
            echoMode: row.isSecret && !row.reveal ? TextInput.Password : TextInput.Normal
            Accessible.name: row.field.label
            onTextEdited: row.form.setValue(row.field.key, row.field.kind === "number" ? Number(text) : text)
        }
        ColumnLayout {
            visible: row.hasChoices && row.field.kind === "list"
            Layout.fillWidth: true
            spacing: 0
            Repeater {
                model: row.field.kind === "list" ? row.field.choices : []
                delegate: CheckBox {
                    required property var modelData
                    text: modelData.label
                    checked: row.field.value.indexOf(modelData.value) >= 0
                    onToggled: row.form.toggleListValue(row.field.key, modelData.value, checked)
                    Accessible.name: row.field.label + ": " + modelData.label
                }
            }
        }
        TextArea {
            id: mapArea
            objectName: row.field.key + "Map"
            visible: row.field.kind === "map"
            Layout.fillWidth: true
            Layout.preferredHeight: Math.max(60, implicitHeight)
            Binding on text {
                when: !mapArea.activeFocus
                value: (row.field.value, row.form.text(row.field.key))
            }
            placeholderText: qsTr("NAME=value, one per line")
            wrapMode: TextEdit.WrapAnywhere
            font.family: "monospace"
            Accessible.name: row.field.label
            background: Rectangle { border.color: "#c0c4ca"; radius: 2 }
            onTextChanged: if (activeFocus) row.form.setValue(row.field.key, text)
        }
        Button {
            visible: row.isSecret
            text: row.reveal ? qsTr("Hide") : qsTr("Show")
            onClicked: row.reveal = !row.reveal
            Accessible.name: (row.reveal ? qsTr("Hide ") : qsTr("Show ")) + row.field.label
        }
    }
    Label {
        Layout.leftMargin: row.theme.labelWidth + 6
        Layout.fillWidth: true
        wrapMode: Text.Wrap
        text: row.field.ok ? row.field.rule : row.field.error
        color: row.field.ok ? row.theme.rule : row.theme.error
        visible: text.length > 0
        font.pixelSize: 12
    }
}
