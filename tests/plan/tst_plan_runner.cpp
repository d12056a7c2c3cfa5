// PlanRunner against an in-process sandbox with a real AwsClient: progress
// order, failure with an exact account of what exists, rollback to the
// account as it was, retry from here, re-run reuse, cancel, an expiry
// mid-run (pause, resume the same step) and throttling/5xx with the
// client's retries. EC2-only plans, so this runs on any sandbox.
#include "PlanRunner.h"
#include "SandboxFixture.h"
#include "SecurityGroupForm.h"
#include "StackTags.h"

#include <QJsonArray>
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

constexpr int kRunTimeoutMs = 30000;

plan::Plan groupPlan(const QString &name, int port)
{
    SecurityGroupForm form;
    form.setValue(QStringLiteral("name"), name);
    form.setValue(QStringLiteral("description"), QStringLiteral("Test group %1").arg(name));
    form.addQuickRule(QStringLiteral("custom"));
    form.setRule(0, QStringLiteral("fromPort"), port);
    form.setRule(0, QStringLiteral("toPort"), port);
    plan::Plan p = form.buildPlan();
    p.stackName = QStringLiteral("runner-test");
    return p;
}

/// Two groups in one plan (ids renamed so both can live in it).
plan::Plan twoGroupPlan()
{
    plan::Plan a = groupPlan(QStringLiteral("alpha"), 5432);
    plan::Plan b = groupPlan(QStringLiteral("beta"), 6400);
    for (plan::PlanStep &s : b.steps) {
        s.id = s.id == u"createSg" ? QStringLiteral("createSgB") : QStringLiteral("ingressB");
        for (QJsonObject *o : {&s.params, &s.undoParams})
            if (o->value(u"GroupId").toString() == u"${createSg.GroupId}")
                o->insert(QStringLiteral("GroupId"), QStringLiteral("${createSgB.GroupId}"));
    }
    a.steps += b.steps;
    return a;
}

/// A step AWS refuses: a rule on a group that does not exist.
plan::PlanStep failingStep()
{
    plan::PlanStep s;
    s.id = QStringLiteral("broken");
    s.title = QStringLiteral("Allow traffic to a group that does not exist");
    s.service = QStringLiteral("ec2");
    s.operation = QStringLiteral("AuthorizeSecurityGroupIngress");
    s.params = {{QStringLiteral("GroupId"), QStringLiteral("sg-0000000000000dead")},
                {QStringLiteral("IpPermissions"),
                 QJsonArray{QJsonObject{
                     {QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                     {QStringLiteral("FromPort"), 80},
                     {QStringLiteral("ToPort"), 80},
                     {QStringLiteral("IpRanges"),
                      QJsonArray{QJsonObject{{QStringLiteral("CidrIp"), QStringLiteral("0.0.0.0/0")}}}}}}}};
    return s;
}

QStringList transitions(const QSignalSpy &spy)
{
    QStringList out;
    for (const auto &args : spy)
        out << QStringLiteral("%1:%2")
                   .arg(args.at(0).toInt())
                   .arg(PlanRunner::stateName(args.at(1).value<State>()));
    return out;
}

/// The signal came (already, or within the bound): some steps finish synchronously.
bool signalled(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(kRunTimeoutMs);
}

bool settled(const PlanRunner &r)
{
    return r.state() != Run::Running && r.state() != Run::RollingBack;
}

} // namespace

class TestPlanRunner : public QObject {
    Q_OBJECT
    SandboxFixture sandbox;
    QStringList before;

private slots:
    void initTestCase()
    {
        qRegisterMetaType<PlanRunner::StepState>();
        qRegisterMetaType<PlanRunner::RunState>();
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
        before = sandbox.inventory();
        QVERIFY(!before.isEmpty()); // the default VPC's default group
    }
    void cleanupTestCase() { sandbox.stop(); }
    void cleanup()
    {
        sandbox.server().setFaults({});
        // Every test leaves the account as it found it.
        QCOMPARE(sandbox.inventory(), before);
    }

    void progressInOrderAndTagged()
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(groupPlan(QStringLiteral("progress"), 5432));
        QSignalSpy steps(&runner, &PlanRunner::stepChanged);
        QSignalSpy finished(&runner, &PlanRunner::finished);
        runner.start();
        QVERIFY(signalled(finished));
        QStringList seen = transitions(steps);
        seen.removeDuplicates();
        QCOMPARE(seen, (QStringList{QStringLiteral("0:running"), QStringLiteral("0:done"),
                                    QStringLiteral("1:running"), QStringLiteral("1:done")}));
        QCOMPARE(runner.created().size(), 1);
        const QString id = runner.created().first().id;
        QVERIFY(id.startsWith(u"sg-"));
        QVERIFY(runner.report().contains(id));

        const auto described =
            sandbox.call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
                         {{QStringLiteral("Filters"),
                           QJsonArray{QJsonObject{
                               {QStringLiteral("Name"), QStringLiteral("tag:deploy-console:stack")},
                               {QStringLiteral("Values"), QJsonArray{QStringLiteral("runner-test")}}}}}});
        QVERIFY(described.ok());
        const QJsonObject group = described.output.value(u"SecurityGroups").toArray().at(0).toObject();
        QCOMPARE(group.value(u"GroupId").toString(), id);
        QCOMPARE(plan::tagValue(group, QString::fromLatin1(plan::kCreatedByTagKey)),
                 QString::fromLatin1(plan::kCreatedByTagValue));
        QCOMPARE(plan::tagValue(group, QStringLiteral("Name")),
                 QStringLiteral("progress")); // the form's own tag
        QCOMPARE(group.value(u"IpPermissions").toArray().size(), 1);

        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
        QCOMPARE(rolled.first().first().toBool(), true);
    }

    void failureReportsWhatExistsAndRollsBack()
    {
        plan::Plan p = twoGroupPlan();
        p.steps.insert(2, failingStep()); // after alpha, before beta
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(p);
        QSignalSpy failed(&runner, &PlanRunner::failed);
        runner.start();
        QVERIFY(signalled(failed));
        QCOMPARE(runner.state(), Run::Failed);
        QCOMPARE(runner.currentStep(), 2);
        QVERIFY2(runner.failure().contains(u"InvalidGroup.NotFound"), qPrintable(runner.failure()));
        QCOMPARE(runner.stepStatuses().at(2).state, State::Failed);
        QCOMPARE(runner.stepStatuses().at(3).state, State::Pending);
        QCOMPARE(runner.created().size(), 1);
        QCOMPARE(runner.created().first().name, QStringLiteral("alpha"));
        const QString report = runner.report();
        QVERIFY2(report.contains(u"Stopped at step 3 of 5"), qPrintable(report));
        QVERIFY2(report.contains(u"Created by this run: security-group alpha (sg-"), qPrintable(report));
        QVERIFY2(report.contains(u"Not done: Allow traffic to a group"), qPrintable(report));
        QVERIFY2(report.contains(u"Create security group beta"), qPrintable(report));

        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
        QVERIFY(rolled.first().first().toBool());
        QCOMPARE(runner.state(), Run::RolledBack);
        QCOMPARE(runner.stepStatuses().at(0).state, State::RolledBack);
        QVERIFY(runner.report().contains(u"Rolled back"));
    }

    void differentSettingsStopThenRetryFromHere()
    {
        // A "beta" group that is not what the plan wants: the runner must stop before changing anything.
        const auto squatter = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                           {{QStringLiteral("GroupName"), QStringLiteral("beta")},
                                            {QStringLiteral("Description"), QStringLiteral("someone else")}});
        QVERIFY(squatter.ok());
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(twoGroupPlan());
        QSignalSpy failed(&runner, &PlanRunner::failed);
        runner.start();
        QVERIFY(signalled(failed));
        QCOMPARE(runner.currentStep(), 2);
        QVERIFY2(runner.failure().contains(u"already exists with different settings"),
                 qPrintable(runner.failure()));
        QVERIFY2(runner.failure().contains(u"Description: wants Test group beta, has someone else"),
                 qPrintable(runner.failure()));
        const auto untouched =
            sandbox.call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
                         {{QStringLiteral("GroupIds"), QJsonArray{squatter.output.value(u"GroupId")}}});
        QCOMPARE(
            untouched.output.value(u"SecurityGroups")[0][QStringLiteral("IpPermissions")].toArray().size(),
            0);

        // The student removes the other group and retries from the failed step.
        QVERIFY(sandbox
                    .call(QStringLiteral("ec2"), QStringLiteral("DeleteSecurityGroup"),
                          {{QStringLiteral("GroupId"), squatter.output.value(u"GroupId")}})
                    .ok());
        QSignalSpy finished(&runner, &PlanRunner::finished);
        QSignalSpy steps(&runner, &PlanRunner::stepChanged);
        runner.retryFromHere();
        QVERIFY(signalled(finished));
        QVERIFY(!transitions(steps).contains(u"0:running")); // earlier steps are not repeated
        QCOMPARE(runner.created().size(), 2);

        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
        QVERIFY(rolled.first().first().toBool());
    }

    void rerunReusesWhatExists()
    {
        PlanRunner first(&sandbox.client());
        first.setPollScale(sandbox.timeScale());
        first.setPlan(twoGroupPlan());
        QSignalSpy firstDone(&first, &PlanRunner::finished);
        first.start();
        QVERIFY(signalled(firstDone));
        const QStringList afterFirst = sandbox.inventory();

        PlanRunner again(&sandbox.client());
        again.setPollScale(sandbox.timeScale());
        again.setPlan(twoGroupPlan());
        QSignalSpy againDone(&again, &PlanRunner::finished);
        again.start();
        QVERIFY(signalled(againDone));
        QCOMPARE(sandbox.inventory(), afterFirst); // nothing new
        QCOMPARE(again.stepStatuses().at(0).state, State::Reused);
        QVERIFY(again.stepStatuses().at(0).text.contains(u"reused"));
        QCOMPARE(again.stepStatuses().at(1).state, State::Done); // the rule is already there: accepted
        QVERIFY(again.created().isEmpty());
        QVERIFY(again.report().contains(u"Reused (already there, left as it was): security-group alpha"));
        // The reused output feeds later steps just like a created one.
        QCOMPARE(again.outputs().value(QStringLiteral("createSg")).value(u"GroupId").toString(),
                 first.created().first().id);

        // Rolling back the re-run deletes nothing (it created nothing); the first run's rollback does.
        QSignalSpy againRolled(&again, &PlanRunner::rolledBack);
        again.rollBack();
        QVERIFY(signalled(againRolled));
        QCOMPARE(sandbox.inventory(), afterFirst);
        QSignalSpy rolled(&first, &PlanRunner::rolledBack);
        first.rollBack();
        QVERIFY(signalled(rolled));
    }

    void cancelStopsAndRollsBack()
    {
        aws::sandbox::FaultOptions slow;
        slow.latencyMs = 150; // keeps each call in flight long enough to cancel it
        sandbox.server().setFaults(slow);
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(twoGroupPlan());
        QSignalSpy cancelled(&runner, &PlanRunner::cancelled);
        connect(&runner, &PlanRunner::stepChanged, &runner, [&runner](int index, State state) {
            if (index == 2 && state == State::Running && runner.state() == Run::Running)
                runner.cancel();
        });
        runner.start();
        QTRY_VERIFY_WITH_TIMEOUT(settled(runner), kRunTimeoutMs);
        QCOMPARE(runner.state(), Run::Cancelled);
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(runner.created().size(), 1);
        QVERIFY(runner.report().contains(u"Cancelled"));
        sandbox.server().setFaults({});
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
        QVERIFY(rolled.first().first().toBool());
    }

    void cancelDuringCreateStillRollsBackIfItLanded()
    {
        aws::sandbox::FaultOptions slow;
        slow.latencyMs = 300;
        sandbox.server().setFaults(slow);
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(groupPlan(QStringLiteral("inflight"), 80));
        // Cancel while the create call is on the wire (the answer is 300 ms away).
        connect(&sandbox.client(), &aws::AwsClient::requestSent, &runner,
                [&runner](const QString &, const QString &operation) {
                    if (operation == u"CreateSecurityGroup")
                        QTimer::singleShot(50, &runner, [&runner] { runner.cancel(); });
                });
        runner.start();
        QTRY_VERIFY_WITH_TIMEOUT(runner.state() == Run::Cancelled, kRunTimeoutMs);
        QVERIFY2(runner.report().contains(u"May exist"), qPrintable(runner.report()));
        sandbox.server().setFaults({});
        // The test is about a create that landed: wait until it has. On a loaded machine the
        // cut-off request can reach the sandbox after a look-up made at once, which then finds
        // nothing, and the group appeared later in the next test's account.
        QTRY_VERIFY_WITH_TIMEOUT(
            !sandbox
                 .call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
                       {{QStringLiteral("Filters"),
                         QJsonArray{QJsonObject{
                             {QStringLiteral("Name"), QStringLiteral("group-name")},
                             {QStringLiteral("Values"), QJsonArray{QStringLiteral("inflight")}}}}}})
                 .output.value(u"SecurityGroups")
                 .toArray()
                 .isEmpty(),
            kRunTimeoutMs);
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack(); // looks for it, finds it, deletes it
        QVERIFY(signalled(rolled));
        QVERIFY(rolled.first().first().toBool());
    }

    void expiredCredentialsPauseAndResumeSameStep()
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(twoGroupPlan());
        QSignalSpy paused(&runner, &PlanRunner::paused);
        QSignalSpy finished(&runner, &PlanRunner::finished);
        connect(&runner, &PlanRunner::stepChanged, &runner, [this](int index, State state) {
            if (index == 1 && state == State::Done) {
                aws::sandbox::FaultOptions expired;
                expired.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(-1);
                sandbox.server().setFaults(expired);
            }
        });
        runner.start();
        QVERIFY(signalled(paused));
        QCOMPARE(runner.state(), Run::Paused);
        QCOMPARE(runner.currentStep(), 2);
        QVERIFY(paused.first().first().toString().contains(u"Expired"));
        QVERIFY(runner.stepStatuses().at(2).text.contains(u"paste fresh credentials"));
        QVERIFY(finished.isEmpty());

        sandbox.server().setFaults({}); // fresh credentials pasted
        QSignalSpy steps(&runner, &PlanRunner::stepChanged);
        runner.resume();
        QVERIFY(signalled(finished));
        QCOMPARE(transitions(steps).first(), QStringLiteral("2:running")); // the same step, not from the top
        QCOMPARE(runner.created().size(), 2);
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
    }

    void throttlingAndServerErrorsAreRetried()
    {
        aws::sandbox::FaultOptions flaky;
        flaky.throttleRate = 0.30;
        flaky.serverErrorRate = 0.05;
        flaky.seed = faultSeed(7);
        sandbox.server().setFaults(flaky);
        int sent = 0;
        auto counter = connect(&sandbox.client(), &aws::AwsClient::requestSent, this, [&sent] { ++sent; });
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(twoGroupPlan());
        QSignalSpy finished(&runner, &PlanRunner::finished);
        runner.start();
        QVERIFY2(signalled(finished), qPrintable(runner.report()));
        QCOMPARE(runner.created().size(), 2);
        QSignalSpy rolled(&runner, &PlanRunner::rolledBack);
        runner.rollBack();
        QVERIFY(signalled(rolled));
        QVERIFY2(rolled.first().first().toBool(), qPrintable(runner.report()));
        disconnect(counter);
        QVERIFY2(sent > 8,
                 qPrintable(QStringLiteral("%1 requests: the faults made the client retry").arg(sent)));
    }

    void dependencyViolationIsRetriedWithBackOff()
    {
        const auto a = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                    {{QStringLiteral("GroupName"), QStringLiteral("referenced")},
                                     {QStringLiteral("Description"), QStringLiteral("referenced")}});
        const auto b = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                    {{QStringLiteral("GroupName"), QStringLiteral("referencing")},
                                     {QStringLiteral("Description"), QStringLiteral("referencing")}});
        QVERIFY(a.ok() && b.ok());
        const QString aId = a.output.value(u"GroupId").toString();
        const QString bId = b.output.value(u"GroupId").toString();
        const QJsonArray fromA{QJsonObject{
            {QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
            {QStringLiteral("FromPort"), 5432},
            {QStringLiteral("ToPort"), 5432},
            {QStringLiteral("UserIdGroupPairs"), QJsonArray{QJsonObject{{QStringLiteral("GroupId"), aId}}}}}};
        QVERIFY(sandbox
                    .call(QStringLiteral("ec2"), QStringLiteral("AuthorizeSecurityGroupIngress"),
                          {{QStringLiteral("GroupId"), bId}, {QStringLiteral("IpPermissions"), fromA}})
                    .ok());

        plan::Plan p;
        p.title = QStringLiteral("delete the referenced group");
        for (const auto &[id, group] :
             {std::pair{QStringLiteral("deleteA"), aId}, {QStringLiteral("deleteB"), bId}}) {
            plan::PlanStep s;
            s.id = id;
            s.title = QStringLiteral("Delete security group %1").arg(group);
            s.service = QStringLiteral("ec2");
            s.operation = QStringLiteral("DeleteSecurityGroup");
            s.params = {{QStringLiteral("GroupId"), group}};
            s.retryErrors = {QStringLiteral("DependencyViolation")};
            p.steps << s;
        }
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(p);
        int violations = 0;
        connect(&runner, &PlanRunner::stepChanged, &runner, [&](int index, State state, const QString &text) {
            if (index == 0 && state == State::Waiting && text.contains(u"DependencyViolation") &&
                ++violations == 2)
                // The other group's rule goes away while the runner backs off.
                sandbox.client().call(
                    QStringLiteral("ec2"), QStringLiteral("RevokeSecurityGroupIngress"),
                    {{QStringLiteral("GroupId"), bId}, {QStringLiteral("IpPermissions"), fromA}}, &runner,
                    [](const aws::Outcome &) {});
        });
        QSignalSpy finished(&runner, &PlanRunner::finished);
        runner.start();
        QVERIFY2(signalled(finished), qPrintable(runner.report()));
        QVERIFY(violations >= 2);
    }

    void secretsAreMaskedInEveryText()
    {
        // A parameter marked sensitive that AWS quotes back in its error message.
        const QString secret = QStringLiteral("canary-secret-name");
        const auto existing = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                           {{QStringLiteral("GroupName"), secret},
                                            {QStringLiteral("Description"), QStringLiteral("already here")}});
        QVERIFY(existing.ok());
        plan::PlanStep s;
        s.id = QStringLiteral("again");
        s.title = QStringLiteral("Create the group once more");
        s.service = QStringLiteral("ec2");
        s.operation = QStringLiteral("CreateSecurityGroup");
        s.params = {{QStringLiteral("GroupName"), secret},
                    {QStringLiteral("Description"), QStringLiteral("again")}};
        s.sensitivePaths = {QStringLiteral("GroupName")};
        plan::Plan p;
        p.steps << s;
        PlanRunner runner(&sandbox.client());
        runner.setPlan(p);
        QSignalSpy failed(&runner, &PlanRunner::failed);
        QSignalSpy steps(&runner, &PlanRunner::stepChanged);
        runner.start();
        QVERIFY(signalled(failed));
        QVERIFY2(runner.failure().contains(u"InvalidGroup.Duplicate"), qPrintable(runner.failure()));
        QVERIFY2(!runner.failure().contains(secret), qPrintable(runner.failure()));
        QVERIFY(!runner.report().contains(secret));
        for (const auto &args : steps)
            QVERIFY(!args.at(2).toString().contains(secret));
        QVERIFY(sandbox
                    .call(QStringLiteral("ec2"), QStringLiteral("DeleteSecurityGroup"),
                          {{QStringLiteral("GroupId"), existing.output.value(u"GroupId")}})
                    .ok());
    }
};

QTEST_GUILESS_MAIN(TestPlanRunner)
#include "tst_plan_runner.moc"
