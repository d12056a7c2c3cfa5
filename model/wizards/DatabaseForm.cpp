#include "DatabaseForm.h"

#include "ConsoleRules.h"
#include "SecurityGroupForm.h"
#include "StepRenaming.h"

#include <QJsonArray>

using namespace wizards;

DatabaseForm::DatabaseForm(QObject *parent)
    : WizardForm(parent)
{
    auto add = [this](const char *key, const char *label, const QVariant &v, const char *rule) {
        addField(QString::fromLatin1(key), QString::fromLatin1(label), v,
                 rules::ruleText(QString::fromLatin1(rule)));
    };
    add("engineVersion", "Engine version", QStringLiteral("17"), "");
    add("identifier", "DB instance identifier", QStringLiteral("database-1"), "rds.identifier");
    add("username", "Master username", QStringLiteral("postgres"), "rds.username");
    add("password", "Master password", QString(), "rds.password");
    add("confirmPassword", "Confirm password", QString(), "");
    add("instanceClass", "Instance class", QStringLiteral("db.t3.micro"), "");
    add("storageType", "Storage type", QStringLiteral("gp2"), "");
    add("allocatedStorage", "Storage", 20, "rds.storage");
    add("maxAllocatedStorage", "Maximum storage threshold", 1000, "");
    add("publicAccess", "Public access", false, "");
    add("securityGroupIds", "Security groups", QStringList(), "");
    add("newGroupName", "New security group (optional)", QString(), "rds.newGroup");
    add("dbName", "Initial database name", QString(), "rds.dbName");
    add("backups", "Automated backups", true, "");
    add("deletionProtection", "Deletion protection", false, "");
    revalidateAll();
}

void DatabaseForm::applyTemplate(const QString &name)
{
    const bool prod = name == u"production";
    setValue(QStringLiteral("instanceClass"),
             prod ? QStringLiteral("db.m5.large") : QStringLiteral("db.t3.micro"));
    setValue(QStringLiteral("storageType"), prod ? QStringLiteral("gp3") : QStringLiteral("gp2"));
    setValue(QStringLiteral("allocatedStorage"), prod ? 100 : 20);
    setValue(QStringLiteral("backups"), name != u"free");
    setValue(QStringLiteral("deletionProtection"), prod);
}

void DatabaseForm::fillPractical()
{
    applyTemplate(QStringLiteral("free"));
    setValue(QStringLiteral("engineVersion"), QStringLiteral("17"));
    setValue(QStringLiteral("identifier"), QStringLiteral("taskoverflow"));
    setValue(QStringLiteral("username"), QStringLiteral("administrator"));
    // The practical's (deliberately weak) classroom password; it is shown
    // masked and only ever travels in the sensitive plan parameter.
    setValue(QStringLiteral("password"), QStringLiteral("foobarbaz"));
    setValue(QStringLiteral("confirmPassword"), QStringLiteral("foobarbaz"));
    setValue(QStringLiteral("maxAllocatedStorage"), 1000);
    setValue(QStringLiteral("publicAccess"), true);
    setValue(QStringLiteral("dbName"), QStringLiteral("todo"));
}

QString DatabaseForm::validate(const QString &key) const
{
    const QVariant v = value(key);
    if (key == u"identifier")
        return rules::dbInstanceIdentifier(v.toString());
    if (key == u"username")
        return rules::masterUsername(v.toString());
    if (key == u"password")
        return rules::masterPassword(v.toString());
    if (key == u"confirmPassword")
        return v.toString() == value(QStringLiteral("password")).toString()
                   ? QString()
                   : QStringLiteral("Passwords do not match");
    if (key == u"dbName")
        return rules::dbName(v.toString());
    if (key == u"newGroupName" && !v.toString().isEmpty())
        return rules::securityGroupName(v.toString());
    if (key == u"allocatedStorage")
        return rules::allocatedStorage(value(QStringLiteral("storageType")).toString(), v.toInt());
    if (key == u"maxAllocatedStorage")
        return rules::maxAllocatedStorage(value(QStringLiteral("allocatedStorage")).toInt(), v.toInt());
    if (key == u"instanceClass" && !v.toString().startsWith(QStringLiteral("db.")))
        return QStringLiteral("Choose an instance class");
    if (key == u"engineVersion" && v.toString().isEmpty())
        return QStringLiteral("Choose an engine version");
    return {};
}

QString DatabaseForm::passwordStrength() const
{
    return rules::passwordStrength(value(QStringLiteral("password")).toString());
}

QString DatabaseForm::connectionUri(const QString &host, bool reveal) const
{
    return QStringLiteral("postgresql://%1:%2@%3:5432/%4")
        .arg(value(QStringLiteral("username")).toString(),
             reveal ? value(QStringLiteral("password")).toString() : QStringLiteral("••••••••"), host,
             value(QStringLiteral("dbName")).toString());
}

plan::Plan DatabaseForm::buildPlan() const
{
    const QString id = value(QStringLiteral("identifier")).toString().toLower();
    plan::Plan p;
    p.title = QStringLiteral("PostgreSQL database %1").arg(id);
    p.stackName = id;
    plan::PlanStep s;
    s.id = QStringLiteral("createDb");
    s.title = QStringLiteral("Create database %1").arg(id);
    s.service = QStringLiteral("rds");
    s.operation = QStringLiteral("CreateDBInstance");
    QJsonObject params{
        {QStringLiteral("DBInstanceIdentifier"), id},
        {QStringLiteral("Engine"), QStringLiteral("postgres")},
        {QStringLiteral("EngineVersion"), value(QStringLiteral("engineVersion")).toString()},
        {QStringLiteral("DBInstanceClass"), value(QStringLiteral("instanceClass")).toString()},
        {QStringLiteral("MasterUsername"), value(QStringLiteral("username")).toString()},
        {QStringLiteral("MasterUserPassword"), value(QStringLiteral("password")).toString()},
        {QStringLiteral("StorageType"), value(QStringLiteral("storageType")).toString()},
        {QStringLiteral("AllocatedStorage"), value(QStringLiteral("allocatedStorage")).toInt()},
        {QStringLiteral("PubliclyAccessible"), value(QStringLiteral("publicAccess")).toBool()},
        {QStringLiteral("BackupRetentionPeriod"), value(QStringLiteral("backups")).toBool() ? 7 : 0},
        {QStringLiteral("DeletionProtection"), value(QStringLiteral("deletionProtection")).toBool()},
        {QStringLiteral("Tags"), QJsonArray{QJsonObject{{QStringLiteral("Key"), QStringLiteral("Name")},
                                                        {QStringLiteral("Value"), id}}}}};
    if (const int max = value(QStringLiteral("maxAllocatedStorage")).toInt(); max > 0)
        params.insert(QStringLiteral("MaxAllocatedStorage"), max);
    if (const QString db = value(QStringLiteral("dbName")).toString(); !db.isEmpty())
        params.insert(QStringLiteral("DBName"), db);
    QStringList sgs = value(QStringLiteral("securityGroupIds")).toStringList();
    // A new group made inline, as the console's "Create new": PostgreSQL 5432 open.
    if (const QString group = value(QStringLiteral("newGroupName")).toString(); !group.isEmpty()) {
        SecurityGroupForm sg;
        sg.setValue(QStringLiteral("name"), group);
        sg.setValue(QStringLiteral("description"), QStringLiteral("PostgreSQL for database %1").arg(id));
        sg.addQuickRule(QStringLiteral("postgres"));
        QList<plan::PlanStep> steps = sg.buildPlan().steps;
        plan::renameStep(steps, QStringLiteral("createSg"), QStringLiteral("createDbSg"));
        plan::renameStep(steps, QStringLiteral("ingress"), QStringLiteral("allowDbIngress"));
        p.steps << steps;
        sgs << QStringLiteral("${createDbSg.GroupId}");
    }
    if (!sgs.isEmpty())
        params.insert(QStringLiteral("VpcSecurityGroupIds"), QJsonArray::fromStringList(sgs));
    s.params = params;
    s.sensitivePaths = {QStringLiteral("MasterUserPassword")};
    s.createsResource = true;
    s.resource = {QStringLiteral("db-instance"), id, QStringLiteral("DBInstance.DBInstanceArn")};
    plan::WaitCondition w;
    w.service = QStringLiteral("rds");
    w.operation = QStringLiteral("DescribeDBInstances");
    w.params = {{QStringLiteral("DBInstanceIdentifier"), id}};
    w.path = QStringLiteral("DBInstances[0].DBInstanceStatus");
    w.success = {QStringLiteral("available")};
    w.failure = {QStringLiteral("failed"), QStringLiteral("incompatible-parameters")};
    w.intervalSeconds = 15;
    w.progressText = QStringLiteral("AWS is creating the database (5–15 minutes)");
    s.waitFor = w;
    s.undoService = QStringLiteral("rds");
    s.undoOperation = QStringLiteral("DeleteDBInstance");
    s.undoParams = {{QStringLiteral("DBInstanceIdentifier"), id},
                    {QStringLiteral("SkipFinalSnapshot"), true}};
    p.steps.append(s);
    return p;
}
