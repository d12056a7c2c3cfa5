#pragma once
// The services of one cluster (or all), for the Browse page's second column.

#include "InventoryEngine.h"
#include "KeyedRowModel.h"

#include <QPointer>

class ServiceListModel : public KeyedRowModel {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(InventoryEngine *engine READ engine WRITE setEngine NOTIFY engineChanged)
    /// Cluster name or ARN; empty shows every cluster's services.
    Q_PROPERTY(QString cluster READ cluster WRITE setCluster NOTIFY clusterChanged)
public:
    enum Role {
        ArnRole = Qt::UserRole + 1, ///< service ARN (the row's key)
        NameRole,                   ///< service name
        ClusterNameRole,            ///< the cluster it runs in
        StatusRole,                 ///< ACTIVE, DRAINING, INACTIVE
        DesiredRole,                ///< desiredCount
        RunningRole,                ///< runningCount
        PendingRole,                ///< pendingCount
        DeploymentsRole,            ///< "PRIMARY COMPLETED 1/1; ACTIVE IN_PROGRESS 0/1" (one per deployment)
        RolloutInProgressRole,      ///< true while a deployment is IN_PROGRESS
        LastEventRole,              ///< newest service event message
        LastEventTimeRole,          ///< its time (QDateTime, UTC)
        AssignPublicIpRole,         ///< ENABLED, DISABLED or empty
        TaskDefinitionRole,         ///< family:revision the service runs
    };
    Q_ENUM(Role)
    explicit ServiceListModel(QObject *parent = nullptr);
    QHash<int, QByteArray> roleNames() const override;
    InventoryEngine *engine() const { return m_engine; }
    void setEngine(InventoryEngine *engine);
    QString cluster() const { return m_cluster; }
    void setCluster(const QString &cluster);
    void reload();
signals:
    void engineChanged();
    void clusterChanged();

private:
    QPointer<InventoryEngine> m_engine;
    QString m_cluster;
};
