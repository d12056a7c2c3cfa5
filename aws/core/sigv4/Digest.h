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

} // namespace aws::sigv4::detail
