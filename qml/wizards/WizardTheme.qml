import QtQuick

// The wizard pages' only colours and spacings (one place, not scattered).
QtObject {
    readonly property color error: "#b3261e"
    readonly property color rule: "#555555"
    readonly property color ok: "#1e6b35"
    readonly property int spacing: 8
    readonly property int labelWidth: 220
}
