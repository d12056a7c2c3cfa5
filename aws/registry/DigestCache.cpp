#include "DigestCache.h"

#include "Digest.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

namespace aws::registry {

const QString DigestCache::kGzipTag = QStringLiteral("gzip6-pb1m-v1");

DigestCache::DigestCache(QString path)
    : m_path(std::move(path))
{
    load();
}

QString DigestCache::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/deploy-console/layer-digests");
}

void DigestCache::load()
{
    QFile f(m_path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    // "<tag> <diff_id> <digest> <size>" per line; the newest line wins.
    QList<QByteArray> lines;
    while (!f.atEnd())
        lines << f.readLine(512).trimmed();
    for (const QByteArray &line : std::as_const(lines)) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.size() != 4)
            continue;
        const QString diffId = QString::fromLatin1(parts[1]), digest = QString::fromLatin1(parts[2]);
        bool ok = false;
        const qint64 size = parts[3].toLongLong(&ok);
        if (!ok || size <= 0 || !isSha256Digest(diffId) || !isSha256Digest(digest))
            continue;
        m_entries.insert(QString::fromLatin1(parts[0]) + u' ' + diffId, CachedBlob{digest, size});
    }
    if (lines.size() > 2 * kMaxEntries) {
        // Rewrite with the newest entries only, so the file never grows without bound.
        QSaveFile out(m_path);
        if (out.open(QIODevice::WriteOnly)) {
            for (qsizetype i = lines.size() - kMaxEntries; i < lines.size(); ++i)
                out.write(lines[i] + '\n');
            out.commit();
        }
    }
}

std::optional<CachedBlob> DigestCache::lookup(const QString &diffId, const QString &tag) const
{
    QMutexLocker lock(&m_mutex);
    const auto it = m_entries.constFind(tag + u' ' + diffId);
    if (it == m_entries.cend())
        return std::nullopt;
    return *it;
}

void DigestCache::insert(const QString &diffId, const CachedBlob &blob, const QString &tag)
{
    if (m_path.isEmpty() || !isSha256Digest(diffId) || !isSha256Digest(blob.digest))
        return;
    QMutexLocker lock(&m_mutex);
    const QString key = tag + u' ' + diffId;
    const auto it = m_entries.constFind(key);
    if (it != m_entries.cend() && it->digest == blob.digest && it->size == blob.size)
        return;
    m_entries.insert(key, blob);
    QDir().mkpath(QFileInfo(m_path).absolutePath());
    QFile f(m_path);
    // One short line per write with O_APPEND: concurrent pushes do not interleave.
    if (f.open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered))
        f.write(QStringLiteral("%1 %2 %3 %4\n").arg(tag, diffId, blob.digest).arg(blob.size).toLatin1());
}

} // namespace aws::registry
