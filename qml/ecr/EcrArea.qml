import QtQuick
import QtQuick.Controls

// The Images area: ECR repositories, their images, and push.
Page {
    Label { anchors.centerIn: parent; text: qsTr("ECR repositories") }
}
