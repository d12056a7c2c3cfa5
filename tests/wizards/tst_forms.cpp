// The forms: live validation, the attention summary, the page steps, and
// plans that make the practical's calls (the parameters its Terraform implies).

#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "PlanRenderer.h"
#include "PracticalPreset.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "TaskDefinitionForm.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

class TestForms : public QObject {
    Q_OBJECT
private slots:
    void emptyFormSaysWhatIsWrong();
    void securityGroupPractical();
    void securityGroupRules();
    void reviewOnlyWhenValid();
    void clusterPractical();
    void databaseDefaultsAndRules();
    void databasePractical();
    void taskDefinitionPracticalAndJson();
    void servicePractical();
    void presetFillsAllFive();
    void securityGroupSourceIsAGroup();
    void typedListsAndMaps();
    void databaseWithANewGroup();
    void serviceWithANewGroup();
    void taskDefinitionRoleHealthAndSecrets();
};

void TestForms::securityGroupSourceIsAGroup()
{
    SecurityGroupForm f;
    f.setValue("name", "db");
    f.setValue("description", "from the app only");
    f.addQuickRule("postgres");
    f.setRule(0, "cidr", "sg-12");
    QVERIFY(f.ruleError(0).contains("sg-"));
    f.setRule(0, "cidr", "sg-0123456789abcdef0");
    QCOMPARE(f.ruleError(0), QString());
    const QJsonObject perm = f.buildPlan().steps.at(1).params["IpPermissions"].toArray().at(0).toObject();
    QCOMPARE(perm["UserIdGroupPairs"].toArray().at(0).toObject()["GroupId"].toString(),
             QStringLiteral("sg-0123456789abcdef0"));
    QVERIFY(!perm.contains("IpRanges"));
}

void TestForms::typedListsAndMaps()
{
    ServiceForm s;
    s.setValue("subnets", "subnet-a, subnet-b  subnet-c");
    QCOMPARE(s.value("subnets").toStringList(), (QStringList{"subnet-a", "subnet-b", "subnet-c"}));
    QCOMPARE(s.text("subnets"), QStringLiteral("subnet-a, subnet-b, subnet-c"));
    s.toggleListValue("subnets", "subnet-b", false);
    s.toggleListValue("subnets", "subnet-d", true);
    QCOMPARE(s.value("subnets").toStringList(), (QStringList{"subnet-a", "subnet-c", "subnet-d"}));
    QCOMPARE(s.field("subnets").kind(), QStringLiteral("list"));
    TaskDefinitionForm t;
    t.setValue("environment", "A=1\nURI=postgresql://u:p@h:5432/db?x=1\n");
    QCOMPARE(t.value("environment").toMap().value("URI").toString(),
             QStringLiteral("postgresql://u:p@h:5432/db?x=1"));
    QCOMPARE(t.field("environment").kind(), QStringLiteral("map"));
    t.setValue("environment", "=x"); // a line with no name: names must not be empty
    QVERIFY(!t.field("environment").ok());
    SecurityGroupForm g;
    QCOMPARE(g.field("inbound").kind(), QStringLiteral("none"));
}

void TestForms::databaseWithANewGroup()
{
    DatabaseForm f;
    f.fillPractical();
    f.setValue("newGroupName", "sg-nope");
    QVERIFY(!f.field("newGroupName").ok()); // the security group name rule
    f.setValue("securityGroupIds", QStringList{"sg-0123456789abcdef0"});
    f.setValue("newGroupName", "db-access");
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const plan::Plan p = f.buildPlan();
    QCOMPARE(p.steps.size(), 3);
    QCOMPARE(p.steps[0].id, QStringLiteral("createDbSg"));
    QCOMPARE(p.steps[0].params["GroupName"].toString(), QStringLiteral("db-access"));
    QCOMPARE(p.steps[1].params["GroupId"].toString(), QStringLiteral("${createDbSg.GroupId}"));
    QCOMPARE(p.steps[1].params["IpPermissions"].toArray().at(0).toObject()["FromPort"].toInt(), 5432);
    QCOMPARE(p.steps[2].params["VpcSecurityGroupIds"].toArray(),
             (QJsonArray{"sg-0123456789abcdef0", "${createDbSg.GroupId}"}));
}

void TestForms::serviceWithANewGroup()
{
    ServiceForm f;
    f.fillPractical({"subnet-a"}, {});
    f.setValue("newGroupName", "web");
    f.setValue("newGroupPort", 70000);
    QVERIFY(!f.field("newGroupPort").ok());
    f.setValue("newGroupPort", 6400);
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const plan::Plan p = f.buildPlan();
    QCOMPARE(p.steps.size(), 3);
    QCOMPARE(p.steps[0].id, QStringLiteral("createServiceSg"));
    QCOMPARE(p.steps[1].params["IpPermissions"].toArray().at(0).toObject()["ToPort"].toInt(), 6400);
    const QJsonObject net =
        p.steps[2].params["networkConfiguration"].toObject()["awsvpcConfiguration"].toObject();
    QCOMPARE(net["securityGroups"].toArray(), (QJsonArray{"${createServiceSg.GroupId}"}));
    // Without a name, no group is made and the port is not checked.
    f.setValue("newGroupName", "");
    f.setValue("newGroupPort", 0);
    QVERIFY(f.isValid());
    QCOMPARE(f.buildPlan().steps.size(), 1);
}

void TestForms::taskDefinitionRoleHealthAndSecrets()
{
    TaskDefinitionForm f;
    f.fillPractical("ghcr.io/csse6400/taskoverflow:latest", "arn:aws:iam::123456789012:role/LabRole",
                    "postgresql://administrator:foobarbaz@db.example:5432/todo", "us-east-1");
    f.setEnv("PLAIN", "hello");
    f.setValue("taskRoleArn", "LabRole");
    QVERIFY(!f.field("taskRoleArn").ok());
    f.setValue("taskRoleArn", "arn:aws:iam::123456789012:role/LabRole");
    f.setValue("healthCommand", "curl -f http://localhost:6400/ || exit 1");
    f.setValue("healthInterval", 2);
    QVERIFY(!f.field("healthInterval").ok()); // 5–30 s
    f.setValue("healthInterval", 10);
    f.setValue("essential", false);
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const plan::PlanStep s = f.buildPlan().steps.at(0);
    QCOMPARE(s.params["taskRoleArn"].toString(), QStringLiteral("arn:aws:iam::123456789012:role/LabRole"));
    const QJsonObject c = s.params["containerDefinitions"].toArray().at(0).toObject();
    QCOMPARE(c["essential"].toBool(), false);
    QCOMPARE(c["healthCheck"].toObject()["command"].toArray(),
             (QJsonArray{"CMD-SHELL", "curl -f http://localhost:6400/ || exit 1"}));
    QCOMPARE(c["healthCheck"].toObject()["interval"].toInt(), 10);
    // Only the value with a password in it is a secret: environment is sorted, PLAIN comes first.
    QCOMPARE(s.sensitivePaths, QStringList{"containerDefinitions[0].environment[1].value"});
    f.setValue("extraPorts", "8080, 6400");
    QVERIFY(!f.field("extraPorts").ok()); // 6400 is already the container port
    f.setValue("extraPorts", "8080, x");
    QVERIFY(!f.field("extraPorts").ok());
    f.setValue("extraPorts", "8080");
    f.setValue("logCreateGroup", false);
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const QJsonObject c2 =
        f.buildPlan().steps.at(0).params["containerDefinitions"].toArray().at(0).toObject();
    QCOMPARE(c2["portMappings"].toArray().size(), 2);
    QCOMPARE(c2["portMappings"].toArray().at(1).toObject()["containerPort"].toInt(), 8080);
    QVERIFY(!c2["logConfiguration"].toObject()["options"].toObject().contains("awslogs-create-group"));
    // The JSON view carries the new members both ways.
    TaskDefinitionForm g;
    QCOMPARE(g.fromJson(f.toJson()), QString());
    QCOMPARE(g.toJson(), f.toJson());
    // An unset health command leaves the interval unchecked and sends no health check.
    f.setValue("healthCommand", "");
    f.setValue("healthInterval", 0);
    QVERIFY(f.isValid());
    QVERIFY(!f.buildPlan().steps.at(0).params["containerDefinitions"][0].toObject().contains("healthCheck"));
}

void TestForms::emptyFormSaysWhatIsWrong()
{
    SecurityGroupForm f;
    QVERIFY(!f.isValid());
    QCOMPARE(f.attention(), QStringLiteral("2 fields need attention: Security group name, Description"));
    QSignalSpy spy(&f, &WizardForm::fieldsChanged);
    f.setValue("name", "sg-x");
    QCOMPARE(spy.count(), 1);
    QVERIFY(!f.field("name").ok());
    QVERIFY(!f.field("name").rule.isEmpty());
    f.setValue("name", "web");
    QVERIFY(f.field("name").ok());
    QCOMPARE(f.attention(), QStringLiteral("1 field needs attention: Description"));
}

void TestForms::securityGroupPractical()
{
    SecurityGroupForm f;
    f.fillPractical();
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const plan::Plan p = f.buildPlan();
    QCOMPARE(p.steps.size(), 2);
    const plan::PlanStep &c = p.steps[0];
    QCOMPARE(c.operation, QStringLiteral("CreateSecurityGroup"));
    QCOMPARE(c.params["GroupName"].toString(), QStringLiteral("taskoverflow_database"));
    QCOMPARE(c.params["Description"].toString(), QStringLiteral("Allow inbound Postgresql traffic"));
    QVERIFY(!c.params.contains("VpcId")); // default VPC
    QVERIFY(c.createsResource);
    const plan::PlanStep &i = p.steps[1];
    QCOMPARE(i.operation, QStringLiteral("AuthorizeSecurityGroupIngress"));
    QCOMPARE(i.params["GroupId"].toString(), QStringLiteral("${createSg.GroupId}"));
    const QJsonObject perm = i.params["IpPermissions"].toArray().at(0).toObject();
    QCOMPARE(perm["IpProtocol"].toString(), QStringLiteral("tcp"));
    QCOMPARE(perm["FromPort"].toInt(), 5432);
    QCOMPARE(perm["ToPort"].toInt(), 5432);
    QCOMPARE(perm["IpRanges"].toArray().at(0).toObject()["CidrIp"].toString(), QStringLiteral("0.0.0.0/0"));
}

void TestForms::securityGroupRules()
{
    SecurityGroupForm f;
    f.fillPractical();
    f.addQuickRule("custom"); // port still empty (-1)
    QVERIFY(!f.isValid());
    QVERIFY(f.attention().contains("Inbound rules"));
    f.setRule(1, "fromPort", 6400);
    f.setRule(1, "toPort", 6400);
    QVERIFY(f.isValid());
    f.setRule(1, "cidr", "::/0");
    QVERIFY(f.isValid());
    const QJsonObject perm = f.buildPlan().steps[1].params["IpPermissions"].toArray().at(1).toObject();
    QCOMPARE(perm["Ipv6Ranges"].toArray().at(0).toObject()["CidrIpv6"].toString(), QStringLiteral("::/0"));
    f.setRule(1, "cidr", "10.0.0.0/33");
    QVERIFY(!f.ruleError(1).isEmpty());
    f.removeRule(1);
    QVERIFY(f.isValid());
}

void TestForms::reviewOnlyWhenValid()
{
    SecurityGroupForm f;
    f.next();
    QCOMPARE(f.page(), QStringLiteral("form"));
    f.fillPractical();
    QSignalSpy spy(&f, &WizardForm::pageChanged);
    f.next();
    QCOMPARE(spy.count(), 1);
    QCOMPARE(f.page(), QStringLiteral("review"));
    const QString api = plan::renderApiCalls(f.buildPlan());
    QVERIFY2(api.startsWith("1. ec2 CreateSecurityGroup") &&
                 api.contains("2. ec2 AuthorizeSecurityGroupIngress"),
             qPrintable(api));
    f.back();
    QCOMPARE(f.page(), QStringLiteral("form"));
}

void TestForms::clusterPractical()
{
    ClusterForm f;
    QVERIFY(!f.isValid());
    f.fillPractical();
    QVERIFY(f.isValid());
    const plan::Plan p = f.buildPlan();
    QCOMPARE(p.steps.size(), 1);
    QCOMPARE(p.steps[0].operation, QStringLiteral("CreateCluster"));
    QCOMPARE(p.steps[0].params["clusterName"].toString(), QStringLiteral("taskoverflow"));
}

void TestForms::databaseDefaultsAndRules()
{
    DatabaseForm f;
    // Console defaults: username "postgres" is refused by RDS, so it needs attention.
    QCOMPARE(f.attention(), QStringLiteral("2 fields need attention: Master username, Master password"));
    f.setValue("username", "administrator");
    f.setValue("password", "abc@defgh");
    QVERIFY(!f.field("password").ok());
    f.setValue("password", "foobarbaz");
    QVERIFY(!f.field("confirmPassword").ok());
    f.setValue("confirmPassword", "foobarbaz");
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    f.setValue("allocatedStorage", 19);
    QVERIFY(!f.field("allocatedStorage").ok());
    f.setValue("allocatedStorage", 1000); // max 1000 is no longer 10 % above
    QVERIFY(!f.field("maxAllocatedStorage").ok());
    f.setValue("maxAllocatedStorage", 1100);
    QVERIFY(f.isValid());
    QCOMPARE(f.passwordStrength(), QStringLiteral("Weak"));
}

void TestForms::databasePractical()
{
    DatabaseForm f;
    f.fillPractical();
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const plan::PlanStep s = f.buildPlan().steps.at(0);
    QCOMPARE(s.operation, QStringLiteral("CreateDBInstance"));
    QCOMPARE(s.params["Engine"].toString(), QStringLiteral("postgres"));
    QCOMPARE(s.params["EngineVersion"].toString(), QStringLiteral("17"));
    QCOMPARE(s.params["DBInstanceClass"].toString(), QStringLiteral("db.t3.micro"));
    QCOMPARE(s.params["AllocatedStorage"].toInt(), 20);
    QCOMPARE(s.params["MaxAllocatedStorage"].toInt(), 1000);
    QCOMPARE(s.params["DBName"].toString(), QStringLiteral("todo"));
    QCOMPARE(s.params["MasterUsername"].toString(), QStringLiteral("administrator"));
    QCOMPARE(s.params["PubliclyAccessible"].toBool(), true);
    QVERIFY(s.sensitivePaths.contains("MasterUserPassword"));
    QCOMPARE(s.undoParams["SkipFinalSnapshot"].toBool(), true);
    QVERIFY(s.waitFor.has_value());
    QVERIFY2(!plan::renderApiCalls(f.buildPlan()).contains("foobarbaz"), "password shown in the review");
    QVERIFY2(!plan::renderCli(f.buildPlan()).contains("foobarbaz"), "password shown in the CLI view");
    QCOMPARE(f.connectionUri("h.example", false),
             QStringLiteral("postgresql://administrator:••••••••@h.example:5432/todo"));
    QCOMPARE(f.connectionUri("h.example", true),
             QStringLiteral("postgresql://administrator:foobarbaz@h.example:5432/todo"));
}

void TestForms::taskDefinitionPracticalAndJson()
{
    TaskDefinitionForm f;
    f.setValue("memory", 1024);
    QVERIFY(!f.field("memory").ok()); // 1 vCPU needs 2–8 GB
    f.fillPractical("ghcr.io/csse6400/taskoverflow:latest", "arn:aws:iam::123456789012:role/LabRole",
                    "postgresql://administrator:foobarbaz@db.example:5432/todo", "us-east-1");
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const QJsonObject in = f.buildPlan().steps.at(0).params;
    QCOMPARE(in["cpu"].toString(), QStringLiteral("1024"));
    QCOMPARE(in["memory"].toString(), QStringLiteral("2048"));
    QCOMPARE(in["networkMode"].toString(), QStringLiteral("awsvpc"));
    const QJsonObject c = in["containerDefinitions"].toArray().at(0).toObject();
    QCOMPARE(c["name"].toString(), QStringLiteral("todo"));
    QCOMPARE(c["portMappings"].toArray().at(0).toObject()["hostPort"].toInt(), 6400);
    QCOMPARE(c["logConfiguration"].toObject()["options"].toObject()["awslogs-group"].toString(),
             QStringLiteral("/taskoverflow/todo"));
    // JSON view round-trips, and an edit lands in the form with the same rules.
    const QString json = f.toJson();
    TaskDefinitionForm g;
    QCOMPARE(g.fromJson(json), QString());
    QCOMPARE(g.toJson(), json);
    QVERIFY(g.isValid());
    QString edited = json;
    edited.replace("\"2048\"", "\"3000\"");
    QCOMPARE(g.fromJson(edited), QString());
    QVERIFY(!g.field("memory").ok());
    QVERIFY(!g.fromJson("[").isEmpty());
    QCOMPARE(TaskDefinitionForm::taskSizes().size(), 3 + 4 + 7 + 13 + 23 + 12 + 12);
}

void TestForms::servicePractical()
{
    ServiceForm f;
    QVERIFY(!f.isValid());
    f.fillPractical({"subnet-a", "subnet-b"}, {"${createSg.GroupId}"});
    QVERIFY2(f.isValid(), qPrintable(f.attention()));
    const QJsonObject in = f.buildPlan().steps.at(0).params;
    QCOMPARE(in["launchType"].toString(), QStringLiteral("FARGATE"));
    QCOMPARE(in["desiredCount"].toInt(), 1);
    const QJsonObject net = in["networkConfiguration"].toObject()["awsvpcConfiguration"].toObject();
    QCOMPARE(net["assignPublicIp"].toString(), QStringLiteral("ENABLED"));
    QCOMPARE(net["subnets"].toArray().size(), 2);
    QVERIFY(in["clientToken"].toString().size() <= 32);
    f.setValue("maxPercent", 99);
    QVERIFY(!f.field("maxPercent").ok());
}

void TestForms::presetFillsAllFive()
{
    SecurityGroupForm sg;
    DatabaseForm db;
    ClusterForm cl;
    TaskDefinitionForm td;
    ServiceForm sv;
    PracticalPreset::fill(&sg, &db, &cl, &td, &sv, "arn:aws:iam::1:role/LabRole", "us-east-1", {"subnet-a"});
    for (WizardForm *f : std::initializer_list<WizardForm *>{&sg, &db, &cl, &td, &sv})
        QVERIFY2(f->isValid(), qPrintable(f->attention()));
    QCOMPARE(td.value("environment").toMap().value("SQLALCHEMY_DATABASE_URI").toString(),
             QStringLiteral(
                 "postgresql://administrator:foobarbaz@${createDb.DBInstance.Endpoint.Address}:5432/todo"));
}

QTEST_GUILESS_MAIN(TestForms)
#include "tst_forms.moc"
