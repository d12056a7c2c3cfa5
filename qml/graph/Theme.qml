import QtQuick

// The inventory pages' colours and sizes, in one place. InventoryPage makes
// one and hands it down; `fontScale` grows everything for a projector.
QtObject {
    property real fontScale: 1.0
    readonly property int fontSize: Math.round(13 * fontScale)
    readonly property int smallFontSize: Math.round(11 * fontScale)
    readonly property int spacing: Math.round(8 * fontScale)

    readonly property color background: "#f6f7f9"
    readonly property color panel: "#ffffff"
    readonly property color border: "#d0d4da"
    readonly property color text: "#1d232b"
    readonly property color mutedText: "#5c6672"
    readonly property color selection: "#2f6fde"
    readonly property color edge: "#8a94a3"
    readonly property color edgeLabelBackground: "#f6f7f9"
    readonly property color greyed: "#b7bcc4"

    readonly property var kindColors: ({
        "cluster": "#dce8fb", "service": "#c9dcfa", "task": "#e7f1ff",
        "taskDefinition": "#efe6fb", "repository": "#fbefd9", "database": "#dcf3e6",
        "securityGroup": "#fbe1e1", "logGroup": "#eceff3", "vpc": "#eceff3"
    })
    readonly property var kindNames: ({
        "cluster": qsTr("Cluster"), "service": qsTr("Service"), "task": qsTr("Task"),
        "taskDefinition": qsTr("Task definition"), "repository": qsTr("ECR repository"),
        "database": qsTr("Database"), "securityGroup": qsTr("Security group"),
        "logGroup": qsTr("Log group"), "vpc": qsTr("VPC")
    })
    readonly property var toneColors: ({
        "ok": "#2e9d57", "busy": "#e0a100", "bad": "#c83b3b", "none": "#a0a7b1"
    })

    function kindColor(kind) { return kindColors[kind] !== undefined ? kindColors[kind] : "#eeeeee" }
    function toneColor(tone) { return toneColors[tone] !== undefined ? toneColors[tone] : "#a0a7b1" }
    function kindName(kind) { return kindNames[kind] !== undefined ? kindNames[kind] : kind }
}
