#pragma once
// Reads JSON text straight into our values, in one pass, typed by a shape
// when one is given (client side: responses and error bodies), building the
// QJsonObject in Qt's own storage through ValueTree.
//
// The grammar, the errors and their offsets are QJsonDocument::fromJson's
// (Qt 6.4's qjsonparser.cpp, rule for rule), so malformed text fails with
// the QJsonParseError fromJson would report.
//
// With a shape, values follow botocore's lenient reading: timestamps sent as
// strings become epoch seconds, members outside the model ("__type", those
// of a newer API version) and nulls in structures, lists and maps are
// dropped, values of an unexpected type are kept as they are. Without one
// (and inside documents) the result equals fromJson's.

#include "../model/Shape.h"

#include <QByteArrayView>
#include <QJsonObject>
#include <QJsonParseError>
#include <optional>

namespace aws::json {

/// The object `json` holds, read as the structure `shape` (nullptr: as is).
/// On malformed text, nullopt with `error` set as fromJson sets it; when the
/// text is well formed but holds no object (an array), nullopt with
/// `error->error` NoError.
std::optional<QJsonObject> parseObject(QByteArrayView json, const Shape *shape, QJsonParseError *error);

} // namespace aws::json
