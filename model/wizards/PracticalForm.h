#pragma once
// The TaskOverflow preset as a form: everything comes from the practical,
// so the student only names the stack and chooses the database password
// (with confirm). Its plan is the combined practical plan of model/plan.

#include "WizardForm.h"

class PracticalForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString passwordStrength READ passwordStrength NOTIFY fieldsChanged)
    /// One line per thing the preset creates, for the page that offers it.
    Q_PROPERTY(QStringList summary READ summary CONSTANT)
public:
    explicit PracticalForm(QObject *parent = nullptr);

    /// The account's LabRole, region and default subnets (from FormChoices).
    void setAccount(const QString &labRoleArn, const QString &region, const QStringList &subnets);
    QString passwordStrength() const;
    static QStringList summary();

    plan::Plan buildPlan() const override;

protected:
    QString validate(const QString &key) const override;

private:
    QString m_labRoleArn;
    QString m_region = QStringLiteral("us-east-1");
    QStringList m_subnets;
};
