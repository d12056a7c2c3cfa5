#pragma once
// SHA-256 and HMAC-SHA256 through OpenSSL's libcrypto: several times faster
// than QCryptographicHash (SHA extensions / AVX2), and signing is mostly
// hashing. Internal to SigV4.

#include <QByteArray>
#include <QByteArrayView>

namespace aws::sigv4::detail {

/// Raw 32-byte SHA-256 of `data`.
QByteArray sha256(QByteArrayView data);
/// Raw 32-byte HMAC-SHA256 of `data` under `key` (RFC 2104).
QByteArray hmacSha256(QByteArrayView key, QByteArrayView data);
/// Append the lowercase hex of the SHA-256 / HMAC-SHA256 to `out`, with no
/// temporary arrays (signing one request used to build eight of them).
void appendSha256Hex(QByteArray &out, QByteArrayView data);
void appendHmacSha256Hex(QByteArray &out, QByteArrayView key, QByteArrayView data);

} // namespace aws::sigv4::detail
