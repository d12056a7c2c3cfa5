#pragma once
// The "Create security group" wizard: name, description, VPC and inbound
// rules, in the console's order. Outbound stays the console's default
// (all traffic allowed), so the plan has no egress call.

#include "WizardForm.h"

class SecurityGroupForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantList inboundRules READ inboundRules NOTIFY fieldsChanged)
public:
    explicit SecurityGroupForm(QObject *parent = nullptr);

    QVariantList inboundRules() const { return m_rules; }
    /// Quick choices: "postgres" (5432), "http" (80), "custom" (TCP, empty port).
    Q_INVOKABLE void addQuickRule(const QString &kind);
    Q_INVOKABLE void setRule(int row, const QString &member, const QVariant &value);
    Q_INVOKABLE void removeRule(int row);
    /// The error of one inbound rule row, "" when fine.
    Q_INVOKABLE QString ruleError(int row) const;
    /// The practical's database group (taskoverflow_database, 5432 from anywhere).
    Q_INVOKABLE void fillPractical();

    plan::Plan buildPlan() const override;
    /// Whether a rule's source names a security group rather than an address range.
    static bool isGroupSource(const QString &source);

protected:
    QString validate(const QString &key) const override;

private:
    QVariantList m_rules; // {protocol, fromPort, toPort, cidr, description}
};
