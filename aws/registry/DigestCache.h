#pragma once
// What a layer became when we compressed it: diff_id → the gzip blob's
// digest and size. Our gzip is deterministic (ParallelGzip), so once a
// layer has been compressed the mapping holds everywhere; a re-push then
// asks the registry for that blob (HEAD) instead of compressing the layer
// again to find out its digest (what docker's distribution metadata does).
//
// A small text file under the user's cache directory, one mapping a line,
// appended as layers are compressed and trimmed to the newest entries.
// Unreadable or damaged lines are ignored: the cache only ever saves work.

#include <QHash>
#include <QMutex>
#include <QString>
#include <optional>

namespace aws::registry {

struct CachedBlob {
    QString digest;
    qint64 size = 0;
};

class DigestCache {
public:
    /// Tag of the compressor whose output the entries describe; a change of
    /// algorithm or block size changes the tag and old entries stop matching.
    static const QString kGzipTag;

    explicit DigestCache(QString path);
    /// ~/.cache/deploy-console/layer-digests (XDG_CACHE_HOME honoured).
    static QString defaultPath();

    std::optional<CachedBlob> lookup(const QString &diffId, const QString &tag = kGzipTag) const;
    /// Remembers a mapping and appends it to the file (any thread).
    void insert(const QString &diffId, const CachedBlob &blob, const QString &tag = kGzipTag);
    QString path() const { return m_path; }

    static constexpr int kMaxEntries = 4000;

private:
    void load();
    QString m_path;
    mutable QMutex m_mutex;
    QHash<QString, CachedBlob> m_entries; ///< key: tag + ' ' + diff_id
};

} // namespace aws::registry
