// Teardown of the ECR repositories a stack created: a plan that creates a
// repository tags it; teardown finds it by its tags (ListTagsForResource)
// and deletes it with its images, leaves the repositories of other stacks
// and untagged ones alone, and says why it keeps a repository the stack's
// task definitions use but did not create.
#include "PlanRunner.h"
#include "SandboxFixture.h"
#include "StackTags.h"
#include "TeardownPlanner.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using plan::PlanRunner;

namespace {

constexpr int kTimeoutMs = 60000;

plan::PlanStep createRepository(const QString &name)
{
    plan::PlanStep s;
    s.id = QStringLiteral("createRepo");
    s.title = QStringLiteral("Create ECR repository %1").arg(name);
    s.service = QStringLiteral("ecr");
    s.operation = QStringLiteral("CreateRepository");
    s.params = {{QStringLiteral("repositoryName"), name}};
    s.createsResource = true;
    s.resource = {QStringLiteral("ecr-repository"), name, QStringLiteral("repository.repositoryArn")};
    return s;
}

/// Waits for `spy` unless it already fired (bounded; the event loop runs).
bool signalled(QSignalSpy &spy)
{
    return !spy.isEmpty() || spy.wait(kTimeoutMs);
}

} // namespace

class TestPlanTeardownEcr : public QObject {
    Q_OBJECT
    SandboxFixture sandbox;

    /// Runs `p` to its end; the runner's final state.
    PlanRunner::RunState run(const plan::Plan &p)
    {
        PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(p);
        QSignalSpy finished(&runner, &PlanRunner::finished);
        QSignalSpy failed(&runner, &PlanRunner::failed);
        runner.start();
        QDeadlineTimer deadline(kTimeoutMs);
        while (finished.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
            finished.wait(int(deadline.remainingTime()));
        if (runner.state() != PlanRunner::RunState::Finished)
            qWarning().noquote() << runner.report();
        return runner.state();
    }

    plan::Plan stackPlan(const QString &stack, const QList<plan::PlanStep> &steps)
    {
        plan::Plan p;
        p.stackName = stack;
        p.title = QStringLiteral("stack %1").arg(stack);
        p.steps = steps;
        return p;
    }

    void pushImage(const QString &repository)
    {
        const QString error = sandbox.putImage(repository, QStringLiteral("latest"));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    QStringList repositories()
    {
        QStringList names;
        const auto o = sandbox.call(QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"));
        for (const QJsonValue &r : o.output.value(u"repositories").toArray())
            names << r[QStringLiteral("repositoryName")].toString();
        names.sort();
        return names;
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<PlanRunner::StepState>();
        qRegisterMetaType<PlanRunner::RunState>();
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
    }
    void cleanupTestCase() { sandbox.stop(); }

    void createdRepositoryIsTaggedAndTornDownWithItsImages()
    {
        QCOMPARE(run(stackPlan(QStringLiteral("shop"), {createRepository(QStringLiteral("shop/web"))})),
                 PlanRunner::RunState::Finished);
        QCOMPARE(run(stackPlan(QStringLiteral("blog"), {createRepository(QStringLiteral("blog/web"))})),
                 PlanRunner::RunState::Finished);
        QVERIFY(sandbox
                    .call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
                          {{QStringLiteral("repositoryName"), QStringLiteral("by-hand")}})
                    .ok());
        pushImage(QStringLiteral("shop/web"));

        const QString arn =
            sandbox
                .call(QStringLiteral("ecr"), QStringLiteral("DescribeRepositories"),
                      {{QStringLiteral("repositoryNames"), QJsonArray{QStringLiteral("shop/web")}}})
                .output.value(u"repositories")[0][QStringLiteral("repositoryArn")]
                .toString();
        const auto tags = sandbox.call(QStringLiteral("ecr"), QStringLiteral("ListTagsForResource"),
                                       {{QStringLiteral("resourceArn"), arn}});
        QVERIFY2(tags.ok(), tags.ok() ? "" : qPrintable(tags.error->toString()));
        QCOMPARE(plan::tagValue(tags.output, QString::fromLatin1(plan::kStackTagKey)),
                 QStringLiteral("shop"));

        plan::TeardownPlanner planner(&sandbox.client());
        planner.setStack(QStringLiteral("shop"));
        QSignalSpy scanned(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        QVERIFY(signalled(scanned));
        QCOMPARE(planner.found().size(), 1);
        QCOMPARE(planner.found().first().kind, QStringLiteral("ecr-repository"));
        QCOMPARE(planner.found().first().name, QStringLiteral("shop/web"));
        const plan::Plan teardown = planner.buildPlan();
        QCOMPARE(teardown.steps.size(), 1);
        QCOMPARE(teardown.steps.first().operation, QStringLiteral("DeleteRepository"));
        QVERIFY(teardown.steps.first().params.value(u"force").toBool()); // it still holds an image

        QCOMPARE(run(teardown), PlanRunner::RunState::Finished);
        QSignalSpy again(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        QVERIFY(signalled(again));
        QCOMPARE(planner.finalReport(), QStringLiteral("Nothing is left of stack shop."));
        QCOMPARE(repositories(), (QStringList{QStringLiteral("blog/web"), QStringLiteral("by-hand")}));
    }

    void everythingTaggedLeavesHandMadeRepositories()
    {
        plan::TeardownPlanner planner(&sandbox.client()); // no stack: all the app created
        QSignalSpy scanned(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        QVERIFY(signalled(scanned));
        QStringList names;
        for (const auto &f : planner.found())
            names << f.kind + u' ' + f.name;
        QCOMPARE(names, QStringList{QStringLiteral("ecr-repository blog/web")});
        QCOMPARE(run(planner.buildPlan()), PlanRunner::RunState::Finished);
        QCOMPARE(repositories(), QStringList{QStringLiteral("by-hand")});
    }

    void repositoryTheStackUsesButDidNotCreateIsKeptWithTheReason()
    {
        // A stack whose task definition runs an image from the hand-made repository.
        plan::PlanStep reg;
        reg.id = QStringLiteral("registerTaskDef");
        reg.title = QStringLiteral("Register task definition uses-by-hand");
        reg.service = QStringLiteral("ecs");
        reg.operation = QStringLiteral("RegisterTaskDefinition");
        const QString image = QStringLiteral("%1.dkr.ecr.%2.amazonaws.com/by-hand:v1")
                                  .arg(sandbox.server().account().options().accountId,
                                       sandbox.server().account().options().region);
        reg.params = {{QStringLiteral("family"), QStringLiteral("uses-by-hand")},
                      {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
                      {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
                      {QStringLiteral("cpu"), QStringLiteral("256")},
                      {QStringLiteral("memory"), QStringLiteral("512")},
                      {QStringLiteral("containerDefinitions"),
                       QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("app")},
                                              {QStringLiteral("image"), image},
                                              {QStringLiteral("essential"), true}}}}};
        reg.createsResource = true;
        reg.resource = {QStringLiteral("task-definition"), QStringLiteral("uses-by-hand"),
                        QStringLiteral("taskDefinition.taskDefinitionArn")};
        QCOMPARE(run(stackPlan(QStringLiteral("consumer"), {reg})), PlanRunner::RunState::Finished);

        plan::TeardownPlanner planner(&sandbox.client());
        planner.setStack(QStringLiteral("consumer"));
        QSignalSpy scanned(&planner, &plan::TeardownPlanner::scanned);
        planner.scan();
        QVERIFY(signalled(scanned));
        const QStringList kept = planner.kept();
        QCOMPARE(kept.size(), 1);
        QVERIFY2(kept.first().startsWith(u"ECR repository by-hand: not deleted"), qPrintable(kept.first()));
        for (const plan::PlanStep &s : planner.buildPlan().steps)
            QVERIFY2(s.service != u"ecr", qPrintable(s.title));
        QCOMPARE(run(planner.buildPlan()), PlanRunner::RunState::Finished);
        QCOMPARE(repositories(), QStringList{QStringLiteral("by-hand")});
    }
};

QTEST_GUILESS_MAIN(TestPlanTeardownEcr)
#include "tst_plan_teardown_ecr.moc"
