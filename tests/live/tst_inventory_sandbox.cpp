// The inventory engine against the sandbox for each scenario: what a refresh
// reads (the practical's resources, the task's public IP; the large account's
// 2,000 tasks), with as few requests and round trips as the APIs' batch sizes
// allow — and a stopped task seen changing in place on the next refresh.
#include "InventoryEngine.h"
#include "ModelRegistry.h"
#include "server/SandboxServer.h"

#include <QtTest>

using namespace aws;
using aws::sandbox::SandboxServer;

namespace {

struct Live {
    std::unique_ptr<SandboxServer> server;
    std::unique_ptr<AwsClient> client;
    std::unique_ptr<InventoryEngine> engine;
};

std::unique_ptr<Live> start(const QString &scenario)
{
    auto live = std::make_unique<Live>();
    sandbox::server::SandboxOptions options;
    options.scenario = scenario;
    options.serveTaskPages = false;
    options.timeScale = 1000;
    live->server = std::make_unique<SandboxServer>(options);
    if (!live->server->start())
        return nullptr;
    EndpointResolver resolver(ModelRegistry::partitionsDocument(), ModelRegistry::endpointsDocument());
    resolver.setEndpointOverride(live->server->endpoint());
    ClientConfig config;
    const Credentials creds = live->server->credentials();
    config.credentials = [creds] { return creds; };
    live->client = std::make_unique<AwsClient>(std::move(config), std::move(resolver));
    live->engine = std::make_unique<InventoryEngine>(live->client.get());
    return live;
}

inventory::SnapshotPtr refresh(InventoryEngine &engine)
{
    QSignalSpy spy(&engine, &InventoryEngine::snapshotChanged);
    engine.refresh();
    if (!spy.wait(60000))
        return nullptr;
    return engine.snapshot();
}

} // namespace

class TestInventorySandbox : public QObject {
    Q_OBJECT
private slots:
    void emptyAccount()
    {
        auto live = start(QStringLiteral("empty"));
        QVERIFY(live);
        const auto snap = refresh(*live->engine);
        QVERIFY(snap);
        QVERIFY2(snap->errors.isEmpty(), qPrintable(snap->errors.join(u'\n')));
        QCOMPARE(snap->vpcs.size(), 1);
        QCOMPARE(snap->subnets.size(), 6);
        QCOMPARE(snap->securityGroups.size(), 1);
        QVERIFY(snap->clusters.isEmpty() && snap->tasks.isEmpty() && snap->databases.isEmpty());
        // Level 1 only: the independent lists, in parallel, nothing to describe.
        QCOMPARE(snap->levels, 1);
        qInfo() << "empty:" << snap->requests << "requests," << snap->levels << "levels";
    }

    void theDeployedPractical()
    {
        auto live = start(QStringLiteral("taskoverflow"));
        QVERIFY(live);
        const auto snap = refresh(*live->engine);
        QVERIFY(snap);
        QVERIFY2(snap->errors.isEmpty(), qPrintable(snap->errors.join(u'\n')));
        QCOMPARE(snap->databases.size(), 1);
        QCOMPARE(snap->clusters.size(), 1);
        QCOMPARE(snap->services.size(), 1);
        QCOMPARE(snap->tasks.size(), 1);
        QCOMPARE(snap->taskDefinitions.size(), 1);
        QCOMPARE(snap->repositories.size(), 1);
        QCOMPARE(snap->securityGroups.size(), 3);
        const inventory::Task &task = snap->tasks.first();
        QCOMPARE(task.lastStatus, QStringLiteral("RUNNING"));
        QVERIFY2(task.publicIp.startsWith(u"127."), qPrintable(task.publicIp));
        const inventory::AppAddress address = live->engine->address(task);
        QVERIFY2(address.urls.join(u' ').contains(QStringLiteral(":6400")),
                 qPrintable(address.urls.join(u' ')));
        // list → describe → ENIs: at most four dependent round trips.
        QVERIFY2(snap->levels <= 4, qPrintable(QString::number(snap->levels)));
        QVERIFY2(snap->requests <= 16, qPrintable(QString::number(snap->requests)));
        qInfo() << "taskoverflow:" << snap->requests << "requests," << snap->levels << "levels,"
                << snap->wallMs << "ms";

        // A stopped task: the next refresh shows it stopping, in place, and
        // the service's replacement arriving.
        const QString stopped = task.arn;
        const auto r = live->server->account().call(
            QStringLiteral("ecs"), QStringLiteral("StopTask"),
            {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")}, {QStringLiteral("task"), stopped}});
        QVERIFY(std::holds_alternative<QJsonObject>(r));
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                const auto next = refresh(*live->engine);
                bool replaced = false;
                for (const inventory::Task &t : next->tasks)
                    replaced = replaced || (t.arn != stopped && t.lastStatus == u"RUNNING");
                return replaced;
            }(),
            30000);
        bool oldStillVisible = false;
        for (const inventory::VisibleTask &v : live->engine->visibleTasks())
            oldStillVisible = oldStillVisible || v.task.arn == stopped;
        QVERIFY2(oldStillVisible, "a stopped task stays visible with its reason");
    }

    void largeAccountInBatches()
    {
        auto live = start(QStringLiteral("large"));
        QVERIFY(live);
        const auto snap = refresh(*live->engine);
        QVERIFY(snap);
        QVERIFY2(snap->errors.isEmpty(), qPrintable(snap->errors.join(u'\n')));
        QCOMPARE(snap->services.size(), 50);
        QCOMPARE(snap->tasks.size(), 2000);
        QCOMPARE(snap->databases.size(), 20);
        QCOMPARE(snap->repositories.size(), 30);
        int withIp = 0;
        for (const inventory::Task &t : snap->tasks)
            withIp += t.publicIp.isEmpty() ? 0 : 1;
        QCOMPARE(withIp, 2000);
        // The floor the APIs allow, 148: 7 level-1 lists, DescribeClusters,
        // ListServices ×5 clusters, ListTasks 20 pages (100 each),
        // DescribeImages ×30 repositories, DescribeServices 5 batches (10),
        // DescribeTasks 20 batches (100), DescribeTaskDefinition ×50 (one at a
        // time: the API has no batch form), DescribeNetworkInterfaces 10
        // batches (200). Allow a few pages of slack.
        QVERIFY2(snap->requests <= 160, qPrintable(QString::number(snap->requests)));
        QVERIFY2(snap->levels <= 4, qPrintable(QString::number(snap->levels)));
        qInfo() << "large:" << snap->requests << "requests," << snap->levels << "levels," << snap->wallMs
                << "ms";
    }
};

QTEST_GUILESS_MAIN(TestInventorySandbox)
#include "tst_inventory_sandbox.moc"
