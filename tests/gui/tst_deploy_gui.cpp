// The Deploy and Clean up areas, clicked through for real under Xvfb on the
// sandbox: the TaskOverflow preset from an empty account to the task's page,
// a wizard by hand with a wrong value first, and Clean up back to empty.
// A screenshot per page lands in <build>/screenshots/ for a human look.
#include "AppWindow.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(DeployConsole_ModelPlugin)
Q_IMPORT_QML_PLUGIN(DeployConsole_UiPlugin)

class TestDeployGui : public QObject {
    Q_OBJECT

    QTemporaryDir home;
    AppWindow app;

    /// The visible item called `name` under `scope`, searched in the item tree
    /// (Repeater delegates are not QObject children of the page).
    QQuickItem *in(QQuickItem *scope, const char *name) const
    {
        if (!scope || !scope->isVisible())
            return nullptr;
        if (scope->objectName() == QLatin1String(name))
            return scope;
        for (QQuickItem *child : scope->childItems())
            if (QQuickItem *found = in(child, name))
                return found;
        return nullptr;
    }
    QQuickItem *wizard(const char *name) const { return app.item(name); }
    QObject *flow() const { return app.item("deployArea")->property("flow").value<QObject *>(); }
    QObject *progress() const { return flow()->property("progress").value<QObject *>(); }
    void openWizard(int index)
    {
        QQuickItem *list = app.item("wizardList");
        QVERIFY(list);
        // The list's delegates are items of its content; click the one at `index`.
        QMetaObject::invokeMethod(list, "positionViewAtIndex", Q_ARG(int, index), Q_ARG(int, 0));
        QQuickItem *delegate = nullptr;
        QMetaObject::invokeMethod(list, "itemAtIndex", Q_RETURN_ARG(QQuickItem *, delegate),
                                  Q_ARG(int, index));
        app.click(delegate);
        QTRY_COMPARE(list->property("currentIndex").toInt(), index);
    }

    /// The page answering at the app's address (a 127.x task page of the sandbox).
    QString fetch(const QString &url)
    {
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        [&] { QVERIFY(done.wait(10000)); }();
        return QString::fromUtf8(reply->readAll());
    }

private slots:
    void initTestCase()
    {
        qputenv("HOME", home.path().toUtf8());
        qputenv("AWS_CONFIG_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        qputenv("AWS_SHARED_CREDENTIALS_FILE", (home.path() + QStringLiteral("/none")).toUtf8());
        app.open(home.path() + QStringLiteral("/accounts.ini"));
        QVERIFY(app.session->startSandbox(QStringLiteral("empty")));
    }

    void cleanupTestCase() { app.close(); }

    void presetFromAnEmptyAccountToTheTaskPage()
    {
        app.clicks = 0;
        app.click(app.item("deployTab"));
        QQuickItem *page = wizard("practicalWizard");
        QTRY_VERIFY(page->isVisible());
        // The choices arrive from the account (LabRole, subnets) before the plan can name them.
        QTRY_VERIFY_WITH_TIMEOUT(!flow()->property("choicesLoading").toBool(), 15000);
        QQuickItem *next = in(page, "nextButton");
        QVERIFY(!next->isEnabled()); // no password yet
        app.shot(QStringLiteral("deploy-1-preset-form"));

        app.type(in(page, "passwordText"), QStringLiteral("classroom-pass-1"));
        app.type(in(page, "confirmPasswordText"), QStringLiteral("classroom-pass-1"));
        QTRY_VERIFY(next->isEnabled());
        app.click(next);

        QQuickItem *planText = in(page, "planText");
        QTRY_VERIFY(planText);
        const QString api = planText->property("text").toString();
        QVERIFY2(api.contains(u"CreateDBInstance") && api.contains(u"CreateService"), qPrintable(api));
        QVERIFY2(!api.contains(u"classroom-pass-1"), "the password is masked on the review page");
        app.shot(QStringLiteral("deploy-2-preset-review"));

        app.click(in(page, "createButton"));
        QTRY_VERIFY_WITH_TIMEOUT(progress() && progress()->property("doneSteps").toInt() >= 3, 60000);
        app.shot(QStringLiteral("deploy-3-preset-progress"));
        QTRY_COMPARE_WITH_TIMEOUT(progress()->property("state").toString(), QStringLiteral("finished"),
                                  120000);
        QTRY_VERIFY_WITH_TIMEOUT(flow()->property("appUrl").toString().startsWith(u"http://127."), 60000);
        const QString url = flow()->property("appUrl").toString();
        QVERIFY(url.endsWith(u":6400"));
        QTRY_VERIFY(in(page, "appUrl"));
        app.shot(QStringLiteral("deploy-4-preset-running"));
        qInfo("TaskOverflow preset: %d clicks from the Deploy tab to %s", app.clicks, qPrintable(url));
        QVERIFY2(fetch(url).contains(u"TaskOverflow"), "the task's page answers at the address shown");
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

    void aWizardByHandRefusesAWrongValueThenCreates()
    {
        openWizard(3);
        QQuickItem *page = wizard("clusterWizard");
        QTRY_VERIFY(page->isVisible());
        QQuickItem *name = in(page, "nameText");
        QVERIFY(name);
        app.click(name);
        QTest::keySequence(app.window, QKeySequence::SelectAll);
        app.keys(QStringLiteral("my cluster"));
        QTRY_VERIFY(!in(page, "nextButton")->isEnabled());
        app.shot(QStringLiteral("deploy-5-cluster-invalid"));
        QTest::keySequence(app.window, QKeySequence::SelectAll);
        app.keys(QStringLiteral("by-hand"));
        QTRY_VERIFY(in(page, "nextButton")->isEnabled());
        app.click(in(page, "nextButton"));
        QTRY_VERIFY(in(page, "createButton"));
        app.shot(QStringLiteral("deploy-6-cluster-review"));
        app.click(in(page, "createButton"));
        QTRY_COMPARE_WITH_TIMEOUT(progress()->property("state").toString(), QStringLiteral("finished"),
                                  30000);
        app.shot(QStringLiteral("deploy-7-cluster-done"));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

    void cleanUpLeavesNothing()
    {
        app.click(app.item("cleanupTab"));
        QQuickItem *area = app.item("cleanupArea");
        QTRY_VERIFY(area->isVisible());
        QObject *cleanup = area->property("flow").value<QObject *>();
        app.click(app.item("everythingButton"));
        app.click(app.item("scanButton"));
        QTRY_COMPARE_WITH_TIMEOUT(cleanup->property("phase").toString(), QStringLiteral("scanned"), 30000);
        QVERIFY(cleanup->property("found").toList().size() >= 7);
        QQuickItem *confirm = nullptr;
        QTRY_VERIFY((confirm = in(area, "confirmDb_taskoverflow")));
        app.shot(QStringLiteral("cleanup-1-found"));
        app.type(confirm, QStringLiteral("taskoverflow"));
        app.click(app.item("deleteButton"));
        QTRY_VERIFY_WITH_TIMEOUT(cleanup->property("phase").toString() == u"running", 5000);
        app.shot(QStringLiteral("cleanup-2-progress"));
        QTRY_COMPARE_WITH_TIMEOUT(cleanup->property("phase").toString(), QStringLiteral("done"), 180000);
        const QString report = cleanup->property("finalReport").toString();
        app.shot(QStringLiteral("cleanup-3-done"));
        QVERIFY2(report.contains(u"Nothing is left"), qPrintable(report));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }
};

QTEST_MAIN(TestDeployGui)
#include "tst_deploy_gui.moc"
