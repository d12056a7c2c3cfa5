#pragma once
// The Images area's words and addresses, as pure functions: image URIs, the
// push commands the ECR console shows, sizes and times, and AWS or registry
// failures explained with what to do next. Kept free of Qt Quick so the
// tests read them directly.

#include "AwsError.h"

#include <QString>
#include <QStringList>

namespace ecr {

/// "123456789012.dkr.ecr.us-east-1.amazonaws.com"
QString registryHost(const QString &accountId, const QString &region);
/// "<registry>/<repository>:<tag>"
QString imageUri(const QString &accountId, const QString &region, const QString &repository,
                 const QString &tag);
/// The four lines the ECR console's "View push commands" shows for a repository.
QStringList pushCommands(const QString &accountId, const QString &region, const QString &repository);

/// The rules shown beside the fields, always.
QString repositoryNameRule();
QString tagRule();
/// Empty when acceptable; otherwise what is wrong, in words.
QString checkRepositoryName(const QString &name);
QString checkTag(const QString &tag);

/// "1 image", "3 images" (the English plural; no translations are shipped yet).
QString count(qint64 n, const QString &one, const QString &many);
/// "0 B", "12.3 KB", "48.2 MB" (decimal units, as the ECR console shows sizes).
QString bytesText(qint64 bytes);
/// "about 12 s", "about 3 min", "about 1 h 5 min".
QString durationText(qint64 seconds);
/// "12.3 MB of 50.0 MB · 4.1 MB/s · about 9 s left"
QString progressText(qint64 done, qint64 total, double bytesPerSecond);

/// An AWS failure while doing `action` ("create the repository"), in plain
/// words and with what to do.
QString explainAwsError(const aws::AwsError &error, const QString &action);
/// A push failure (registry, network, source) with what to do.
QString explainPushError(const QString &error);
/// A source that could not be read, with what to choose instead.
QString explainSourceError(const QString &error);

} // namespace ecr
