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

struct InventoryEngine::Refresh {
    Snapshot snap;
    int pending = 0;
    std::function<void()> next;
    QElapsedTimer wall;
    QStringList clusterArns;
    QHash<QString, QStringList> serviceArns; ///< cluster → services
    QHash<QString, QStringList> taskArns;    ///< cluster → tasks
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
    m_refresh->snap.levels = 1;
    emit refreshingChanged();
    Refresh *r = m_refresh.get();
    if (!m_scope.isEmpty()) {
        r->clusterArns = {m_scope};
        startLevel2();
        return;
    }
    r->next = [this] { startLevel2(); };
    // Level 1: everything that needs no other answer.
    send(QStringLiteral("ec2"), QStringLiteral("DescribeVpcs"), {}, true,
         [r](const QJsonObject &o) { r->snap.vpcs = read::vpcs(o); });
    send(QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), {}, true,
         [r](const QJsonObject &o) { r->snap.subnets = read::subnets(o); });
    send(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"), {}, true,
         [r](const QJsonObject &o) { r->snap.securityGroups = read::securityGroups(o); });
    send(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {}, true,
         [r](const QJsonObject &o) { r->snap.databases = read::databases(o); });
    send(QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"), {}, true,
         [r](const QJsonObject &o) { r->snap.repositories = read::repositories(o); });
    send(QStringLiteral("logs"), QStringLiteral("DescribeLogGroups"), {}, true,
         [r](const QJsonObject &o) { r->snap.logGroups = read::logGroups(o); });
    send(QStringLiteral("ecs"), QStringLiteral("ListClusters"), {}, true,
         [r](const QJsonObject &o) { r->clusterArns = arnsOf(o, "clusterArns"); });
}

void InventoryEngine::send(const QString &service, const QString &op, const QJsonObject &params,
                           bool paginate, std::function<void(const QJsonObject &)> ok)
{
    Refresh *r = m_refresh.get();
    ++r->pending;
    m_caller.send(service, op, params, paginate, &r->context,
                  [this, r, service, op, ok = std::move(ok)](const aws::Outcome &o) {
                      if (o.ok()) {
                          ok(o.output);
                      } else {
                          r->snap.errors << QStringLiteral("%1 %2: %3").arg(service, op, o.error->toString());
                          if (o.error->retry == aws::RetryClass::Throttling)
                              r->throttled = true;
                          if (o.error->isExpiredCredentials() ||
                              o.error->kind == aws::ErrorKind::Credentials) {
                              r->rejected = true;
                              r->rejection = o.error->toString();
                          }
                      }
                      levelDone();
                  });
}

void InventoryEngine::levelDone()
{
    Refresh *r = m_refresh.get();
    if (--r->pending > 0)
        return;
    if (r->rejected) {
        finishRefresh();
        return;
    }
    auto next = std::move(r->next);
    r->next = nullptr;
    if (next) {
        ++r->snap.levels;
        next();
        // A level with nothing to ask for moves straight on.
        if (m_refresh && m_refresh.get() == r && r->pending == 0) {
            --r->snap.levels;
            ++r->pending;
            levelDone();
        }
    } else {
        finishRefresh();
    }
}

void InventoryEngine::startLevel2()
{
    Refresh *r = m_refresh.get();
    r->next = [this] { startLevel3(); };
    for (int i = 0; i < r->clusterArns.size(); i += DescribeClustersBatch) {
        const QJsonObject p{
            {QStringLiteral("clusters"), toArray(r->clusterArns.mid(i, DescribeClustersBatch))}};
        send(QStringLiteral("ecs"), QStringLiteral("DescribeClusters"), p, false,
             [r](const QJsonObject &o) { r->snap.clusters += read::clusters(o); });
    }
    for (const QString &cluster : std::as_const(r->clusterArns)) {
        send(QStringLiteral("ecs"), QStringLiteral("ListServices"), {{QStringLiteral("cluster"), cluster}},
             true,
             [r, cluster](const QJsonObject &o) { r->serviceArns[cluster] = arnsOf(o, "serviceArns"); });
        for (const char *status : {"RUNNING", "STOPPED"}) {
            const QJsonObject p{{QStringLiteral("cluster"), cluster},
                                {QStringLiteral("desiredStatus"), QLatin1String(status)}};
            send(QStringLiteral("ecs"), QStringLiteral("ListTasks"), p, true,
                 [r, cluster](const QJsonObject &o) { r->taskArns[cluster] += arnsOf(o, "taskArns"); });
        }
    }
    for (int i = 0; i < r->snap.repositories.size(); ++i) {
        const QJsonObject p{{QStringLiteral("repositoryName"), r->snap.repositories[i].name}};
        send(QStringLiteral("ecr"), QStringLiteral("DescribeImages"), p, true,
             [r, i](const QJsonObject &o) { r->snap.repositories[i].images = read::images(o); });
    }
}

void InventoryEngine::startLevel3()
{
    Refresh *r = m_refresh.get();
    r->next = [this] { startLevel4(); };
    for (const QString &cluster : std::as_const(r->clusterArns)) {
        const QStringList services = r->serviceArns.value(cluster);
        for (int i = 0; i < services.size(); i += DescribeServicesBatch) {
            const QJsonObject p{
                {QStringLiteral("cluster"), cluster},
                {QStringLiteral("services"), toArray(services.mid(i, DescribeServicesBatch))}};
            send(QStringLiteral("ecs"), QStringLiteral("DescribeServices"), p, false,
                 [r](const QJsonObject &o) { r->snap.services += read::services(o); });
        }
        QStringList tasks = r->taskArns.value(cluster);
        tasks.removeDuplicates();
        for (int i = 0; i < tasks.size(); i += DescribeTasksBatch) {
            const QJsonObject p{{QStringLiteral("cluster"), cluster},
                                {QStringLiteral("tasks"), toArray(tasks.mid(i, DescribeTasksBatch))}};
            send(QStringLiteral("ecs"), QStringLiteral("DescribeTasks"), p, false,
                 [r](const QJsonObject &o) { r->snap.tasks += read::tasks(o); });
        }
    }
}

void InventoryEngine::startLevel4()
{
    Refresh *r = m_refresh.get();
    r->next = nullptr;
    QStringList enis;
    QSet<QString> defs;
    for (const Task &t : std::as_const(r->snap.tasks)) {
        // A stopped task's ENI is gone or going; asking would only add errors.
        if (!t.eniId.isEmpty() && t.lastStatus != QLatin1String("STOPPED"))
            enis << t.eniId;
        defs.insert(t.taskDefinitionArn);
    }
    for (const Service &s : std::as_const(r->snap.services))
        defs.insert(s.taskDefinition);
    defs.remove(QString());
    for (int i = 0; i < enis.size(); i += EniBatch) {
        const QJsonObject p{{QStringLiteral("NetworkInterfaceIds"), toArray(enis.mid(i, EniBatch))}};
        send(QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"), p, false,
             [r](const QJsonObject &o) {
                 const QHash<QString, QString> ips = read::publicIps(o);
                 for (Task &t : r->snap.tasks)
                     if (ips.contains(t.eniId))
                         t.publicIp = ips.value(t.eniId);
             });
    }
    QStringList sorted(defs.begin(), defs.end());
    sorted.sort();
    for (const QString &def : std::as_const(sorted)) {
        send(QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
             {{QStringLiteral("taskDefinition"), def}}, false,
             [r](const QJsonObject &o) { r->snap.taskDefinitions.append(read::taskDefinition(o)); });
    }
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
