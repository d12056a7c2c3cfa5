// Pre-flight checks against the sandbox: the practical's plan passes every
// check; each way of breaking it (task size, ports, the database's group,
// public IP, ECR image, roles) fails the matching check with a fix, and the
// checks read existing groups and task definitions from the account.
#include "AccountDefaults.h"
#include "PlanReferences.h"
#include "PlanRunner.h"
#include "PracticalPlan.h"
#include "PreflightChecker.h"
#include "PreflightFixes.h"
#include "SandboxFixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QtTest>

using plan::PreflightCheck;

namespace {

constexpr int kTimeoutMs = 30000;

plan::PlanStep &stepOf(plan::Plan &p, const QString &id)
{
    for (plan::PlanStep &s : p.steps)
        if (s.id == id)
            return s;
    qFatal("no step %s", qPrintable(id));
}

QJsonObject rule(int from, int to, const QString &cidr)
{
    return {{QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
            {QStringLiteral("FromPort"), from},
            {QStringLiteral("ToPort"), to},
            {QStringLiteral("IpRanges"), QJsonArray{QJsonObject{{QStringLiteral("CidrIp"), cidr}}}}};
}

/// The first check with `id`; an empty one (id "") when there is none.
PreflightCheck find(const QList<PreflightCheck> &checks, const QString &id)
{
    for (const PreflightCheck &c : checks)
        if (c.id == id)
            return c;
    return {};
}

QString describe(const QList<PreflightCheck> &checks)
{
    QStringList lines;
    for (const PreflightCheck &c : checks)
        lines << QStringLiteral("%1 %2: %3 | %4 [%5]")
                     .arg(c.passed ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), c.id, c.message,
                          c.fixSuggestion, c.fixActionId);
    return lines.join(u'\n');
}

} // namespace

class TestPlanPreflight : public QObject {
    Q_OBJECT
    SandboxFixture sandbox;
    plan::AccountDefaults defaults;

    plan::Plan practical()
    {
        plan::PracticalInputs in;
        in.stackName = QStringLiteral("preflight");
        in.password = QStringLiteral("Preflight-Passw0rd");
        in.labRoleArn = defaults.labRoleArn;
        in.subnets = defaults.subnets;
        return plan::buildPracticalPlan(in);
    }

    QList<PreflightCheck> run(const plan::Plan &p)
    {
        plan::PreflightChecker checker(&sandbox.client());
        QSignalSpy finished(&checker, &plan::PreflightChecker::finished);
        checker.check(p);
        if (finished.isEmpty() && !finished.wait(kTimeoutMs))
            return {};
        if (finished.size() != 1)
            qWarning("finished() came %lld times", qlonglong(finished.size()));
        return checker.results();
    }

    QString account() { return sandbox.server().account().options().accountId; }

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(sandbox.start(&error), qPrintable(error));
        bool loaded = false;
        plan::loadAccountDefaults(&sandbox.client(), this, [&](const plan::AccountDefaults &d) {
            defaults = d;
            loaded = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(loaded, 10000);
        QVERIFY2(defaults.error.isEmpty(), qPrintable(defaults.error));
    }
    void cleanupTestCase() { sandbox.stop(); }

    void practicalPlanPassesEveryCheck()
    {
        const QList<PreflightCheck> checks = run(practical());
        QVERIFY2(plan::allPassed(checks), qPrintable(describe(checks)));
        qInfo().noquote() << "the practical's checks:\n" + describe(checks);
        QStringList ids;
        for (const PreflightCheck &c : checks)
            ids << c.id;
        ids.sort();
        QCOMPARE(ids, (QStringList{QStringLiteral("database-reachable"), QStringLiteral("execution-role"),
                                   QStringLiteral("fargate-size"), QStringLiteral("lab-role"),
                                   QStringLiteral("public-ip"), QStringLiteral("service-ports-open")}));
        QVERIFY(find(checks, QStringLiteral("database-reachable")).message.contains(u"0.0.0.0/0"));
        const QVariantList forQml = plan::toVariantList(checks);
        QCOMPARE(forQml.size(), checks.size());
        QVERIFY(forQml.first().toMap().contains(QStringLiteral("fixActionId")));
    }

    void busyAwsDoesNotFailAPassingPlan()
    {
        aws::sandbox::FaultOptions flaky;
        flaky.throttleRate = 0.30;
        flaky.serverErrorRate = 0.05;
        flaky.dropConnectionOnRequest = 3;
        flaky.seed = 11;
        sandbox.server().setFaults(flaky);
        const QList<PreflightCheck> checks = run(practical());
        sandbox.server().setFaults({});
        QVERIFY2(plan::allPassed(checks), qPrintable(describe(checks)));
        QCOMPARE(checks.size(), 6);
    }

    void invalidTaskSizeFails()
    {
        plan::Plan p = practical();
        stepOf(p, QStringLiteral("registerTaskDef"))
            .params.insert(QStringLiteral("memory"), QStringLiteral("1024"));
        const PreflightCheck c = find(run(p), QStringLiteral("fargate-size"));
        QCOMPARE(c.id, QStringLiteral("fargate-size"));
        QVERIFY(!c.passed);
        QCOMPARE(c.fixActionId, QStringLiteral("set-fargate-size-1024-2048"));
    }

    void closedContainerPortFailsWithTheRuleToAdd()
    {
        plan::Plan p = practical();
        // The app's group opens 22 only.
        stepOf(p, QStringLiteral("allowAppIngress"))
            .params.insert(QStringLiteral("IpPermissions"),
                           QJsonArray{rule(22, 22, QStringLiteral("0.0.0.0/0"))});
        const QList<PreflightCheck> checks = run(p);
        const PreflightCheck c = find(checks, QStringLiteral("service-ports-open"));
        QVERIFY2(!c.passed, qPrintable(describe(checks)));
        QVERIFY2(c.message.contains(u"6400") && c.message.contains(u"taskoverflow"), qPrintable(c.message));
        QCOMPARE(c.fixActionId, QStringLiteral("open-port"));
        QCOMPARE(c.fixParams.value(u"groupId").toString(), QStringLiteral("${createAppSg.GroupId}"));
        QCOMPARE(c.fixParams.value(u"port").toInt(), 6400);
        // A range covering the port, or all traffic, opens it.
        stepOf(p, QStringLiteral("allowAppIngress"))
            .params.insert(QStringLiteral("IpPermissions"),
                           QJsonArray{rule(6000, 7000, QStringLiteral("0.0.0.0/0"))});
        QVERIFY(find(run(p), QStringLiteral("service-ports-open")).passed);
    }

    void databaseMustLetTheTaskIn_data()
    {
        QTest::addColumn<QJsonObject>("permission");
        QTest::addColumn<bool>("passes");
        QTest::newRow("anywhere") << rule(5432, 5432, QStringLiteral("0.0.0.0/0")) << true;
        // The default VPC's subnets are 172.31.x.0/20.
        QTest::newRow("the VPC's range") << rule(5432, 5432, QStringLiteral("172.31.0.0/16")) << true;
        QTest::newRow("another range") << rule(5432, 5432, QStringLiteral("10.99.0.0/16")) << false;
        QTest::newRow("one subnet only") << rule(5432, 5432, QStringLiteral("172.31.0.0/20")) << false;
        QTest::newRow("wrong port") << rule(3306, 3306, QStringLiteral("0.0.0.0/0")) << false;
        QTest::newRow("the service's group")
            << QJsonObject{{QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                           {QStringLiteral("FromPort"), 5432},
                           {QStringLiteral("ToPort"), 5432},
                           {QStringLiteral("UserIdGroupPairs"),
                            QJsonArray{QJsonObject{
                                {QStringLiteral("GroupId"), QStringLiteral("${createAppSg.GroupId}")}}}}}
            << true;
    }
    void databaseMustLetTheTaskIn()
    {
        QFETCH(QJsonObject, permission);
        QFETCH(bool, passes);
        plan::Plan p = practical();
        stepOf(p, QStringLiteral("allowDbIngress"))
            .params.insert(QStringLiteral("IpPermissions"), QJsonArray{permission});
        const QList<PreflightCheck> checks = run(p);
        const PreflightCheck c = find(checks, QStringLiteral("database-reachable"));
        QCOMPARE(c.id, QStringLiteral("database-reachable"));
        QVERIFY2(c.passed == passes, qPrintable(describe(checks)));
        if (!passes) {
            QCOMPARE(c.fixActionId, QStringLiteral("allow-database-from-service"));
            QCOMPARE(c.fixParams.value(u"groupId").toString(), QStringLiteral("${createDbSg.GroupId}"));
            QCOMPARE(c.fixParams.value(u"sourceGroupId").toString(),
                     QStringLiteral("${createAppSg.GroupId}"));
            QCOMPARE(c.fixParams.value(u"port").toInt(), 5432);
        }
    }

    void tasksNeedAPublicIp()
    {
        plan::Plan p = practical();
        QJsonObject net =
            stepOf(p, QStringLiteral("createService")).params.value(u"networkConfiguration").toObject();
        QJsonObject vpc = net.value(u"awsvpcConfiguration").toObject();
        vpc.insert(QStringLiteral("assignPublicIp"), QStringLiteral("DISABLED"));
        net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        stepOf(p, QStringLiteral("createService")).params.insert(QStringLiteral("networkConfiguration"), net);
        PreflightCheck c = find(run(p), QStringLiteral("public-ip"));
        QVERIFY(!c.passed);
        QCOMPARE(c.fixActionId, QStringLiteral("enable-public-ip"));

        vpc.insert(QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED"));
        vpc.insert(QStringLiteral("subnets"), QJsonArray{QStringLiteral("subnet-0000000000000dead")});
        net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        stepOf(p, QStringLiteral("createService")).params.insert(QStringLiteral("networkConfiguration"), net);
        c = find(run(p), QStringLiteral("public-ip"));
        QVERIFY(!c.passed);
        QCOMPARE(c.fixActionId, QStringLiteral("use-default-subnets"));
    }

    void ecrImageMustExist()
    {
        plan::Plan p = practical();
        const QString image = QStringLiteral("%1.dkr.ecr.%2.amazonaws.com/preflight/web:v1")
                                  .arg(account(), sandbox.server().account().options().region);
        QJsonObject params = stepOf(p, QStringLiteral("registerTaskDef")).params;
        QJsonArray defs = params.value(u"containerDefinitions").toArray();
        QJsonObject c0 = defs.at(0).toObject();
        c0.insert(QStringLiteral("image"), image);
        defs[0] = c0;
        params.insert(QStringLiteral("containerDefinitions"), defs);
        stepOf(p, QStringLiteral("registerTaskDef")).params = params;

        PreflightCheck c = find(run(p), QStringLiteral("ecr-image"));
        QVERIFY(!c.passed);
        QVERIFY2(c.message.contains(u"RepositoryNotFoundException"), qPrintable(c.message));
        QCOMPARE(c.fixActionId, QStringLiteral("push-image"));
        QCOMPARE(c.fixParams.value(u"repository").toString(), QStringLiteral("preflight/web"));
        QCOMPARE(c.fixParams.value(u"tag").toString(), QStringLiteral("v1"));

        QVERIFY(sandbox
                    .call(QStringLiteral("ecr"), QStringLiteral("CreateRepository"),
                          {{QStringLiteral("repositoryName"), QStringLiteral("preflight/web")}})
                    .ok());
        c = find(run(p), QStringLiteral("ecr-image"));
        QVERIFY2(!c.passed && c.message.contains(u"ImageNotFoundException"), qPrintable(c.message));

        QCOMPARE(sandbox.putImage(QStringLiteral("preflight/web"), QStringLiteral("v1")), QString());
        const QList<PreflightCheck> checks = run(p);
        QVERIFY2(plan::allPassed(checks), qPrintable(describe(checks)));
        QVERIFY(find(checks, QStringLiteral("ecr-image")).passed);
    }

    void learnerLabNeedsLabRole()
    {
        plan::Plan p = practical();
        const QString other = QStringLiteral("arn:aws:iam::%1:role/ecsTaskExecutionRole").arg(account());
        stepOf(p, QStringLiteral("registerTaskDef")).params.insert(QStringLiteral("executionRoleArn"), other);
        PreflightCheck c = find(run(p), QStringLiteral("lab-role"));
        QVERIFY(!c.passed);
        QVERIFY2(c.message.contains(u"ecsTaskExecutionRole"), qPrintable(c.message));
        QCOMPARE(c.fixActionId, QStringLiteral("use-lab-role"));
        QCOMPARE(c.fixParams.value(u"roleArn").toString(), defaults.labRoleArn);

        // No role at all, while awslogs needs one.
        stepOf(p, QStringLiteral("registerTaskDef")).params.remove(QStringLiteral("executionRoleArn"));
        c = find(run(p), QStringLiteral("execution-role"));
        QVERIFY(!c.passed);
        QVERIFY2(c.message.contains(u"awslogs"), qPrintable(c.message));
        QCOMPARE(c.fixParams.value(u"roleArn").toString(), defaults.labRoleArn);
    }

    void fixesInThePlanMakeTheChecksPass()
    {
        plan::Plan p = practical();
        stepOf(p, QStringLiteral("allowAppIngress"))
            .params.insert(QStringLiteral("IpPermissions"),
                           QJsonArray{rule(22, 22, QStringLiteral("0.0.0.0/0"))});
        stepOf(p, QStringLiteral("allowDbIngress"))
            .params.insert(QStringLiteral("IpPermissions"),
                           QJsonArray{rule(5432, 5432, QStringLiteral("10.99.0.0/16"))});
        plan::PlanStep &reg = stepOf(p, QStringLiteral("registerTaskDef"));
        reg.params.insert(QStringLiteral("memory"), QStringLiteral("1024"));
        reg.params.insert(QStringLiteral("executionRoleArn"),
                          QStringLiteral("arn:aws:iam::%1:role/ecsTaskExecutionRole").arg(account()));
        QJsonObject net =
            stepOf(p, QStringLiteral("createService")).params.value(u"networkConfiguration").toObject();
        QJsonObject vpc = net.value(u"awsvpcConfiguration").toObject();
        vpc.insert(QStringLiteral("assignPublicIp"), QStringLiteral("DISABLED"));
        net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        stepOf(p, QStringLiteral("createService")).params.insert(QStringLiteral("networkConfiguration"), net);

        const QList<PreflightCheck> broken = run(p);
        int fixable = 0;
        for (const PreflightCheck &c : broken)
            fixable += plan::canFixInPlan(c) ? 1 : 0;
        QVERIFY2(fixable == 5, qPrintable(describe(broken)));
        QStringList left;
        const plan::Plan fixed = plan::withFixes(p, broken, &left);
        QVERIFY2(left.isEmpty(), qPrintable(left.join(u'\n')));
        const QList<PreflightCheck> checks = run(fixed);
        QVERIFY2(plan::allPassed(checks), qPrintable(describe(checks)));

        // Every added step refers only to steps before it, and AWS takes the plan.
        QStringList before;
        for (const plan::PlanStep &s : fixed.steps) {
            for (const QString &id : plan::referencedSteps(QJsonValue(s.params)))
                QVERIFY2(before.contains(id),
                         qPrintable(QStringLiteral("%1 refers to %2 before it runs").arg(s.id, id)));
            before << s.id;
        }
        plan::PlanRunner runner(&sandbox.client());
        runner.setPollScale(sandbox.timeScale());
        runner.setPlan(fixed);
        QSignalSpy finished(&runner, &plan::PlanRunner::finished);
        QSignalSpy failed(&runner, &plan::PlanRunner::failed);
        runner.start();
        QDeadlineTimer deadline(60000);
        while (finished.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
            finished.wait(int(deadline.remainingTime()));
        QVERIFY2(!finished.isEmpty(), qPrintable(runner.report()));
    }

    void existingDatabaseIsFoundByTheHostInTheConnectionString()
    {
        // The database the previous test created (its group lets in 10.99.0.0/16 and the app's group).
        const auto dbs =
            sandbox.call(QStringLiteral("rds"), QStringLiteral("DescribeDBInstances"),
                         {{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("taskoverflow")}});
        QVERIFY2(dbs.ok(), "fixesInThePlanMakeTheChecksPass creates the database this test reads");
        const QJsonObject db = dbs.output.value(u"DBInstances")[0].toObject();
        const QString host = db.value(u"Endpoint")[QStringLiteral("Address")].toString();
        const QString dbGroup =
            db.value(u"VpcSecurityGroups")[0][QStringLiteral("VpcSecurityGroupId")].toString();
        QVERIFY(!host.isEmpty() && !dbGroup.isEmpty());
        const auto groups =
            sandbox.call(QStringLiteral("ec2"), QStringLiteral("DescribeSecurityGroups"),
                         {{QStringLiteral("Filters"),
                           QJsonArray{QJsonObject{
                               {QStringLiteral("Name"), QStringLiteral("group-name")},
                               {QStringLiteral("Values"), QJsonArray{QStringLiteral("taskoverflow")}}}}}});
        const QString appGroup =
            groups.output.value(u"SecurityGroups")[0][QStringLiteral("GroupId")].toString();
        QVERIFY(!appGroup.isEmpty());
        const auto other = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                        {{QStringLiteral("GroupName"), QStringLiteral("other-app")},
                                         {QStringLiteral("Description"), QStringLiteral("other")}});
        const QString otherGroup = other.output.value(u"GroupId").toString();
        QVERIFY(sandbox
                    .call(QStringLiteral("ec2"), QStringLiteral("AuthorizeSecurityGroupIngress"),
                          {{QStringLiteral("GroupId"), otherGroup},
                           {QStringLiteral("IpPermissions"),
                            QJsonArray{rule(6400, 6400, QStringLiteral("0.0.0.0/0"))}}})
                    .ok());

        // A task definition (the plan's own) whose connection string names the existing database.
        plan::Plan p = practical();
        plan::Plan only;
        plan::PlanStep reg = stepOf(p, QStringLiteral("registerTaskDef"));
        reg.params.insert(QStringLiteral("family"), QStringLiteral("uses-existing-db"));
        QJsonArray defs = reg.params.value(u"containerDefinitions").toArray();
        QJsonObject c0 = defs.at(0).toObject();
        c0.insert(QStringLiteral("environment"),
                  QJsonArray{
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("SQLALCHEMY_DATABASE_URI")},
                                  {QStringLiteral("value"),
                                   QStringLiteral("postgresql://administrator:pw@%1:5432/todo").arg(host)}}});
        defs[0] = c0;
        reg.params.insert(QStringLiteral("containerDefinitions"), defs);
        plan::PlanStep svc = stepOf(p, QStringLiteral("createService"));
        svc.params.insert(QStringLiteral("taskDefinition"),
                          QStringLiteral("${registerTaskDef.taskDefinition.taskDefinitionArn}"));
        QJsonObject net = svc.params.value(u"networkConfiguration").toObject();
        QJsonObject vpc = net.value(u"awsvpcConfiguration").toObject();
        vpc.insert(QStringLiteral("securityGroups"), QJsonArray{otherGroup});
        net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        svc.params.insert(QStringLiteral("networkConfiguration"), net);
        only.steps = {reg, svc};

        QList<PreflightCheck> checks = run(only);
        PreflightCheck c = find(checks, QStringLiteral("database-reachable"));
        QVERIFY2(!c.passed && c.message.contains(u"taskoverflow"), qPrintable(describe(checks)));
        QCOMPARE(c.fixParams.value(u"groupId").toString(), dbGroup);
        QCOMPARE(c.fixParams.value(u"sourceGroupId").toString(), otherGroup);

        vpc.insert(QStringLiteral("securityGroups"), QJsonArray{appGroup});
        net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
        only.steps[1].params.insert(QStringLiteral("networkConfiguration"), net);
        checks = run(only);
        c = find(checks, QStringLiteral("database-reachable"));
        QVERIFY2(c.passed, qPrintable(describe(checks)));
        QVERIFY2(c.message.contains(u"from the service's group"), qPrintable(c.message));
    }

    void existingGroupsAndTaskDefinitionsAreRead()
    {
        // A group and a task definition made outside the plan; a plan with only the service.
        const auto sg = sandbox.call(QStringLiteral("ec2"), QStringLiteral("CreateSecurityGroup"),
                                     {{QStringLiteral("GroupName"), QStringLiteral("web-8080")},
                                      {QStringLiteral("Description"), QStringLiteral("web")}});
        QVERIFY(sg.ok());
        const QString groupId = sg.output.value(u"GroupId").toString();
        const auto td = sandbox.call(
            QStringLiteral("ecs"), QStringLiteral("RegisterTaskDefinition"),
            {{QStringLiteral("family"), QStringLiteral("web")},
             {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
             {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
             {QStringLiteral("cpu"), QStringLiteral("256")},
             {QStringLiteral("memory"), QStringLiteral("512")},
             {QStringLiteral("executionRoleArn"), defaults.labRoleArn},
             {QStringLiteral("containerDefinitions"),
              QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("web")},
                                     {QStringLiteral("image"), QStringLiteral("nginx:latest")},
                                     {QStringLiteral("essential"), true},
                                     {QStringLiteral("portMappings"),
                                      QJsonArray{QJsonObject{{QStringLiteral("containerPort"), 8080}}}}}}}});
        QVERIFY(td.ok());

        plan::Plan p;
        plan::PlanStep svc;
        svc.id = QStringLiteral("createService");
        svc.service = QStringLiteral("ecs");
        svc.operation = QStringLiteral("CreateService");
        svc.params = {
            {QStringLiteral("serviceName"), QStringLiteral("web")},
            {QStringLiteral("cluster"), QStringLiteral("default")},
            {QStringLiteral("taskDefinition"), QStringLiteral("web")},
            {QStringLiteral("networkConfiguration"),
             QJsonObject{
                 {QStringLiteral("awsvpcConfiguration"),
                  QJsonObject{{QStringLiteral("subnets"), QJsonArray::fromStringList(defaults.subnets)},
                              {QStringLiteral("securityGroups"), QJsonArray{groupId}},
                              {QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED")}}}}}};
        p.steps << svc;
        PreflightCheck c = find(run(p), QStringLiteral("service-ports-open"));
        QVERIFY(!c.passed);
        QVERIFY2(c.message.contains(u"8080") && c.message.contains(u"web-8080"), qPrintable(c.message));
        QCOMPARE(c.fixParams.value(u"groupId").toString(), groupId);

        QVERIFY(sandbox
                    .call(QStringLiteral("ec2"), QStringLiteral("AuthorizeSecurityGroupIngress"),
                          {{QStringLiteral("GroupId"), groupId},
                           {QStringLiteral("IpPermissions"),
                            QJsonArray{rule(8080, 8080, QStringLiteral("0.0.0.0/0"))}}})
                    .ok());
        const QList<PreflightCheck> checks = run(p);
        QVERIFY2(plan::allPassed(checks), qPrintable(describe(checks)));
        // Only the service's checks: the task definition exists already (no size check).
        QVERIFY(find(checks, QStringLiteral("fargate-size")).id.isEmpty());

        svc.params.insert(QStringLiteral("taskDefinition"), QStringLiteral("nothing-here"));
        p.steps = {svc};
        c = find(run(p), QStringLiteral("task-definition"));
        QVERIFY(!c.passed);
        QVERIFY2(c.message.contains(u"nothing-here"), qPrintable(c.message));
    }
};

QTEST_GUILESS_MAIN(TestPlanPreflight)
#include "tst_plan_preflight.moc"
