#pragma once
// The AWS event stream framing (application/vnd.amazon.eventstream) that
// JSON 1.1 operations with an eventstream output use (CloudWatch Logs
// StartLiveTail). Each message: total length, headers length, prelude CRC,
// headers, payload, message CRC (all big-endian, CRC-32).

#include "../model/Shape.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <optional>

namespace aws::json {

struct EventMessage {
    QHash<QString, QString> headers; ///< string-valued headers (":event-type", ":message-type", …)
    QByteArray payload;
};

/// Splits a whole event stream body into messages; nullopt (and `error`)
/// when the framing or a CRC is wrong.
std::optional<QList<EventMessage>> decodeEventStream(const QByteArray &body, QString *error = nullptr);

/// Turns a decoded stream into our value for an output whose member
/// `streamMember` is the event stream: the initial-response members merged
/// into the output, the events as a list of {"EventName": {...}}.
/// Returns false with `error` set on an exception event or bad JSON.
bool eventStreamToOutput(const QList<EventMessage> &messages, const Shape &outputShape,
                         const ShapeRef &streamMember, QJsonObject &output, QString *errorCode,
                         QString *errorMessage);

} // namespace aws::json
