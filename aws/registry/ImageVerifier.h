#pragma once
// Proves, before anything is uploaded, that every layer is what its
// manifest and config say: the stored bytes hash to the layer's digest and
// (for gzip layers) the uncompressed bytes to the config's diff_id. Runs on
// worker threads; memory is one read buffer per layer.

#include "ImageSource.h"

#include <atomic>

namespace aws::registry {

class ImageVerifier {
public:
    /// Checks one layer; fills a missing digest. Returns the reason it is
    /// bad, or an empty string. `cancel` stops it early.
    static QString verifyLayer(SourceLayer &layer, int index, const std::atomic_bool *cancel = nullptr);
    /// Checks every layer on the global thread pool and waits (tests, CLI
    /// before the event loop matters). Returns the first problem found.
    static QString verifyImage(SourceImage &image);
};

} // namespace aws::registry
