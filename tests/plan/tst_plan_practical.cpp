// The TaskOverflow practical as one plan on the sandbox: from an empty
// account to the task's page at http://IP:6400, a re-run that reuses it all,
// a rollback back to the empty account, and teardown of the same stack.
#include "AccountDefaults.h"
#include "PlanRenderer.h"
#include "PlanRunner.h"
#include "PracticalPlan.h"
#include "SandboxFixture.h"
#include "StackTags.h"
#include "TeardownPlanner.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QtTest>

using plan::PlanRunner;
using State = PlanRunner::StepState;
using Run = PlanRunner::RunState;

namespace {

/// The fault schedule's seed: fixed, or DC_PLAN_FAULT_SEED to try other schedules.
quint32 faultSeed(quint32 fallback)
{
    bool ok = false;
    const int seed = qEnvironmentVariableIntValue("DC_PLAN_FAULT_SEED", &ok);
    return ok ? quint32(seed) : fallback;
}

constexpr int kTimeoutMs = 60000;
constexpr char kPassword[] = "Canary-Passw0rd-Never-Printed";

bool signalled(QSignalSpy &spy, int timeoutMs = kTimeoutMs)
{
    return !spy.isEmpty() || spy.wait(timeoutMs);
}

} // namespace

class TestPlanPractical : public QObject {
    Q_OBJECT
    SandboxFixture sandbox;
    QStringList before;
    plan::AccountDefaults defaults;

    plan::Plan practical(const QString &stack = QStringLiteral("taskoverflow"))
    {
        plan::PracticalInputs in;
        in.stackName = stack;
        in.password = QString::fromLatin1(kPassword);
        in.labRoleArn = defaults.labRoleArn;
        in.subnets = defaults.subnets;
        QString error;
        plan::Plan p = plan::buildPracticalPlan(in, &error);
        if (!error.isEmpty())
            qWarning() << "practical plan:" << error;
        return p;
    }

    /// The running task's public IP (ListTasks → DescribeTasks → DescribeNetworkInterfaces).
    QString taskIp()
    {
        const auto list = sandbox.call(QStringLiteral("ecs"), QStringLiteral("ListTasks"),
                                       {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")}});
        const QJsonArray arns = list.output.value(u"taskArns").toArray();
        if (arns.isEmpty())
            return {};
        const auto tasks = sandbox.call(
            QStringLiteral("ecs"), QStringLiteral("DescribeTasks"),
            {{QStringLiteral("cluster"), QStringLiteral("taskoverflow")}, {QStringLiteral("tasks"), arns}});
        QString eni;
        for (const QJsonValue &d :
             tasks.output.value(u"tasks")[0][QStringLiteral("attachments")][0][QStringLiteral("details")]
                 .toArray())
            if (d[QStringLiteral("name")].toString() == u"networkInterfaceId")
                eni = d[QStringLiteral("value")].toString();
        const auto enis = sandbox.call(QStringLiteral("ec2"), QStringLiteral("DescribeNetworkInterfaces"),
                                       {{QStringLiteral("NetworkInterfaceIds"), QJsonArray{eni}}});
        return enis.output
            .value(u"NetworkInterfaces")[0][QStringLiteral("Association")][QStringLiteral("PublicIp")]
            .toString();
    }

    /// Applies the practical; true when it finished.
    bool apply(const QString &stack = QStringLiteral("taskoverflow"))
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(practical(stack));
        QSignalSpy finished(&runner, &PlanRunner::finished);
        runner.start();
        if (!signalled(finished))
            qWarning() << runner.report();
        return !finished.isEmpty();
    }

    /// Scans, runs the teardown plan, scans again; returns the final report.
    QString tearDown(plan::TeardownPlanner &planner, bool confirmDatabases, QStringList *steps = nullptr)
    {
        QSignalSpy scanned(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        if (!signalled(scanned))
            return QStringLiteral("scan failed");
        if (confirmDatabases)
            planner.confirmAllDatabases();
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(planner.buildPlan());
        if (steps)
            for (const plan::PlanStep &s : runner.plan().steps)
                *steps << s.title;
        QSignalSpy finished(&runner, &PlanRunner::finished);
        QSignalSpy failed(&runner, &PlanRunner::failed);
        runner.start();
        QDeadlineTimer deadline(kTimeoutMs);
        while (finished.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
            QTest::qWait(20);
        if (runner.state() != Run::Finished) {
            QStringList lines;
            for (int i = 0; i < runner.plan().steps.size(); ++i)
                lines << runner.progressLine(i);
            qWarning().noquote() << "teardown stopped:\n" << lines.join(u'\n') << '\n' << runner.report();
        }
        QSignalSpy again(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        if (!signalled(again))
            return QStringLiteral("second scan failed");
        return planner.finalReport(runner.state() == Run::Finished ? QString() : runner.failure());
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<PlanRunner::StepState>();
        qRegisterMetaType<PlanRunner::RunState>();
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
        before = sandbox.inventory();
        bool loaded = false;
        plan::loadAccountDefaults(&sandbox.client(), this, [&](const plan::AccountDefaults &d) {
            defaults = d;
            loaded = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 10000);
        QVERIFY2(defaults.error.isEmpty(), qPrintable(defaults.error));
        QVERIFY(!defaults.subnets.isEmpty());
        QVERIFY(defaults.labRoleArn.endsWith(u"role/LabRole"));
    }
    void cleanupTestCase() { sandbox.stop(); }

    void planShapeAndMaskedPassword()
    {
        const plan::Plan p = practical();
        QStringList ids;
        for (const plan::PlanStep &s : p.steps)
            ids << s.id;
        QCOMPARE(ids, (QStringList{QStringLiteral("createDbSg"), QStringLiteral("allowDbIngress"),
                                   QStringLiteral("createAppSg"), QStringLiteral("allowAppIngress"),
                                   QStringLiteral("createDb"), QStringLiteral("createLogGroup"),
                                   QStringLiteral("createCluster"), QStringLiteral("registerTaskDef"),
                                   QStringLiteral("createService")}));
        const QString shown = plan::renderApiCalls(p) + plan::renderCli(p);
        QVERIFY(!shown.contains(QString::fromLatin1(kPassword)));
        QVERIFY(plan::renderApiCalls(p, true).contains(QString::fromLatin1(kPassword)));
    }

    void applyRerunAndRollBack()
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(practical());
        QSignalSpy finished(&runner, &PlanRunner::finished);
        QSignalSpy steps(&runner, &PlanRunner::stepChanged);
        QElapsedTimer clock;
        clock.start();
        runner.start();
        QVERIFY2(signalled(finished), qPrintable(runner.report()));
        qInfo("practical applied on the sandbox in %lld ms", clock.elapsed());
        QCOMPARE(runner.created().size(), 7);
        // The database wait said what AWS was doing.
        bool toldAboutDb = false;
        for (const auto &args : steps)
            toldAboutDb |= args.at(0).toInt() == 4 && args.at(1).value<State>() == State::Waiting &&
                           args.at(2).toString().contains(u"creating the database");
        QVERIFY(toldAboutDb);
        // The endpoint reached the task definition through ${createDb.DBInstance.Endpoint.Address}.
        const QString host = runner.outputs()
                                 .value(QStringLiteral("createDb"))
                                 .value(u"DBInstance")[QStringLiteral("Endpoint")][QStringLiteral("Address")]
                                 .toString();
        QVERIFY(!host.isEmpty());
        const QJsonArray env = runner.outputs()
                                   .value(QStringLiteral("registerTaskDef"))
                                   .value(u"taskDefinition")[QStringLiteral("containerDefinitions")][0]
                                                            [QStringLiteral("environment")]
                                   .toArray();
        QVERIFY(env.at(0)[QStringLiteral("value")].toString().contains(
            QStringLiteral("@%1:5432/todo").arg(host)));

        // The page at http://IP:6400.
        QString ip;
        QTRY_VERIFY_WITH_TIMEOUT(!(ip = taskIp()).isEmpty(), 20000);
        QNetworkAccessManager nam;
        std::unique_ptr<QNetworkReply> page(
            nam.get(QNetworkRequest(QUrl(QStringLiteral("http://%1:6400/").arg(ip)))));
        QSignalSpy pageDone(page.get(), &QNetworkReply::finished);
        QVERIFY(signalled(pageDone, 10000));
        QCOMPARE(page->error(), QNetworkReply::NoError);

        // Every resource is tagged with the stack.
        const auto db = sandbox.call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"));
        QCOMPARE(plan::tagValue(db.output.value(u"DBInstances")[0].toObject(),
                                QString::fromLatin1(plan::kStackTagKey)),
                 QStringLiteral("taskoverflow"));

        // Re-run: everything reused, nothing new.
        const QStringList applied = sandbox.inventory();
        PlanRunner again(&sandbox.client());
        again.setPollScale(sandbox.timeScale());
        again.setPlan(practical());
        QSignalSpy againDone(&again, &PlanRunner::finished);
        again.start();
        QVERIFY2(signalled(againDone), qPrintable(again.report()));
        QCOMPARE(sandbox.inventory(), applied);
        QVERIFY(again.created().isEmpty());
        QCOMPARE(again.reused().size(), 7);

        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY2(signalled(rolled), qPrintable(runner.report()));
        QVERIFY2(rolled.first().first().toBool(), qPrintable(runner.report()));
        QCOMPARE(sandbox.inventory(), before);
    }

    void teardownKeepsUnconfirmedDatabaseThenLeavesNothing()
    {
        QVERIFY(apply());
        // Another stack's group stays untouched.
        plan::TeardownPlanner planner(&sandbox.client());
        planner.setStack(QStringLiteral("taskoverflow"));
        QStringList steps;
        const QString partial = tearDown(planner, false, &steps);
        QVERIFY2(steps.first().startsWith(u"Scale service taskoverflow to 0"), qPrintable(steps.join(u'\n')));
        QVERIFY(!steps.join(u'\n').contains(u"Delete database"));
        QVERIFY2(partial.contains(u"db-instance taskoverflow — not confirmed"), qPrintable(partial));
        QVERIFY2(
            partial.contains(u"security-group taskoverflow_database — the database that is kept uses it"),
            qPrintable(partial));
        QVERIFY2(!partial.contains(u"ecs-service"), qPrintable(partial));

        const QString report = tearDown(planner, true, &steps);
        QCOMPARE(report, QStringLiteral("Nothing is left of stack taskoverflow."));
        QCOMPARE(sandbox.inventory(), before);
    }

    void teardownOfEverythingTaggedUnderFaults()
    {
        QVERIFY(apply(QStringLiteral("first")));
        aws::sandbox::FaultOptions flaky;
        flaky.throttleRate = 0.30;
        flaky.serverErrorRate = 0.05;
        flaky.seed = faultSeed(11);
        sandbox.server().setFaults(flaky);
        plan::TeardownPlanner planner(&sandbox.client()); // no stack: everything the app tagged
        const QString report = tearDown(planner, true);
        sandbox.server().setFaults({});
        QCOMPARE(report, QStringLiteral("Nothing is left of what Deploy Console created."));
        QCOMPARE(sandbox.inventory(), before);
    }

    void failureRollsBackToTheEmptyAccount()
    {
        plan::Plan p = practical(QStringLiteral("broken"));
        // A subnet that does not exist: CreateService, the last step, is refused.
        QJsonObject params = p.steps.last().params;
        QJsonObject network = params.value(u"networkConfiguration").toObject();
        QJsonObject vpc = network.value(u"awsvpcConfiguration").toObject();
        vpc.insert(QStringLiteral("subnets"), QJsonArray{QStringLiteral("subnet-0000000000000dead")});
        network.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        params.insert(QStringLiteral("networkConfiguration"), network);
        p.steps.last().params = params;

        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(p);
        QSignalSpy failed(&runner, &PlanRunner::failed);
        runner.start();
        QVERIFY(signalled(failed));
        QCOMPARE(runner.currentStep(), p.steps.size() - 1);
        QCOMPARE(runner.created().size(), 6);
        const QString report = runner.report();
        QVERIFY2(report.contains(u"Stopped at step 9 of 9 (Create service taskoverflow"), qPrintable(report));
        QVERIFY2(report.contains(u"db-instance taskoverflow"), qPrintable(report));
        QVERIFY(!report.contains(QString::fromLatin1(kPassword)));

        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY2(signalled(rolled), qPrintable(runner.report()));
        QVERIFY2(rolled.first().first().toBool(), qPrintable(runner.report()));
        QCOMPARE(sandbox.inventory(), before);
    }

    void expiryDuringTheDatabaseWaitPausesThenResumes()
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(practical());
        QSignalSpy paused(&runner, &PlanRunner::paused);
        QSignalSpy finished(&runner, &PlanRunner::finished);
        connect(&runner, &PlanRunner::stepChanged, &runner, [this](int index, State state) {
            if (index == 4 && state == State::Waiting &&
                sandbox.server().faults().credentialsExpireAt.isNull()) {
                aws::sandbox::FaultOptions expired;
                expired.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(-1);
                sandbox.server().setFaults(expired);
            }
        });
        runner.start();
        QVERIFY(signalled(paused));
        QCOMPARE(runner.state(), Run::Paused);
        QCOMPARE(runner.currentStep(), 4);
        QCOMPARE(runner.stepStatuses().at(4).state, State::Waiting);
        disconnect(&runner, &PlanRunner::stepChanged, &runner, nullptr);
        aws::sandbox::FaultOptions fresh;
        fresh.credentialsExpireAt = QDateTime::currentDateTimeUtc().addYears(1);
        sandbox.server().setFaults(fresh);
        runner.resume();
        QVERIFY2(signalled(finished), qPrintable(runner.report()));
        QCOMPARE(runner.created().size(), 7); // the database once, not twice
        sandbox.server().setFaults({});
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY2(signalled(rolled), qPrintable(runner.report()));
        QCOMPARE(sandbox.inventory(), before);
    }

    void applyUnderThrottlingServerErrorsAndADroppedConnection()
    {
        aws::sandbox::FaultOptions flaky;
        flaky.throttleRate = 0.30;
        flaky.serverErrorRate = 0.05;
        flaky.dropConnectionOnRequest = 5;
        flaky.seed = faultSeed(3);
        sandbox.server().setFaults(flaky);
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(practical());
        QSignalSpy finished(&runner, &PlanRunner::finished);
        runner.start();
        QVERIFY2(signalled(finished), qPrintable(runner.report()));
        QCOMPARE(runner.created().size(), 7);
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY2(signalled(rolled), qPrintable(runner.report()));
        QVERIFY2(rolled.first().first().toBool(), qPrintable(runner.report()));
        sandbox.server().setFaults({});
        QCOMPARE(sandbox.inventory(), before);
    }

    void interruptedTeardownIsFinishedByANewOne()
    {
        QVERIFY(apply(QStringLiteral("partial")));
        plan::TeardownPlanner first(&sandbox.client());
        first.setStack(QStringLiteral("partial"));
        QSignalSpy scanned(&first, &plan::TeardownPlanner::scanned);
        first.scan();
        QVERIFY(signalled(scanned));
        first.confirmAllDatabases();
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(first.buildPlan());
        // Stop right after the task definition is deregistered: only its inactive revision names the log
        // group.
        connect(&runner, &PlanRunner::stepChanged, &runner, [&runner](int index, State state) {
            if (state == State::Done &&
                runner.plan().steps.at(index).operation == u"DeregisterTaskDefinition")
                runner.cancel();
        });
        QSignalSpy cancelled(&runner, &PlanRunner::cancelled);
        runner.start();
        QVERIFY(signalled(cancelled));

        plan::TeardownPlanner second(&sandbox.client()); // a new process, say: knows nothing
        second.setStack(QStringLiteral("partial"));
        QStringList steps;
        const QString report = tearDown(second, true, &steps);
        QVERIFY2(steps.contains(QStringLiteral("Delete log group /taskoverflow/todo")),
                 qPrintable(steps.join(u'\n')));
        QCOMPARE(report, QStringLiteral("Nothing is left of stack partial."));
        QCOMPARE(sandbox.inventory(), before);
    }
};

QTEST_GUILESS_MAIN(TestPlanPractical)
#include "tst_plan_practical.moc"
