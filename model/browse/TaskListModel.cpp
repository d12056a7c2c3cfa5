#include "TaskListModel.h"

#include "Clipboard.h"

#include "StopReasons.h"

#include <QClipboard>
#include <QGuiApplication>

using namespace inventory;

TaskListModel::TaskListModel(QObject *parent)
    : KeyedRowModel(parent)
{}

QHash<int, QByteArray> TaskListModel::roleNames() const
{
    return {{ArnRole, "arn"},
            {TaskIdRole, "taskId"},
            {ClusterNameRole, "clusterName"},
            {ServiceNameRole, "serviceName"},
            {LastStatusRole, "lastStatus"},
            {DesiredStatusRole, "desiredStatus"},
            {HealthRole, "health"},
            {StartedAtRole, "startedAt"},
            {StoppedAtRole, "stoppedAt"},
            {PrivateIpRole, "privateIp"},
            {PublicIpRole, "publicIp"},
            {IpStateRole, "ipState"},
            {IpStateTextRole, "ipStateText"},
            {UrlsRole, "urls"},
            {StopCauseRole, "stopCause"},
            {StopExplanationRole, "stopExplanation"},
            {StoppedReasonRole, "stoppedReason"},
            {TaskDefinitionRole, "taskDefinition"},
            {ForgottenRole, "forgotten"},
            {LogGroupRole, "logGroup"},
            {LogStreamRole, "logStream"}};
}

void TaskListModel::setEngine(InventoryEngine *engine)
{
    if (m_engine == engine)
        return;
    if (m_engine)
        disconnect(m_engine, nullptr, this, nullptr);
    m_engine = engine;
    if (m_engine)
        connect(m_engine, &InventoryEngine::snapshotChanged, this, &TaskListModel::reload);
    emit engineChanged();
    reload();
}

void TaskListModel::setCluster(const QString &v)
{
    if (m_cluster == v)
        return;
    m_cluster = v;
    emit filterChanged();
    reload();
}

void TaskListModel::setService(const QString &v)
{
    if (m_service == v)
        return;
    m_service = v;
    emit filterChanged();
    reload();
}

void TaskListModel::setRunningOnly(bool v)
{
    if (m_runningOnly == v)
        return;
    m_runningOnly = v;
    emit filterChanged();
    reload();
}

void TaskListModel::copyToClipboard(const QString &text) const
{
    copyToSystemClipboard(text);
}

static QString ipStateName(IpState s)
{
    switch (s) {
    case IpState::Ready:
        return QStringLiteral("ready");
    case IpState::Changed:
        return QStringLiteral("changed");
    case IpState::Provisioning:
        return QStringLiteral("provisioning");
    case IpState::Disabled:
        return QStringLiteral("disabled");
    case IpState::NotRunning:
        return QStringLiteral("stopped");
    }
    return {};
}

void TaskListModel::reload()
{
    QList<KeyedRow> rows;
    if (m_engine && m_engine->snapshot()) {
        const Snapshot &snap = *m_engine->snapshot();
        const Cluster *filter = m_cluster.isEmpty() ? nullptr : snap.cluster(m_cluster);
        for (const VisibleTask &vt : m_engine->visibleTasks()) {
            const Task &t = vt.task;
            if (!m_cluster.isEmpty() && (!filter || filter->arn != t.clusterArn))
                continue;
            if (!m_service.isEmpty() && t.serviceName() != m_service)
                continue;
            if (m_runningOnly && (vt.forgotten || t.desiredStatus != QLatin1String("RUNNING")))
                continue;
            const AppAddress addr = m_engine->address(t);
            const StopExplanation stop =
                t.lastStatus == QLatin1String("STOPPED") || t.desiredStatus == QLatin1String("STOPPED")
                    ? explainStop(t)
                    : StopExplanation{};
            QString logGroup, logStream;
            if (const TaskDefinition *td = snap.taskDefinition(t.taskDefinitionArn)) {
                for (const ContainerDefinition &c : td->containers) {
                    if (c.logDriver == QLatin1String("awslogs") && !c.logGroup.isEmpty()) {
                        logGroup = c.logGroup;
                        logStream = QStringLiteral("%1/%2/%3").arg(c.logStreamPrefix, c.name, t.id);
                        break;
                    }
                }
            }
            const Cluster *c = snap.cluster(t.clusterArn);
            rows.append({t.arn,
                         {{ArnRole, t.arn},
                          {TaskIdRole, t.id},
                          {ClusterNameRole, c ? c->name : t.clusterArn.section(QLatin1Char('/'), -1)},
                          {ServiceNameRole, t.serviceName()},
                          {LastStatusRole, t.lastStatus},
                          {DesiredStatusRole, t.desiredStatus},
                          {HealthRole, t.healthStatus},
                          {StartedAtRole, t.startedAt},
                          {StoppedAtRole, t.stoppedAt},
                          {PrivateIpRole, t.privateIp},
                          {PublicIpRole, t.publicIp},
                          {IpStateRole, ipStateName(addr.state)},
                          {IpStateTextRole, addr.stateText()},
                          {UrlsRole, addr.urls},
                          {StopCauseRole, stop.cause},
                          {StopExplanationRole, stop.sentence},
                          {StoppedReasonRole, t.stoppedReason},
                          {TaskDefinitionRole, t.taskDefinitionArn.section(QLatin1Char('/'), -1)},
                          {ForgottenRole, vt.forgotten},
                          {LogGroupRole, logGroup},
                          {LogStreamRole, logStream}}});
        }
    }
    applyRows(rows);
}
