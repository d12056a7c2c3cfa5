// The resource graph: typed edges for the taskoverflow deployment, in-place
// diffs with stable positions, and the large account's sizes.

#include "FakeAccount.h"
#include "GraphModel.h"
#include "InventoryEngine.h"
#include "NoTimer.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QtTest>

using namespace inventory;

namespace {
struct Rig {
    FakeAccount account;
    std::unique_ptr<InventoryEngine> engine;
    GraphModel graph;
    explicit Rig(const QString &scenario)
    {
        account.loadScenario(scenario);
        engine = std::make_unique<InventoryEngine>(account.caller(), std::make_unique<NoTimer>());
    }
    bool refreshNow()
    {
        QSignalSpy spy(engine.get(), &InventoryEngine::snapshotChanged);
        engine->refresh();
        return spy.wait(20000);
    }
    QStringList edgeLabels() const
    {
        QStringList out;
        for (const graph::Edge &e : graph.graph().edges())
            out << graph.graph().nodes().value(e.from).kind + " " + e.label + " " +
                       graph.graph().nodes().value(e.to).kind;
        out.removeDuplicates();
        out.sort();
        return out;
    }
};
} // namespace

class TestGraph : public QObject {
    Q_OBJECT
private slots:
    void taskoverflowEdges();
    void diffInPlace();
    void large();
};

void TestGraph::taskoverflowEdges()
{
    Rig rig("taskoverflow");
    QAbstractItemModelTester tn(rig.graph.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester te(rig.graph.edges(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    rig.graph.setEngine(rig.engine.get());
    QVERIFY(rig.refreshNow());
    const QStringList labels = rig.edgeLabels();
    for (const char *want : {"service runs in cluster", "task task of service", "task uses taskDefinition",
                             "taskDefinition uses image repository", "service allows 6400 securityGroup",
                             "database allows 5432 securityGroup", "taskDefinition connects to database"})
        QVERIFY2(labels.contains(QString::fromLatin1(want)), qPrintable(labels.join(" | ")));
    // The stopped task is there, greyed, with its cause.
    bool found = false;
    for (const graph::Node &n : rig.graph.graph().nodes())
        if (n.kind == "task" && n.status == "STOPPED") {
            found = true;
            QVERIFY(n.greyed);
            QCOMPARE(n.detail, QStringLiteral("Image pull failed"));
        }
    QVERIFY(found);
    rig.graph.setFilterText("taskoverflow-db");
    int matching = 0;
    for (int r = 0; r < rig.graph.nodes()->rowCount(); ++r)
        matching += rig.graph.nodes()->get(r, "matches").toBool();
    QVERIFY(matching >= 1 && matching < rig.graph.nodes()->rowCount());
}

void TestGraph::diffInPlace()
{
    Rig rig("taskoverflow");
    QAbstractItemModelTester tn(rig.graph.nodes(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    rig.graph.setEngine(rig.engine.get());
    QVERIFY(rig.refreshNow());
    QHash<QString, QPointF> before;
    for (const graph::Node &n : rig.graph.graph().nodes())
        before.insert(n.id, n.pos);
    QSignalSpy reset(rig.graph.nodes(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(rig.graph.nodes(), &QAbstractItemModel::rowsInserted);
    QSignalSpy removed(rig.graph.nodes(), &QAbstractItemModel::rowsRemoved);
    QSignalSpy changed(rig.graph.nodes(), &QAbstractItemModel::dataChanged);

    rig.account.addTask("taskoverflow", "taskoverflow", "77778888", "PENDING", {});
    rig.account.removeTask("9f8e7d6c"); // ECS forgets the stopped one: it stays (memory)
    rig.account.setTaskField("0a1b2c3d", "lastStatus", "DEPROVISIONING");
    QVERIFY(rig.refreshNow());
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(removed.size(), 0);
    QVERIFY(changed.size() >= 1);
    QCOMPARE(reset.size(), 0);
    for (const graph::Node &n : rig.graph.graph().nodes())
        if (before.contains(n.id))
            QCOMPARE(n.pos, before.value(n.id)); // nothing moved
    rig.account.removeTask("0a1b2c3d");
    QVERIFY(rig.refreshNow());
    QCOMPARE(removed.size(), 1);
}

void TestGraph::large()
{
    Rig rig("large");
    QVERIFY(rig.refreshNow());
    QElapsedTimer t;
    t.start();
    rig.graph.apply(*rig.engine->snapshot(), rig.engine->visibleTasks());
    const double full = t.nsecsElapsed() / 1e6;
    QVERIFY(rig.graph.nodes()->rowCount() > 2000);
    rig.account.setTaskField("t3x4x5", "lastStatus", "STOPPED");
    rig.account.setTaskField("t3x4x5", "desiredStatus", "STOPPED");
    QVERIFY(rig.refreshNow());
    rig.graph.setEngine(rig.engine.get()); // applies the one-task change
    qInfo("large: %d nodes, %d edges; full diff+layout %.1f ms; one-task change %.2f ms (figures in bench/)",
          rig.graph.nodes()->rowCount(), rig.graph.edges()->rowCount(), full, rig.graph.lastApplyMs());
}

QTEST_MAIN(TestGraph)
#include "tst_graph.moc"
