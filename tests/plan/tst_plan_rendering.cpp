#include "PlanReferences.h"
#include "PlanRenderer.h"
#include "PreflightCheck.h"

#include <QJsonArray>
#include <QtTest>

using namespace plan;

class TestPlanRendering : public QObject {
    Q_OBJECT
private slots:
    void references()
    {
        StepOutputs out;
        out.insert(QStringLiteral("sg"), QJsonObject{{QStringLiteral("GroupId"), QStringLiteral("sg-1")}});
        out.insert(QStringLiteral("db"),
                   QJsonObject{{QStringLiteral("DBInstances"),
                                QJsonArray{QJsonObject{
                                    {QStringLiteral("Endpoint"),
                                     QJsonObject{{QStringLiteral("Address"), QStringLiteral("h.x")},
                                                 {QStringLiteral("Port"), 5432}}}}}}});
        QStringList missing;
        const QJsonObject p = resolveReferences(
            QJsonObject{
                {QStringLiteral("Groups"), QJsonArray{QStringLiteral("${sg.GroupId}")}},
                {QStringLiteral("Url"),
                 QStringLiteral(
                     "pg://u@${db.DBInstances[0].Endpoint.Address}:${db.DBInstances[0].Endpoint.Port}/todo")},
                {QStringLiteral("Later"), QStringLiteral("${svc.serviceArn}")}},
            out, &missing);
        QCOMPARE(p.value(QStringLiteral("Groups")).toArray().at(0).toString(), QStringLiteral("sg-1"));
        QCOMPARE(p.value(QStringLiteral("Url")).toString(), QStringLiteral("pg://u@h.x:5432/todo"));
        QCOMPARE(missing, QStringList{QStringLiteral("${svc.serviceArn}")});
        QCOMPARE(referencedSteps(QStringLiteral("${a.X} ${b.Y}")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
    }
    void cliNames()
    {
        QCOMPARE(cliName(QStringLiteral("CreateSecurityGroup")), QStringLiteral("create-security-group"));
        QCOMPARE(cliName(QStringLiteral("DBInstanceIdentifier")), QStringLiteral("db-instance-identifier"));
        QCOMPARE(cliName(QStringLiteral("serviceName")), QStringLiteral("service-name"));
    }
    void maskingAndCli()
    {
        Plan p;
        PlanStep s;
        s.id = QStringLiteral("db");
        s.title = QStringLiteral("Create database");
        s.service = QStringLiteral("rds");
        s.operation = QStringLiteral("CreateDBInstance");
        s.params =
            QJsonObject{{QStringLiteral("DBInstanceIdentifier"), QStringLiteral("taskoverflow-database")},
                        {QStringLiteral("MasterUserPassword"), QStringLiteral("s3cretPW")},
                        {QStringLiteral("PubliclyAccessible"), true}};
        s.sensitivePaths = {QStringLiteral("MasterUserPassword")};
        p.steps.append(s);
        const QString cli = renderCli(p);
        QVERIFY(!cli.contains(QStringLiteral("s3cretPW")));
        QVERIFY(!renderApiCalls(p).contains(QStringLiteral("s3cretPW")));
        QVERIFY(cli.contains(
            QStringLiteral("aws rds create-db-instance --db-instance-identifier taskoverflow-database")));
        QVERIFY(cli.contains(QStringLiteral("--publicly-accessible")));
        QVERIFY(renderCli(p, true).contains(QStringLiteral("s3cretPW")));
    }
    void fargateSizes()
    {
        QVERIFY(isValidFargateSize(1024, 2048));
        QVERIFY(isValidFargateSize(256, 512));
        QVERIFY(isValidFargateSize(8192, 20480));
        QVERIFY(!isValidFargateSize(8192, 17408));
        QVERIFY(!isValidFargateSize(1024, 1024));
        QVERIFY(!isValidFargateSize(300, 2048));
        const auto bad = checkFargateSize(256, 4096);
        QVERIFY(!bad.passed);
        QVERIFY(!bad.fixActionId.isEmpty());
        QVERIFY(checkFargateSize(1024, 2048).passed);
    }
};

QTEST_GUILESS_MAIN(TestPlanRendering)
#include "tst_plan_rendering.moc"
