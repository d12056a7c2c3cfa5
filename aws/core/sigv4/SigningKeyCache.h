#pragma once
// Observability for the signing key cache behind aws::sigv4::signingKey():
// tests check hits, benchmarks check that steady-state signing derives no keys.

#include <QByteArray>
#include <QString>
#include <QStringView>

namespace aws::sigv4 {

struct SigningKeyCacheStats {
    quint64 hits = 0;   ///< keys served from the cache (per-thread or shared)
    quint64 misses = 0; ///< keys derived (four HMACs each)
    int size = 0;       ///< entries in the shared cache
};

/// Maximum number of entries in the shared cache; the oldest is evicted first.
inline constexpr int kSigningKeyCacheCapacity = 64;

SigningKeyCacheStats signingKeyCacheStats();
/// Drops every cached key (also the per-thread ones) and resets the counters.
void clearSigningKeyCache();

namespace detail {
/// signingKey() for a date the signer holds as UTF-16 on the stack: a
/// request signed with the key its thread used last builds no QString.
QByteArray cachedSigningKey(const QString &secret, QStringView date, const QString &region,
                            const QString &service);
} // namespace detail

} // namespace aws::sigv4
