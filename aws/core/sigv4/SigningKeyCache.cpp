// Signing key derivation and its cache. The key changes only with the date,
// so steady-state signing is one HMAC instead of five. Two levels: the last
// key each thread used (no lock, no allocation) and a small shared FIFO cache
// behind a mutex for threads that alternate between regions or accounts.

#include "SigningKeyCache.h"
#include "SigV4.h"

#include "Digest.h"
#include <QHash>
#include <QMutex>
#include <QQueue>
#include <atomic>

namespace aws::sigv4 {
namespace {

std::atomic<quint64> g_hits{0};
std::atomic<quint64> g_misses{0};
// Bumped by clearSigningKeyCache() so that per-thread entries become stale.
std::atomic<quint64> g_generation{1};

struct SharedCache {
    QMutex mutex;
    QHash<QString, QByteArray> keys;
    QQueue<QString> order; // insertion order, for FIFO eviction
};

SharedCache &shared()
{
    static SharedCache cache;
    return cache;
}

struct ThreadEntry {
    quint64 generation = 0;
    QString secret, date, region, service;
    QByteArray key;
};
thread_local ThreadEntry t_last;

QByteArray hmac(const QByteArray &key, const QByteArray &data)
{
    return detail::hmacSha256(key, data);
}

QByteArray derive(const QString &secret, const QString &date, const QString &region, const QString &service)
{
    const QByteArray kDate = hmac("AWS4" + secret.toUtf8(), date.toUtf8());
    const QByteArray kRegion = hmac(kDate, region.toUtf8());
    const QByteArray kService = hmac(kRegion, service.toUtf8());
    return hmac(kService, QByteArrayLiteral("aws4_request"));
}

} // namespace

QByteArray signingKey(const QString &secret, const QString &date, const QString &region,
                      const QString &service)
{
    return detail::cachedSigningKey(secret, date, region, service);
}

QByteArray detail::cachedSigningKey(const QString &secret, QStringView dateView, const QString &region,
                                    const QString &service)
{
    const quint64 generation = g_generation.load(std::memory_order_acquire);
    ThreadEntry &t = t_last;
    if (t.generation == generation && t.date == dateView && t.region == region && t.service == service &&
        t.secret == secret) {
        g_hits.fetch_add(1, std::memory_order_relaxed);
        return t.key;
    }
    const QString date = dateView.toString();

    // '\n' cannot occur in any of the parts, so the joined key is unambiguous.
    const QString cacheKey = secret + u'\n' + date + u'\n' + region + u'\n' + service;
    QByteArray key;
    {
        SharedCache &c = shared();
        QMutexLocker lock(&c.mutex);
        key = c.keys.value(cacheKey);
    }
    if (!key.isEmpty()) {
        g_hits.fetch_add(1, std::memory_order_relaxed);
    } else {
        g_misses.fetch_add(1, std::memory_order_relaxed);
        key = derive(secret, date, region, service);
        SharedCache &c = shared();
        QMutexLocker lock(&c.mutex);
        if (!c.keys.contains(cacheKey)) {
            while (c.keys.size() >= kSigningKeyCacheCapacity && !c.order.isEmpty())
                c.keys.remove(c.order.dequeue());
            c.keys.insert(cacheKey, key);
            c.order.enqueue(cacheKey);
        }
    }
    t.generation = generation;
    t.secret = secret;
    t.date = date;
    t.region = region;
    t.service = service;
    t.key = key;
    return key;
}

SigningKeyCacheStats signingKeyCacheStats()
{
    SigningKeyCacheStats s;
    s.hits = g_hits.load(std::memory_order_relaxed);
    s.misses = g_misses.load(std::memory_order_relaxed);
    SharedCache &c = shared();
    QMutexLocker lock(&c.mutex);
    s.size = int(c.keys.size());
    return s;
}

void clearSigningKeyCache()
{
    SharedCache &c = shared();
    QMutexLocker lock(&c.mutex);
    c.keys.clear();
    c.order.clear();
    g_generation.fetch_add(1, std::memory_order_acq_rel);
    g_hits.store(0, std::memory_order_relaxed);
    g_misses.store(0, std::memory_order_relaxed);
}

} // namespace aws::sigv4
