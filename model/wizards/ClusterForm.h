#pragma once
// The "Create cluster" wizard: a name (Fargate needs nothing else).

#include "WizardForm.h"

class ClusterForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
public:
    explicit ClusterForm(QObject *parent = nullptr);
    Q_INVOKABLE void fillPractical();
    plan::Plan buildPlan() const override;

protected:
    QString validate(const QString &key) const override;
};
