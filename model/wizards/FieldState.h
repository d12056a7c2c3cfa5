#pragma once
// One form field as QML sees it: the value, the rule always shown beside it,
// and the error (empty when the value is acceptable). Every wizard form uses
// this one shape, so one QML field component serves all five wizards.

#include <QObject>
#include <QString>
#include <QVariant>
#include <QtQml/qqmlregistration.h>

struct FieldState {
    Q_GADGET
    QML_VALUE_TYPE(fieldState)
    Q_PROPERTY(QString key MEMBER key)
    Q_PROPERTY(QString label MEMBER label)
    Q_PROPERTY(QVariant value MEMBER value)
    Q_PROPERTY(QString error MEMBER error)
    Q_PROPERTY(QString rule MEMBER rule)
    Q_PROPERTY(bool ok READ ok)
public:
    QString key;
    QString label;
    QVariant value;
    QString error;
    QString rule;
    bool ok() const { return error.isEmpty(); }
    bool operator==(const FieldState &) const = default;
};
