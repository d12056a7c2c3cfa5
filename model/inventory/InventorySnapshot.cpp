#include "InventorySnapshot.h"

namespace inventory {

QStringList SecurityGroup::allowedPorts() const
{
    QStringList out;
    for (const IngressRule &r : ingress) {
        if (r.protocol == QLatin1String("-1") || r.fromPort < 0)
            out << QStringLiteral("all");
        else if (r.fromPort == r.toPort)
            out << QString::number(r.fromPort);
        else
            out << QStringLiteral("%1-%2").arg(r.fromPort).arg(r.toPort);
    }
    return out;
}

const ContainerDefinition *TaskDefinition::container(const QString &name) const
{
    for (const ContainerDefinition &c : containers)
        if (c.name == name)
            return &c;
    return nullptr;
}

QString Task::serviceName() const
{
    return group.startsWith(QLatin1String("service:")) ? group.mid(8) : QString();
}

bool Snapshot::isTransitional() const
{
    for (const Task &t : tasks) {
        if (t.lastStatus != QLatin1String("RUNNING") && t.lastStatus != QLatin1String("STOPPED"))
            return true;
        // A task told to stop but still running is on its way too.
        if (t.lastStatus == QLatin1String("RUNNING") && t.desiredStatus == QLatin1String("STOPPED"))
            return true;
    }
    for (const DbInstance &db : databases) {
        if (db.status == QLatin1String("creating") || db.status == QLatin1String("deleting") ||
            db.status == QLatin1String("backing-up") || db.status == QLatin1String("modifying") ||
            db.status == QLatin1String("starting") || db.status == QLatin1String("stopping") ||
            db.status == QLatin1String("rebooting"))
            return true;
    }
    for (const Service &s : services) {
        for (const Deployment &d : s.deployments)
            if (d.rolloutState == QLatin1String("IN_PROGRESS"))
                return true;
    }
    return false;
}

const TaskDefinition *Snapshot::taskDefinition(const QString &arn) const
{
    for (const TaskDefinition &td : taskDefinitions)
        if (td.arn == arn)
            return &td;
    return nullptr;
}

const Service *Snapshot::service(const QString &clusterArn, const QString &name) const
{
    for (const Service &s : services)
        if (s.clusterArn == clusterArn && s.name == name)
            return &s;
    return nullptr;
}

const Cluster *Snapshot::cluster(const QString &nameOrArn) const
{
    for (const Cluster &c : clusters)
        if (c.arn == nameOrArn || c.name == nameOrArn)
            return &c;
    return nullptr;
}

const DbInstance *Snapshot::databaseForEndpoint(const QString &text) const
{
    for (const DbInstance &db : databases)
        if (!db.endpointAddress.isEmpty() && text.contains(db.endpointAddress))
            return &db;
    return nullptr;
}

} // namespace inventory
