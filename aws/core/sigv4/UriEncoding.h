#pragma once
// Internal helpers for SigV4: URI encoding as AWS defines it (RFC 3986
// unreserved characters stay, everything else is uppercase %XX), path
// normalization and the X-Amz-Date format. Not part of the public API.

#include <QByteArray>
#include <QDateTime>

namespace aws::sigv4::detail {

inline bool isUnreserved(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == '~';
}

/// Appends `in` to `out` with every byte except unreserved ones (and '/'
/// when keepSlash) written as uppercase %XX. `out` is anything with
/// append(char) and append(QByteArrayView): a QByteArray, or the signer's
/// stack buffer.
template <class Out> void appendUriEncoded(Out &out, QByteArrayView in, bool keepSlash)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    for (const char ch : in) {
        const auto c = static_cast<unsigned char>(ch);
        if (isUnreserved(c) || (keepSlash && c == '/')) {
            out.append(ch);
        } else {
            const char esc[3] = {'%', hex[c >> 4], hex[c & 0xF]};
            out.append(QByteArrayView(esc, 3));
        }
    }
}
QByteArray uriEncode(QByteArrayView in, bool keepSlash = false);
/// %XX -> byte; invalid escapes stay as they are; '+' is left alone.
QByteArray percentDecode(QByteArrayView in);
/// Removes "." and ".." segments and merges repeated '/'; keeps a trailing '/'.
QByteArray normalizePath(QByteArrayView path);

/// "20150830T123600Z" and "20150830" from a time (converted to UTC).
struct AmzTime {
    char stamp[17]; ///< yyyyMMddThhmmssZ + NUL
    QByteArrayView dateTime() const { return QByteArrayView(stamp, 16); }
    QByteArrayView date() const { return QByteArrayView(stamp, 8); }
};
AmzTime amzTime(const QDateTime &time);
/// Parses "yyyyMMddThhmmssZ"; invalid QDateTime on error.
QDateTime parseAmzDate(QByteArrayView s);

/// Lowercase hex SHA-256 of `data`.
QByteArray sha256Hex(QByteArrayView data);

} // namespace aws::sigv4::detail
