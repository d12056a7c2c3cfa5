#pragma once
// Helpers for the JSON protocol tests: the test vectors' value conventions
// turned into ours, and a JSON comparison that says where two values differ.

#include "model/ServiceModel.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>

namespace jsontest {

/// The vectors give blobs as their decoded bytes; our values carry base64.
/// Walks `value` along `ref` and encodes every blob.
QJsonValue vectorToOurs(const QJsonValue &value, const aws::ShapeRef &ref);
QJsonObject vectorToOurs(const QJsonObject &value, const aws::Shape *shape);

/// Empty when `actual` and `expected` are the same JSON value (numbers
/// compared as numbers, integers exactly); otherwise where and how they differ.
QString jsonDifference(const QJsonValue &actual, const QJsonValue &expected, const QString &path = QString());

/// Loads models/<service>/service-2.json from the conformance dir (cached).
std::shared_ptr<const aws::ServiceModel> realModel(const QString &service);

} // namespace jsontest
