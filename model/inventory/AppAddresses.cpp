#include "AppAddresses.h"

namespace inventory {

QString AppAddress::stateText() const
{
    switch (state) {
    case IpState::Ready:
        return publicIp;
    case IpState::Changed:
        return QStringLiteral("IP changed since last time (was %1)").arg(previousIp);
    case IpState::Provisioning:
        return QStringLiteral("no IP yet (provisioning)");
    case IpState::Disabled:
        return QStringLiteral("public IP disabled for this service");
    case IpState::NotRunning:
        return QStringLiteral("not running");
    }
    return {};
}

static QString serviceKey(const Task &t)
{
    return t.clusterArn + QLatin1Char('|') + t.serviceName();
}

AppAddress AddressBook::address(const Snapshot &snap, const Task &task) const
{
    AppAddress a;
    a.publicIp = task.publicIp;
    if (task.lastStatus == QLatin1String("STOPPED") || task.desiredStatus == QLatin1String("STOPPED")) {
        a.state = IpState::NotRunning;
        return a;
    }
    const Service *svc = snap.service(task.clusterArn, task.serviceName());
    if (task.publicIp.isEmpty()) {
        // An ENI with a private address but no association means no public IP
        // will come (assignPublicIp=DISABLED), even when the task is not from a service.
        const bool disabled = (svc && svc->assignPublicIp == QLatin1String("DISABLED")) ||
                              (!task.privateIp.isEmpty() && task.lastStatus == QLatin1String("RUNNING"));
        a.state = disabled ? IpState::Disabled : IpState::Provisioning;
        return a;
    }
    if (const TaskDefinition *td = snap.taskDefinition(task.taskDefinitionArn)) {
        for (const ContainerDefinition &c : td->containers)
            for (int port : c.ports)
                a.urls << (port == 80 ? QStringLiteral("http://%1").arg(task.publicIp)
                                      : QStringLiteral("http://%1:%2").arg(task.publicIp).arg(port));
    }
    a.state = IpState::Ready;
    QString before = m_changedFrom.value(task.arn);
    if (before.isEmpty() && !m_lastIpByTask.contains(task.arn) && !task.serviceName().isEmpty())
        before = m_lastIpByService.value(serviceKey(task));
    if (!before.isEmpty() && before != task.publicIp) {
        a.state = IpState::Changed;
        a.previousIp = before;
    }
    return a;
}

void AddressBook::remember(const Snapshot &snap)
{
    for (const Task &t : snap.tasks) {
        if (t.publicIp.isEmpty() || t.lastStatus != QLatin1String("RUNNING"))
            continue;
        if (!m_lastIpByTask.contains(t.arn) && !t.serviceName().isEmpty()) {
            // A new task of a service that had another IP: the student's bookmark is stale.
            const QString old = m_lastIpByService.value(serviceKey(t));
            if (!old.isEmpty() && old != t.publicIp)
                m_changedFrom.insert(t.arn, old);
        }
        m_lastIpByTask.insert(t.arn, t.publicIp);
        if (!t.serviceName().isEmpty())
            m_lastIpByService.insert(serviceKey(t), t.publicIp);
    }
}

} // namespace inventory
