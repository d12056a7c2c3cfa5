#pragma once
// sha256 digests in the OCI form ("sha256:<64 hex>"), shared by the sources,
// the verifier and the upload code.

#include <QByteArray>
#include <QString>

namespace aws::registry {

/// "sha256:<hex>" of `data`.
QString sha256Digest(QByteArrayView data);
/// True for a well-formed "sha256:<64 lowercase hex>".
bool isSha256Digest(const QString &digest);
/// The hex part of a digest ("sha256:abc" → "abc").
QString digestHex(const QString &digest);

} // namespace aws::registry
