#pragma once
// The "Create task definition" wizard for Fargate with one container (the
// practical's shape): family, task size from the valid Fargate pairs only,
// LabRole as execution role on a Learner Lab account, image, port, the
// environment and awslogs. The JSON view round-trips through toJson/fromJson.

#include "WizardForm.h"

class TaskDefinitionForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList taskSizes READ taskSizes CONSTANT)
public:
    explicit TaskDefinitionForm(QObject *parent = nullptr);

    /// Every valid Fargate (cpu, memory) pair as {cpu, memory, label}.
    static QVariantList taskSizes();
    Q_INVOKABLE void setEnv(const QString &name, const QString &value);
    Q_INVOKABLE void fillPractical(const QString &image, const QString &roleArn, const QString &databaseUri,
                                   const QString &region);
    /// The RegisterTaskDefinition input as the editable JSON view shows it.
    Q_INVOKABLE QString toJson() const;
    /// Loads an edited JSON view back into the fields; returns "" or the error.
    Q_INVOKABLE QString fromJson(const QString &json);

    plan::Plan buildPlan() const override;

protected:
    QString validate(const QString &key) const override;

private:
    QJsonObject registerInput() const;
};
