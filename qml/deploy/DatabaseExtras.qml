import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import "../wizards"

// The database wizard's templates (they only preset fields) and the
// password strength hint; both come from the form (C++).
ColumnLayout {
    id: extras
    required property var form
    property WizardTheme theme: WizardTheme {}

    Label {
        text: qsTr("Password strength: %1").arg(extras.form.passwordStrength)
        color: extras.form.passwordStrength === "Weak" ? extras.theme.error : extras.theme.ok
    }
    Label { text: qsTr("Templates preset the class, storage and backups:"); color: extras.theme.rule }
    RowLayout {
        Button { text: qsTr("Free tier"); onClicked: extras.form.applyTemplate("free") }
        Button { text: qsTr("Dev/Test"); onClicked: extras.form.applyTemplate("devtest") }
        Button { text: qsTr("Production"); onClicked: extras.form.applyTemplate("production") }
    }
}
