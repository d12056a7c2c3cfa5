#include "ClusterListModel.h"

ClusterListModel::ClusterListModel(QObject *parent)
    : KeyedRowModel(parent)
{}

QHash<int, QByteArray> ClusterListModel::roleNames() const
{
    return {{ArnRole, "arn"},
            {NameRole, "name"},
            {StatusRole, "status"},
            {RunningTasksRole, "runningTasks"},
            {PendingTasksRole, "pendingTasks"},
            {ActiveServicesRole, "activeServices"}};
}

void ClusterListModel::setEngine(InventoryEngine *engine)
{
    if (m_engine == engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (m_engine)
        connect(m_engine, &InventoryEngine::snapshotChanged, this, &ClusterListModel::reload);
    emit engineChanged();
    reload();
}

void ClusterListModel::reload()
{
    QList<KeyedRow> rows;
    if (m_engine && m_engine->snapshot()) {
        for (const inventory::Cluster &c : m_engine->snapshot()->clusters)
            rows.append({c.arn,
                         {{ArnRole, c.arn},
                          {NameRole, c.name},
                          {StatusRole, c.status},
                          {RunningTasksRole, c.runningTasks},
                          {PendingTasksRole, c.pendingTasks},
                          {ActiveServicesRole, c.activeServices}}});
    }
    applyRows(rows);
}
