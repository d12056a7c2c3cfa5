#include "ParallelGzip.h"

#include "Digest.h"

#include <QSemaphore>
#include <QThread>
#include <QThreadPool>
#include <cmath>
#include <cstring>
#include <deque>
#include <memory>
#include <zlib.h>

namespace aws::registry {

namespace {

constexpr qsizetype kDictSize = 32 * 1024;
constexpr qsizetype kStoredMax = 65535; // a stored deflate block's largest payload
// Order-0 entropy (bits per byte) above which deflate cannot gain more than
// ~1%: such a block is stored, not searched.
constexpr double kStoreAboveBits = 7.9;

QThreadPool *blockPool()
{
    static QThreadPool *pool = [] {
        auto *p = new QThreadPool;
        p->setMaxThreadCount(qMax(1, QThread::idealThreadCount()));
        p->setExpiryTimeout(5000);
        return p;
    }();
    return pool;
}

double entropyBits(const QByteArray &data)
{
    if (data.isEmpty())
        return 0;
    quint32 count[256] = {};
    const auto *p = reinterpret_cast<const unsigned char *>(data.constData());
    for (qsizetype i = 0, n = data.size(); i < n; ++i)
        ++count[p[i]];
    double bits = 0;
    const double total = double(data.size());
    for (quint32 c : count)
        if (c) {
            const double f = c / total;
            bits -= f * std::log2(f);
        }
    return bits;
}

struct Block {
    QByteArray in;
    QByteArray dict; ///< the 32 KiB before this block (empty for the first)
    bool last = false;
    int level = 6;
    QByteArray out;
    uLong crc = 0;
    bool ok = true;
    QSemaphore done;
};

// Raw stored blocks for `data`, the last one final when `last`.
void storeBlock(Block &b)
{
    const qsizetype n = b.in.size();
    const qsizetype pieces = qMax<qsizetype>(1, (n + kStoredMax - 1) / kStoredMax);
    b.out.resize(n + pieces * 5);
    char *o = b.out.data();
    qsizetype pos = 0;
    for (qsizetype i = 0; i < pieces; ++i) {
        const qsizetype len = qMin(kStoredMax, n - pos);
        *o++ = char(b.last && i == pieces - 1 ? 1 : 0); // BFINAL, BTYPE 00; byte-aligned here
        *o++ = char(len & 0xff);
        *o++ = char(len >> 8);
        *o++ = char(~len & 0xff);
        *o++ = char((~len >> 8) & 0xff);
        memcpy(o, b.in.constData() + pos, size_t(len));
        o += len;
        pos += len;
    }
}

void deflateBlock(Block &b)
{
    b.crc = crc32(0, reinterpret_cast<const Bytef *>(b.in.constData()), uInt(b.in.size()));
    if (b.level == 0 || entropyBits(b.in) > kStoreAboveBits) {
        storeBlock(b);
        return;
    }
    z_stream z{};
    if (deflateInit2(&z, b.level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        b.ok = false;
        return;
    }
    if (!b.dict.isEmpty())
        deflateSetDictionary(&z, reinterpret_cast<const Bytef *>(b.dict.constData()), uInt(b.dict.size()));
    // deflateBound plus room for the sync flush's empty stored block.
    b.out.resize(qsizetype(deflateBound(&z, uLong(b.in.size()))) + 16);
    z.next_in = reinterpret_cast<Bytef *>(b.in.data());
    z.avail_in = uInt(b.in.size());
    z.next_out = reinterpret_cast<Bytef *>(b.out.data());
    z.avail_out = uInt(b.out.size());
    const int flush = b.last ? Z_FINISH : Z_SYNC_FLUSH;
    int rc = deflate(&z, flush);
    while (rc == Z_OK && z.avail_out == 0) { // only if the bound was too small
        const qsizetype used = b.out.size();
        b.out.resize(used * 2);
        z.next_out = reinterpret_cast<Bytef *>(b.out.data() + used);
        z.avail_out = uInt(b.out.size() - used);
        rc = deflate(&z, flush);
    }
    b.ok = b.last ? rc == Z_STREAM_END : rc == Z_OK && z.avail_in == 0;
    b.out.resize(b.out.size() - z.avail_out);
    deflateEnd(&z);
}

void putLe32(char *p, quint32 v)
{
    for (int i = 0; i < 4; ++i)
        p[i] = char((v >> (8 * i)) & 0xff);
}

} // namespace

int ParallelGzip::threads()
{
    return blockPool()->maxThreadCount();
}

GzipResult ParallelGzip::compress(QIODevice *in, QIODevice *out, int level, const std::atomic_bool *cancel,
                                  const std::function<void(qint64)> &progress)
{
    GzipResult r;
    Sha256 inHash, outHash;
    uLong crc = crc32(0, nullptr, 0);
    bool writeOk = true;
    auto put = [&](const char *data, qint64 n) {
        outHash.add(data, n);
        if (out->write(data, n) != n)
            writeOk = false;
        r.outSize += n;
    };
    // gzip header: deflate, no flags, mtime 0, XFL as zlib sets it, OS unix.
    const char xfl = level >= 9 ? 2 : level == 1 ? 4 : 0;
    const char header[10] = {'\x1f', '\x8b', 8, 0, 0, 0, 0, 0, xfl, 3};
    put(header, sizeof header);

    // Blocks in flight: a few per worker, so memory stays a few MiB per
    // layer. Their buffers are allocated once and reused: fresh 1 MiB
    // buffers per block, allocated on one thread and freed on another, made
    // the heap grow with the size of the image.
    const int maxInFlight = threads() + 1;
    std::vector<std::shared_ptr<Block>> spare;
    for (int i = 0; i < maxInFlight + 1; ++i) {
        auto b = std::make_shared<Block>();
        b->in.reserve(kBlockSize);
        b->out.reserve(kBlockSize + kBlockSize / 16 + 1024);
        b->dict.reserve(kDictSize);
        spare.push_back(std::move(b));
    }
    auto take = [&] {
        std::shared_ptr<Block> b = spare.back();
        spare.pop_back();
        b->last = false;
        b->ok = true;
        b->crc = 0;
        return b;
    };
    std::deque<std::shared_ptr<Block>> inFlight;
    auto drainOne = [&] {
        std::shared_ptr<Block> b = inFlight.front();
        inFlight.pop_front();
        b->done.acquire();
        spare.push_back(b);
        if (!b->ok) {
            r.error = QStringLiteral("zlib failed");
            return false;
        }
        crc = crc32_combine(crc, b->crc, z_off_t(b->in.size()));
        put(b->out.constData(), b->out.size());
        return writeOk;
    };
    auto submit = [&](std::shared_ptr<Block> b) {
        b->level = level;
        inFlight.push_back(b);
        blockPool()->start([b] {
            deflateBlock(*b);
            b->done.release();
        });
    };

    QByteArray prevTail;
    prevTail.reserve(kDictSize);
    auto readBlock = [&](QByteArray *buf) -> qint64 {
        buf->resize(kBlockSize);
        qint64 got = 0;
        while (got < kBlockSize) {
            const qint64 n = in->read(buf->data() + got, kBlockSize - got);
            if (n <= 0)
                break;
            got += n;
        }
        buf->resize(got);
        return got;
    };
    auto pending = take();
    readBlock(&pending->in);
    bool failed = false;
    for (;;) {
        if (cancel && cancel->load()) {
            r.error = QStringLiteral("cancelled");
            failed = true;
            break;
        }
        std::shared_ptr<Block> next = take();
        const qint64 n = pending->in.isEmpty() ? 0 : readBlock(&next->in);
        pending->last = n == 0;
        pending->dict.resize(prevTail.size());
        memcpy(pending->dict.data(), prevTail.constData(), size_t(prevTail.size()));
        inHash.add(pending->in);
        r.inSize += pending->in.size();
        const qsizetype tail = qMin(kDictSize, pending->in.size());
        prevTail.resize(tail);
        memcpy(prevTail.data(), pending->in.constData() + pending->in.size() - tail, size_t(tail));
        submit(pending);
        if (progress)
            progress(r.inSize);
        while (int(inFlight.size()) >= maxInFlight)
            if (!drainOne()) {
                failed = true;
                break;
            }
        if (failed || pending->last) {
            spare.push_back(next);
            break;
        }
        pending = next;
    }
    // Every submitted block is waited for, even on failure: workers use them.
    while (!inFlight.empty())
        if (!drainOne())
            failed = true;
    if (failed) {
        if (r.error.isEmpty())
            r.error = out->errorString();
        return r;
    }
    char trailer[8];
    putLe32(trailer, quint32(crc));
    putLe32(trailer + 4, quint32(r.inSize & 0xffffffff));
    put(trailer, sizeof trailer);
    if (!writeOk) {
        r.error = out->errorString();
        return r;
    }
    r.inDigest = inHash.digest();
    r.outDigest = outHash.digest();
    r.ok = true;
    return r;
}

} // namespace aws::registry
