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
/// A stream record keeps its events in "_events" as one flat array, three
/// values per event: timestamp, ingestionTime, message. One object per event
/// took 2.4 times the memory (21 MB for the `large` scenario's ~60,000
/// events). State files keep one object per event: see streamToFile.
void appendEvent(QJsonObject &stream, qint64 timestamp, qint64 ingestionTime, const QString &message,
                 int keepAtMost);
/// A stream's events (timestamp, message, ingestionTime), oldest first.
QList<QJsonObject> eventsOf(const QJsonObject &stream);
/// The stream as a state file holds it: "_events" as objects
/// {timestamp, message, ingestionTime}, readable and stable across versions.
QJsonObject streamToFile(const QJsonObject &stream);
/// Back from the state file's form; an event that is not an object with a
/// message fails with the reason.
std::optional<QJsonObject> streamFromFile(const QJsonObject &stream, QString *why);
/// What AWS counts for an event against the 1 MB response limit.
qint64 eventBytes(const QJsonObject &event);

CallResult getLogEvents(SimContext &ctx, const QJsonObject &params);
CallResult filterLogEvents(SimContext &ctx, const QJsonObject &params);

} // namespace aws::sandbox::logs
