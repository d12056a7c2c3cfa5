#include "BlobStore.h"

#include <QUuid>

namespace aws::sandbox::server {

BlobStore::BlobStore(qint64 memoryBudget, qint64 inMemoryMax)
    : m_memoryBudget(memoryBudget)
    , m_inMemoryMax(inMemoryMax)
{}

bool BlobStore::has(const QString &repository, const QString &digest) const
{
    return m_links.value(repository).contains(digest) && m_blobs.contains(digest);
}

const BlobStore::Blob *BlobStore::blob(const QString &repository, const QString &digest) const
{
    if (!has(repository, digest))
        return nullptr;
    return &m_blobs.find(digest).value();
}

bool BlobStore::mount(const QString &repository, const QString &digest, const QString &fromRepository)
{
    if (!has(fromRepository, digest))
        return false;
    m_links[repository].insert(digest);
    return true;
}

bool BlobStore::storeLink(const QString &repository, const QString &digest)
{
    m_links[repository].insert(digest);
    return m_blobs.contains(digest);
}

void BlobStore::put(const QString &repository, const QString &digest, const QByteArray &data)
{
    if (storeLink(repository, digest))
        return;
    Blob b;
    b.size = data.size();
    if (b.size <= m_inMemoryMax && m_memoryUsed + b.size <= m_memoryBudget) {
        b.data = data;
        m_memoryUsed += b.size;
    } else {
        b.path = m_dir.filePath(QString(digest).replace(u':', u'_'));
        QFile f(b.path);
        if (!f.open(QIODevice::WriteOnly) || f.write(data) != data.size())
            return;
    }
    m_blobs.insert(digest, b);
}

void BlobStore::putFile(const QString &repository, const QString &digest, const QString &sourcePath,
                        qint64 size)
{
    if (storeLink(repository, digest))
        return;
    if (size <= m_inMemoryMax && m_memoryUsed + size <= m_memoryBudget) {
        QFile f(sourcePath);
        if (f.open(QIODevice::ReadOnly))
            put(repository, digest, f.readAll());
        return;
    }
    Blob b;
    b.size = size;
    b.path = m_dir.filePath(QString(digest).replace(u':', u'_'));
    QFile::remove(b.path);
    if (!QFile::rename(sourcePath, b.path) && !QFile::copy(sourcePath, b.path))
        return;
    m_blobs.insert(digest, b);
}

QString BlobStore::startUpload(const QString &repository)
{
    const QString uuid = QUuid::createUuid().toString(QUuid::WithoutBraces);
    auto up = std::make_shared<Upload>();
    up->repository = repository;
    up->file = std::make_unique<QFile>(m_dir.filePath(QStringLiteral("upload-") + uuid));
    if (!up->file->open(QIODevice::WriteOnly))
        return {};
    m_uploads.insert(uuid, up);
    return uuid;
}

BlobStore::Upload *BlobStore::upload(const QString &uuid)
{
    const auto it = m_uploads.find(uuid);
    return it == m_uploads.end() ? nullptr : it.value().get();
}

bool BlobStore::append(Upload &upload, const QByteArray &data)
{
    upload.hash.addData(data);
    upload.size += data.size();
    return upload.file->write(data) == data.size();
}

QString BlobStore::finishUpload(const QString &uuid, const QString &expectedDigest)
{
    const auto up = m_uploads.take(uuid);
    if (!up)
        return {};
    const QString digest = QStringLiteral("sha256:") + QString::fromLatin1(up->hash.result().toHex());
    const QString path = up->file->fileName();
    up->file->close();
    if (digest == expectedDigest)
        putFile(up->repository, digest, path, up->size);
    QFile::remove(path);
    return digest;
}

void BlobStore::cancelUpload(const QString &uuid)
{
    if (const auto up = m_uploads.take(uuid)) {
        up->file->close();
        up->file->remove();
    }
}

} // namespace aws::sandbox::server
