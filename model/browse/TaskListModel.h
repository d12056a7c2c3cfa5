#pragma once
// Tasks of a cluster / service with everything a student asks about them:
// status, health, times, IPs (with the "where is my app" state and URLs) and
// why a stopped one stopped. Also the Where-is-my-app list (runningOnly).

#include "InventoryEngine.h"
#include "KeyedRowModel.h"

#include <QPointer>

class TaskListModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(InventoryEngine *engine READ engine WRITE setEngine NOTIFY engineChanged)
    /// Cluster name or ARN; empty: every cluster.
    Q_PROPERTY(QString cluster READ cluster WRITE setCluster NOTIFY filterChanged)
    /// Service name; empty: every service (and standalone tasks).
    Q_PROPERTY(QString service READ service WRITE setService NOTIFY filterChanged)
    /// Only tasks that should be running (Where is my app).
    Q_PROPERTY(bool runningOnly READ runningOnly WRITE setRunningOnly NOTIFY filterChanged)
public:
    enum Role {
        ArnRole = Qt::UserRole + 1, ///< task ARN (the row's key)
        TaskIdRole,                 ///< the ARN's last part, as the console shows it
        ClusterNameRole,            ///< cluster name
        ServiceNameRole,            ///< service name, empty for a standalone task
        LastStatusRole,             ///< PROVISIONING, PENDING, RUNNING, DEPROVISIONING, STOPPED, …
        DesiredStatusRole,          ///< RUNNING or STOPPED
        HealthRole,                 ///< HEALTHY, UNHEALTHY or UNKNOWN
        StartedAtRole,              ///< QDateTime (UTC), invalid before start
        StoppedAtRole,              ///< QDateTime (UTC), invalid while not stopped
        PrivateIpRole,              ///< the ENI's private IPv4 address
        PublicIpRole,               ///< Association.PublicIp of the ENI, or empty
        IpStateRole,                ///< "ready", "changed", "provisioning", "disabled" or "stopped"
        IpStateTextRole,            ///< the state in words ("no IP yet (provisioning)", …)
        UrlsRole,                   ///< QStringList: http://IP:PORT per container port mapping
        StopCauseRole,              ///< short cause ("Image pull failed"), empty while running
        StopExplanationRole,        ///< a sentence: what happened and what to check
        StoppedReasonRole,          ///< ECS's own stoppedReason text
        TaskDefinitionRole,         ///< family:revision
        ForgottenRole,              ///< ECS no longer lists it; kept for an hour (shown greyed)
        LogGroupRole,               ///< awslogs group of the first container that logs, or empty
        LogStreamRole,              ///< its stream: prefix/container/task-id
    };
    Q_ENUM(Role)
    explicit TaskListModel(QObject *parent = nullptr);
    QHash<int, QByteArray> roleNames() const override;
    InventoryEngine *engine() const { return m_engine; }
    void setEngine(InventoryEngine *engine);
    QString cluster() const { return m_cluster; }
    void setCluster(const QString &v);
    QString service() const { return m_service; }
    void setService(const QString &v);
    bool runningOnly() const { return m_runningOnly; }
    void setRunningOnly(bool v);
    /// Copies text to the system clipboard (QML has no clipboard API).
    Q_INVOKABLE void copyToClipboard(const QString &text) const;
    void reload();
signals:
    void engineChanged();
    void filterChanged();

private:
    QPointer<InventoryEngine> m_engine;
    QString m_cluster, m_service;
    bool m_runningOnly = false;
};
