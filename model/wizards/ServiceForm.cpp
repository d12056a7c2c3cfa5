#include "ServiceForm.h"

#include "ConsoleRules.h"
#include "SecurityGroupForm.h"
#include "StepRenaming.h"

#include <QJsonArray>

using namespace wizards;

ServiceForm::ServiceForm(QObject *parent)
    : WizardForm(parent)
{
    auto add = [this](const char *key, const char *label, const QVariant &v, const char *rule) {
        addField(QString::fromLatin1(key), QString::fromLatin1(label), v,
                 rules::ruleText(QString::fromLatin1(rule)));
    };
    add("cluster", "Cluster", QString(), "");
    add("taskDefinition", "Task definition", QString(), "");
    add("name", "Service name", QString(), "ecs.name");
    add("desiredCount", "Desired tasks", 1, "");
    add("subnets", "Subnets", QStringList(), "");
    add("securityGroups", "Security groups", QStringList(), "");
    add("newGroupName", "New security group (optional)", QString(), "ecs.newGroup");
    add("newGroupPort", "Port the new group opens", 80, "");
    add("assignPublicIp", "Public IP", true, "");
    add("minPercent", "Minimum healthy percent", 100, "");
    add("maxPercent", "Maximum percent", 200, "");
    revalidateAll();
}

void ServiceForm::fillPractical(const QStringList &subnets, const QStringList &securityGroups)
{
    setValue(QStringLiteral("cluster"), QStringLiteral("taskoverflow"));
    setValue(QStringLiteral("taskDefinition"), QStringLiteral("taskoverflow"));
    setValue(QStringLiteral("name"), QStringLiteral("taskoverflow"));
    setValue(QStringLiteral("desiredCount"), 1);
    setValue(QStringLiteral("subnets"), subnets);
    setValue(QStringLiteral("securityGroups"), securityGroups);
    setValue(QStringLiteral("assignPublicIp"), true);
}

QString ServiceForm::validate(const QString &key) const
{
    const QVariant v = value(key);
    if (key == u"name")
        return rules::ecsName(v.toString(), QStringLiteral("Service name"));
    if (key == u"cluster" || key == u"taskDefinition")
        return v.toString().isEmpty() ? QStringLiteral("Choose one") : QString();
    if (key == u"desiredCount")
        return v.toInt() < 0 ? QStringLiteral("Zero or more tasks") : QString();
    if (key == u"subnets")
        return v.toStringList().isEmpty() ? QStringLiteral("Choose at least one subnet") : QString();
    if (key == u"securityGroups" && v.toStringList().size() > 5)
        return QStringLiteral("At most 5 security groups");
    if (key == u"newGroupName" && !v.toString().isEmpty())
        return rules::securityGroupName(v.toString());
    if (key == u"newGroupPort" && !value(QStringLiteral("newGroupName")).toString().isEmpty())
        return rules::containerPort(v.toInt());
    if (key == u"minPercent")
        return (v.toInt() < 0 || v.toInt() > 100) ? QStringLiteral("0–100 %") : QString();
    if (key == u"maxPercent")
        return v.toInt() < qMax(100, value(QStringLiteral("minPercent")).toInt())
                   ? QStringLiteral("At least 100 % and not below the minimum")
                   : QString();
    return {};
}

plan::Plan ServiceForm::buildPlan() const
{
    const QString name = value(QStringLiteral("name")).toString();
    const QString cluster = value(QStringLiteral("cluster")).toString();
    plan::Plan p;
    p.title = QStringLiteral("ECS service %1").arg(name);
    p.stackName = name;
    QStringList groups = value(QStringLiteral("securityGroups")).toStringList();
    // A new group made inline, as the console does: the container's port open to the internet.
    if (const QString group = value(QStringLiteral("newGroupName")).toString(); !group.isEmpty()) {
        SecurityGroupForm sg;
        sg.setValue(QStringLiteral("name"), group);
        sg.setValue(QStringLiteral("description"), QStringLiteral("Service %1").arg(name));
        sg.addQuickRule(QStringLiteral("custom"));
        sg.setRule(0, QStringLiteral("fromPort"), value(QStringLiteral("newGroupPort")).toInt());
        sg.setRule(0, QStringLiteral("toPort"), value(QStringLiteral("newGroupPort")).toInt());
        QList<plan::PlanStep> steps = sg.buildPlan().steps;
        plan::renameStep(steps, QStringLiteral("createSg"), QStringLiteral("createServiceSg"));
        plan::renameStep(steps, QStringLiteral("ingress"), QStringLiteral("allowServiceIngress"));
        p.steps << steps;
        groups << QStringLiteral("${createServiceSg.GroupId}");
    }
    plan::PlanStep s;
    s.id = QStringLiteral("createService");
    s.title = QStringLiteral("Create service %1 in %2").arg(name, cluster);
    s.service = QStringLiteral("ecs");
    s.operation = QStringLiteral("CreateService");
    s.params = {
        {QStringLiteral("cluster"), cluster},
        {QStringLiteral("serviceName"), name},
        {QStringLiteral("taskDefinition"), value(QStringLiteral("taskDefinition")).toString()},
        {QStringLiteral("desiredCount"), value(QStringLiteral("desiredCount")).toInt()},
        {QStringLiteral("launchType"), QStringLiteral("FARGATE")},
        // Same request on a re-run is the same service, not a second one.
        {QStringLiteral("clientToken"), QStringLiteral("dc-%1-%2").arg(cluster, name).left(32)},
        {QStringLiteral("deploymentConfiguration"),
         QJsonObject{{QStringLiteral("minimumHealthyPercent"), value(QStringLiteral("minPercent")).toInt()},
                     {QStringLiteral("maximumPercent"), value(QStringLiteral("maxPercent")).toInt()}}},
        {QStringLiteral("networkConfiguration"),
         QJsonObject{
             {QStringLiteral("awsvpcConfiguration"),
              QJsonObject{{QStringLiteral("subnets"),
                           QJsonArray::fromStringList(value(QStringLiteral("subnets")).toStringList())},
                          {QStringLiteral("securityGroups"), QJsonArray::fromStringList(groups)},
                          {QStringLiteral("assignPublicIp"), value(QStringLiteral("assignPublicIp")).toBool()
                                                                 ? QStringLiteral("ENABLED")
                                                                 : QStringLiteral("DISABLED")}}}}}};
    s.createsResource = true;
    s.resource = {QStringLiteral("ecs-service"), name, QStringLiteral("service.serviceArn")};
    s.undoService = QStringLiteral("ecs");
    s.undoOperation = QStringLiteral("DeleteService");
    s.undoParams = {{QStringLiteral("cluster"), cluster},
                    {QStringLiteral("service"), name},
                    {QStringLiteral("force"), true}};
    p.steps.append(s);
    return p;
}
