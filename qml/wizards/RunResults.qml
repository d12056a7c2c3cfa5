import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// What a wizard's run made that the student wants next: where the app
// answers (http://IP:PORT, copy, open) and the database's endpoint and
// connection URI (password masked until asked). The flow (C++) knows them.
ColumnLayout {
    id: results
    required property var flow

    Rectangle {
        objectName: "appAddress"
        visible: results.flow.appStatus.length > 0
        Layout.fillWidth: true
        implicitHeight: appColumn.implicitHeight + 16
        color: results.flow.appUrl.length > 0 ? "#e3f4e8" : "#f6f7f9"
        border.color: "#d0d4da"
        radius: 4
        ColumnLayout {
            id: appColumn
            anchors.fill: parent
            anchors.margins: 8
            Label { text: results.flow.appStatus; Layout.fillWidth: true; wrapMode: Text.Wrap }
            RowLayout {
                visible: results.flow.appUrl.length > 0
                Label { objectName: "appUrl"; text: results.flow.appUrl; font.bold: true; font.pixelSize: 16 }
                Button { text: qsTr("Copy"); onClicked: results.flow.copyToClipboard(results.flow.appUrl); Accessible.name: qsTr("Copy the app's address") }
                Button { text: qsTr("Open"); onClicked: Qt.openUrlExternally(results.flow.appUrl); Accessible.name: qsTr("Open the app in the browser") }
            }
        }
    }
    Rectangle {
        id: dbResult
        objectName: "databaseResult"
        visible: results.flow.databaseUri.length > 0
        Layout.fillWidth: true
        implicitHeight: dbColumn.implicitHeight + 16
        color: "#e3f4e8"
        border.color: "#d0d4da"
        radius: 4
        property bool reveal: false
        ColumnLayout {
            id: dbColumn
            anchors.fill: parent
            anchors.margins: 8
            Label { text: qsTr("The database is available at %1").arg(results.flow.databaseEndpoint); Layout.fillWidth: true; wrapMode: Text.Wrap }
            RowLayout {
                Layout.fillWidth: true
                Label {
                    objectName: "databaseUri"
                    text: dbResult.reveal ? results.flow.revealedDatabaseUri() : results.flow.databaseUri
                    font.family: "monospace"
                    Layout.fillWidth: true
                    elide: Text.ElideMiddle
                }
                Button {
                    text: dbResult.reveal ? qsTr("Hide password") : qsTr("Show password")
                    onClicked: dbResult.reveal = !dbResult.reveal
                }
                Button {
                    text: qsTr("Copy URI")
                    onClicked: results.flow.copyToClipboard(results.flow.revealedDatabaseUri())
                    Accessible.name: qsTr("Copy the connection URI, with the password")
                }
            }
        }
    }
}
