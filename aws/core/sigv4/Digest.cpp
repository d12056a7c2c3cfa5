// One EVP_MD fetched once and one digest context per thread, so a hash costs
// no provider lookup and no allocation beyond the result. HMAC is written
// out over SHA-256 because OpenSSL 3's one-shot HMAC() fetches per call.

#include "Digest.h"

#include <openssl/evp.h>

#include <cstring>

namespace aws::sigv4::detail {
namespace {

constexpr int kDigestSize = 32;
constexpr int kBlockSize = 64;

// Explicitly fetched: EVP_sha256() would make every DigestInit look the
// implementation up again under the provider store's lock.
const EVP_MD *sha256Md()
{
    static EVP_MD *md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
    return md;
}

struct Ctx {
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
};

EVP_MD_CTX *threadCtx()
{
    thread_local Ctx c;
    return c.ctx;
}

// Hashes a then b into out (kDigestSize bytes).
void digest2(QByteArrayView a, QByteArrayView b, unsigned char *out)
{
    EVP_MD_CTX *ctx = threadCtx();
    EVP_DigestInit_ex(ctx, sha256Md(), nullptr);
    EVP_DigestUpdate(ctx, a.data(), size_t(a.size()));
    if (!b.isEmpty())
        EVP_DigestUpdate(ctx, b.data(), size_t(b.size()));
    unsigned int len = 0;
    EVP_DigestFinal_ex(ctx, out, &len);
}

void hmac(QByteArrayView key, QByteArrayView data, unsigned char *out)
{
    unsigned char k[kBlockSize] = {};
    if (key.size() > kBlockSize)
        digest2(key, {}, k);
    else if (!key.isEmpty())
        std::memcpy(k, key.data(), size_t(key.size()));

    unsigned char pad[kBlockSize];
    for (int i = 0; i < kBlockSize; ++i)
        pad[i] = k[i] ^ 0x36;
    unsigned char inner[kDigestSize];
    digest2(QByteArrayView(pad, kBlockSize), data, inner);

    for (int i = 0; i < kBlockSize; ++i)
        pad[i] = k[i] ^ 0x5c;
    digest2(QByteArrayView(pad, kBlockSize), QByteArrayView(inner, kDigestSize), out);
}

void hexTo(const unsigned char *digest, char *p)
{
    static constexpr char kHex[] = "0123456789abcdef";
    for (int i = 0; i < kDigestSize; ++i) {
        *p++ = kHex[digest[i] >> 4];
        *p++ = kHex[digest[i] & 0xf];
    }
}

void appendHex(QByteArray &out, const unsigned char *digest)
{
    const qsizetype at = out.size();
    out.resize(at + 2 * kDigestSize);
    hexTo(digest, out.data() + at);
}

} // namespace

void appendSha256Hex(QByteArray &out, QByteArrayView data)
{
    unsigned char d[kDigestSize];
    digest2(data, {}, d);
    appendHex(out, d);
}

void sha256HexTo(QByteArrayView data, char *out)
{
    unsigned char d[kDigestSize];
    digest2(data, {}, d);
    hexTo(d, out);
}

void appendHmacSha256Hex(QByteArray &out, QByteArrayView key, QByteArrayView data)
{
    unsigned char d[kDigestSize];
    hmac(key, data, d);
    appendHex(out, d);
}

QByteArray sha256(QByteArrayView data)
{
    QByteArray out(kDigestSize, Qt::Uninitialized);
    digest2(data, {}, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

QByteArray hmacSha256(QByteArrayView key, QByteArrayView data)
{
    QByteArray out(kDigestSize, Qt::Uninitialized);
    hmac(key, data, reinterpret_cast<unsigned char *>(out.data()));
    return out;
}

} // namespace aws::sigv4::detail
