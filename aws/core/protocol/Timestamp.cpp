#include "Timestamp.h"

#include <QDateTime>
#include <QLocale>
#include <QRegularExpression>
#include <QTimeZone>
#include <cmath>

namespace aws::timestamp {

namespace {

QDateTime fromEpoch(double s)
{
    const qint64 ms = static_cast<qint64>(std::llround(s * 1000.0));
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC);
}

double toEpoch(const QDateTime &dt)
{
    return static_cast<double>(dt.toMSecsSinceEpoch()) / 1000.0;
}

} // namespace

std::optional<double> parse(const QString &raw)
{
    const QString text = raw.trimmed();
    if (text.isEmpty())
        return std::nullopt;
    bool ok = false;
    const double n = text.toDouble(&ok);
    if (ok)
        return n;
    // ISO 8601: Qt::ISODateWithMs accepts fractions and offsets.
    QDateTime dt = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dt.isValid())
        dt = QDateTime::fromString(text, Qt::ISODate);
    if (dt.isValid()) {
        if (dt.timeSpec() == Qt::LocalTime)
            dt.setTimeSpec(Qt::UTC);
        return toEpoch(dt);
    }
    // RFC 822 / 1123, always in English.
    QString t = text;
    if (t.endsWith(u" GMT") || t.endsWith(u" UTC"))
        t.chop(4);
    dt = QLocale::c().toDateTime(t, QStringLiteral("ddd, dd MMM yyyy HH:mm:ss"));
    if (!dt.isValid())
        dt = QLocale::c().toDateTime(t, QStringLiteral("ddd, d MMM yyyy HH:mm:ss"));
    if (dt.isValid()) {
        dt.setTimeSpec(Qt::UTC);
        return toEpoch(dt);
    }
    return std::nullopt;
}

QString toIso8601(double s)
{
    const QDateTime dt = fromEpoch(s);
    const bool hasFraction = std::fabs(s - std::floor(s)) > 1e-9;
    return dt.toString(hasFraction ? QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ")
                                   : QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"));
}

QString toRfc822(double s)
{
    return QLocale::c().toString(fromEpoch(s), QStringLiteral("ddd, dd MMM yyyy HH:mm:ss")) +
           QStringLiteral(" GMT");
}

QString toEpochString(double s)
{
    if (std::fabs(s - std::floor(s)) < 1e-9)
        return QString::number(static_cast<qint64>(std::floor(s)));
    return QString::number(s, 'f', 3).remove(QRegularExpression(QStringLiteral("0+$")));
}

QString format(double s, const QString &trait, const QString &fallback)
{
    const QString f = trait.isEmpty() ? fallback : trait;
    if (f == u"rfc822")
        return toRfc822(s);
    if (f == u"unixTimestamp")
        return toEpochString(s);
    return toIso8601(s);
}

} // namespace aws::timestamp
