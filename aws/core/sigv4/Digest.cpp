// SHA-256 through libcrypto's low-level SHA256_* functions. OpenSSL 3
// deprecates them in favour of EVP, but EVP_DigestInit_ex there allocates a
// provider context for every digest, which cost more than the few blocks of
// a request (BM_Sign 1.7 → 1.5 µs); these run the same block code (SHA
// extensions, AVX2) on a context on the stack. HMAC is written out over
// them: OpenSSL 3's one-shot HMAC() fetches the digest per call.

#include "Digest.h"

#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#include <cstring>

namespace aws::sigv4::detail {
namespace {

constexpr int kDigestSize = 32;
constexpr int kBlockSize = 64;

// Hashes a then b into out (kDigestSize bytes).
void digest2(QByteArrayView a, QByteArrayView b, unsigned char *out)
{
    SHA256_CTX c;
    SHA256_Init(&c);
    SHA256_Update(&c, a.data(), size_t(a.size()));
    if (!b.isEmpty())
        SHA256_Update(&c, b.data(), size_t(b.size()));
    SHA256_Final(out, &c);
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
