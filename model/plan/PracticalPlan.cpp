#include "PracticalPlan.h"

#include "ClusterForm.h"
#include "DatabaseForm.h"
#include "PracticalPreset.h"
#include "SecurityGroupForm.h"
#include "ServiceForm.h"
#include "StepRenaming.h"
#include "TaskDefinitionForm.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace plan {
namespace {

QString firstInvalid(const QList<const WizardForm *> &forms)
{
    for (const WizardForm *f : forms)
        if (!f->isValid())
            return f->attention();
    return {};
}

} // namespace

Plan buildPracticalPlan(const PracticalInputs &in, QString *error)
{
    SecurityGroupForm dbSg, appSg;
    DatabaseForm db;
    ClusterForm cluster;
    TaskDefinitionForm taskDef;
    ServiceForm service;
    PracticalPreset::fill(&dbSg, &db, &cluster, &taskDef, &service, in.labRoleArn, in.region, in.subnets);
    // The student's password replaces the practical's, and the connection URI is rebuilt with it.
    db.setValue(QStringLiteral("password"), in.password);
    db.setValue(QStringLiteral("confirmPassword"), in.password);
    taskDef.fillPractical(taskDef.value(QStringLiteral("image")).toString(), in.labRoleArn,
                          db.connectionUri(QStringLiteral("${createDb.DBInstance.Endpoint.Address}"), true),
                          in.region);

    // The practical's application group: 6400 for the app, 22 as main.tf has it.
    appSg.setValue(QStringLiteral("name"), QStringLiteral("taskoverflow"));
    appSg.setValue(QStringLiteral("description"), QStringLiteral("TaskOverflow Security Group"));
    appSg.addQuickRule(QStringLiteral("custom"));
    appSg.setRule(0, QStringLiteral("fromPort"), 6400);
    appSg.setRule(0, QStringLiteral("toPort"), 6400);
    appSg.addQuickRule(QStringLiteral("custom"));
    appSg.setRule(1, QStringLiteral("fromPort"), 22);
    appSg.setRule(1, QStringLiteral("toPort"), 22);

    if (error)
        *error = firstInvalid({&dbSg, &appSg, &db, &cluster, &taskDef, &service});

    Plan p;
    p.title = QStringLiteral("TaskOverflow (stack %1)").arg(in.stackName);
    p.stackName = in.stackName;

    QList<PlanStep> dbGroup = dbSg.buildPlan().steps;
    renameStep(dbGroup, QStringLiteral("createSg"), QStringLiteral("createDbSg"));
    renameStep(dbGroup, QStringLiteral("ingress"), QStringLiteral("allowDbIngress"));
    QList<PlanStep> appGroup = appSg.buildPlan().steps;
    renameStep(appGroup, QStringLiteral("createSg"), QStringLiteral("createAppSg"));
    renameStep(appGroup, QStringLiteral("ingress"), QStringLiteral("allowAppIngress"));
    p.steps << dbGroup << appGroup << db.buildPlan().steps;

    // The awslogs group, created (and tagged) by the plan rather than by the
    // first task, so teardown knows it is the stack's.
    const QString group = taskDef.value(QStringLiteral("logGroup")).toString();
    PlanStep logs;
    logs.id = QStringLiteral("createLogGroup");
    logs.title = QStringLiteral("Create log group %1").arg(group);
    logs.service = QStringLiteral("logs");
    logs.operation = QStringLiteral("CreateLogGroup");
    logs.params = {{QStringLiteral("logGroupName"), group}};
    logs.createsResource = true;
    logs.resource = {QStringLiteral("log-group"), group, QStringLiteral("logGroupName")};
    logs.undoService = QStringLiteral("logs");
    logs.undoOperation = QStringLiteral("DeleteLogGroup");
    logs.undoParams = {{QStringLiteral("logGroupName"), group}};
    p.steps << logs << cluster.buildPlan().steps;

    // The form marks the connection URI (it carries the password) as sensitive.
    p.steps << taskDef.buildPlan().steps.first();

    PlanStep svc = service.buildPlan().steps.first();
    WaitCondition running;
    running.service = QStringLiteral("ecs");
    running.operation = QStringLiteral("DescribeServices");
    running.params = {{QStringLiteral("cluster"), svc.params.value(u"cluster")},
                      {QStringLiteral("services"), QJsonArray{svc.params.value(u"serviceName")}}};
    running.path = QStringLiteral("services[0].runningCount");
    running.success = {QString::number(svc.params.value(u"desiredCount").toInt())};
    running.intervalSeconds = 10;
    running.timeoutSeconds = 900;
    running.progressText =
        QStringLiteral("ECS is starting the task: pulling the image and starting the container "
                       "(1–3 minutes)");
    svc.waitFor = running;
    p.steps << svc;
    return p;
}

} // namespace plan
