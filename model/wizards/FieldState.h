#pragma once
// One form field as QML sees it: the value, the rule always shown beside it,
// and the error (empty when the value is acceptable). Every wizard form uses
// this one shape, so one QML field component serves all five wizards.

#include <QObject>
#include <QString>
#include <QVariant>
#include <QVariantList>
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
    Q_PROPERTY(QVariantList choices MEMBER choices)
    Q_PROPERTY(QString kind READ kind)
public:
    QString key;
    QString label;
    QVariant value;
    QString error;
    QString rule;
    /// What the account offers for this field, as {value, label} maps (engine
    /// versions, roles, subnets…); empty = free text only.
    QVariantList choices;
    bool ok() const { return error.isEmpty(); }
    /// Which editor fits the value: "bool", "number", "list" (several
    /// strings), "map" (NAME=value lines), "text", or "none" (a field that
    /// only carries a rule for editors of its own, like inbound rules).
    QString kind() const
    {
        switch (value.typeId()) {
        case QMetaType::UnknownType:
            return QStringLiteral("none");
        case QMetaType::Bool:
            return QStringLiteral("bool");
        case QMetaType::Int:
        case QMetaType::LongLong:
        case QMetaType::Double:
            return QStringLiteral("number");
        case QMetaType::QStringList:
            return QStringLiteral("list");
        case QMetaType::QVariantMap:
            return QStringLiteral("map");
        default:
            return QStringLiteral("text");
        }
    }
    bool operator==(const FieldState &) const = default;
};
