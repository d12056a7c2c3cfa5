#pragma once
// sha256 digests in the OCI form ("sha256:<64 hex>"), shared by the sources,
// the verifier and the upload code. Hashing goes through OpenSSL's libcrypto
// (SHA extensions: ~1.7 GB/s here, several times QCryptographicHash), since
// every layer byte is hashed at least once on its way to the registry.

#include <QByteArray>
#include <QString>

struct evp_md_ctx_st;

namespace aws::registry {

/// "sha256:<hex>" of `data`.
QString sha256Digest(QByteArrayView data);
/// True for a well-formed "sha256:<64 lowercase hex>".
bool isSha256Digest(const QString &digest);
/// The hex part of a digest ("sha256:abc" → "abc").
QString digestHex(const QString &digest);

/// A streaming SHA-256: add() the bytes in order, then digest() once.
class Sha256 {
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(QByteArrayView data);
    void add(const char *data, qint64 size) { add(QByteArrayView(data, size)); }
    /// "sha256:<hex>"; ends the hash (add() after it is an error).
    QString digest();

private:
    evp_md_ctx_st *m_ctx;
};

} // namespace aws::registry
