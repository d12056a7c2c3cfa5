import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import DeployConsole.Model

// The account area: which account (or the sandbox), which region, who we
// are, and the Learner Lab's time-left estimate.
RowLayout {
    id: switcher

    signal pasteRequested()

    spacing: 8

    ComboBox {
        id: accountBox
        objectName: "accountBox"
        Layout.preferredWidth: 240
        model: Accounts.model
        textRole: "name"
        displayText: Session.connected ? Session.displayName : qsTr("Choose an account…")
        Accessible.name: qsTr("Account")
        onActivated: index => {
            const kind = Accounts.model.data(Accounts.model.index(index, 0), AccountListModel.KindRole)
            const key = Accounts.model.data(Accounts.model.index(index, 0), AccountListModel.KeyRole)
            Accounts.connectTo(kind, key)
        }
    }

    ComboBox {
        id: regionBox
        objectName: "regionBox"
        Layout.preferredWidth: 140
        model: Accounts.regions
        enabled: Session.connected && !Session.isSandbox
        currentIndex: Math.max(0, Accounts.regions.indexOf(Session.region))
        displayText: Session.region !== "" ? Session.region : qsTr("region")
        Accessible.name: qsTr("Region")
        onActivated: index => Accounts.setRegion(Accounts.regions[index])
    }

    Button {
        objectName: "pasteButton"
        text: qsTr("Paste credentials…")
        onClicked: switcher.pasteRequested()
        Accessible.name: qsTr("Paste credentials to connect an account")
    }

    Label {
        visible: Session.accountId !== ""
        text: Session.roleName !== "" ? qsTr("%1 · %2").arg(Session.accountId).arg(Session.roleName)
                                      : Session.accountId
        opacity: 0.75
        elide: Text.ElideRight
        Layout.maximumWidth: 260
    }

    Label {
        objectName: "timeLeft"
        visible: Session.timeLeftText !== ""
        text: Session.timeLeftText
        opacity: 0.75
    }

    Label {
        visible: Accounts.errorText !== ""
        text: Accounts.errorText
        color: "#a3161b"
        elide: Text.ElideRight
        Layout.maximumWidth: 360
    }
}
