#pragma once
// "Where is my app": a task's public address state and URLs, the one rule
// the Where-is-my-app view, the graph's details and `deployctl ip` share.

#include "InventorySnapshot.h"

#include <QHash>

namespace inventory {

enum class IpState {
    Ready,        ///< a public IP, same as last time (or first seen)
    Changed,      ///< a public IP different from the one seen last time
    Provisioning, ///< no IP yet (task provisioning / pending, ENI not attached)
    Disabled,     ///< the service (or task) has assignPublicIp=DISABLED
    NotRunning,   ///< stopped or stopping
};

struct AppAddress {
    IpState state = IpState::Provisioning;
    QString publicIp;
    QString previousIp; ///< for Changed
    QStringList urls;   ///< http://IP:PORT per container port mapping
    QString stateText() const;
};

/// Remembers each service's last public IPs so "IP changed" can be told.
class AddressBook {
public:
    /// The address of `task` in `snap`. Call in snapshot order so the memory
    /// of previous IPs advances with the snapshots.
    AppAddress address(const Snapshot &snap, const Task &task) const;
    /// Records the IPs seen in `snap` (after computing addresses for it).
    void remember(const Snapshot &snap);

private:
    QHash<QString, QString> m_lastIpByService; ///< "cluster|service" → ip
    QHash<QString, QString> m_lastIpByTask;
    QHash<QString, QString> m_changedFrom; ///< task → the service's IP before it
};

} // namespace inventory
