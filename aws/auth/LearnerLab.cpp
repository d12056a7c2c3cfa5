#include "LearnerLab.h"

#include <QRegularExpression>

namespace aws::auth::learnerlab {

bool isLearnerLabArn(QStringView arn)
{
    // The partition is matched loosely (aws, aws-us-gov, …) but the role name
    // exactly: voclabs is what Vocareum's Learner Lab assumes for students.
    static const QRegularExpression re(
        QStringLiteral("^arn:aws[a-z-]*:sts::[0-9]{12}:assumed-role/voclabs/[^/]+$"));
    return re.match(arn.toString()).hasMatch();
}

QStringList allowedRegions()
{
    return {QStringLiteral("us-east-1"), QStringLiteral("us-west-2")};
}

bool isAllowedRegion(QStringView region)
{
    return region == u"us-east-1" || region == u"us-west-2";
}

QString defaultRegion()
{
    return QStringLiteral("us-east-1");
}

QDateTime estimatedSessionEnd(const QDateTime &pastedAt)
{
    return pastedAt.isValid() ? pastedAt.addSecs(kSessionSeconds) : QDateTime();
}

qint64 estimatedSecondsLeft(const QDateTime &pastedAt, const QDateTime &now)
{
    if (!pastedAt.isValid() || !now.isValid())
        return -1;
    return qMax<qint64>(0, now.secsTo(estimatedSessionEnd(pastedAt)));
}

QString timeLeftText(const QDateTime &pastedAt, const QDateTime &now)
{
    const qint64 left = estimatedSecondsLeft(pastedAt, now);
    if (left < 0)
        return {};
    if (left == 0)
        return QStringLiteral("probably ended (estimate)");
    const qint64 minutes = (left + 59) / 60;
    if (minutes < 60)
        return QStringLiteral("about %1 min left (estimate)").arg(minutes);
    return QStringLiteral("about %1 h %2 min left (estimate)").arg(minutes / 60).arg(minutes % 60);
}

} // namespace aws::auth::learnerlab
