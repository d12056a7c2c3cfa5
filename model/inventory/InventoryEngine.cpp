#include "InventoryEngine.h"

#include "SnapshotReader.h"

#include <QJsonArray>
#include <QSet>
#include <QTimer>

using namespace inventory;

namespace {

class QtPollTimer : public PollTimer {
public:
    QtPollTimer() { m_timer.setSingleShot(true); }
    void start(int ms, std::function<void()> fire) override
    {
        m_timer.disconnect();
        QObject::connect(&m_timer, &QTimer::timeout, std::move(fire));
        m_timer.start(ms);
    }
    void stop() override { m_timer.stop(); }

private:
    QTimer m_timer;
};

QJsonArray toArray(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QStringList arnsOf(const QJsonObject &o, const char *member)
{
    QStringList out;
    for (const QJsonValue &v : o.value(QLatin1String(member)).toArray())
        out << v.toString();
    return out;
}

} // namespace

/// A cluster's tasks as their lists page in: described a full batch at a
/// time as soon as one is listed, the rest once both lists are in.
struct InventoryEngine::ClusterTasks {
    QString cluster;
    QStringList waiting;  ///< listed, not yet asked for
    QSet<QString> listed; ///< a task that stops between the two lists is in both: described once
    int listsLeft = 0;
};

struct InventoryEngine::Refresh {
    Snapshot snap;
    int pending = 0;   ///< requests in flight (plus one while refresh() sends the first ones)
    int taskReads = 0; ///< task lists and DescribeTasks in flight: the last ENIs are asked for once none is
    QStringList enisWaiting; ///< running tasks' ENIs not yet asked for (fewer than a batch)
    QSet<QString> definitionsAsked;
    QElapsedTimer wall;
    bool throttled = false;
    bool rejected = false;
    QString rejection;
    QObject context; ///< callbacks of an abandoned refresh die with it
};

InventoryEngine::InventoryEngine(aws::AwsClient *client, std::unique_ptr<PollTimer> timer, QObject *parent)
    : InventoryEngine(ApiCaller::forClient(client), std::move(timer), parent)
{
    connect(client, &aws::AwsClient::requestSent, this, &InventoryEngine::countRequest);
}

InventoryEngine::InventoryEngine(ApiCaller caller, std::unique_ptr<PollTimer> timer, QObject *parent)
    : QObject(parent)
    , m_caller(std::move(caller))
    , m_timer(timer ? std::move(timer) : std::make_unique<QtPollTimer>())
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{}

InventoryEngine::~InventoryEngine() = default;

void InventoryEngine::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    emit pausedChanged();
    if (m_paused) {
        m_timer->stop();
        m_nextPollMs = 0;
        emit scheduleChanged();
    } else if (m_started && !m_refresh) {
        refresh();
    }
}

void InventoryEngine::start()
{
    m_started = true;
    refresh();
}

void InventoryEngine::resume()
{
    if (m_credentialsRejected) {
        m_credentialsRejected = false;
        emit pausedChanged();
    }
    m_started = true;
    refresh();
}

void InventoryEngine::countRequest()
{
    if (m_refresh)
        ++m_refresh->snap.requests;
}

void InventoryEngine::refresh()
{
    if (m_refresh || m_credentialsRejected)
        return;
    m_timer->stop();
    m_refresh = std::make_unique<Refresh>();
    m_refresh->wall.start();
    emit refreshingChanged();
    Refresh *r = m_refresh.get();
    ++r->pending; // the refresh cannot finish while its first requests are being sent
    if (!m_scope.isEmpty()) {
        readClusters({m_scope}, 1);
    } else {
        // Everything that needs no other answer, the head of the longest
        // chain first: the sandbox (and the client, reading answers) takes a
        // burst in order, so what heads a chain waits for no one else.
        send(1, QStringLiteral("ecs"), QStringLiteral("ListClusters"), {}, true,
             [this](const QJsonObject &o) { readClusters(arnsOf(o, "clusterArns"), 2); });
        send(1, QStringLiteral("ec2"), QStringLiteral("DescribeVpcs"), {}, true,
             [r](const QJsonObject &o) { r->snap.vpcs = read::vpcs(o); });
        send(1, QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), {}, true,
             [r](const QJsonObject &o) { r->snap.subnets = read::subnets(o); });
        send(1, QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"), {}, true,
             [r](const QJsonObject &o) { r->snap.securityGroups = read::securityGroups(o); });
        send(1, QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {}, true,
             [r](const QJsonObject &o) { r->snap.databases = read::databases(o); });
        send(1, QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), {}, true,
             [this, r](const QJsonObject &o) {
                 r->snap.repositories = read::repositories(o);
                 for (int i = 0; i < r->snap.repositories.size(); ++i) {
                     const QJsonObject p{{QStringLiteral("repositoryName"), r->snap.repositories[i].name}};
                     send(2, QStringLiteral("ecr"), QStringLiteral("DescribeImages"), p, true,
                          [r, i](const QJsonObject &o) { r->snap.repositories[i].images = read::images(o); });
                 }
             });
        send(1, QStringLiteral("logs"), QStringLiteral("DescribeLogGroups"), {}, true,
             [r](const QJsonObject &o) { r->snap.logGroups = read::logGroups(o); });
    }
    answered();
}

void InventoryEngine::send(int depth, const QString &service, const QString &op, const QJsonObject &params,
                           bool paginate, std::function<void(const QJsonObject &)> ok,
                           std::function<void()> after)
{
    Refresh *r = m_refresh.get();
    if (r->rejected)
        return; // AWS refused the credentials: every further request would be refused too
    ++r->pending;
    r->snap.levels = std::max(r->snap.levels, depth);
    m_caller.send(
        service, op, params, paginate, &r->context,
        [this, r, service, op, ok = std::move(ok), after = std::move(after)](const aws::Outcome &o) {
            if (o.ok()) {
                ok(o.output);
            } else {
                r->snap.errors << QStringLiteral("%1 %2: %3").arg(service, op, o.error->toString());
                if (o.error->retry == aws::RetryClass::Throttling)
                    r->throttled = true;
                if (o.error->isExpiredCredentials() || o.error->kind == aws::ErrorKind::Credentials) {
                    r->rejected = true;
                    r->rejection = o.error->toString();
                }
            }
            if (after)
                after();
            answered();
        });
}

void InventoryEngine::answered()
{
    if (--m_refresh->pending == 0)
        finishRefresh();
}

void InventoryEngine::readClusters(const QStringList &clusters, int depth)
{
    // The task lists first: they head the refresh's longest chain (pages,
    // then DescribeTasks, then ENIs); the services' chain and the clusters'
    // counts have time to spare.
    Refresh *r = m_refresh.get();
    for (const QString &cluster : clusters) {
        auto tasks = std::make_shared<ClusterTasks>();
        tasks->cluster = cluster;
        for (const char *status : {"RUNNING", "STOPPED"}) {
            const QJsonObject p{{QStringLiteral("cluster"), cluster},
                                {QStringLiteral("desiredStatus"), QLatin1String(status)}};
            ++tasks->listsLeft;
            ++r->taskReads;
            sendPages(
                depth, QStringLiteral("ecs"), QStringLiteral("ListTasks"), p,
                [this, tasks, depth](const QJsonObject &o) {
                    taskListed(*tasks, arnsOf(o, "taskArns"), depth + 1);
                },
                [this, tasks, depth] {
                    if (--tasks->listsLeft == 0)
                        describeTasks(tasks->cluster, std::exchange(tasks->waiting, {}), depth + 1);
                    taskReadDone(depth + 1);
                });
        }
    }
    for (const QString &cluster : clusters)
        send(depth, QStringLiteral("ecs"), QStringLiteral("ListServices"),
             {{QStringLiteral("cluster"), cluster}}, true, [this, cluster, depth](const QJsonObject &o) {
                 describeServices(cluster, arnsOf(o, "serviceArns"), depth + 1);
             });
    for (int i = 0; i < clusters.size(); i += DescribeClustersBatch) {
        const QJsonObject p{{QStringLiteral("clusters"), toArray(clusters.mid(i, DescribeClustersBatch))}};
        send(depth, QStringLiteral("ecs"), QStringLiteral("DescribeClusters"), p, false,
             [r](const QJsonObject &o) { r->snap.clusters += read::clusters(o); });
    }
}

void InventoryEngine::sendPages(int depth, const QString &service, const QString &op,
                                const QJsonObject &params, std::function<void(const QJsonObject &)> page,
                                std::function<void()> after, std::shared_ptr<QSet<QString>> tokens)
{
    // Page by page here rather than in the client's paginator, so that each
    // page's items are at work while the next page is asked for.
    if (!tokens)
        tokens = std::make_shared<QSet<QString>>();
    auto more = std::make_shared<bool>(false); // the next page was asked for: the listing goes on
    send(
        depth, service, op, params, false,
        [this, depth, service, op, params, page, after, tokens, more](const QJsonObject &o) {
            // The next page goes out before this one is read: it is the
            // longer chain.
            const QString token = o.value(u"nextToken").toString();
            // A repeated token would page forever (botocore stops too).
            if (!token.isEmpty() && !tokens->contains(token)) {
                tokens->insert(token);
                QJsonObject next = params;
                next.insert(QStringLiteral("nextToken"), token);
                *more = true;
                sendPages(depth, service, op, next, page, after, tokens);
            }
            page(o);
        },
        [after, more] {
            if (!*more)
                after();
        });
}

void InventoryEngine::taskListed(ClusterTasks &tasks, const QStringList &arns, int depth)
{
    for (const QString &arn : arns)
        if (!tasks.listed.contains(arn)) {
            tasks.listed.insert(arn);
            tasks.waiting << arn;
        }
    // Full batches go out now; the rest waits for the lists' last pages.
    const qsizetype full = tasks.waiting.size() / DescribeTasksBatch * DescribeTasksBatch;
    if (full > 0) {
        describeTasks(tasks.cluster, tasks.waiting.first(full), depth);
        tasks.waiting.remove(0, full);
    }
}

void InventoryEngine::describeServices(const QString &cluster, const QStringList &services, int depth)
{
    Refresh *r = m_refresh.get();
    for (int i = 0; i < services.size(); i += DescribeServicesBatch) {
        const QJsonObject p{{QStringLiteral("cluster"), cluster},
                            {QStringLiteral("services"), toArray(services.mid(i, DescribeServicesBatch))}};
        send(depth, QStringLiteral("ecs"), QStringLiteral("DescribeServices"), p, false,
             [this, r, depth](const QJsonObject &o) {
                 const QList<Service> read = read::services(o);
                 r->snap.services += read;
                 for (const Service &s : read)
                     describeTaskDefinition(s.taskDefinition, depth + 1);
             });
    }
}

void InventoryEngine::describeTasks(const QString &cluster, const QStringList &tasks, int depth)
{
    Refresh *r = m_refresh.get();
    for (int i = 0; i < tasks.size(); i += DescribeTasksBatch) {
        const QJsonObject p{{QStringLiteral("cluster"), cluster},
                            {QStringLiteral("tasks"), toArray(tasks.mid(i, DescribeTasksBatch))}};
        ++r->taskReads;
        send(
            depth, QStringLiteral("ecs"), QStringLiteral("DescribeTasks"), p, false,
            [this, r, depth](const QJsonObject &o) {
                const QList<Task> read = read::tasks(o);
                r->snap.tasks += read;
                for (const Task &t : read) {
                    describeTaskDefinition(t.taskDefinitionArn, depth + 1);
                    // A stopped task's ENI is gone or going; asking would only add errors.
                    if (!t.eniId.isEmpty() && t.lastStatus != QLatin1String("STOPPED"))
                        r->enisWaiting << t.eniId;
                }
                askForEnis(false, depth + 1);
            },
            [this, depth] { taskReadDone(depth + 1); });
    }
}

void InventoryEngine::describeTaskDefinition(const QString &arn, int depth)
{
    Refresh *r = m_refresh.get();
    if (arn.isEmpty() || r->definitionsAsked.contains(arn))
        return;
    r->definitionsAsked.insert(arn);
    send(depth, QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
         {{QStringLiteral("taskDefinition"), arn}}, false,
         [r](const QJsonObject &o) { r->snap.taskDefinitions.append(read::taskDefinition(o)); });
}

void InventoryEngine::taskReadDone(int depth)
{
    if (--m_refresh->taskReads == 0)
        askForEnis(true, depth);
}

void InventoryEngine::askForEnis(bool all, int depth)
{
    // Full batches as soon as the tasks that fill them are described; the
    // last, partial one once every task is in. As few requests as one batch
    // for all the tasks at the end, but most ENIs are read while other
    // clusters' tasks still page in.
    Refresh *r = m_refresh.get();
    QStringList &enis = r->enisWaiting;
    const qsizetype count = all ? enis.size() : enis.size() / EniBatch * EniBatch;
    for (qsizetype i = 0; i < count; i += EniBatch) {
        const QJsonObject p{{QStringLiteral("NetworkInterfaceIds"),
                             toArray(enis.mid(i, std::min<qsizetype>(EniBatch, count - i)))}};
        send(depth, QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"), p, false,
             [r](const QJsonObject &o) {
                 const QHash<QString, QString> ips = read::publicIps(o);
                 for (Task &t : r->snap.tasks)
                     if (ips.contains(t.eniId))
                         t.publicIp = ips.value(t.eniId);
             });
    }
    enis.remove(0, count);
}

void InventoryEngine::finishRefresh()
{
    std::unique_ptr<Refresh> r = std::move(m_refresh);
    emit refreshingChanged();
    if (r->rejected) {
        m_credentialsRejected = true;
        m_lastError = r->rejection;
        m_timer->stop();
        m_nextPollMs = 0;
        emit pausedChanged();
        emit scheduleChanged();
        emit credentialsExpired(r->rejection);
        return;
    }
    // Keep only the log groups some task definition names.
    QSet<QString> named;
    for (const TaskDefinition &td : std::as_const(r->snap.taskDefinitions))
        for (const ContainerDefinition &c : td.containers)
            if (!c.logGroup.isEmpty())
                named.insert(c.logGroup);
    r->snap.logGroups.removeIf([&](const LogGroup &g) { return !named.contains(g.name); });

    r->snap.takenAt = m_now();
    r->snap.wallMs = r->wall.elapsed();
    m_lastError = r->snap.errors.value(0);
    if (r->throttled)
        m_backoffMs = m_backoffMs ? std::min(m_backoffMs * 2, MaxBackoffMs) : 2 * FastPollMs;
    else
        m_backoffMs = 0;
    // Throttled answers leave holes: keep the previous snapshot rather than
    // showing resources that merely failed to load as removed.
    if (!r->throttled || !m_snapshot)
        publish(std::move(r->snap));
    else
        emit snapshotChanged();
    schedule();
}

void InventoryEngine::schedule()
{
    if (m_paused || !m_started || m_credentialsRejected)
        return;
    int ms = SlowPollMs;
    if (m_backoffMs)
        ms = m_backoffMs;
    else if (m_snapshot && m_snapshot->isTransitional())
        ms = FastPollMs;
    m_nextPollMs = ms;
    emit scheduleChanged();
    m_timer->start(ms, [this] { refresh(); });
}

void InventoryEngine::publish(Snapshot snap)
{
    if (!snap.takenAt.isValid())
        snap.takenAt = m_now();
    m_snapshot = std::make_shared<const Snapshot>(std::move(snap));
    m_visibleTasks = m_history.update(*m_snapshot);
    m_addresses.remember(*m_snapshot);
    emit snapshotChanged();
}

AppAddress InventoryEngine::address(const Task &task) const
{
    return m_snapshot ? m_addresses.address(*m_snapshot, task) : AppAddress{};
}
