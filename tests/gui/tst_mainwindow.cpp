// The main window opens for real (under Xvfb in CI) and shows its frame and
// an honest state. Screenshots land in <build>/screenshots/ for a human look.
#include "AppWindow.h"

#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    AppWindow app;
    QStringList &warnings = app.warnings;

    QQuickItem *item(const char *name) const { return app.item(name); }

private slots:
    void initTestCase()
    {
        // Nothing from the developer's own ~/.aws or saved accounts.
        qputenv("HOME", home.path().toUtf8());
        qputenv("AWS_CONFIG_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        app.open(home.path() + QStringLiteral("/accounts.ini"));
    }

    void cleanupTestCase() { app.close(); }

    void opensWithFrameAndEmptyState()
    {
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        for (const char *part : {"accountArea", "resourceArea", "statusBar"})
            QVERIFY2(item(part), part);
        QVERIFY(!item("inventoryPage")->isVisible());
        QVERIFY(!item("sandboxBanner")->isVisible());
        QCOMPARE(item("statusText")->property("text").toString(), QStringLiteral("Not connected"));
        app.shot(QStringLiteral("main-window"));
    }

    void sandboxShowsTheDeployedPracticalLive()
    {
        QVERIFY(app.session->startSandbox(QStringLiteral("taskoverflow")));
        QVERIFY(item("sandboxBanner")->isVisible());
        QVERIFY(item("inventoryPage")->isVisible());
        QVERIFY(item("statusText")->property("text").toString().contains(u"Sandbox running"));
        // The first refresh draws the account: security groups, the
        // database, the cluster, the service and its running task.
        GraphModel *graph = app.live->models()->graph();
        QTRY_VERIFY_WITH_TIMEOUT(graph->nodes()->rowCount() >= 9, 15000);
        bool runningTaskWithIp = false;
        for (const auto &node : graph->graph().nodes())
            if (node.kind == u"task" && !graph->urlsOf(node.id).isEmpty())
                runningTaskWithIp = true;
        QVERIFY2(runningTaskWithIp, "the task's http://IP:6400 is one click away");
        QTRY_VERIFY_WITH_TIMEOUT(item("graphView") && item("graphView")->isVisible(), 5000);
        // The view fits the whole account once it is drawn.
        QTRY_VERIFY_WITH_TIMEOUT(item("graphView")->property("zoom").toDouble() < 1.0, 5000);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        app.shot(QStringLiteral("main-window-sandbox"));
    }

    // The same deployment as a newcomer explores it: the task's details
    // (its IP and URL), the cluster → service → task lists, the task's logs.
    void detailsBrowseAndLogs()
    {
        GraphModel *graph = app.live->models()->graph();
        QString taskId;
        for (const auto &node : graph->graph().nodes())
            if (node.kind == u"task")
                taskId = node.id;
        QVERIFY(!taskId.isEmpty());
        item("graphView")->setProperty("selectedId", taskId);
        QTRY_VERIFY_WITH_TIMEOUT(item("nodeDetails") && item("nodeDetails")->isVisible(), 5000);
        const QString details = graph->detailsOf(taskId).join(u'\n');
        QVERIFY2(details.contains(u"127."), qPrintable(details));
        app.shot(QStringLiteral("main-window-details"));

        QQuickItem *page = item("inventoryPage");
        page->setProperty("currentTab", 1);
        QTRY_VERIFY_WITH_TIMEOUT(item("browseView")->isVisible(), 5000);
        app.live->models()->services()->setCluster(QStringLiteral("taskoverflow"));
        app.live->models()->tasks()->setCluster(QStringLiteral("taskoverflow"));
        app.live->models()->tasks()->setService(QStringLiteral("taskoverflow"));
        QTRY_VERIFY_WITH_TIMEOUT(app.live->models()->services()->rowCount() == 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(app.live->models()->tasks()->rowCount() >= 1, 5000);
        QCOMPARE(app.live->models()->whereIsMyApp()->rowCount(), 1);
        app.shot(QStringLiteral("main-window-browse"));

        QVERIFY(QMetaObject::invokeMethod(page, "showLogs", Q_ARG(QVariant, taskId)));
        QTRY_VERIFY_WITH_TIMEOUT(item("logsView")->isVisible(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(app.live->models()->logs() && app.live->models()->logs()->rowCount() >= 2,
                                 15000);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        app.shot(QStringLiteral("main-window-logs"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
