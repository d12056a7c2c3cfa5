#pragma once
// The "Create database" wizard for RDS PostgreSQL, fields in the console's
// order with its defaults. Templates only preset fields; the student can
// still change each one. The password never leaves this object except as the
// MasterUserPassword parameter, which the plan marks sensitive.

#include "WizardForm.h"

class DatabaseForm : public WizardForm {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString passwordStrength READ passwordStrength NOTIFY fieldsChanged)
public:
    explicit DatabaseForm(QObject *parent = nullptr);

    /// "free", "devtest" or "production": presets class, storage, backups.
    Q_INVOKABLE void applyTemplate(const QString &name);
    Q_INVOKABLE void fillPractical();
    /// `postgresql://user:…@host:5432/db`; the password only when `reveal`.
    Q_INVOKABLE QString connectionUri(const QString &host, bool reveal) const;
    QString passwordStrength() const;

    plan::Plan buildPlan() const override;

protected:
    QString validate(const QString &key) const override;
};
