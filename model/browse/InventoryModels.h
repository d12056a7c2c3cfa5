#pragma once
// Every model the inventory pages show, made from one engine: what
// InventoryPage.qml takes. Create one per engine (in C++ or QML).

#include "ClusterListModel.h"
#include "GraphModel.h"
#include "LogStreamModel.h"
#include "ServiceListModel.h"
#include "TaskListModel.h"

class InventoryModels : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(InventoryEngine *engine READ engine WRITE setEngine NOTIFY engineChanged)
    Q_PROPERTY(GraphModel *graph READ graph CONSTANT)
    Q_PROPERTY(ClusterListModel *clusters READ clusters CONSTANT)
    /// Services of the cluster chosen in Browse (its `cluster` property).
    Q_PROPERTY(ServiceListModel *services READ services CONSTANT)
    /// Tasks of the chosen cluster/service in Browse.
    Q_PROPERTY(TaskListModel *tasks READ tasks CONSTANT)
    /// Running tasks of every cluster: the Where-is-my-app list.
    Q_PROPERTY(TaskListModel *whereIsMyApp READ whereIsMyApp CONSTANT)
    /// The log stream being read (null until an engine is set).
    Q_PROPERTY(LogStreamModel *logs READ logs NOTIFY engineChanged)
public:
    explicit InventoryModels(QObject *parent = nullptr);
    InventoryEngine *engine() const { return m_engine; }
    void setEngine(InventoryEngine *engine);
    GraphModel *graph() { return &m_graph; }
    ClusterListModel *clusters() { return &m_clusters; }
    ServiceListModel *services() { return &m_services; }
    TaskListModel *tasks() { return &m_tasks; }
    TaskListModel *whereIsMyApp() { return &m_where; }
    LogStreamModel *logs() { return m_logs; }
    /// Opens the log stream of a task (by ARN), switching the Logs tab to it.
    Q_INVOKABLE bool openLogsOf(const QString &taskArn);
signals:
    void engineChanged();

private:
    QPointer<InventoryEngine> m_engine;
    GraphModel m_graph;
    ClusterListModel m_clusters;
    ServiceListModel m_services;
    TaskListModel m_tasks;
    TaskListModel m_where;
    LogStreamModel *m_logs = nullptr;
};
