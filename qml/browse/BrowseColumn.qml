import QtQuick
import QtQuick.Controls
import QtQuick.Layouts

// A titled, scrollable list column for the Browse page.
Rectangle {
    id: column
    required property var theme
    property string title
    property alias list: listView

    color: theme.panel
    border.color: theme.border
    radius: 4

    Label {
        id: heading
        x: column.theme.spacing
        y: column.theme.spacing
        text: column.title + (listView.count ? " (" + listView.count + ")" : "")
        font.pixelSize: column.theme.fontSize + 1
        font.bold: true
    }
    ListView {
        id: listView
        anchors.top: heading.bottom
        anchors.topMargin: column.theme.spacing / 2
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: 1
        clip: true
        keyNavigationEnabled: true
        activeFocusOnTab: true
        Accessible.name: column.title
        Accessible.role: Accessible.List
        ScrollBar.vertical: ScrollBar {}
        Label {
            visible: listView.count === 0
            anchors.centerIn: parent
            text: qsTr("Nothing here yet")
            color: column.theme.mutedText
        }
    }
}
