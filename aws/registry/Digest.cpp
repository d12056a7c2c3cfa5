#include "Digest.h"

#include <QRegularExpression>
#include <openssl/evp.h>

namespace aws::registry {

namespace {

// Fetched once: EVP_sha256() would look the implementation up on every init.
const EVP_MD *sha256Md()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

} // namespace

Sha256::Sha256()
    : m_ctx(EVP_MD_CTX_new())
{
    EVP_DigestInit_ex(m_ctx, sha256Md(), nullptr);
}

Sha256::~Sha256()
{
    EVP_MD_CTX_free(m_ctx);
}

void Sha256::add(QByteArrayView data)
{
    if (!data.isEmpty())
        EVP_DigestUpdate(m_ctx, data.data(), size_t(data.size()));
}

QString Sha256::digest()
{
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_DigestFinal_ex(m_ctx, out, &len);
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(out), int(len)).toHex());
}

QString sha256Digest(QByteArrayView data)
{
    Sha256 h;
    h.add(data);
    return h.digest();
}

bool isSha256Digest(const QString &digest)
{
    static const QRegularExpression re(QStringLiteral("^sha256:[0-9a-f]{64}$"));
    return re.match(digest).hasMatch();
}

QString digestHex(const QString &digest)
{
    const qsizetype colon = digest.indexOf(u':');
    return colon < 0 ? digest : digest.mid(colon + 1);
}

} // namespace aws::registry
