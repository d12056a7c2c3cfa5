// The main window opens for real (under Xvfb in CI) and shows its frame and
// an honest state. Screenshots land in <build>/screenshots/ for a human look.
#include "Accounts.h"
#include "LiveAccount.h"
#include "Session.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQuickItem>
#include <QQuickStyle>
#include <QQuickWindow>
#include <QtQml/qqmlextensionplugin.h>
#include <QtTest>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

namespace {

QQuickItem *findByObjectName(QQuickItem *root, const QString &name)
{
    if (!root)
        return nullptr;
    if (root->objectName() == name)
        return root;
    for (QQuickItem *child : root->childItems())
        if (QQuickItem *found = findByObjectName(child, name))
            return found;
    return nullptr;
}

void saveScreenshot(QQuickWindow *window, const QString &name)
{
    QDir().mkpath(QStringLiteral(SCREENSHOT_DIR));
    const QImage image = window->grabWindow();
    QVERIFY(!image.isNull());
    QVERIFY(image.save(QStringLiteral(SCREENSHOT_DIR "/%1.png").arg(name)));
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    std::unique_ptr<Session> session;
    std::unique_ptr<Accounts> accounts;
    std::unique_ptr<LiveAccount> live;
    std::unique_ptr<QQmlApplicationEngine> engine;
    QStringList warnings;
    QQuickWindow *window = nullptr;

    QQuickItem *item(const char *name) const
    {
        QQuickItem *found = findByObjectName(window->contentItem(), QString::fromLatin1(name));
        return found ? found
                     : findByObjectName(window->contentItem()->parentItem(), QString::fromLatin1(name));
    }

private slots:
    void initTestCase()
    {
        QQuickStyle::setStyle(QStringLiteral("Basic"));
        // Nothing from the developer's own ~/.aws or saved accounts.
        qputenv("HOME", home.path().toUtf8());
        qputenv("AWS_CONFIG_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        session = std::make_unique<Session>(nullptr);
        Session::setInstance(session.get());
        accounts = std::make_unique<Accounts>(session.get(), home.path() + QStringLiteral("/accounts.ini"));
        Accounts::setInstance(accounts.get());
        live = std::make_unique<LiveAccount>(session.get());
        LiveAccount::setInstance(live.get());
        engine = std::make_unique<QQmlApplicationEngine>();
        connect(engine.get(), &QQmlEngine::warnings, this, [this](const QList<QQmlError> &ws) {
            for (const auto &w : ws)
                warnings << w.toString();
        });
        engine->load(QUrl(QStringLiteral("qrc:/DeployConsole/Ui/Main.qml")));
        QCOMPARE(engine->rootObjects().size(), 1);
        window = qobject_cast<QQuickWindow *>(engine->rootObjects().first());
        QVERIFY(window);
        QVERIFY(QTest::qWaitForWindowExposed(window));
    }

    void cleanupTestCase()
    {
        engine.reset();
        live.reset();
        accounts.reset();
        session.reset();
    }

    void opensWithFrameAndEmptyState()
    {
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        for (const char *part : {"accountArea", "resourceArea", "statusBar"})
            QVERIFY2(item(part), part);
        QVERIFY(!item("inventoryPage")->isVisible());
        QVERIFY(!item("sandboxBanner")->isVisible());
        QCOMPARE(item("statusText")->property("text").toString(), QStringLiteral("Not connected"));
        saveScreenshot(window, QStringLiteral("main-window"));
    }

    void sandboxShowsTheDeployedPracticalLive()
    {
        QVERIFY(session->startSandbox(QStringLiteral("taskoverflow")));
        QVERIFY(item("sandboxBanner")->isVisible());
        QVERIFY(item("inventoryPage")->isVisible());
        QVERIFY(item("statusText")->property("text").toString().contains(u"Sandbox running"));
        // The first refresh draws the account: security groups, the
        // database, the cluster, the service and its running task.
        GraphModel *graph = live->models()->graph();
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
        saveScreenshot(window, QStringLiteral("main-window-sandbox"));
    }

    // The same deployment as a newcomer explores it: the task's details
    // (its IP and URL), the cluster → service → task lists, the task's logs.
    void detailsBrowseAndLogs()
    {
        GraphModel *graph = live->models()->graph();
        QString taskId;
        for (const auto &node : graph->graph().nodes())
            if (node.kind == u"task")
                taskId = node.id;
        QVERIFY(!taskId.isEmpty());
        item("graphView")->setProperty("selectedId", taskId);
        QTRY_VERIFY_WITH_TIMEOUT(item("nodeDetails") && item("nodeDetails")->isVisible(), 5000);
        const QString details = graph->detailsOf(taskId).join(u'\n');
        QVERIFY2(details.contains(u"127."), qPrintable(details));
        saveScreenshot(window, QStringLiteral("main-window-details"));

        QQuickItem *page = item("inventoryPage");
        page->setProperty("currentTab", 1);
        QTRY_VERIFY_WITH_TIMEOUT(item("browseView")->isVisible(), 5000);
        live->models()->services()->setCluster(QStringLiteral("taskoverflow"));
        live->models()->tasks()->setCluster(QStringLiteral("taskoverflow"));
        live->models()->tasks()->setService(QStringLiteral("taskoverflow"));
        QTRY_VERIFY_WITH_TIMEOUT(live->models()->services()->rowCount() == 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(live->models()->tasks()->rowCount() >= 1, 5000);
        QCOMPARE(live->models()->whereIsMyApp()->rowCount(), 1);
        saveScreenshot(window, QStringLiteral("main-window-browse"));

        QVERIFY(QMetaObject::invokeMethod(page, "showLogs", Q_ARG(QVariant, taskId)));
        QTRY_VERIFY_WITH_TIMEOUT(item("logsView")->isVisible(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(live->models()->logs() && live->models()->logs()->rowCount() >= 2, 15000);
        QVERIFY2(warnings.isEmpty(), qPrintable(warnings.join(u'\n')));
        saveScreenshot(window, QStringLiteral("main-window-logs"));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
