#pragma once
// gzip on every core, pigz's way: the input is cut into 1 MiB blocks, each
// deflated on a worker with the previous 32 KiB as its dictionary and
// ended on a byte boundary (sync flush), and the blocks are joined in order
// into one gzip member (CRC-32 and length over the whole). Blocks whose
// bytes are already at entropy (random data, compressed media) are written
// as stored blocks instead of being searched for matches that are not
// there. The output depends only on the input and the level — never on the
// number of threads or their timing — so a layer always gets the same
// digest and a re-push finds it in the registry.

#include <QIODevice>
#include <QString>
#include <atomic>
#include <functional>

namespace aws::registry {

struct GzipResult {
    bool ok = false;
    QString error;     ///< when !ok: what went wrong ("cancelled", a read or write error)
    QString inDigest;  ///< sha256 of the uncompressed bytes (the diff_id)
    QString outDigest; ///< sha256 of the gzip stream (the blob digest)
    qint64 inSize = 0;
    qint64 outSize = 0;
};

class ParallelGzip {
public:
    static constexpr qint64 kBlockSize = 1024 * 1024;

    /// Reads `in` to its end and writes the gzip stream to `out` (no file
    /// name, mtime 0). `progress` gets uncompressed bytes read so far.
    static GzipResult compress(QIODevice *in, QIODevice *out, int level = 6,
                               const std::atomic_bool *cancel = nullptr,
                               const std::function<void(qint64)> &progress = {});
    /// Worker threads used for blocks (all cores; shared by every layer).
    static int threads();
};

} // namespace aws::registry
