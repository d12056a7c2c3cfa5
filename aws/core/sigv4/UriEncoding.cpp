#include "UriEncoding.h"

#include "Digest.h"
#include <QVarLengthArray>

#include <chrono>

namespace aws::sigv4::detail {

QByteArray uriEncode(QByteArrayView in, bool keepSlash)
{
    QByteArray out;
    out.reserve(in.size() + in.size() / 2);
    appendUriEncoded(out, in, keepSlash);
    return out;
}

static int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArray percentDecode(QByteArrayView in)
{
    if (!in.contains('%'))
        return in.toByteArray();
    QByteArray out;
    out.reserve(in.size());
    for (qsizetype i = 0; i < in.size(); ++i) {
        if (in[i] == '%' && i + 2 < in.size()) {
            const int hi = hexValue(in[i + 1]), lo = hexValue(in[i + 2]);
            if (hi >= 0 && lo >= 0) {
                out.append(char(hi * 16 + lo));
                i += 2;
                continue;
            }
        }
        out.append(in[i]);
    }
    return out;
}

QByteArray normalizePath(QByteArrayView path)
{
    // Segments are views into `path`; at most one per '/', so a small stack buffer suffices usually.
    QVarLengthArray<QByteArrayView, 16> segments;
    qsizetype start = 0;
    while (start <= path.size()) {
        qsizetype end = path.indexOf('/', start);
        if (end < 0)
            end = path.size();
        const QByteArrayView seg = path.sliced(start, end - start);
        if (seg == "..") {
            if (!segments.isEmpty())
                segments.removeLast();
        } else if (!seg.isEmpty() && seg != ".") {
            segments.append(seg);
        }
        start = end + 1;
    }
    QByteArray out;
    out.reserve(path.size() + 1);
    for (const QByteArrayView &seg : segments) {
        out.append('/');
        out.append(seg);
    }
    // A trailing '/' is meaningful (a "directory"), except when the path is just "/".
    if (out.isEmpty() || path.endsWith('/'))
        out.append('/');
    return out;
}

AmzTime amzTime(const QDateTime &time)
{
    // From the epoch milliseconds, with the C++ calendar: QDateTime::date()
    // and time() would each convert the instant again.
    using namespace std::chrono;
    const sys_time<milliseconds> t{milliseconds(time.toMSecsSinceEpoch())};
    const sys_days day = floor<days>(t);
    const year_month_day d{day};
    const hh_mm_ss<seconds> hms{floor<seconds>(t - day)};
    AmzTime out;
    auto put = [&](int pos, int value, int digits) {
        for (int i = digits - 1; i >= 0; --i) {
            out.stamp[pos + i] = char('0' + value % 10);
            value /= 10;
        }
    };
    put(0, int(d.year()), 4);
    put(4, int(unsigned(d.month())), 2);
    put(6, int(unsigned(d.day())), 2);
    out.stamp[8] = 'T';
    put(9, int(hms.hours().count()), 2);
    put(11, int(hms.minutes().count()), 2);
    put(13, int(hms.seconds().count()), 2);
    out.stamp[15] = 'Z';
    out.stamp[16] = '\0';
    return out;
}

QDateTime parseAmzDate(QByteArrayView s)
{
    if (s.size() != 16 || s[8] != 'T' || s[15] != 'Z')
        return {};
    int v[6] = {};
    const int pos[6] = {0, 4, 6, 9, 11, 13};
    const int len[6] = {4, 2, 2, 2, 2, 2};
    for (int f = 0; f < 6; ++f) {
        for (int i = 0; i < len[f]; ++i) {
            const char c = s[pos[f] + i];
            if (c < '0' || c > '9')
                return {};
            v[f] = v[f] * 10 + (c - '0');
        }
    }
    const QDate date(v[0], v[1], v[2]);
    const QTime time(v[3], v[4], v[5]);
    if (!date.isValid() || !time.isValid())
        return {};
    return QDateTime(date, time, Qt::UTC);
}

QByteArray sha256Hex(QByteArrayView data)
{
    if (data.isEmpty())
        return QByteArray::fromRawData(kEmptySha256Hex.data(), kEmptySha256Hex.size()); // static, never freed
    QByteArray out;
    out.reserve(64);
    appendSha256Hex(out, data);
    return out;
}

} // namespace aws::sigv4::detail
