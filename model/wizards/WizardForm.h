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
    /// The field keys in console order; fixed once the form is built, so a
    /// view repeats over these and keeps its editors (and focus) while values change.
    Q_PROPERTY(QStringList keys READ keys CONSTANT)
    Q_PROPERTY(bool valid READ isValid NOTIFY fieldsChanged)
    Q_PROPERTY(QString attention READ attention NOTIFY fieldsChanged)
    Q_PROPERTY(QString page READ page NOTIFY pageChanged)
public:
    explicit WizardForm(QObject *parent = nullptr);

    Q_INVOKABLE FieldState field(const QString &key) const;
    Q_INVOKABLE QVariant value(const QString &key) const;
    /// Sets a field. Text typed into a list field ("a, b") or a map field
    /// ("NAME=value" lines) becomes that list or map.
    Q_INVOKABLE void setValue(const QString &key, const QVariant &value);
    /// Adds or removes one entry of a list field (a subnet, a security group).
    Q_INVOKABLE void toggleListValue(const QString &key, const QString &entry, bool on);
    /// A field's value as its editor shows it: a list as "a, b", a map as NAME=value lines.
    Q_INVOKABLE QString text(const QString &key) const;
    /// What the account offers for `key`, as {value, label} maps (see FieldState::choices).
    void setChoices(const QString &key, const QVariantList &choices);
    Q_INVOKABLE void next();
    Q_INVOKABLE void back();

    QVariantList fieldList() const;
    QStringList keys() const;
    bool isValid() const;
    /// "2 fields need attention: Master password, Storage" or "" when valid.
    QString attention() const;
    QString page() const { return m_page; }
    /// "form", "review" or "progress" (set by whoever runs the plan).
    void setPage(const QString &page);

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
