// The inventory engine against an in-process fake account: requests and
// levels per scenario, content, adaptive polling with a manual timer,
// throttling back-off, credential pauses; and the browse models' in-place
// updates under QAbstractItemModelTester.

#include "ClusterListModel.h"
#include "FakeAccount.h"
#include "InventoryEngine.h"
#include "ServiceListModel.h"
#include "StopReasons.h"
#include "TaskListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QtTest>

using namespace inventory;

namespace {
class ManualTimer : public PollTimer {
public:
    int *lastMs;
    std::function<void()> *pending;
    ManualTimer(int *ms, std::function<void()> *p)
        : lastMs(ms)
        , pending(p)
    {}
    void start(int ms, std::function<void()> fire) override
    {
        *lastMs = ms;
        *pending = std::move(fire);
    }
    void stop() override { *pending = nullptr; }
};

struct Rig {
    FakeAccount account;
    int lastMs = 0;
    std::function<void()> pending;
    std::unique_ptr<InventoryEngine> engine;
    explicit Rig(const QString &scenario)
    {
        account.loadScenario(scenario);
        engine = std::make_unique<InventoryEngine>(account.caller(),
                                                   std::make_unique<ManualTimer>(&lastMs, &pending));
        account.onRequest = [this] { engine->countRequest(); };
    }
    QString arnOf(const QString &id) const
    {
        for (const Task &t : engine->snapshot()->tasks)
            if (t.id == id)
                return t.arn;
        return {};
    }
    bool refreshNow()
    {
        QSignalSpy spy(engine.get(), &InventoryEngine::snapshotChanged);
        engine->refresh();
        return spy.wait(10000);
    }
    bool fire()
    {
        if (!pending)
            return false;
        QSignalSpy spy(engine.get(), &InventoryEngine::snapshotChanged);
        auto f = std::move(pending);
        pending = nullptr;
        f();
        return spy.wait(10000);
    }
};
} // namespace

class TestInventoryEngine : public QObject {
    Q_OBJECT
private slots:
    void taskoverflowRequests();
    void largeRequests();
    void requestsGoOutAsSoonAsTheirInputsAre();
    void tasksAreDescribedAsTheyPageIn();
    void adaptivePolling();
    void throttlingBacksOff();
    void credentialsPause();
    void minimisedPauses();
    void stopReasons_data();
    void stopReasons();
    void publicIpStates();
    void modelsUpdateInPlace();
    void stoppedTasksRemembered();
};

void TestInventoryEngine::taskoverflowRequests()
{
    Rig rig(QStringLiteral("taskoverflow"));
    QVERIFY(rig.refreshNow());
    const SnapshotPtr s = rig.engine->snapshot();
    // 7 independent reads, then 5 (DescribeClusters, ListServices, ListTasks×2,
    // DescribeImages), then 2 (DescribeServices, DescribeTasks), then 2
    // (DescribeNetworkInterfaces, DescribeTaskDefinition).
    QCOMPARE(s->requests, 16);
    QCOMPARE(s->levels, 4);
    QCOMPARE(rig.account.requests, 16);
    // What heads the longest chain goes first in each burst: the sandbox and
    // the client take a burst in order.
    QCOMPARE(rig.account.order.first(), QStringLiteral("ecs.ListClusters"));
    const qsizetype listTasks = rig.account.order.indexOf(QStringLiteral("ecs.ListTasks"));
    QVERIFY(listTasks < rig.account.order.indexOf(QStringLiteral("ecs.ListServices")));
    QVERIFY(listTasks < rig.account.order.indexOf(QStringLiteral("ecs.DescribeClusters")));
    QCOMPARE(rig.account.calls.value("ec2.DescribeNetworkInterfaces"), 1);
    QCOMPARE(s->clusters.size(), 1);
    QCOMPARE(s->services.size(), 1);
    QCOMPARE(s->tasks.size(), 2);
    QCOMPARE(s->taskDefinitions.size(), 1);
    QCOMPARE(s->logGroups.size(), 1); // only the one a task definition names
    QCOMPARE(s->repositories.first().images.size(), 1);
    QCOMPARE(s->securityGroups.first().allowedPorts(), QStringList{"6400"});
    const Task *running = nullptr;
    for (const Task &t : s->tasks)
        if (t.lastStatus == "RUNNING")
            running = &t;
    QVERIFY(running);
    QCOMPARE(running->publicIp, QStringLiteral("127.0.0.2"));
    QCOMPARE(running->eniId, QStringLiteral("eni-0a1b2c3d"));
    QVERIFY(s->errors.isEmpty());
    QVERIFY(!s->isTransitional());
}

void TestInventoryEngine::largeRequests()
{
    Rig rig(QStringLiteral("large"));
    QVERIFY(rig.refreshNow());
    const SnapshotPtr s = rig.engine->snapshot();
    QCOMPARE(s->tasks.size(), 2000);
    QCOMPARE(s->services.size(), 200);
    // Per cluster: ListServices 1, ListTasks 1 page RUNNING + 1 STOPPED,
    // DescribeServices 10 / 10 = 1, DescribeTasks 100 / 100 = 1.
    QCOMPARE(rig.account.calls.value("ecs.DescribeTasks"), 20);
    QCOMPARE(rig.account.calls.value("ecs.DescribeServices"), 20);
    QCOMPARE(rig.account.calls.value("ecs.DescribeClusters"), 1);
    QCOMPARE(rig.account.calls.value("ec2.DescribeNetworkInterfaces"), 10); // 2000 / 200
    QCOMPARE(rig.account.calls.value("ecs.DescribeTaskDefinition"), 200);
    QCOMPARE(s->levels, 4);
    qInfo("large: %d requests in %d levels, %lld ms", s->requests, s->levels, s->wallMs);
}

void TestInventoryEngine::requestsGoOutAsSoonAsTheirInputsAre()
{
    // A large cluster's ListTasks pages for a while; the services' chain
    // must not wait for it (that was a refresh's slowest wait at 40 ms per
    // round trip), while tasks, ENIs and the tasks' own definitions must.
    Rig rig(QStringLiteral("large"));
    rig.account.hold = {QStringLiteral("ecs.ListTasks")};
    QSignalSpy done(rig.engine.get(), &InventoryEngine::snapshotChanged);
    rig.engine->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(rig.account.calls.value("ecs.DescribeTaskDefinition"), 200, 10000);
    QCOMPARE(rig.account.calls.value("ecs.DescribeServices"), 20);
    QCOMPARE(rig.account.calls.value("ecr.DescribeImages"), rig.account.repositories.size());
    QCOMPARE(rig.account.calls.value("ecs.DescribeTasks"), 0);
    QCOMPARE(rig.account.calls.value("ec2.DescribeNetworkInterfaces"), 0);
    QVERIFY(rig.engine->isRefreshing());
    QCOMPARE(done.count(), 0);

    rig.account.release();
    QVERIFY(done.wait(10000));
    const SnapshotPtr s = rig.engine->snapshot();
    QCOMPARE(s->tasks.size(), 2000);
    QCOMPARE(rig.account.calls.value("ecs.DescribeTasks"), 20);
    QCOMPARE(rig.account.calls.value("ec2.DescribeNetworkInterfaces"),
             10);                                                         // full batches, not one per cluster
    QCOMPARE(rig.account.calls.value("ecs.DescribeTaskDefinition"), 200); // each revision once
    QCOMPARE(s->levels, 4);
    QVERIFY(std::all_of(s->tasks.cbegin(), s->tasks.cend(),
                        [](const Task &t) { return t.lastStatus == "STOPPED" || !t.publicIp.isEmpty(); }));
    QVERIFY(s->errors.isEmpty());
}

void TestInventoryEngine::tasksAreDescribedAsTheyPageIn()
{
    // 350 running tasks list in four pages (100, 100, 100, 50), 30 stopped
    // ones in one. Each full hundred is described while the next page is
    // asked for, and each 200 ENIs are asked for once their tasks are in: a
    // large cluster's tasks and ENIs are mostly read by its last page.
    // Requests stay as few as describing everything at the end: 4
    // DescribeTasks for 380 tasks, 2 DescribeNetworkInterfaces for 350 ENIs.
    Rig rig(QStringLiteral("taskoverflow"));
    rig.account.tasks = {};
    rig.account.enis = {};
    for (int i = 0; i < 350; ++i)
        rig.account.addTask("taskoverflow", "taskoverflow", QStringLiteral("r%1").arg(i), "RUNNING",
                            QStringLiteral("127.1.%1.%2").arg(i / 200).arg(i % 200 + 1));
    for (int i = 0; i < 30; ++i)
        rig.account.addTask("taskoverflow", "taskoverflow", QStringLiteral("s%1").arg(i), "STOPPED", {});
    auto calls = [&](const char *call) { return rig.account.calls.value(QLatin1String(call)); };
    rig.account.hold = {QStringLiteral("ecs.ListTasks")};
    QSignalSpy done(rig.engine.get(), &InventoryEngine::snapshotChanged);
    rig.engine->refresh();
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.ListTasks"), 2, 5000); // the first page of each list

    rig.account.deliverHeld(); // running 1-100 (more to come), the 30 stopped (all)
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.ListTasks"), 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.DescribeTasks"), 1, 5000); // the full hundred
    // The next page was asked for before the hundred: it is the longer chain.
    QVERIFY(rig.account.order.lastIndexOf(QStringLiteral("ecs.ListTasks")) <
            rig.account.order.indexOf(QStringLiteral("ecs.DescribeTasks")));

    rig.account.deliverHeld(); // running 101-200: 30 stopped and 70 running make a hundred
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.ListTasks"), 4, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.DescribeTasks"), 2, 5000);
    QCOMPARE(calls("ec2.DescribeNetworkInterfaces"), 0); // 170 ENIs: not a batch yet

    rig.account.deliverHeld(); // running 201-300
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.ListTasks"), 5, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(calls("ecs.DescribeTasks"), 3, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(calls("ec2.DescribeNetworkInterfaces"), 1, 5000); // 270: a batch of 200
    QVERIFY(rig.engine->isRefreshing());                                        // the last page is still held
    QCOMPARE(done.count(), 0);

    rig.account.release(); // running 301-350, the last 50 with the 30 left over
    QVERIFY(done.wait(5000));
    const SnapshotPtr s = rig.engine->snapshot();
    QCOMPARE(calls("ecs.ListTasks"), 5);
    QCOMPARE(calls("ecs.DescribeTasks"), 4);
    QCOMPARE(calls("ec2.DescribeNetworkInterfaces"), 2);
    QCOMPARE(s->tasks.size(), 380);
    QCOMPARE(s->levels, 4);
    QVERIFY(std::all_of(s->tasks.cbegin(), s->tasks.cend(),
                        [](const Task &t) { return t.lastStatus == "STOPPED" || !t.publicIp.isEmpty(); }));
    QVERIFY(s->errors.isEmpty());
}

void TestInventoryEngine::adaptivePolling()
{
    Rig rig(QStringLiteral("taskoverflow"));
    rig.account.setTaskField("0a1b2c3d", "lastStatus", "PENDING");
    QSignalSpy spy(rig.engine.get(), &InventoryEngine::snapshotChanged);
    rig.engine->start();
    QVERIFY(spy.wait(5000));
    QCOMPARE(rig.lastMs, InventoryEngine::FastPollMs);
    rig.account.setTaskField("0a1b2c3d", "lastStatus", "RUNNING");
    QVERIFY(rig.fire());
    QCOMPARE(rig.lastMs, InventoryEngine::SlowPollMs);
    // A deployment in progress is transitional too.
    QJsonObject svc = rig.account.services[0].toObject();
    QJsonArray deps = svc["deployments"].toArray();
    QJsonObject d = deps[0].toObject();
    d["rolloutState"] = "IN_PROGRESS";
    deps[0] = d;
    svc["deployments"] = deps;
    rig.account.services[0] = svc;
    QVERIFY(rig.fire());
    QCOMPARE(rig.lastMs, InventoryEngine::FastPollMs);
    QCOMPARE(rig.engine->nextPollMs(), InventoryEngine::FastPollMs);
}

void TestInventoryEngine::throttlingBacksOff()
{
    Rig rig(QStringLiteral("taskoverflow"));
    rig.engine->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.pending != nullptr, 5000);
    const int before = rig.engine->snapshot()->tasks.size();
    rig.account.throttleNext = 1;
    QVERIFY(rig.fire());
    QCOMPARE(rig.lastMs, 2 * InventoryEngine::FastPollMs);
    QCOMPARE(rig.engine->snapshot()->tasks.size(), before); // holes never shown as removals
    rig.account.throttleNext = 1;
    QVERIFY(rig.fire());
    QCOMPARE(rig.lastMs, 4 * InventoryEngine::FastPollMs);
    QVERIFY(rig.fire());
    QCOMPARE(rig.lastMs, InventoryEngine::SlowPollMs);
}

void TestInventoryEngine::credentialsPause()
{
    Rig rig(QStringLiteral("taskoverflow"));
    rig.account.expired = true;
    QSignalSpy expired(rig.engine.get(), &InventoryEngine::credentialsExpired);
    rig.engine->start();
    QVERIFY(expired.wait(5000));
    QVERIFY(rig.engine->credentialsRejected());
    QVERIFY(!rig.pending); // nothing scheduled
    const int sent = rig.account.requests;
    rig.engine->refresh(); // ignored while rejected
    QCOMPARE(rig.account.requests, sent);
    rig.account.expired = false;
    QSignalSpy spy(rig.engine.get(), &InventoryEngine::snapshotChanged);
    rig.engine->resume();
    QVERIFY(spy.wait(5000));
    QVERIFY(!rig.engine->credentialsRejected());
    QVERIFY(rig.pending);
}

void TestInventoryEngine::minimisedPauses()
{
    Rig rig(QStringLiteral("taskoverflow"));
    rig.engine->start();
    QTRY_VERIFY_WITH_TIMEOUT(rig.pending != nullptr, 5000);
    rig.engine->setPaused(true);
    QVERIFY(!rig.pending);
    QCOMPARE(rig.engine->nextPollMs(), 0);
    QSignalSpy spy(rig.engine.get(), &InventoryEngine::snapshotChanged);
    rig.engine->setPaused(false); // refreshes at once on restore
    QVERIFY(spy.wait(5000));
    QVERIFY(rig.pending);
}

void TestInventoryEngine::stopReasons_data()
{
    QTest::addColumn<QString>("stopCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("cause");
    QTest::addColumn<QString>("mustContain");
    QTest::newRow("pull") << "TaskFailedToStart"
                          << "CannotPullContainerError: pull image manifest has been retried 5 time(s)"
                          << "Image pull failed"
                          << "the task has a public IP or a NAT";
    QTest::newRow("init") << "TaskFailedToStart"
                          << "ResourceInitializationError: unable to pull secrets"
                          << "Could not start"
                          << "execution role";
    QTest::newRow("exit") << "EssentialContainerExited"
                          << "Essential container in task exited"
                          << "App exited"
                          << "read its logs";
    QTest::newRow("oom") << ""
                         << "OutOfMemoryError: Container killed due to memory usage"
                         << "Out of memory"
                         << "memory";
    QTest::newRow("scale") << "ServiceSchedulerInitiated"
                           << "Scaling activity initiated by (deployment ecs-svc/1)"
                           << "Scaled in"
                           << "desired count";
    QTest::newRow("user") << "UserInitiated"
                          << "Task stopped by user"
                          << "Stopped by you"
                          << "StopTask";
    QTest::newRow("unknown") << ""
                             << "Something new"
                             << "Stopped"
                             << "Something new";
}

void TestInventoryEngine::stopReasons()
{
    QFETCH(QString, stopCode);
    QFETCH(QString, reason);
    QFETCH(QString, cause);
    QFETCH(QString, mustContain);
    const StopExplanation e = explainStop(stopCode, reason);
    QCOMPARE(e.cause, cause);
    QVERIFY2(e.sentence.contains(mustContain, Qt::CaseInsensitive), qPrintable(e.sentence));
}

void TestInventoryEngine::publicIpStates()
{
    Rig rig(QStringLiteral("taskoverflow"));
    TaskListModel where;
    where.setRunningOnly(true);
    where.setEngine(rig.engine.get());
    QVERIFY(rig.refreshNow());
    QCOMPARE(where.rowCount(), 1);
    auto role = [&](int r, const char *name) { return where.get(r, QString::fromLatin1(name)); };
    QCOMPARE(role(0, "ipState").toString(), QStringLiteral("ready"));
    QCOMPARE(role(0, "urls").toStringList(), QStringList{"http://127.0.0.2:6400"});

    // Replaced: the old task stops, a new one provisions (no ENI yet).
    rig.account.setTaskField("0a1b2c3d", "lastStatus", "STOPPED");
    rig.account.setTaskField("0a1b2c3d", "desiredStatus", "STOPPED");
    rig.account.addTask("taskoverflow", "taskoverflow", "11112222", "PROVISIONING", {});
    QVERIFY(rig.refreshNow());
    int row = where.indexOfKey(rig.arnOf("11112222"));
    QVERIFY(row >= 0);
    QCOMPARE(role(row, "ipState").toString(), QStringLiteral("provisioning"));
    QCOMPARE(role(row, "ipStateText").toString(), QStringLiteral("no IP yet (provisioning)"));

    // Running with a new IP: "changed".
    rig.account.removeTask("11112222");
    rig.account.addTask("taskoverflow", "taskoverflow", "11112222", "RUNNING", "127.0.0.3");
    QVERIFY(rig.refreshNow());
    row = where.indexOfKey(rig.arnOf("11112222"));
    QCOMPARE(role(row, "ipState").toString(), QStringLiteral("changed"));
    QVERIFY(role(row, "ipStateText").toString().contains("127.0.0.2"));

    // assignPublicIp=DISABLED.
    QJsonObject svc = rig.account.services[0].toObject();
    svc["networkConfiguration"] =
        QJsonObject{{"awsvpcConfiguration", QJsonObject{{"assignPublicIp", "DISABLED"}}}};
    rig.account.services[0] = svc;
    rig.account.removeTask("11112222");
    rig.account.addTask("taskoverflow", "taskoverflow", "33334444", "RUNNING", {});
    QVERIFY(rig.refreshNow());
    row = where.indexOfKey(rig.arnOf("33334444"));
    QCOMPARE(role(row, "ipState").toString(), QStringLiteral("disabled"));
    QCOMPARE(role(row, "ipStateText").toString(), QStringLiteral("public IP disabled for this service"));
}

void TestInventoryEngine::modelsUpdateInPlace()
{
    Rig rig(QStringLiteral("taskoverflow"));
    TaskListModel tasks;
    ServiceListModel services;
    ClusterListModel clusters;
    QAbstractItemModelTester t1(&tasks, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t2(&services, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester t3(&clusters, QAbstractItemModelTester::FailureReportingMode::QtTest);
    tasks.setEngine(rig.engine.get());
    services.setEngine(rig.engine.get());
    clusters.setEngine(rig.engine.get());
    QVERIFY(rig.refreshNow());
    QCOMPARE(tasks.rowCount(), 2);
    QCOMPARE(services.rowCount(), 1);
    QCOMPARE(clusters.rowCount(), 1);
    const int stoppedRow = tasks.indexOfKey(rig.engine->snapshot()->tasks.at(1).arn);
    QCOMPARE(tasks.get(stoppedRow, "stopCause").toString(), QStringLiteral("Image pull failed"));
    QCOMPARE(tasks.get(0, "logStream").toString(), QStringLiteral("ecs/web/0a1b2c3d"));

    QSignalSpy reset(&tasks, &QAbstractItemModel::modelReset);
    QSignalSpy inserted(&tasks, &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(&tasks, &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(&tasks, &QAbstractItemModel::dataChanged);

    // Same data: nothing at all.
    QVERIFY(rig.refreshNow());
    QCOMPARE(changed.size() + inserted.size() + removed.size(), 0);

    // Health changes: one dataChanged for exactly that role.
    rig.account.setTaskField("0a1b2c3d", "healthStatus", "HEALTHY");
    QVERIFY(rig.refreshNow());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(2).value<QList<int>>(), QList<int>{TaskListModel::HealthRole});

    // A task added, then the running one removed by ECS.
    rig.account.addTask("taskoverflow", "taskoverflow", "55556666", "PENDING", {});
    QVERIFY(rig.refreshNow());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(tasks.rowCount(), 3);
    rig.account.removeTask("0a1b2c3d");
    QVERIFY(rig.refreshNow());
    QCOMPARE(removed.size(), 1);
    QCOMPARE(tasks.rowCount(), 2);
    QCOMPARE(reset.size(), 0);
}

void TestInventoryEngine::stoppedTasksRemembered()
{
    Rig rig(QStringLiteral("taskoverflow"));
    QDateTime now = QDateTime::fromSecsSinceEpoch(1700000000, Qt::UTC);
    rig.engine->setNow([&] { return now; });
    TaskListModel tasks;
    tasks.setEngine(rig.engine.get());
    QVERIFY(rig.refreshNow());
    const QString stoppedArn = rig.engine->snapshot()->tasks.at(1).arn;
    rig.account.removeTask("9f8e7d6c"); // ECS forgets it
    now = now.addSecs(600);
    QVERIFY(rig.refreshNow());
    const int row = tasks.indexOfKey(stoppedArn);
    QVERIFY(row >= 0);
    QCOMPARE(tasks.get(row, "forgotten").toBool(), true);
    QCOMPARE(tasks.get(row, "stopCause").toString(), QStringLiteral("Image pull failed"));
    now = now.addSecs(3600);
    QVERIFY(rig.refreshNow());
    QCOMPARE(tasks.indexOfKey(stoppedArn), -1);
}

QTEST_MAIN(TestInventoryEngine)
#include "tst_engine.moc"
