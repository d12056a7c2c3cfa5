#include "PreflightFixes.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <functional>

namespace plan {
namespace {

/// The index of the step a `${step.…}` reference names, or -1.
qsizetype stepIndexOf(const Plan &plan, const QString &ref)
{
    static const QRegularExpression re(QStringLiteral(R"(^\$\{([A-Za-z0-9_-]+)\.)"));
    const auto m = re.match(ref);
    if (!m.hasMatch())
        return -1;
    for (qsizetype i = 0; i < plan.steps.size(); ++i)
        if (plan.steps.at(i).id == m.captured(1))
            return i;
    return -1;
}

QString freeId(const Plan &plan, const QString &base)
{
    for (int n = 1;; ++n) {
        const QString id = base + QString::number(n);
        bool taken = false;
        for (const PlanStep &s : plan.steps)
            taken = taken || s.id == id;
        if (!taken)
            return id;
    }
}

void addRule(Plan &plan, const QString &group, const QJsonObject &permission, const QString &title)
{
    PlanStep s;
    s.id = freeId(plan, QStringLiteral("preflightFix"));
    s.title = title;
    s.service = QStringLiteral("ec2");
    s.operation = QStringLiteral("AuthorizeSecurityGroupIngress");
    s.params = {{QStringLiteral("GroupId"), group},
                {QStringLiteral("IpPermissions"), QJsonArray{permission}}};
    s.acceptedErrors = {QStringLiteral("InvalidPermission.Duplicate")};
    if (!group.startsWith(QStringLiteral("${"))) {
        // The group was there before the plan: rolling back takes the rule away again.
        s.undoService = s.service;
        s.undoOperation = QStringLiteral("RevokeSecurityGroupIngress");
        s.undoParams = s.params;
    }
    // After the group's creation, the source group's creation and the group's other rules.
    qsizetype after = stepIndexOf(plan, group);
    for (const QJsonValue &pair : permission.value(u"UserIdGroupPairs").toArray())
        after = qMax(after, stepIndexOf(plan, pair[QStringLiteral("GroupId")].toString()));
    for (qsizetype i = 0; i < plan.steps.size(); ++i)
        if (plan.steps.at(i).operation == u"AuthorizeSecurityGroupIngress" &&
            plan.steps.at(i).params.value(u"GroupId").toString() == group)
            after = qMax(after, i);
    plan.steps.insert(after + 1, s);
}

void editSteps(Plan &plan, const QString &operation, const std::function<void(QJsonObject &)> &edit)
{
    for (PlanStep &s : plan.steps)
        if (s.operation == operation)
            edit(s.params);
}

} // namespace

bool canFixInPlan(const PreflightCheck &c)
{
    static const QStringList fixable{QStringLiteral("open-port"),
                                     QStringLiteral("allow-database-from-service"),
                                     QStringLiteral("enable-public-ip"), QStringLiteral("use-lab-role"),
                                     QStringLiteral("set-fargate-size-1024-2048")};
    return !c.passed && fixable.contains(c.fixActionId);
}

Plan withFixes(Plan plan, const QList<PreflightCheck> &checks, QStringList *notApplied)
{
    for (const PreflightCheck &c : checks) {
        if (c.passed)
            continue;
        if (!canFixInPlan(c)) {
            if (notApplied)
                *notApplied << QStringLiteral("%1: %2").arg(c.message, c.fixSuggestion);
            continue;
        }
        const QJsonObject &f = c.fixParams;
        const int port = f.value(u"port").toInt();
        if (c.fixActionId == u"open-port") {
            addRule(plan, f.value(u"groupId").toString(),
                    {{QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                     {QStringLiteral("FromPort"), port},
                     {QStringLiteral("ToPort"), port},
                     {QStringLiteral("IpRanges"),
                      QJsonArray{
                          QJsonObject{{QStringLiteral("CidrIp"), f.value(u"cidr").toString()},
                                      {QStringLiteral("Description"), QStringLiteral("container port")}}}}},
                    QStringLiteral("Open port %1 (pre-flight fix)").arg(port));
        } else if (c.fixActionId == u"allow-database-from-service") {
            addRule(plan, f.value(u"groupId").toString(),
                    {{QStringLiteral("IpProtocol"), QStringLiteral("tcp")},
                     {QStringLiteral("FromPort"), port},
                     {QStringLiteral("ToPort"), port},
                     {QStringLiteral("UserIdGroupPairs"),
                      QJsonArray{QJsonObject{
                          {QStringLiteral("GroupId"), f.value(u"sourceGroupId").toString()},
                          {QStringLiteral("Description"), QStringLiteral("the service's tasks")}}}}},
                    QStringLiteral("Let the service's tasks reach the database on port %1 (pre-flight fix)")
                        .arg(port));
        } else if (c.fixActionId == u"enable-public-ip") {
            editSteps(plan, QStringLiteral("CreateService"), [](QJsonObject &p) {
                QJsonObject net = p.value(u"networkConfiguration").toObject();
                QJsonObject vpc = net.value(u"awsvpcConfiguration").toObject();
                vpc.insert(QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED"));
                net.insert(QStringLiteral("awsvpcConfiguration"), vpc);
                p.insert(QStringLiteral("networkConfiguration"), net);
            });
        } else if (c.fixActionId == u"use-lab-role") {
            const QString role = f.value(u"roleArn").toString();
            editSteps(plan, QStringLiteral("RegisterTaskDefinition"), [&role](QJsonObject &p) {
                p.insert(QStringLiteral("executionRoleArn"), role);
                if (p.contains(u"taskRoleArn"))
                    p.insert(QStringLiteral("taskRoleArn"), role);
            });
        } else if (c.fixActionId == u"set-fargate-size-1024-2048") {
            editSteps(plan, QStringLiteral("RegisterTaskDefinition"), [](QJsonObject &p) {
                if (isValidFargateSize(p.value(u"cpu").toString().toInt(),
                                       p.value(u"memory").toString().toInt()))
                    return;
                p.insert(QStringLiteral("cpu"), QStringLiteral("1024"));
                p.insert(QStringLiteral("memory"), QStringLiteral("2048"));
            });
        }
    }
    return plan;
}

} // namespace plan
