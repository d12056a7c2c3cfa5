#pragma once
// The "Create service" wizard: cluster, task definition, name, desired
// count, networking (the default VPC's subnets, security groups, public IP
// on) and deployment percentages, as the console orders them.

#include "WizardForm.h"

class ServiceForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
public:
    explicit ServiceForm(QObject *parent = nullptr);
    /// The practical's service; ids may be ${refs} into a combined plan.
    Q_INVOKABLE void fillPractical(const QStringList &subnets, const QStringList &securityGroups);
    plan::Plan buildPlan() const override;

protected:
    QString validate(const QString &key) const override;
};
