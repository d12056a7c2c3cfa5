#include "ImageVerifier.h"

#include "Digest.h"

#include <QSemaphore>
#include <QThreadPool>
#include <zlib.h>

namespace aws::registry {

namespace {

constexpr qint64 kChunk = 1024 * 1024;

// Streams gzip members (a layer may be several concatenated) into a hash.
class GunzipHasher {
public:
    GunzipHasher()
    {
        m_z = {};
        m_ok = inflateInit2(&m_z, 15 + 32) == Z_OK;
    }
    ~GunzipHasher() { inflateEnd(&m_z); }
    bool feed(const char *data, qint64 n)
    {
        m_z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_z.avail_in = static_cast<uInt>(n);
        while (m_ok && m_z.avail_in > 0) {
            m_z.next_out = reinterpret_cast<Bytef *>(m_out);
            m_z.avail_out = sizeof m_out;
            const int rc = inflate(&m_z, Z_NO_FLUSH);
            m_hash.add(m_out, static_cast<qint64>(sizeof m_out - m_z.avail_out));
            if (rc == Z_STREAM_END) {
                inflateReset(&m_z); // next member, if any
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                m_ok = false;
            }
            if (rc == Z_BUF_ERROR && m_z.avail_in == 0)
                break;
        }
        return m_ok;
    }
    /// Ends the hash: call once.
    QString digest() { return m_hash.digest(); }
    bool ok() const { return m_ok; }

private:
    z_stream m_z;
    bool m_ok = false;
    char m_out[256 * 1024];
    Sha256 m_hash;
};

} // namespace

QString ImageVerifier::verifyLayer(SourceLayer &layer, int index, const std::atomic_bool *cancel)
{
    const QString which = QStringLiteral("layer %1").arg(index + 1);
    std::unique_ptr<QIODevice> dev = layer.open();
    if (!dev || !dev->open(QIODevice::ReadOnly))
        return QStringLiteral("%1 cannot be read: %2").arg(which, dev ? dev->errorString() : QString());
    Sha256 stored;
    const bool gzip = layer.mediaType.endsWith(QLatin1String("gzip"));
    std::unique_ptr<GunzipHasher> gunzip =
        gzip && !layer.diffId.isEmpty() ? std::make_unique<GunzipHasher>() : nullptr;
    QByteArray buf(kChunk, Qt::Uninitialized);
    qint64 total = 0;
    for (;;) {
        if (cancel && cancel->load())
            return QStringLiteral("cancelled");
        const qint64 n = dev->read(buf.data(), kChunk);
        if (n < 0)
            break;
        if (n == 0 && dev->atEnd())
            break;
        stored.add(buf.constData(), n);
        if (gunzip && gunzip->ok())
            gunzip->feed(buf.constData(), n); // on bad data keep hashing: a digest mismatch says more
        total += n;
    }
    if (total != layer.size)
        return QStringLiteral("%1 is truncated: %2 of %3 bytes").arg(which).arg(total).arg(layer.size);
    const QString digest = stored.digest();
    if (!layer.compressed && !layer.diffId.isEmpty() && digest != layer.diffId)
        return QStringLiteral("%1 does not match its digest: the config says %2, the data hashes to %3")
            .arg(which, layer.diffId, digest);
    if (!layer.digest.isEmpty() && digest != layer.digest)
        return QStringLiteral("%1 does not match its digest: the manifest says %2, the data hashes to %3")
            .arg(which, layer.digest, digest);
    if (gunzip && !gunzip->ok())
        return QStringLiteral("%1 is not valid gzip data (damaged archive)").arg(which);
    if (gunzip) {
        const QString unzipped = gunzip->digest();
        if (unzipped != layer.diffId)
            return QStringLiteral(
                       "%1 does not match the config's diff_id: the config says %2, the data hashes to %3")
                .arg(which, layer.diffId, unzipped);
    }
    layer.digest = digest;
    return {};
}

QString ImageVerifier::verifyImage(SourceImage &image)
{
    QList<QString> problems(image.layers.size());
    QSemaphore done;
    for (qsizetype i = 0; i < image.layers.size(); ++i)
        QThreadPool::globalInstance()->start([&, i] {
            problems[i] = verifyLayer(image.layers[i], static_cast<int>(i));
            done.release();
        });
    done.acquire(static_cast<int>(image.layers.size()));
    for (const QString &p : problems)
        if (!p.isEmpty())
            return p;
    return {};
}

} // namespace aws::registry
