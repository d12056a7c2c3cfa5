#pragma once
// Form-encoded parameters of the query and ec2 protocols
// (Action=…&Version=…&Foo.member.1=…), in both directions.

#include "../model/Shape.h"
#include "QueryFlavor.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace aws::query {

using FormPairs = QList<QPair<QString, QString>>;

/// Flattens a structure value into key/value pairs under `prefix` (empty at
/// the top). Idempotency-token members that are absent get a fresh UUID.
void encodeStructure(FormPairs &out, const Shape &shape, const QJsonObject &value, const QString &prefix,
                     QueryFlavor flavor);

/// application/x-www-form-urlencoded, percent-encoding all but A-Z a-z 0-9 - _ . ~
QByteArray formEncode(const FormPairs &pairs);
/// The reverse; '+' is read as a space as HTML forms send it.
FormPairs formDecode(const QByteArray &body);

/// Rebuilds a structure value from the pairs, typed by `shape`. Returns
/// nullopt and a message naming the parameter when a value is malformed.
std::optional<QJsonObject> decodeStructure(const FormPairs &pairs, const Shape &shape, QueryFlavor flavor,
                                           QString *error);

} // namespace aws::query
