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

// Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's
// days_from_civil), as QDate counts them.
qint64 daysFromCivil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return qint64(era) * 146097 + doe - 719468;
}

int daysInMonth(int y, int m)
{
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}

// The number written with Len decimal digits at s; false if one is not a
// digit. The length is a template argument so that each use is unrolled.
template <int Len, typename Ch> bool digits(const Ch *s, int &out)
{
    int v = 0;
    for (int k = 0; k < Len; ++k) {
        const unsigned c = unsigned(s[k]) - unsigned('0');
        if (c > 9)
            return false;
        v = v * 10 + int(c);
    }
    out = v;
    return true;
}

// The form every AWS service sends, "yyyy-MM-ddTHH:mm:ssZ" or
// "yyyy-MM-ddTHH:mm:ss.zzzZ", read directly: QDateTime::fromString (and the
// toDouble tried before it) cost a microsecond per timestamp, which added up
// to an eighth of a 1,000-interface DescribeNetworkInterfaces. Anything else
// (offsets, other fraction lengths, out-of-range fields) returns nullopt and
// goes the general way, so results are the same as QDateTime's.
template <typename Ch> std::optional<double> parseIsoFast(const Ch *s, qsizetype n)
{
    if (n != 20 && n != 24)
        return std::nullopt;
    int y, mo, d, h, mi, se, ms = 0;
    if (s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[n - 1] != 'Z')
        return std::nullopt;
    if (!digits<4>(s, y) || !digits<2>(s + 5, mo) || !digits<2>(s + 8, d) || !digits<2>(s + 11, h) ||
        !digits<2>(s + 14, mi) || !digits<2>(s + 17, se))
        return std::nullopt;
    if (n == 24 && (s[19] != '.' || !digits<3>(s + 20, ms)))
        return std::nullopt;
    if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 23 || mi > 59 || se > 59)
        return std::nullopt;
    const qint64 msecs = daysFromCivil(y, mo, d) * 86400000 + qint64(h) * 3600000 + qint64(mi) * 60000 +
                         qint64(se) * 1000 + ms;
    return static_cast<double>(msecs) / 1000.0;
}

} // namespace

std::optional<double> parse(QByteArrayView utf8)
{
    if (const auto fast = parseIsoFast(utf8.data(), utf8.size()))
        return fast;
    return parse(QString::fromUtf8(utf8));
}

std::optional<double> parse(const QString &raw)
{
    if (const auto fast = parseIsoFast(raw.utf16(), raw.size()))
        return fast;
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
