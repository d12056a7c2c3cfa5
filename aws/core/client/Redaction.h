#pragma once
// What may appear in a log line. Authorization, X-Amz-Security-Token,
// X-Amz-Credential, X-Amz-Signature, secret keys, registry tokens and the
// model's `sensitive` members never do.

#include "../http/HttpMessage.h"
#include "../model/Shape.h"

#include <QJsonObject>
#include <QString>

namespace aws::redaction {

inline constexpr char kMask[] = "****";

/// Headers safe to print: secret-bearing values replaced by the mask.
HttpHeaders headers(const HttpHeaders &headers);
/// A path/query with X-Amz-Credential, X-Amz-Signature, X-Amz-Security-Token masked.
QByteArray pathAndQuery(const QByteArray &pathAndQuery);
/// A form-encoded or JSON body with sensitive members masked (by the shape).
QJsonObject params(const QJsonObject &params, const Shape *shape);
/// A request rendered for --debug traces, fully redacted.
QString request(const HttpRequest &request);
QString response(const HttpResponse &response);
/// Replaces any occurrence of `secret` (when non-empty) in `text`.
QString scrub(QString text, const QString &secret);

} // namespace aws::redaction
