// InventoryPage on the taskoverflow account (in-process fake account) at
// 1280×800 and at 1024×768 with a larger font; screenshots of the graph, the
// details panel, the browse lists and a task's logs land in
// <build>/screenshots/ for a human look.

#include "FakeAccount.h"
#include "GraphCanvas.h"
#include "InventoryEngine.h"
#include "InventoryModels.h"
#include "NoTimer.h"

#include <QDir>
#include <QQmlEngine>
#include <QQuickItem>
#include <QQuickView>
#include <QSignalSpy>
#include <QtTest>

using namespace inventory;

namespace {
void save(QQuickView &view, const QString &name)
{
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    const QImage img = view.grabWindow();
    QVERIFY(!img.isNull());
    QVERIFY(img.save(QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name)));
}
} // namespace

class TestInventoryGui : public QObject {
    Q_OBJECT
private slots:
    void page_data();
    void page();
};

void TestInventoryGui::page_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<double>("fontScale");
    QTest::newRow("1280x800") << QSize(1280, 800) << 1.0;
    QTest::newRow("1024x768-large") << QSize(1024, 768) << 1.3;
}

void TestInventoryGui::page()
{
    QFETCH(QSize, size);
    QFETCH(double, fontScale);
    const QString suffix = QString::fromLatin1(QTest::currentDataTag());
    // The graph view imports the app's model module; here only its painted layer is needed.
    qmlRegisterType<GraphCanvas>("DeployConsole.Model", 1, 0, "GraphCanvas");
    FakeAccount account;
    account.loadScenario("taskoverflow");
    InventoryEngine engine(account.caller(), std::make_unique<NoTimer>());
    InventoryModels models;
    models.setEngine(&engine);
    QSignalSpy snap(&engine, &InventoryEngine::snapshotChanged);
    engine.refresh();
    QVERIFY(snap.wait(5000));

    QQuickView view;
    QStringList warnings;
    connect(view.engine(), &QQmlEngine::warnings, this, [&](const QList<QQmlError> &w) {
        for (const QQmlError &e : w)
            warnings << e.toString();
    });
    view.setInitialProperties(
        {{"models", QVariant::fromValue<QObject *>(&models)}, {"fontScale", fontScale}});
    view.setResizeMode(QQuickView::SizeRootObjectToView);
    view.resize(size);
    view.setSource(QUrl::fromLocalFile(QStringLiteral(QML_SOURCE_DIR "/graph/InventoryPage.qml")));
    QVERIFY2(view.status() == QQuickView::Ready, qPrintable(warnings.join('\n')));
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    QQuickItem *root = view.rootObject();
    QObject *graphView = root->property("graphView").value<QObject *>();
    QVERIFY(graphView);
    QMetaObject::invokeMethod(graphView, "fit");
    QTRY_VERIFY_WITH_TIMEOUT(view.isExposed(), 2000);
    save(view, "inventory-graph-" + suffix);

    QString runningArn;
    for (const Task &t : engine.snapshot()->tasks)
        if (t.lastStatus == "RUNNING")
            runningArn = t.arn;
    graphView->setProperty("selectedId", runningArn);
    QTRY_VERIFY_WITH_TIMEOUT(root->findChild<QQuickItem *>("nodeDetails") &&
                                 root->findChild<QQuickItem *>("nodeDetails")->isVisible(),
                             2000);
    save(view, "inventory-details-" + suffix);

    root->setProperty("currentTab", 1);
    QTRY_VERIFY_WITH_TIMEOUT(root->findChild<QQuickItem *>("browseView")->isVisible(), 2000);
    save(view, "inventory-browse-" + suffix);

    QSignalSpy fetched(models.logs(), &LogStreamModel::fetched);
    QVERIFY(models.openLogsOf(runningArn));
    root->setProperty("currentTab", 2);
    QTRY_COMPARE_WITH_TIMEOUT(models.logs()->rowCount(), 5, 5000);
    // Following: a new line arrives through the forward token.
    account.logLines["/ecs/taskoverflow|ecs/web/0a1b2c3d"] << "[2026-11-23 14:00:12] INFO GET / 200";
    models.logs()->fetch();
    QTRY_COMPARE_WITH_TIMEOUT(models.logs()->rowCount(), 6, 5000);
    save(view, "inventory-logs-" + suffix);

    // Zoomed out, the canvas draws the nodes: no delegates are built, and a
    // click on a drawn node selects it.
    root->setProperty("currentTab", 0);
    graphView->setProperty("selectedId", QString());
    graphView->setProperty("zoom", 0.2);
    QTRY_COMPARE_WITH_TIMEOUT(models.graph()->nodes()->rowCount(), 0, 2000);
    auto *canvas = root->findChild<QQuickItem *>("graphCanvas");
    QVERIFY(canvas);
    QVERIFY(canvas->property("drawNodes").toBool());
    const graph::Node task = models.graph()->graph().nodes().value(runningArn);
    const QPointF centre =
        task.pos + QPointF(graph::ResourceGraph::NodeW / 2, graph::ResourceGraph::NodeH / 2);
    QSignalSpy frame(&view, &QQuickWindow::frameSwapped); // the canvas places itself before a frame
    view.update();
    QVERIFY(frame.wait(2000));
    // The canvas sits at its painted area's corner × zoom, in scene-origin coordinates.
    const QPointF inCanvas = centre * 0.2 - canvas->position();
    QString hit;
    QMetaObject::invokeMethod(canvas, "nodeAt", Q_RETURN_ARG(QString, hit), Q_ARG(double, inCanvas.x()),
                              Q_ARG(double, inCanvas.y()));
    QCOMPARE(hit, runningArn);
    QTest::mouseClick(&view, Qt::LeftButton, {}, canvas->mapToScene(inCanvas).toPoint());
    QTRY_COMPARE_WITH_TIMEOUT(graphView->property("selectedId").toString(), runningArn, 2000);
    save(view, "inventory-overview-" + suffix);
    // Zooming back in builds the delegates in view again.
    graphView->setProperty("zoom", 0.6);
    QTRY_VERIFY_WITH_TIMEOUT(models.graph()->nodes()->rowCount() > 0, 2000);
    QVERIFY(!canvas->property("drawNodes").toBool());
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join('\n')));
}

QTEST_MAIN(TestInventoryGui)
#include "tst_inventory_gui.moc"
