#include "LayerPreparer.h"

#include "ImageVerifier.h"
#include "MediaTypes.h"
#include "ParallelGzip.h"

#include <QDir>

namespace aws::registry {

QString LayerPreparer::targetMediaType(ManifestFamily family, bool gzip, const QString &sourceType)
{
    if (sourceType.endsWith(QLatin1String("zstd")))
        return sourceType;
    if (family == ManifestFamily::Docker)
        return gzip ? media::dockerLayerGzip : media::dockerLayerTar;
    return gzip ? media::ociLayerGzip : media::ociLayerTar;
}

PreparedLayer LayerPreparer::asStored(const SourceLayer &layer, ManifestFamily family)
{
    PreparedLayer p;
    p.digest = layer.digest;
    p.size = layer.size;
    p.diffId = layer.diffId;
    p.mediaType = targetMediaType(family, layer.compressed, layer.mediaType);
    p.transformed = p.mediaType != layer.mediaType && family == ManifestFamily::Oci;
    p.open = layer.open;
    return p;
}

PreparedLayer LayerPreparer::asCompressed(const SourceLayer &layer, ManifestFamily family,
                                          const QString &digest, qint64 size)
{
    PreparedLayer p;
    p.digest = digest;
    p.size = size;
    p.diffId = layer.diffId;
    p.mediaType = targetMediaType(family, true, {});
    p.transformed = true;
    return p; // no `open`: a layer known this way is only ever skipped
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
        out.layer = asStored(layer, family);
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
    const GzipResult gz = ParallelGzip::compress(in.get(), temp.get(), 6, cancel, progress);
    temp->flush();
    if (!gz.ok) {
        out.error = gz.error == QLatin1String("cancelled")
                        ? gz.error
                        : QStringLiteral("cannot write the compressed %1: %2").arg(which, gz.error);
        return out;
    }
    const qint64 readTotal = gz.inSize, written = gz.outSize;
    if (readTotal != layer.size) {
        out.error =
            QStringLiteral("%1 is truncated: %2 of %3 bytes").arg(which).arg(readTotal).arg(layer.size);
        return out;
    }
    const QString diffId = gz.inDigest;
    if (!layer.diffId.isEmpty() && diffId != layer.diffId) {
        out.error = QStringLiteral("%1 does not match its digest: the config says %2, the data hashes to %3")
                        .arg(which, layer.diffId, diffId);
        return out;
    }
    PreparedLayer p;
    p.digest = gz.outDigest;
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
