#pragma once
// Shared between the simulated CloudWatch Logs' groups and streams
// (LogsSim.cpp) and its event reading (LogsEvents.cpp).

#include "SimContext.h"

namespace aws::sandbox::logs {

AwsError invalidParameter(const QString &message);
AwsError groupNotFound();
AwsError streamNotFound();

/// The group a call addresses (logGroupName, or logGroupIdentifier as a
/// name or ARN) when it exists, else ResourceNotFoundException.
std::variant<QString, AwsError> existingGroup(const SimContext &ctx, const QJsonObject &params);

/// "group\nstream", the logStreams table's key.
QString streamKey(const QString &group, const QString &stream);
/// The logStreams keys of one group's streams, by stream name.
QStringList streamKeys(const SimState &state, const QString &group);
/// A stream's events (timestamp, message, ingestionTime), oldest first.
QList<QJsonObject> eventsOf(const QJsonObject &stream);
/// What AWS counts for an event against the 1 MB response limit.
qint64 eventBytes(const QJsonObject &event);

CallResult getLogEvents(SimContext &ctx, const QJsonObject &params);
CallResult filterLogEvents(SimContext &ctx, const QJsonObject &params);

} // namespace aws::sandbox::logs
