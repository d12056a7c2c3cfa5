#include "TaskDefinitionForm.h"

#include "ConsoleRules.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>

using namespace wizards;

TaskDefinitionForm::TaskDefinitionForm(QObject *parent)
    : WizardForm(parent)
{
    auto add = [this](const char *key, const char *label, const QVariant &v, const char *rule) {
        addField(QString::fromLatin1(key), QString::fromLatin1(label), v,
                 rules::ruleText(QString::fromLatin1(rule)));
    };
    add("family", "Task definition family", QString(), "ecs.name");
    add("cpu", "CPU", 1024, "");
    add("memory", "Memory", 3072, "");
    add("executionRoleArn", "Task execution role", QString(), "");
    add("taskRoleArn", "Task role (optional)", QString(), "");
    add("containerName", "Container name", QString(), "ecs.name");
    add("image", "Image URI", QString(), "");
    add("essential", "Essential container", true, "");
    add("containerPort", "Container port", 80, "");
    add("extraPorts", "More container ports (optional)", QStringList(), "");
    add("environment", "Environment variables", QVariantMap(), "");
    add("logGroup", "awslogs-group", QString(), "");
    add("logRegion", "awslogs-region", QStringLiteral("us-east-1"), "");
    add("logPrefix", "awslogs-stream-prefix", QStringLiteral("ecs"), "");
    add("logCreateGroup", "Create the log group if missing", true, "");
    // The console's health check: off until a command is given.
    add("healthCommand", "Health check command (optional)", QString(), "");
    add("healthInterval", "Health check interval (s)", 30, "");
    add("healthTimeout", "Health check timeout (s)", 5, "");
    add("healthRetries", "Health check retries", 3, "");
    add("healthStartPeriod", "Health check start period (s)", 0, "");
    revalidateAll();
}

QVariantList TaskDefinitionForm::taskSizes()
{
    QVariantList out;
    for (int cpu : {256, 512, 1024, 2048, 4096, 8192, 16384})
        for (int mem = 512; mem <= 122880; mem += 512)
            if (rules::fargateSize(cpu, mem).isEmpty())
                out.append(
                    QVariantMap{{QStringLiteral("cpu"), cpu},
                                {QStringLiteral("memory"), mem},
                                {QStringLiteral("label"),
                                 QStringLiteral("%1 vCPU, %2 GB").arg(cpu / 1024.0).arg(mem / 1024.0)}});
    return out;
}

void TaskDefinitionForm::setEnv(const QString &name, const QString &value)
{
    QVariantMap env = this->value(QStringLiteral("environment")).toMap();
    env.insert(name, value);
    setValue(QStringLiteral("environment"), env);
}

void TaskDefinitionForm::fillPractical(const QString &image, const QString &roleArn,
                                       const QString &databaseUri, const QString &region)
{
    setValue(QStringLiteral("family"), QStringLiteral("taskoverflow"));
    setValue(QStringLiteral("cpu"), 1024);
    setValue(QStringLiteral("memory"), 2048);
    setValue(QStringLiteral("executionRoleArn"), roleArn);
    setValue(QStringLiteral("containerName"), QStringLiteral("todo"));
    setValue(QStringLiteral("image"), image);
    setValue(QStringLiteral("containerPort"), 6400);
    setValue(QStringLiteral("environment"),
             QVariantMap{{QStringLiteral("SQLALCHEMY_DATABASE_URI"), databaseUri}});
    setValue(QStringLiteral("logGroup"), QStringLiteral("/taskoverflow/todo"));
    setValue(QStringLiteral("logRegion"), region);
}

QString TaskDefinitionForm::validate(const QString &key) const
{
    const QVariant v = value(key);
    if (key == u"family")
        return rules::ecsName(v.toString(), QStringLiteral("Family"));
    if (key == u"containerName")
        return rules::ecsName(v.toString(), QStringLiteral("Container name"));
    if (key == u"memory")
        return rules::fargateSize(value(QStringLiteral("cpu")).toInt(), v.toInt());
    if (key == u"containerPort")
        return rules::containerPort(v.toInt());
    if (key == u"extraPorts")
        for (const QString &port : v.toStringList()) {
            bool number = false;
            const int p = port.toInt(&number);
            if (QString e = number ? rules::containerPort(p) : QStringLiteral("Ports are numbers");
                !e.isEmpty())
                return QStringLiteral("%1: %2").arg(port, e);
            if (p == value(QStringLiteral("containerPort")).toInt() || v.toStringList().count(port) > 1)
                return QStringLiteral("Port %1 is listed twice").arg(port);
        }
    if (key == u"image")
        return v.toString().trimmed().isEmpty() ? QStringLiteral("An image is required") : QString();
    if (key == u"executionRoleArn")
        return v.toString().startsWith(QStringLiteral("arn:"))
                   ? QString()
                   : QStringLiteral("Choose a role (LabRole on a Learner Lab account)");
    if (key == u"taskRoleArn" && !v.toString().isEmpty() && !v.toString().startsWith(QStringLiteral("arn:")))
        return QStringLiteral("Choose a role, or leave empty for none");
    const bool health = !value(QStringLiteral("healthCommand")).toString().trimmed().isEmpty();
    if (health && key == u"healthInterval")
        return rules::healthInterval(v.toInt());
    if (health && key == u"healthTimeout")
        return rules::healthTimeout(v.toInt());
    if (health && key == u"healthRetries")
        return rules::healthRetries(v.toInt());
    if (health && key == u"healthStartPeriod")
        return rules::healthStartPeriod(v.toInt());
    if (key == u"environment") {
        const QVariantMap env = v.toMap();
        for (auto it = env.begin(); it != env.end(); ++it)
            if (QString e = rules::envName(it.key()); !e.isEmpty())
                return e;
    }
    return {};
}

QJsonObject TaskDefinitionForm::registerInput() const
{
    const int port = value(QStringLiteral("containerPort")).toInt();
    QJsonArray env;
    const QVariantMap envMap = value(QStringLiteral("environment")).toMap();
    for (auto it = envMap.begin(); it != envMap.end(); ++it)
        env.append(QJsonObject{{QStringLiteral("name"), it.key()},
                               {QStringLiteral("value"), it.value().toString()}});
    QJsonArray mappings;
    QList<int> ports{port};
    for (const QString &extra : value(QStringLiteral("extraPorts")).toStringList())
        ports << extra.toInt();
    for (int p : ports)
        mappings.append(QJsonObject{{QStringLiteral("containerPort"), p},
                                    {QStringLiteral("hostPort"), p}, // awsvpc: host = container
                                    {QStringLiteral("protocol"), QStringLiteral("tcp")}});
    QJsonObject container{{QStringLiteral("name"), value(QStringLiteral("containerName")).toString()},
                          {QStringLiteral("image"), value(QStringLiteral("image")).toString()},
                          {QStringLiteral("essential"), value(QStringLiteral("essential")).toBool()},
                          {QStringLiteral("portMappings"), mappings},
                          {QStringLiteral("environment"), env}};
    if (const QString group = value(QStringLiteral("logGroup")).toString(); !group.isEmpty())
        container.insert(QStringLiteral("logConfiguration"),
                         QJsonObject{{QStringLiteral("logDriver"), QStringLiteral("awslogs")},
                                     {QStringLiteral("options"),
                                      QJsonObject{{QStringLiteral("awslogs-group"), group},
                                                  {QStringLiteral("awslogs-region"),
                                                   value(QStringLiteral("logRegion")).toString()},
                                                  {QStringLiteral("awslogs-stream-prefix"),
                                                   value(QStringLiteral("logPrefix")).toString()}}}});
    if (value(QStringLiteral("logCreateGroup")).toBool() && container.contains(u"logConfiguration")) {
        QJsonObject logs = container.value(u"logConfiguration").toObject();
        QJsonObject options = logs.value(u"options").toObject();
        options.insert(QStringLiteral("awslogs-create-group"), QStringLiteral("true"));
        logs.insert(QStringLiteral("options"), options);
        container.insert(QStringLiteral("logConfiguration"), logs);
    }
    if (const QString command = value(QStringLiteral("healthCommand")).toString().trimmed();
        !command.isEmpty())
        // Typed as a shell line, sent as the console sends it: CMD-SHELL and the line.
        container.insert(
            QStringLiteral("healthCheck"),
            QJsonObject{{QStringLiteral("command"), QJsonArray{QStringLiteral("CMD-SHELL"), command}},
                        {QStringLiteral("interval"), value(QStringLiteral("healthInterval")).toInt()},
                        {QStringLiteral("timeout"), value(QStringLiteral("healthTimeout")).toInt()},
                        {QStringLiteral("retries"), value(QStringLiteral("healthRetries")).toInt()},
                        {QStringLiteral("startPeriod"), value(QStringLiteral("healthStartPeriod")).toInt()}});
    QJsonObject input{
        {QStringLiteral("family"), value(QStringLiteral("family")).toString()},
        {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
        {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
        {QStringLiteral("cpu"), QString::number(value(QStringLiteral("cpu")).toInt())},
        {QStringLiteral("memory"), QString::number(value(QStringLiteral("memory")).toInt())},
        {QStringLiteral("executionRoleArn"), value(QStringLiteral("executionRoleArn")).toString()},
        {QStringLiteral("containerDefinitions"), QJsonArray{container}}};
    if (const QString role = value(QStringLiteral("taskRoleArn")).toString(); !role.isEmpty())
        input.insert(QStringLiteral("taskRoleArn"), role);
    return input;
}

QString TaskDefinitionForm::toJson() const
{
    return QString::fromUtf8(QJsonDocument(registerInput()).toJson(QJsonDocument::Indented));
}

QString TaskDefinitionForm::fromJson(const QString &json)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &err);
    if (!doc.isObject())
        return QStringLiteral("Not a JSON object: %1").arg(err.errorString());
    const QJsonObject o = doc.object();
    const QJsonArray containers = o.value(QStringLiteral("containerDefinitions")).toArray();
    if (containers.size() != 1)
        return QStringLiteral("This form edits exactly one container");
    const QJsonObject c = containers.at(0).toObject();
    const QJsonObject pm = c.value(QStringLiteral("portMappings")).toArray().at(0).toObject();
    const QJsonObject logs =
        c.value(QStringLiteral("logConfiguration")).toObject().value(QStringLiteral("options")).toObject();
    QVariantMap env;
    for (const QJsonValue &e : c.value(QStringLiteral("environment")).toArray())
        env.insert(e[QStringLiteral("name")].toString(), e[QStringLiteral("value")].toString());
    setValue(QStringLiteral("family"), o.value(QStringLiteral("family")).toString());
    setValue(QStringLiteral("cpu"), o.value(QStringLiteral("cpu")).toString().toInt());
    setValue(QStringLiteral("memory"), o.value(QStringLiteral("memory")).toString().toInt());
    setValue(QStringLiteral("executionRoleArn"), o.value(QStringLiteral("executionRoleArn")).toString());
    setValue(QStringLiteral("taskRoleArn"), o.value(QStringLiteral("taskRoleArn")).toString());
    setValue(QStringLiteral("essential"), c.value(QStringLiteral("essential")).toBool(true));
    const QJsonObject health = c.value(QStringLiteral("healthCheck")).toObject();
    const QJsonArray command = health.value(QStringLiteral("command")).toArray();
    setValue(QStringLiteral("healthCommand"), command.size() >= 2 ? command.at(1).toString() : QString());
    setValue(QStringLiteral("healthInterval"), health.value(QStringLiteral("interval")).toInt(30));
    setValue(QStringLiteral("healthTimeout"), health.value(QStringLiteral("timeout")).toInt(5));
    setValue(QStringLiteral("healthRetries"), health.value(QStringLiteral("retries")).toInt(3));
    setValue(QStringLiteral("healthStartPeriod"), health.value(QStringLiteral("startPeriod")).toInt(0));
    setValue(QStringLiteral("containerName"), c.value(QStringLiteral("name")).toString());
    setValue(QStringLiteral("image"), c.value(QStringLiteral("image")).toString());
    setValue(QStringLiteral("containerPort"), pm.value(QStringLiteral("containerPort")).toInt());
    QStringList extra;
    const QJsonArray mappings = c.value(QStringLiteral("portMappings")).toArray();
    for (qsizetype i = 1; i < mappings.size(); ++i)
        extra << QString::number(mappings.at(i)[QStringLiteral("containerPort")].toInt());
    setValue(QStringLiteral("extraPorts"), extra);
    setValue(QStringLiteral("logCreateGroup"),
             logs.value(QStringLiteral("awslogs-create-group")).toString() == u"true");
    setValue(QStringLiteral("environment"), env);
    setValue(QStringLiteral("logGroup"), logs.value(QStringLiteral("awslogs-group")).toString());
    setValue(QStringLiteral("logRegion"), logs.value(QStringLiteral("awslogs-region")).toString());
    setValue(QStringLiteral("logPrefix"), logs.value(QStringLiteral("awslogs-stream-prefix")).toString());
    return {};
}

plan::Plan TaskDefinitionForm::buildPlan() const
{
    const QString family = value(QStringLiteral("family")).toString();
    plan::Plan p;
    p.title = QStringLiteral("Task definition %1").arg(family);
    p.stackName = family;
    plan::PlanStep s;
    s.id = QStringLiteral("registerTaskDef");
    s.title = QStringLiteral("Register task definition %1").arg(family);
    s.service = QStringLiteral("ecs");
    s.operation = QStringLiteral("RegisterTaskDefinition");
    s.params = registerInput();
    // A value with credentials in it (postgresql://user:password@host) is a secret wherever the plan is
    // shown.
    static const QRegularExpression withPassword(QStringLiteral("^[a-z][a-z0-9+.-]*://[^/@:]+:[^@]+@"));
    const QJsonArray env =
        s.params.value(u"containerDefinitions")[0][QStringLiteral("environment")].toArray();
    for (int i = 0; i < env.size(); ++i)
        if (withPassword.match(env.at(i)[QStringLiteral("value")].toString()).hasMatch())
            s.sensitivePaths << QStringLiteral("containerDefinitions[0].environment[%1].value").arg(i);
    s.createsResource = true;
    s.resource = {QStringLiteral("task-definition"), family,
                  QStringLiteral("taskDefinition.taskDefinitionArn")};
    s.undoService = QStringLiteral("ecs");
    s.undoOperation = QStringLiteral("DeregisterTaskDefinition");
    s.undoParams = {{QStringLiteral("taskDefinition"),
                     QStringLiteral("${registerTaskDef.taskDefinition.taskDefinitionArn}")}};
    p.steps.append(s);
    return p;
}
