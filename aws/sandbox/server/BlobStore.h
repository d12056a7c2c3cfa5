#pragma once
// The registry's blob store: content-addressed blobs, linked to the
// repositories they were pushed or mounted to, and upload sessions. Small
// blobs stay in memory up to a budget; everything else lives in temp files,
// so a large image never sits in memory.

#include <QByteArray>
#include <QCryptographicHash>
#include <QFile>
#include <QHash>
#include <QSet>
#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace aws::sandbox::server {

class BlobStore {
public:
    struct Blob {
        QByteArray data; ///< when held in memory
        QString path;    ///< when held on disk
        qint64 size = 0;
    };
    struct Upload {
        QString repository;
        std::unique_ptr<QFile> file;
        QCryptographicHash hash{QCryptographicHash::Sha256};
        qint64 size = 0;
    };

    explicit BlobStore(qint64 memoryBudget = 64ll << 20, qint64 inMemoryMax = 1 << 20);

    bool has(const QString &repository, const QString &digest) const;
    const Blob *blob(const QString &repository, const QString &digest) const;
    /// Links an existing blob (from any repository) into `repository`; false when unknown.
    bool mount(const QString &repository, const QString &digest, const QString &fromRepository);

    /// Stores content whose digest the caller verified. `data` or `file` holds it.
    void put(const QString &repository, const QString &digest, const QByteArray &data);
    void putFile(const QString &repository, const QString &digest, const QString &sourcePath, qint64 size);

    QString startUpload(const QString &repository);
    Upload *upload(const QString &uuid);
    bool append(Upload &upload, const QByteArray &data);
    /// Ends the session: "sha256:<hex>" of what was received, and the blob is
    /// stored under it when it equals `expectedDigest`. Returns the computed digest.
    QString finishUpload(const QString &uuid, const QString &expectedDigest);
    void cancelUpload(const QString &uuid);

    qint64 memoryUsed() const { return m_memoryUsed; }

private:
    bool storeLink(const QString &repository, const QString &digest);

    QTemporaryDir m_dir;
    qint64 m_memoryBudget;
    qint64 m_inMemoryMax;
    qint64 m_memoryUsed = 0;
    QHash<QString, Blob> m_blobs;
    QHash<QString, QSet<QString>> m_links; ///< repository → digests
    QHash<QString, std::shared_ptr<Upload>> m_uploads;
};

} // namespace aws::sandbox::server
