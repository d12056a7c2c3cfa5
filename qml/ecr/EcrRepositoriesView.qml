pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// The repositories on the left, the selected one's settings and images on
// the right.
ColumnLayout {
    id: view
    required property var theme
    required property var wizard
    readonly property var repositories: wizard.repositories
    spacing: theme.spacing

    EcrMessage { theme: view.theme; text: view.repositories.error; Layout.fillWidth: true; objectName: "ecrListError" }
    EcrMessage { theme: view.theme; kind: "info"; text: view.repositories.statusText; Layout.fillWidth: true; objectName: "ecrListStatus" }

    RowLayout {
        Layout.fillWidth: true
        Layout.fillHeight: true
        spacing: view.theme.spacing

        Rectangle {
            Layout.preferredWidth: 280
            Layout.fillHeight: true
            color: view.theme.panel
            border.color: view.theme.border
            radius: 4

            Label {
                id: heading
                x: view.theme.spacing
                y: view.theme.spacing
                text: qsTr("Repositories") + (list.count ? " (" + list.count + ")" : "")
                font.pixelSize: view.theme.fontSize + 1
                font.bold: true
            }
            ListView {
                id: list
                objectName: "ecrRepositoryList"
                anchors { top: heading.bottom; topMargin: view.theme.spacing / 2; left: parent.left; right: parent.right; bottom: parent.bottom; margins: 1 }
                clip: true
                model: view.repositories
                keyNavigationEnabled: true
                activeFocusOnTab: true
                Accessible.name: qsTr("ECR repositories")
                Accessible.role: Accessible.List
                ScrollBar.vertical: ScrollBar {}
                Label {
                    visible: list.count === 0 && !view.repositories.loading
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: view.theme.spacing }
                    text: view.repositories.emptyText
                    wrapMode: Text.Wrap
                    color: view.theme.mutedText
                }
                delegate: ItemDelegate {
                    id: row
                    required property string name
                    required property string summary
                    width: ListView.view.width
                    highlighted: name === view.repositories.selectedName
                    Accessible.name: qsTr("Repository %1, %2").arg(name).arg(summary)
                    onClicked: view.repositories.selectedName = name
                    contentItem: Column {
                        Label { text: row.name; font.pixelSize: view.theme.fontSize; font.bold: row.highlighted; elide: Text.ElideMiddle; width: parent.width }
                        Label { text: row.summary; font.pixelSize: view.theme.smallFontSize; color: view.theme.mutedText }
                    }
                }
            }
        }

        EcrRepositoryDetails {
            Layout.fillWidth: true
            Layout.fillHeight: true
            theme: view.theme
            wizard: view.wizard
        }
    }
}
