#pragma once
// Helpers shared by the query/ec2 protocol tests: loading AWS's test vectors
// and models, converting the vectors' value conventions to ours, and
// comparing values with a readable report of the first difference.

#include "model/ServiceModel.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>
#include <memory>

namespace xmltest {

/// A protocol test file (array of suites), cached per path.
QJsonArray suites(const QString &relativePath);

/// Why botocore skips a case, or an empty string when it does not.
/// `direction` is "input" or "output"; `caseId` may be empty (legacy cases).
QString ignoreReason(const QString &protocol, const QString &direction, const QString &suiteDescription,
                     const QString &caseId);

/// The one-operation model of a suite case.
std::shared_ptr<const aws::ServiceModel> suiteModel(const QJsonObject &suite, const QJsonObject &given,
                                                    QString *error);

/// models/<service>/service-2.json with service-2.sdk-extras.json merged in.
std::shared_ptr<const aws::ServiceModel> realModel(const QString &service, QString *error);

/// The vectors give blobs as decoded text; ours are base64.
QJsonValue blobsToBase64(const aws::ShapeRef &ref, const QJsonValue &value);
/// The real-response files keep timestamps as the raw strings; ours are
/// epoch seconds. Also converts blobs.
QJsonValue rawTimestampsToEpoch(const aws::ShapeRef &ref, const QJsonValue &value);

/// Empty when equal; otherwise the path and both values of the first
/// difference. Numbers compare with a relative tolerance of 1e-9.
QString diff(const QJsonValue &expected, const QJsonValue &actual, const QString &path = QStringLiteral("$"));

/// The `key=value` segments of a form body, sorted (order is not part of
/// the protocol: botocore serializes in parameter order, we in model order).
QStringList formSegments(const QByteArray &body);

/// A ShapeRef to a top-level shape (for converting whole outputs).
aws::ShapeRef refTo(const aws::Shape *shape);

} // namespace xmltest
