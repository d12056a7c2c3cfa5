#pragma once
// Reads a region in as few round trips as the APIs allow and publishes
// immutable snapshots; polls adaptively (fast while something is moving,
// slow when stable, backing off on throttling, paused while credentials are
// rejected or the window is minimised).
//
// A request goes out as soon as the answers it needs are in, not when a whole
// level is: the services' chain is read while a large cluster's ListTasks is
// still paging, each page of 100 tasks is described while the next page is
// asked for, and each 200 ENIs are asked for as soon as their tasks are in.
// Depth of each request (the refresh's levels: 4; the pages of one listing
// share its level):
//   1. DescribeVpcs, DescribeSubnets, DescribeSecurityGroups, DescribeDBInstances,
//      DescribeRepositories, DescribeLogGroups, ListClusters
//   2. DescribeClusters (100 a call), ListServices and ListTasks (RUNNING and
//      STOPPED, page by page) per cluster, DescribeImages per repository
//   3. DescribeServices (10 a call) once its cluster's services are listed;
//      DescribeTasks (100 a call) for each full page of listed tasks, and for
//      the rest once both of its cluster's lists are in
//   4. DescribeTaskDefinition (one per distinct revision, no batch API) as
//      services and tasks name them; DescribeNetworkInterfaces (running
//      tasks' ENIs) 200 at a time as tasks are described, the last partial
//      batch once every task is in: as few requests as batching them all at
//      the end

#include "ApiCaller.h"
#include "AppAddresses.h"
#include "InventorySnapshot.h"
#include "TaskHistory.h"

#include <QElapsedTimer>
#include <QObject>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace aws {
class AwsClient;
}

class InventoryEngine : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Created by the session")
    /// Polling is suspended (e.g. the window is minimised). Refreshes resume when cleared.
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    /// Polling stopped because AWS rejected the credentials; resume() after fresh ones.
    Q_PROPERTY(bool credentialsRejected READ credentialsRejected NOTIFY pausedChanged)
    Q_PROPERTY(bool refreshing READ isRefreshing NOTIFY refreshingChanged)
    /// Requests and dependency levels of the last refresh.
    Q_PROPERTY(int requestCount READ requestCount NOTIFY snapshotChanged)
    Q_PROPERTY(int levelCount READ levelCount NOTIFY snapshotChanged)
    /// Delay chosen for the next poll, in ms (0: none scheduled).
    Q_PROPERTY(int nextPollMs READ nextPollMs NOTIFY scheduleChanged)
    Q_PROPERTY(QString lastError READ lastError NOTIFY snapshotChanged)
    Q_PROPERTY(QDateTime updatedAt READ updatedAt NOTIFY snapshotChanged)
public:
    static constexpr int FastPollMs = 2000;
    static constexpr int SlowPollMs = 20000;
    static constexpr int MaxBackoffMs = 120000;
    static constexpr int DescribeTasksBatch = 100;
    static constexpr int DescribeServicesBatch = 10;
    static constexpr int DescribeClustersBatch = 100;
    static constexpr int EniBatch = 200; ///< keeps the query string well under URL limits

    /// `timer` may be null (a QTimer is used). Counts the client's requests.
    InventoryEngine(aws::AwsClient *client, std::unique_ptr<inventory::PollTimer> timer = {},
                    QObject *parent = nullptr);
    /// For tests and tools: any caller; requests are counted through countRequest().
    InventoryEngine(inventory::ApiCaller caller, std::unique_ptr<inventory::PollTimer> timer,
                    QObject *parent = nullptr);
    ~InventoryEngine() override;

    inventory::SnapshotPtr snapshot() const { return m_snapshot; }
    /// The snapshot's tasks plus stopped ones ECS forgot within the hour.
    const QList<inventory::VisibleTask> &visibleTasks() const { return m_visibleTasks; }
    /// Public-IP state and URLs of a task of the current snapshot.
    inventory::AppAddress address(const inventory::Task &task) const;
    /// For tests and tools: publish a snapshot as if a refresh had read it.
    void publish(inventory::Snapshot snap);
    bool isPaused() const { return m_paused; }
    void setPaused(bool paused);
    bool credentialsRejected() const { return m_credentialsRejected; }
    bool isRefreshing() const { return m_refresh != nullptr; }
    int requestCount() const { return m_snapshot ? m_snapshot->requests : 0; }
    int levelCount() const { return m_snapshot ? m_snapshot->levels : 0; }
    int nextPollMs() const { return m_nextPollMs; }
    QString lastError() const { return m_lastError; }
    QDateTime updatedAt() const { return m_snapshot ? m_snapshot->takenAt : QDateTime(); }
    /// Reads only this cluster's ECS resources (and their ENIs and task
    /// definitions) — what `deployctl ip/status --cluster` need. Empty: all.
    void setClusterScope(const QString &cluster) { m_scope = cluster; }
    const inventory::ApiCaller &caller() const { return m_caller; }
    /// Clock for snapshot times (tests inject one).
    void setNow(std::function<QDateTime()> now) { m_now = std::move(now); }

    /// Starts polling (a refresh now, then adaptively).
    Q_INVOKABLE void start();
    /// One refresh now (ignored while one is running).
    Q_INVOKABLE void refresh();
    /// After fresh credentials: clears the rejection and refreshes.
    Q_INVOKABLE void resume();
    /// Called for every HTTP request sent on the engine's behalf.
    void countRequest();

signals:
    void snapshotChanged();
    void pausedChanged();
    void refreshingChanged();
    void scheduleChanged();
    /// A refresh hit expired or rejected credentials; polling stops until resume().
    void credentialsExpired(const QString &message);

private:
    struct Refresh;
    struct ClusterTasks;
    /// Sends one request `depth` round trips into the refresh; `ok` reads
    /// its answer, `after` runs when it is in, answered or failed.
    void send(int depth, const QString &service, const QString &op, const QJsonObject &params, bool paginate,
              std::function<void(const QJsonObject &)> ok, std::function<void()> after = {});
    /// Sends a listing page by page: `page` reads each as it comes (while
    /// the next is asked for), `after` runs once the last is in or one failed.
    void sendPages(int depth, const QString &service, const QString &op, const QJsonObject &params,
                   std::function<void(const QJsonObject &)> page, std::function<void()> after,
                   std::shared_ptr<QSet<QString>> tokens = {});
    /// One request fewer in flight; the last one finishes the refresh.
    void answered();
    void readClusters(const QStringList &clusters, int depth);
    void describeServices(const QString &cluster, const QStringList &services, int depth);
    void taskListed(ClusterTasks &tasks, const QStringList &arns, int depth);
    void describeTasks(const QString &cluster, const QStringList &tasks, int depth);
    void describeTaskDefinition(const QString &arn, int depth);
    /// A task list or DescribeTasks is in; after the last, the last ENIs are asked for.
    void taskReadDone(int depth);
    /// Asks for the waiting ENIs in full batches (`all`: the partial one too).
    void askForEnis(bool all, int depth);
    void finishRefresh();
    void schedule();

    inventory::ApiCaller m_caller;
    std::unique_ptr<inventory::PollTimer> m_timer;
    std::function<QDateTime()> m_now;
    inventory::SnapshotPtr m_snapshot;
    QList<inventory::VisibleTask> m_visibleTasks;
    inventory::TaskHistory m_history;
    inventory::AddressBook m_addresses;
    std::unique_ptr<Refresh> m_refresh;
    bool m_started = false;
    bool m_paused = false;
    bool m_credentialsRejected = false;
    int m_nextPollMs = 0;
    int m_backoffMs = 0;
    QString m_lastError;
    QString m_scope;
};
