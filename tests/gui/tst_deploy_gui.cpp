// The Deploy and Clean up areas, clicked through for real under Xvfb on the
// sandbox: the TaskOverflow preset from an empty account to the task's page,
// a wizard by hand with a wrong value first, and Clean up back to empty.
// A screenshot per page lands in <build>/screenshots/ for a human look.
#include "AppWindow.h"
#include "AwsClient.h"
#include "server/SandboxServer.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>

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
    /// The visible item under `scope` whose text starts with `text` (buttons, check boxes).
    QQuickItem *labelled(QQuickItem *scope, const QString &text) const
    {
        if (!scope || !scope->isVisible())
            return nullptr;
        if (scope->inherits("QQuickAbstractButton") && scope->property("text").toString().startsWith(text))
            return scope;
        for (QQuickItem *child : scope->childItems())
            if (QQuickItem *found = labelled(child, text))
                return found;
        return nullptr;
    }
    /// Replaces a field's text by typing, as a student would (select all, type).
    /// Waits for the field: a StackLayout shows its page at the next polish.
    void retype(QQuickItem *scope, const char *name, const QString &text)
    {
        QQuickItem *field = nullptr;
        QTRY_VERIFY2((field = in(scope, name)), name);
        app.click(field);
        QTRY_VERIFY(field->hasActiveFocus());
        QTest::keySequence(app.window, QKeySequence::SelectAll);
        app.keys(text);
    }
    /// Next, Create, and the run to its end; `plan` gets the review page's text.
    void reviewAndCreate(QQuickItem *page, const QString &shotName, QString *plan = nullptr,
                         int timeoutMs = 60000)
    {
        QQuickItem *next = in(page, "nextButton");
        QVERIFY2(next && next->isEnabled(),
                 qPrintable(page->property("form").value<QObject *>()->property("attention").toString()));
        app.click(next);
        QQuickItem *planText = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((planText = in(page, "planText")), 5000);
        if (plan)
            *plan = planText->property("text").toString();
        // Create waits for the pre-flight checks, which must all pass here.
        QTRY_VERIFY_WITH_TIMEOUT(in(page, "createButton")->isEnabled(), 10000);
        QVERIFY2(flow()->property("preflightPassed").toBool(), qPrintable(preflightText()));
        app.click(in(page, "createButton"));
        QTRY_VERIFY_WITH_TIMEOUT(progress() && !progress()->property("active").toBool() &&
                                     progress()->property("state").toString() != u"idle",
                                 timeoutMs);
        app.shot(shotName);
    }
    QString preflightText() const
    {
        QStringList lines;
        for (const QVariant &v : flow()->property("preflight").toList())
            lines << v.toMap().value(QStringLiteral("message")).toString();
        return lines.join(u'\n');
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

    /// One AWS call through the window's own client (for what the screen does not say).
    QJsonObject callAws(const QString &service, const QString &operation, const QJsonObject &params)
    {
        QJsonObject out;
        bool done = false;
        app.session->client()->call(service, operation, params, this, [&](const aws::Outcome &o) {
            out = o.ok() ? o.output : QJsonObject{{QStringLiteral("error"), o.error->toString()}};
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 10000); }();
        return out;
    }

    /// The page answering at the app's address (a 127.x task page of the sandbox).
    QString fetch(const QString &url)
    {
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> reply(nam.get(QNetworkRequest(QUrl(url))));
        QSignalSpy done(reply.get(), &QNetworkReply::finished);
        if (!done.wait(10000))
            return QStringLiteral("(no answer in 10 s)");
        if (reply->error() != QNetworkReply::NoError)
            return QStringLiteral("(error: %1)").arg(reply->errorString());
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
        QTRY_VERIFY_WITH_TIMEOUT(in(page, "createButton")->isEnabled(), 10000);
        QVERIFY2(flow()->property("preflightPassed").toBool(), qPrintable(preflightText()));
        QVERIFY(flow()->property("preflight").toList().size() >= 4);
        app.shot(QStringLiteral("deploy-2-preset-review"));

        QElapsedTimer clock;
        clock.start();
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
        qInfo("TaskOverflow preset: %d clicks from the Deploy tab to %s, %.1f s from Create (sandbox time "
              "scale %g)",
              app.clicks, qPrintable(url), clock.elapsed() / 1000.0, app.session->pollScale());
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
        QTRY_VERIFY_WITH_TIMEOUT(in(page, "createButton")->isEnabled(), 10000);
        app.shot(QStringLiteral("deploy-6-cluster-review"));
        app.click(in(page, "createButton"));
        QTRY_COMPARE_WITH_TIMEOUT(progress()->property("state").toString(), QStringLiteral("finished"),
                                  30000);
        app.shot(QStringLiteral("deploy-7-cluster-done"));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

    void cleanUpLeavesNothing() { cleanUpEverything(QStringLiteral("cleanup")); }

    void theFiveWizardsByHandToTheTaskPage()
    {
        QElapsedTimer clock;
        clock.start();
        app.clicks = 0;
        app.click(app.item("deployTab"));
        QQuickItem *page = nullptr;

        // 1. The database's security group: PostgreSQL 5432.
        openWizard(1);
        page = wizard("securityGroupWizard");
        retype(page, "nameText", QStringLiteral("taskoverflow_database"));
        retype(page, "descriptionText", QStringLiteral("Allow inbound Postgresql traffic"));
        app.click(labelled(page, QStringLiteral("+ PostgreSQL")));
        app.shot(QStringLiteral("wizards-1-security-group"));
        QString plan;
        reviewAndCreate(page, QStringLiteral("wizards-1-security-group-done"), &plan);
        QVERIFY2(plan.contains(u"5432"), qPrintable(plan));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));

        // …and the app's group: 6400, from the same wizard again.
        QTRY_VERIFY(in(page, "editButton"));
        app.click(in(page, "editButton"));
        retype(page, "nameText", QStringLiteral("taskoverflow"));
        retype(page, "descriptionText", QStringLiteral("TaskOverflow Security Group"));
        app.click(labelled(page, QStringLiteral("Remove")));
        app.click(labelled(page, QStringLiteral("+ Custom TCP")));
        retype(page, "rule0From", QStringLiteral("6400"));
        retype(page, "rule0To", QStringLiteral("6400"));
        reviewAndCreate(page, QStringLiteral("wizards-1-app-group-done"), &plan);
        QVERIFY2(plan.contains(u"6400"), qPrintable(plan));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));

        // 2. The database, in the first group, public, database "todo".
        openWizard(2);
        page = wizard("databaseWizard");
        retype(page, "identifierText", QStringLiteral("taskoverflow"));
        retype(page, "usernameText", QStringLiteral("administrator"));
        retype(page, "passwordText", QStringLiteral("classroom-pass-2"));
        retype(page, "confirmPasswordText", QStringLiteral("classroom-pass-2"));
        retype(page, "dbNameText", QStringLiteral("todo"));
        app.click(in(page, "publicAccessCheck"));
        QQuickItem *dbGroup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((dbGroup = labelled(page, QStringLiteral("taskoverflow_database ("))),
                                 10000);
        app.click(dbGroup);
        app.shot(QStringLiteral("wizards-2-database"));
        reviewAndCreate(page, QStringLiteral("wizards-2-database-done"), &plan, 120000);
        QVERIFY2(plan.contains(u"CreateDBInstance") && !plan.contains(u"classroom-pass-2"), qPrintable(plan));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));
        // The endpoint and a ready-to-copy URI, the password masked until asked.
        QTRY_VERIFY_WITH_TIMEOUT(
            flow()->property("databaseUri").toString().contains(u".rds.amazonaws.com:5432/todo"), 10000);
        QVERIFY(flow()->property("databaseUri").toString().startsWith(u"postgresql://administrator:"));
        QVERIFY(!flow()->property("databaseUri").toString().contains(u"classroom-pass-2"));
        QTRY_VERIFY(in(page, "databaseUri"));
        app.shot(QStringLiteral("wizards-2-database-uri"));

        // 3. The cluster.
        openWizard(3);
        page = wizard("clusterWizard");
        retype(page, "nameText", QStringLiteral("taskoverflow"));
        reviewAndCreate(page, QStringLiteral("wizards-3-cluster-done"));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));

        // 4. The task definition: image, port 6400, the database URI from the helper, awslogs.
        openWizard(4);
        page = wizard("taskDefinitionWizard");
        retype(page, "familyText", QStringLiteral("taskoverflow"));
        retype(page, "containerNameText", QStringLiteral("todo"));
        retype(page, "imageText", QStringLiteral("ghcr.io/csse6400/taskoverflow:latest"));
        retype(page, "containerPortText", QStringLiteral("6400"));
        retype(page, "logGroupText", QStringLiteral("/taskoverflow/todo"));
        app.click(labelled(page, QStringLiteral("Insert")));
        QObject *taskDef = page->property("form").value<QObject *>();
        QString env;
        QMetaObject::invokeMethod(taskDef, "text", Q_RETURN_ARG(QString, env),
                                  Q_ARG(QString, QStringLiteral("environment")));
        QVERIFY2(env.startsWith(u"SQLALCHEMY_DATABASE_URI=postgresql://administrator:") &&
                     env.contains(u":5432/todo"),
                 qPrintable(env));
        app.shot(QStringLiteral("wizards-4-task-definition"));
        reviewAndCreate(page, QStringLiteral("wizards-4-task-definition-done"));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));

        // 5. The service: cluster and family carried over, default subnets preselected, the app's group.
        openWizard(5);
        page = wizard("serviceWizard");
        retype(page, "nameText", QStringLiteral("taskoverflow"));
        // First the wrong group: the review's pre-flight check says port 6400 is closed, and how to fix it.
        QQuickItem *defaultGroup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((defaultGroup = labelled(page, QStringLiteral("default (sg-"))), 10000);
        app.click(defaultGroup);
        app.click(in(page, "nextButton"));
        QTRY_VERIFY_WITH_TIMEOUT(!flow()->property("preflightRunning").toBool() && in(page, "createButton"),
                                 10000);
        app.shot(QStringLiteral("wizards-5-service-preflight-failed"));
        QVERIFY2(in(page, "createAnywayButton"), qPrintable(preflightText()));
        QVERIFY2(preflightText().contains(u"6400"), qPrintable(preflightText()));
        QVERIFY(in(page, "fix_service-ports-open") || in(page, "fix_open-port") ||
                labelled(page, QStringLiteral("Fix")));
        app.shot(QStringLiteral("wizards-5-service-preflight-failed"));
        app.click(in(page, "backButton"));
        QTRY_VERIFY((defaultGroup = labelled(page, QStringLiteral("default (sg-"))));
        app.click(defaultGroup);
        QQuickItem *appGroup = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((appGroup = labelled(page, QStringLiteral("taskoverflow (sg-"))), 10000);
        app.click(appGroup);
        app.shot(QStringLiteral("wizards-5-service"));
        reviewAndCreate(page, QStringLiteral("wizards-5-service-created"));
        QCOMPARE(progress()->property("state").toString(), QStringLiteral("finished"));
        QTRY_VERIFY_WITH_TIMEOUT(flow()->property("appUrl").toString().startsWith(u"http://127."), 60000);
        const QString url = flow()->property("appUrl").toString();
        QVERIFY(url.endsWith(u":6400"));
        app.shot(QStringLiteral("wizards-6-running"));
        qInfo("The five wizards by hand: %d clicks to %s, %.1f s including the test's typing", app.clicks,
              qPrintable(url), clock.elapsed() / 1000.0);
        const QString body = fetch(url);
        if (!body.contains(u"TaskOverflow")) {
            const QJsonArray arns = callAws(QStringLiteral("ecs"), QStringLiteral("ListTasks"),
                                            {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")}})
                                        .value(u"taskArns")
                                        .toArray();
            const QJsonObject tasks = callAws(QStringLiteral("ecs"), QStringLiteral("DescribeTasks"),
                                              {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")},
                                               {QStringLiteral("tasks"), arns}});
            QFile dump(QStringLiteral(SCREENSHOT_DIR "/wizards-tasks.json"));
            if (dump.open(QIODevice::WriteOnly))
                dump.write(QJsonDocument(tasks).toJson());
        }
        QVERIFY2(body.contains(u"TaskOverflow"),
                 qPrintable(
                     QStringLiteral("at %1: %2 (the sandbox serves %3; its tasks are in wizards-tasks.json)")
                         .arg(url, body.left(400), app.session->sandbox()->taskPageAddresses().join(u' '))));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

    void cleanUpAgainLeavesNothing() { cleanUpEverything(QStringLiteral("cleanup-again")); }

    void cancelThenRollBackFromTheWindow()
    {
        app.click(app.item("deployTab"));
        openWizard(0);
        QQuickItem *page = wizard("practicalWizard");
        retype(page, "passwordText", QStringLiteral("classroom-pass-3"));
        retype(page, "confirmPasswordText", QStringLiteral("classroom-pass-3"));
        app.click(in(page, "nextButton"));
        QTRY_VERIFY(in(page, "createButton"));
        QTRY_VERIFY_WITH_TIMEOUT(in(page, "createButton")->isEnabled(), 10000);
        app.click(in(page, "createButton"));
        // Cancel once the groups exist and the database is being made.
        QTRY_VERIFY_WITH_TIMEOUT(progress() && progress()->property("doneSteps").toInt() >= 4, 30000);
        QTRY_VERIFY(in(page, "cancelButton"));
        app.click(in(page, "cancelButton"));
        QTRY_COMPARE_WITH_TIMEOUT(progress()->property("state").toString(), QStringLiteral("cancelled"),
                                  10000);
        QVERIFY2(progress()->property("report").toString().contains(u"taskoverflow_database"),
                 qPrintable(progress()->property("report").toString()));
        QTRY_VERIFY(in(page, "rollBackButton"));
        app.shot(QStringLiteral("deploy-8-cancelled"));
        app.click(in(page, "rollBackButton"));
        QTRY_COMPARE_WITH_TIMEOUT(progress()->property("state").toString(), QStringLiteral("rolledback"),
                                  120000);
        // Every step that had been done reads as rolled back now, the rules gone with their groups.
        auto *steps = qobject_cast<QAbstractItemModel *>(progress());
        for (int row = 0; row < steps->rowCount(); ++row)
            QVERIFY2(steps->data(steps->index(row, 0), Qt::UserRole + 2).toString() != u"done",
                     qPrintable(steps->data(steps->index(row, 0), Qt::UserRole + 1).toString()));
        app.shot(QStringLiteral("deploy-9-rolled-back"));
        // Nothing of the run is left: no group, no database.
        const QJsonArray groups =
            callAws(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
                    {{QStringLiteral("Filters"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("Name"), QStringLiteral("group-name")},
                          {QStringLiteral("Values"), QJsonArray{QStringLiteral("taskoverflow"),
                                                                QStringLiteral("taskoverflow_database")}}}}}})
                .value(u"SecurityGroups")
                .toArray();
        QVERIFY2(groups.isEmpty(), qPrintable(QJsonDocument(groups).toJson()));
        QTRY_VERIFY_WITH_TIMEOUT(callAws(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"), {})
                                     .value(u"DBInstances")
                                     .toArray()
                                     .isEmpty(),
                                 60000);
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

    void aProjectorsScreen()
    {
        // 1024×768: every wizard page still fits its controls (the forms scroll).
        app.window->resize(1024, 768);
        QTRY_COMPARE(app.window->contentItem()->width(), 1024.0);
        QTRY_COMPARE(app.window->contentItem()->height(), 768.0);
        QVERIFY(QTest::qWaitForWindowExposed(app.window));
        app.click(app.item("deployTab"));
        openWizard(4);
        QTRY_VERIFY(in(wizard("taskDefinitionWizard"), "familyText"));
        app.shot(QStringLiteral("projector-task-definition"));
        openWizard(1);
        QQuickItem *page = wizard("securityGroupWizard");
        retype(page, "nameText", QStringLiteral("projector"));
        retype(page, "descriptionText", QStringLiteral("Seen from the back of the room"));
        app.click(labelled(page, QStringLiteral("+ HTTP 80")));
        app.click(in(page, "nextButton"));
        QTRY_VERIFY(in(page, "planText"));
        QTRY_VERIFY_WITH_TIMEOUT(in(page, "createButton")->isEnabled(), 10000);
        app.shot(QStringLiteral("projector-security-group-review"));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }

private:
    void cleanUpEverything(const QString &shotPrefix)
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
        app.shot(shotPrefix + QStringLiteral("-1-found"));
        app.type(confirm, QStringLiteral("taskoverflow"));
        QElapsedTimer clock;
        clock.start();
        app.click(app.item("deleteButton"));
        QTRY_VERIFY_WITH_TIMEOUT(cleanup->property("phase").toString() == u"running", 5000);
        app.shot(shotPrefix + QStringLiteral("-2-progress"));
        QTRY_COMPARE_WITH_TIMEOUT(cleanup->property("phase").toString(), QStringLiteral("done"), 180000);
        const QString report = cleanup->property("finalReport").toString();
        qInfo("Clean up (%s): %.1f s from Delete to the final report", qPrintable(shotPrefix),
              clock.elapsed() / 1000.0);
        app.shot(shotPrefix + QStringLiteral("-3-done"));
        QVERIFY2(report.contains(u"Nothing is left"), qPrintable(report));
        QVERIFY2(app.warnings.isEmpty(), qPrintable(app.warnings.join(u'\n')));
    }
};

QTEST_MAIN(TestDeployGui)
#include "tst_deploy_gui.moc"
