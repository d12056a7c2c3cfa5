#pragma once
// Timestamps on the wire. In our JSON values a timestamp is epoch seconds
// (a double); on the wire it is ISO 8601 (query/ec2 XML), epoch seconds
// (json) or RFC 822 (headers), unless a timestampFormat trait says otherwise.

#include <QByteArray>
#include <QString>
#include <optional>

namespace aws::timestamp {

/// Parses iso8601 ("2015-01-25T08:00:00Z", with or without fractions or an
/// offset), rfc822 ("Sun, 25 Jan 2015 08:00:00 GMT") or epoch seconds
/// ("1422172800" / "1422172800.123"). Returns epoch seconds.
std::optional<double> parse(const QString &text);
/// The same for UTF-8 text (an XML element's bytes): the usual
/// "2015-01-25T08:00:00Z" / "…00.000Z" forms are read without a QString.
std::optional<double> parse(QByteArrayView utf8);

QString toIso8601(double epochSeconds);     ///< 2015-01-25T08:00:00Z (fraction kept when present)
QString toRfc822(double epochSeconds);      ///< Sun, 25 Jan 2015 08:00:00 GMT
QString toEpochString(double epochSeconds); ///< 1422172800 or 1422172800.5

/// Formats for the wire according to a timestampFormat trait
/// ("iso8601", "rfc822", "unixTimestamp"); `fallback` is the protocol default.
QString format(double epochSeconds, const QString &trait, const QString &fallback);

} // namespace aws::timestamp
