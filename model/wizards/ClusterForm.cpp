#include "ClusterForm.h"

#include "ConsoleRules.h"

using namespace wizards;

ClusterForm::ClusterForm(QObject *parent)
    : WizardForm(parent)
{
    addField(QStringLiteral("name"), QStringLiteral("Cluster name"), QString(),
             rules::ruleText(QStringLiteral("ecs.name")));
    revalidateAll();
}

void ClusterForm::fillPractical()
{
    setValue(QStringLiteral("name"), QStringLiteral("taskoverflow"));
}

QString ClusterForm::validate(const QString &key) const
{
    return rules::ecsName(value(key).toString(), QStringLiteral("Cluster name"));
}

plan::Plan ClusterForm::buildPlan() const
{
    const QString name = value(QStringLiteral("name")).toString();
    plan::Plan p;
    p.title = QStringLiteral("ECS cluster %1").arg(name);
    p.stackName = name;
    plan::PlanStep s;
    s.id = QStringLiteral("createCluster");
    s.title = QStringLiteral("Create cluster %1").arg(name);
    s.service = QStringLiteral("ecs");
    s.operation = QStringLiteral("CreateCluster");
    s.params = {{QStringLiteral("clusterName"), name}};
    s.createsResource = true;
    s.resource = {QStringLiteral("ecs-cluster"), name, QStringLiteral("cluster.clusterArn")};
    s.undoService = QStringLiteral("ecs");
    s.undoOperation = QStringLiteral("DeleteCluster");
    s.undoParams = {{QStringLiteral("cluster"), name}};
    p.steps.append(s);
    return p;
}
