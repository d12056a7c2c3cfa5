#include "PracticalForm.h"

#include "ConsoleRules.h"
#include "PracticalPlan.h"

using namespace wizards;

PracticalForm::PracticalForm(QObject *parent)
    : WizardForm(parent)
{
    addField(QStringLiteral("stackName"), QStringLiteral("Stack name"), QStringLiteral("taskoverflow"),
             rules::ruleText(QStringLiteral("ecs.name")));
    addField(QStringLiteral("password"), QStringLiteral("Database master password"), QString(),
             rules::ruleText(QStringLiteral("rds.password")));
    addField(QStringLiteral("confirmPassword"), QStringLiteral("Confirm password"), QString(), QString());
    revalidateAll();
}

void PracticalForm::setAccount(const QString &labRoleArn, const QString &region, const QStringList &subnets)
{
    m_labRoleArn = labRoleArn;
    m_region = region;
    m_subnets = subnets;
    revalidateAll();
}

QString PracticalForm::passwordStrength() const
{
    return rules::passwordStrength(value(QStringLiteral("password")).toString());
}

QStringList PracticalForm::summary()
{
    return {
        QStringLiteral("Security group taskoverflow_database: PostgreSQL 5432 from anywhere"),
        QStringLiteral("PostgreSQL 17 database taskoverflow (db.t3.micro, 20 GB gp2, public), database todo, "
                       "user administrator"),
        QStringLiteral("Security group taskoverflow: the app's port 6400 (and 22, as main.tf has it)"),
        QStringLiteral("Log group /taskoverflow/todo"),
        QStringLiteral("ECS cluster taskoverflow"),
        QStringLiteral("Task definition taskoverflow: Fargate 1 vCPU / 2 GB, image "
                       "ghcr.io/csse6400/taskoverflow:latest, port 6400, LabRole, SQLALCHEMY_DATABASE_URI"),
        QStringLiteral("Service taskoverflow: one task with a public IP in the default VPC's subnets"),
    };
}

QString PracticalForm::validate(const QString &key) const
{
    const QVariant v = value(key);
    if (key == u"stackName")
        return rules::ecsName(v.toString(), QStringLiteral("Stack name"));
    if (key == u"password")
        return rules::masterPassword(v.toString());
    if (key == u"confirmPassword")
        return v.toString() == value(QStringLiteral("password")).toString()
                   ? QString()
                   : QStringLiteral("Passwords do not match");
    return {};
}

plan::Plan PracticalForm::buildPlan() const
{
    plan::PracticalInputs in;
    in.stackName = value(QStringLiteral("stackName")).toString();
    in.password = value(QStringLiteral("password")).toString();
    in.labRoleArn = m_labRoleArn;
    in.region = m_region;
    in.subnets = m_subnets;
    return plan::buildPracticalPlan(in);
}
