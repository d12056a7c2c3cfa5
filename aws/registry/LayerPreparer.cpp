#include "LayerPreparer.h"

#include "ImageVerifier.h"
#include "MediaTypes.h"

#include <QCryptographicHash>
#include <QDir>
#include <zlib.h>

namespace aws::registry {

QString LayerPreparer::targetMediaType(ManifestFamily family, bool gzip, const QString &sourceType)
{
    if (sourceType.endsWith(QLatin1String("zstd")))
        return sourceType;
    if (family == ManifestFamily::Docker)
        return gzip ? media::dockerLayerGzip : media::dockerLayerTar;
    return gzip ? media::ociLayerGzip : media::ociLayerTar;
}

PrepareResult LayerPreparer::prepare(SourceLayer layer, int index, ManifestFamily family, bool compress,
                                     const QString &tempDir, const std::atomic_bool *cancel,
                                     const std::function<void(qint64)> &progress)
{
    PrepareResult out;
    const QString which = QStringLiteral("layer %1").arg(index + 1);
    if (layer.compressed || !compress) {
        // Sent as stored: proving the digest is the only work.
        const QString why = ImageVerifier::verifyLayer(layer, index, cancel);
        if (!why.isEmpty()) {
            out.error = why;
            return out;
        }
        if (progress)
            progress(layer.size);
        PreparedLayer p;
        p.digest = layer.digest;
        p.size = layer.size;
        p.diffId = layer.diffId;
        p.mediaType = targetMediaType(family, layer.compressed, layer.mediaType);
        p.transformed = p.mediaType != layer.mediaType && family == ManifestFamily::Oci;
        p.open = layer.open;
        out.layer = p;
        return out;
    }

    std::unique_ptr<QIODevice> in = layer.open();
    if (!in || !in->open(QIODevice::ReadOnly)) {
        out.error = QStringLiteral("%1 cannot be read").arg(which);
        return out;
    }
    auto temp =
        std::make_shared<QTemporaryFile>(QDir(tempDir).filePath(QStringLiteral("dc-layer-XXXXXX.gz")));
    if (!temp->open()) {
        out.error =
            QStringLiteral("cannot write a temporary file in %1: %2").arg(tempDir, temp->errorString());
        return out;
    }
    z_stream z{};
    // windowBits 15 + 16: a gzip wrapper with no name and mtime 0 (reproducible).
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        out.error = QStringLiteral("zlib would not start");
        return out;
    }
    QCryptographicHash inHash(QCryptographicHash::Sha256), outHash(QCryptographicHash::Sha256);
    constexpr qint64 kChunk = 1024 * 1024;
    QByteArray inBuf(kChunk, Qt::Uninitialized), outBuf(kChunk, Qt::Uninitialized);
    qint64 readTotal = 0, written = 0;
    bool ok = true;
    auto pump = [&](int flush) {
        do {
            z.next_out = reinterpret_cast<Bytef *>(outBuf.data());
            z.avail_out = static_cast<uInt>(outBuf.size());
            deflate(&z, flush);
            const qint64 n = outBuf.size() - z.avail_out;
            outHash.addData(QByteArrayView(outBuf.constData(), n));
            if (temp->write(outBuf.constData(), n) != n)
                ok = false;
            written += n;
        } while (z.avail_out == 0 && ok);
    };
    for (;;) {
        if (cancel && cancel->load()) {
            deflateEnd(&z);
            out.error = QStringLiteral("cancelled");
            return out;
        }
        const qint64 n = in->read(inBuf.data(), kChunk);
        if (n <= 0)
            break;
        inHash.addData(QByteArrayView(inBuf.constData(), n));
        z.next_in = reinterpret_cast<Bytef *>(inBuf.data());
        z.avail_in = static_cast<uInt>(n);
        pump(Z_NO_FLUSH);
        readTotal += n;
        if (progress)
            progress(readTotal);
    }
    pump(Z_FINISH);
    deflateEnd(&z);
    temp->flush();
    if (!ok) {
        out.error = QStringLiteral("cannot write the compressed %1: %2").arg(which, temp->errorString());
        return out;
    }
    if (readTotal != layer.size) {
        out.error =
            QStringLiteral("%1 is truncated: %2 of %3 bytes").arg(which).arg(readTotal).arg(layer.size);
        return out;
    }
    const QString diffId = QStringLiteral("sha256:") + QString::fromLatin1(inHash.result().toHex());
    if (!layer.diffId.isEmpty() && diffId != layer.diffId) {
        out.error = QStringLiteral("%1 does not match its digest: the config says %2, the data hashes to %3")
                        .arg(which, layer.diffId, diffId);
        return out;
    }
    PreparedLayer p;
    p.digest = QStringLiteral("sha256:") + QString::fromLatin1(outHash.result().toHex());
    p.size = written;
    p.diffId = diffId;
    p.mediaType = targetMediaType(family, true, {});
    p.transformed = true;
    p.temp = temp;
    const QString path = temp->fileName();
    p.open = [path]() -> std::unique_ptr<QIODevice> { return std::make_unique<QFile>(path); };
    out.layer = p;
    return out;
}

} // namespace aws::registry
