#include "ServiceListModel.h"

ServiceListModel::ServiceListModel(QObject *parent)
    : KeyedRowModel(parent)
{}

QHash<int, QByteArray> ServiceListModel::roleNames() const
{
    return {{ArnRole, "arn"},
            {NameRole, "name"},
            {ClusterNameRole, "clusterName"},
            {StatusRole, "status"},
            {DesiredRole, "desired"},
            {RunningRole, "running"},
            {PendingRole, "pending"},
            {DeploymentsRole, "deployments"},
            {RolloutInProgressRole, "rolloutInProgress"},
            {LastEventRole, "lastEvent"},
            {LastEventTimeRole, "lastEventTime"},
            {AssignPublicIpRole, "assignPublicIp"},
            {TaskDefinitionRole, "taskDefinition"}};
}

void ServiceListModel::setEngine(InventoryEngine *engine)
{
    if (m_engine == engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (m_engine)
        connect(m_engine, &InventoryEngine::snapshotChanged, this, &ServiceListModel::reload);
    emit engineChanged();
    reload();
}

void ServiceListModel::setCluster(const QString &cluster)
{
    if (m_cluster == cluster)
        return;
    m_cluster = cluster;
    emit clusterChanged();
    reload();
}

void ServiceListModel::reload()
{
    QList<KeyedRow> rows;
    if (m_engine && m_engine->snapshot()) {
        const inventory::Snapshot &snap = *m_engine->snapshot();
        const inventory::Cluster *filter = m_cluster.isEmpty() ? nullptr : snap.cluster(m_cluster);
        for (const inventory::Service &s : snap.services) {
            if (!m_cluster.isEmpty() && (!filter || filter->arn != s.clusterArn))
                continue;
            QStringList deps;
            bool inProgress = false;
            for (const inventory::Deployment &d : s.deployments) {
                deps << QStringLiteral("%1 %2 %3/%4")
                            .arg(d.status, d.rolloutState)
                            .arg(d.running)
                            .arg(d.desired);
                inProgress |= d.rolloutState == QLatin1String("IN_PROGRESS");
            }
            const inventory::Cluster *c = snap.cluster(s.clusterArn);
            rows.append({s.arn,
                         {{ArnRole, s.arn},
                          {NameRole, s.name},
                          {ClusterNameRole, c ? c->name : s.clusterArn.section(QLatin1Char('/'), -1)},
                          {StatusRole, s.status},
                          {DesiredRole, s.desired},
                          {RunningRole, s.running},
                          {PendingRole, s.pending},
                          {DeploymentsRole, deps.join(QStringLiteral("; "))},
                          {RolloutInProgressRole, inProgress},
                          {LastEventRole, s.events.isEmpty() ? QString() : s.events.first().message},
                          {LastEventTimeRole, s.events.isEmpty() ? QDateTime() : s.events.first().createdAt},
                          {AssignPublicIpRole, s.assignPublicIp},
                          {TaskDefinitionRole, s.taskDefinition.section(QLatin1Char('/'), -1)}}});
        }
    }
    applyRows(rows);
}
