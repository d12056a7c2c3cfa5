#pragma once
// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto: several times faster
// than QCryptographicHash (SHA extensions / AVX2), and signing is mostly
// hashing. Internal to SigV4.

#include <QByteArray>
#include <QByteArrayView>

namespace aws::sigv4::detail {

inline constexpr qsizetype kSha256HexSize = 64;
/// The SHA-256 of nothing, which an empty body's hash always is.
inline constexpr QByteArrayView kEmptySha256Hex =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Raw 32-byte SHA-256 of `data`.
QByteArray sha256(QByteArrayView data);
/// Raw 32-byte HMAC-SHA256 of `data` under `key` (RFC 2104).
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
/// Append the lowercase hex of the SHA-256 / HMAC-SHA256 to `out`, with no
/// temporary arrays (signing one request used to build eight of them).
void appendSha256Hex(QByteArray &out, QByteArrayView data);
void appendHmacSha256Hex(QByteArray &out, QByteArrayView key, QByteArrayView data);
/// The lowercase hex SHA-256 of `data`, written to out[0..kSha256HexSize).
void sha256HexTo(QByteArrayView data, char *out);

} // namespace aws::sigv4::detail
