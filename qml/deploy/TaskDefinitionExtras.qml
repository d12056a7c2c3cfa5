import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../wizards"

// The task definition wizard's helpers: the valid Fargate sizes only, the
// database connection URI into an environment variable, and the JSON view
// (edited JSON is loaded back through the form, which validates it).
ColumnLayout {
    id: extras
    required property var form
    required property var flow
    property WizardTheme theme: WizardTheme {}
    spacing: theme.spacing

    RowLayout {
        Label { text: qsTr("Task size (valid Fargate pairs)"); Layout.preferredWidth: extras.theme.labelWidth }
        ComboBox {
            id: sizes
            Layout.fillWidth: true
            model: extras.form.taskSizes
            textRole: "label"
            Accessible.name: qsTr("Task size")
            currentIndex: {
                const f = (extras.form.fields, extras.form)
                for (let i = 0; i < f.taskSizes.length; ++i)
                    if (f.taskSizes[i].cpu === f.value("cpu") && f.taskSizes[i].memory === f.value("memory"))
                        return i
                return -1
            }
            onActivated: (i) => {
                extras.form.setValue("cpu", extras.form.taskSizes[i].cpu)
                extras.form.setValue("memory", extras.form.taskSizes[i].memory)
            }
        }
    }
    RowLayout {
        Label { text: qsTr("Database URI into"); Layout.preferredWidth: extras.theme.labelWidth }
        TextField { id: envName; text: "SQLALCHEMY_DATABASE_URI"; Layout.preferredWidth: 220; Accessible.name: qsTr("Variable name") }
        ComboBox {
            id: dbChoice
            Layout.fillWidth: true
            model: extras.flow.databases
            textRole: "label"
            valueRole: "value"
            Accessible.name: qsTr("Database")
        }
        Button {
            text: qsTr("Insert")
            enabled: dbChoice.currentIndex >= 0 && envName.text.length > 0
            onClicked: extras.flow.insertDatabaseUri(envName.text, dbChoice.currentValue)
        }
    }
    CheckBox { id: showJson; text: qsTr("Show the JSON view") }
    ColumnLayout {
        visible: showJson.checked
        Layout.fillWidth: true
        TextArea {
            id: json
            Layout.fillWidth: true
            Layout.preferredHeight: 220
            font.family: "monospace"
            font.pixelSize: 12
            wrapMode: TextEdit.WrapAnywhere
            Accessible.name: qsTr("Task definition JSON")
            background: Rectangle { border.color: "#c0c4ca"; radius: 2 }
            Binding on text {
                when: !json.activeFocus
                value: (extras.form.fields, extras.form.toJson())
            }
        }
        RowLayout {
            Button {
                text: qsTr("Apply JSON to the form")
                onClicked: {
                    const error = extras.form.fromJson(json.text)
                    jsonResult.text = error.length > 0 ? error : qsTr("Loaded into the form.")
                    jsonResult.color = error.length > 0 ? extras.theme.error : extras.theme.ok
                }
            }
            Label { id: jsonResult; Layout.fillWidth: true; wrapMode: Text.Wrap }
        }
    }
}
