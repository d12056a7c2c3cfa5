#include "InventoryModels.h"

InventoryModels::InventoryModels(QObject *parent)
    : QObject(parent)
{
    m_where.setRunningOnly(true);
}

void InventoryModels::setEngine(InventoryEngine *engine)
{
    if (m_engine == engine)
        return;
    m_engine = engine;
    m_graph.setEngine(engine);
    m_clusters.setEngine(engine);
    m_services.setEngine(engine);
    m_tasks.setEngine(engine);
    m_where.setEngine(engine);
    delete m_logs;
    m_logs = engine ? new LogStreamModel(engine->caller(), this) : nullptr;
    emit engineChanged();
}

bool InventoryModels::openLogsOf(const QString &taskArn)
{
    if (!m_logs)
        return false;
    TaskListModel all;
    all.setEngine(m_engine);
    const int row = all.indexOfKey(taskArn);
    if (row < 0 || all.get(row, QStringLiteral("logGroup")).toString().isEmpty())
        return false;
    m_logs->setFollowing(all.get(row, QStringLiteral("desiredStatus")).toString() ==
                         QLatin1String("RUNNING"));
    m_logs->open(all.get(row, QStringLiteral("logGroup")).toString(),
                 all.get(row, QStringLiteral("logStream")).toString());
    return true;
}
