#pragma once
// Makes a source layer ready to upload, on a worker thread: verifies it
// against its digest/diff_id and, for an uncompressed layer when asked,
// gzip-compresses it into a temporary file, hashing input and output in
// the same pass. Reproducible gzip (no name, mtime 0) so the same layer
// always gets the same digest and a re-push finds it in the registry.

#include "ImageSource.h"

#include <QTemporaryFile>
#include <atomic>

namespace aws::registry {

struct PreparedLayer {
    QString digest; ///< of the bytes that will be uploaded
    qint64 size = 0;
    QString mediaType; ///< in the target manifest family
    QString diffId;
    bool transformed = false; ///< compressed here: the source manifest no longer applies
    std::function<std::unique_ptr<QIODevice>()> open;
    std::shared_ptr<QTemporaryFile> temp; ///< keeps the compressed copy alive
};

struct PrepareResult {
    std::optional<PreparedLayer> layer;
    QString error;
};

class LayerPreparer {
public:
    /// `progress` gets source bytes read so far (any thread).
    static PrepareResult prepare(SourceLayer layer, int index, ManifestFamily family, bool compress,
                                 const QString &tempDir, const std::atomic_bool *cancel,
                                 const std::function<void(qint64)> &progress = {});
    /// The layer as it will be sent when it goes as stored (compressed
    /// already, or --no-compress): its digest is known without reading it.
    static PreparedLayer asStored(const SourceLayer &layer, ManifestFamily family);
    /// The layer as our gzip made it before (digest and size from the cache).
    static PreparedLayer asCompressed(const SourceLayer &layer, ManifestFamily family, const QString &digest,
                                      qint64 size);
    static QString targetMediaType(ManifestFamily family, bool gzip, const QString &sourceType);
};

} // namespace aws::registry
