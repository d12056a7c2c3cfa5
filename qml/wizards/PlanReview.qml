import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The review page: the plan as API calls, AWS CLI commands or Terraform
// (C++ renders each; secrets masked), with copy and save.
ColumnLayout {
    id: review
    required property var flow
    required property var form
    property WizardTheme theme: WizardTheme {}
    readonly property var views: ["api", "cli", "terraform"]
    readonly property string text: review.form.page === "review"
                                   ? (review.form.fields, review.flow.preflight, review.flow.planText(review.form, views[tabs.currentIndex])) : ""
    spacing: theme.spacing

    PreflightList {
        objectName: "preflight"
        flow: review.flow
        form: review.form
        Layout.fillWidth: true
    }
    Label { text: qsTr("Review what will be made, in this order:"); font.bold: true }
    TabBar {
        id: tabs
        objectName: "planViews"
        Layout.fillWidth: true
        TabButton { text: qsTr("API calls"); Accessible.name: qsTr("Plan as API calls") }
        TabButton { text: qsTr("AWS CLI"); Accessible.name: qsTr("Plan as AWS CLI commands") }
        TabButton { text: qsTr("Terraform"); Accessible.name: qsTr("Plan as Terraform") }
    }
    ScrollView {
        implicitWidth: 400
        implicitHeight: 300
        Layout.fillWidth: true
        Layout.fillHeight: true
        clip: true
        TextArea {
            objectName: "planText"
            readOnly: true
            selectByMouse: true
            text: review.text
            font.family: "monospace"
            font.pixelSize: 12
            wrapMode: TextEdit.WrapAnywhere
            Accessible.name: qsTr("Plan text")
            background: Rectangle { color: "#f6f7f9"; border.color: "#d0d4da" }
        }
    }
    RowLayout {
        Button { text: qsTr("Copy"); onClicked: review.flow.copyToClipboard(review.text); Accessible.name: qsTr("Copy the plan") }
        TextField {
            id: savePath
            Layout.fillWidth: true
            placeholderText: qsTr("File to save to, e.g. /home/me/plan.tf")
            Accessible.name: qsTr("File to save the plan to")
        }
        Button {
            text: qsTr("Save")
            enabled: savePath.text.length > 0
            Accessible.name: qsTr("Save the plan to the file")
            onClicked: {
                const error = review.flow.saveText(savePath.text, review.text)
                saveResult.text = error.length > 0 ? error : qsTr("Saved to %1").arg(savePath.text)
                saveResult.color = error.length > 0 ? review.theme.error : review.theme.ok
            }
        }
    }
    Label { id: saveResult; visible: text.length > 0; Layout.fillWidth: true; wrapMode: Text.Wrap }
}
