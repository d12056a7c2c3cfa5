#pragma once
// Facts about the AWS Academy Learner Lab that the app adapts to: how to
// recognise its role, which regions it allows, and how long a pasted block
// probably lasts (about four hours; AWS does not tell us, so it is an estimate).

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QStringView>

namespace aws::auth::learnerlab {

/// The lab's session length: the estimate starts when the block is pasted.
inline constexpr qint64 kSessionSeconds = qint64(4) * 60 * 60;

/// True for the ARN GetCallerIdentity returns in a Learner Lab:
/// `arn:aws:sts::<account>:assumed-role/voclabs/<user>`.
bool isLearnerLabArn(QStringView arn);

/// us-east-1 (the default) and us-west-2.
QStringList allowedRegions();
bool isAllowedRegion(QStringView region);
QString defaultRegion();

/// When the session probably ends; invalid if `pastedAt` is.
QDateTime estimatedSessionEnd(const QDateTime &pastedAt);
/// Seconds probably left (0 when over, -1 when unknown).
qint64 estimatedSecondsLeft(const QDateTime &pastedAt, const QDateTime &now);
/// "about 3 h 20 min left (estimate)", "probably ended (estimate)", or empty when unknown.
QString timeLeftText(const QDateTime &pastedAt, const QDateTime &now);

} // namespace aws::auth::learnerlab
