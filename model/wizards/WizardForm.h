#pragma once
// Base of the wizard form models: keeps the fields in console order,
// revalidates a field as it is typed, says what still needs attention, and
// names the page QML must show (steps are decided here, not in QML).

#include "FieldState.h"
#include <optional>

#include "Plan.h"

#include <QObject>
#include <QStringList>
#include <QVariantList>
#include <QtQml/qqmlregistration.h>

class WizardForm : public QObject {
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("WizardForm is the base of the wizard forms")
    Q_PROPERTY(QVariantList fields READ fieldList NOTIFY fieldsChanged)
    Q_PROPERTY(bool valid READ isValid NOTIFY fieldsChanged)
    Q_PROPERTY(QString attention READ attention NOTIFY fieldsChanged)
    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
    Q_PROPERTY(QStringList planLines READ planLines NOTIFY fieldsChanged)
public:
    explicit WizardForm(QObject *parent = nullptr);

    Q_INVOKABLE FieldState field(const QString &key) const;
    Q_INVOKABLE QVariant value(const QString &key) const;
    Q_INVOKABLE void setValue(const QString &key, const QVariant &value);
    Q_INVOKABLE void next();
    Q_INVOKABLE void back();

    QVariantList fieldList() const;
    bool isValid() const;
    /// "2 fields need attention: Master password, Storage" or "" when valid.
    QString attention() const;
    QString page() const { return m_page; }
    /// The plan as one line per API call, secrets masked (review page).
    QStringList planLines() const;

    virtual plan::Plan buildPlan() const = 0;

signals:
    void fieldsChanged();
    void pageChanged();

protected:
    void addField(const QString &key, const QString &label, const QVariant &initial, const QString &rule);
    /// Returns the error text for `key` given the current values.
    virtual QString validate(const QString &key) const = 0;
    void revalidateAll();

private:
    QList<FieldState> m_fields;
    QString m_page = QStringLiteral("form");
};
