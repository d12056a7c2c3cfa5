// ParallelGzip: the stream is one valid gzip member whatever the input
// (empty, one byte, exactly whole blocks, text, random, mixed), gunzip and
// zlib both give the input back, digests are those of the bytes, the same
// input always gives the same bytes, random blocks are stored rather than
// searched, text loses almost nothing to the blocks, and cancel stops it.

#include "Digest.h"
#include "ParallelGzip.h"

#include <QBuffer>
#include <QProcess>
#include <QRandomGenerator>
#include <QtTest>
#include <zlib.h>

using namespace aws::registry;

namespace {

QByteArray textBytes(qint64 n, quint32 seed)
{
    static const char *words[] = {"layer", "digest",  "registry", "push",  "the",    "of",
                                  "task",  "cluster", "image",    "error", "config", "value"};
    QRandomGenerator gen(seed);
    QByteArray out;
    out.reserve(n + 64);
    while (out.size() < n) {
        out += words[gen.bounded(12)];
        out += gen.bounded(8) == 0 ? '\n' : ' ';
    }
    out.truncate(n);
    return out;
}

QByteArray randomBytes(qint64 n, quint32 seed)
{
    QByteArray out(n, Qt::Uninitialized);
    QRandomGenerator gen(seed);
    for (qint64 i = 0; i + 4 <= n; i += 4)
        *reinterpret_cast<quint32 *>(out.data() + i) = gen.generate();
    for (qint64 i = n & ~qint64(3); i < n; ++i)
        out[i] = char(gen.generate());
    return out;
}

QByteArray gunzip(const QByteArray &gz, bool *ok)
{
    z_stream z{};
    *ok = inflateInit2(&z, 15 + 16) == Z_OK;
    QByteArray out;
    char buf[1 << 16];
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(gz.constData()));
    z.avail_in = uInt(gz.size());
    int rc = Z_OK;
    while (*ok && rc == Z_OK) {
        z.next_out = reinterpret_cast<Bytef *>(buf);
        z.avail_out = sizeof buf;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buf, qsizetype(sizeof buf - z.avail_out));
        if (rc != Z_OK && rc != Z_STREAM_END)
            *ok = false;
    }
    *ok = *ok && rc == Z_STREAM_END && z.avail_in == 0; // one member, nothing after it
    inflateEnd(&z);
    return out;
}

GzipResult compress(const QByteArray &input, QByteArray *output)
{
    QBuffer in, out;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    out.open(QIODevice::WriteOnly);
    const GzipResult r = ParallelGzip::compress(&in, &out);
    *output = out.data();
    return r;
}

} // namespace

class TstGzip : public QObject {
    Q_OBJECT
private slots:
    void roundTrip_data();
    void roundTrip();
    void gunzipToolAgrees();
    void sameInputSameBytes();
    void randomIsStored();
    void textCompresses();
    void cancel();
};

void TstGzip::roundTrip_data()
{
    QTest::addColumn<QByteArray>("input");
    const qint64 block = ParallelGzip::kBlockSize;
    QTest::newRow("empty") << QByteArray();
    QTest::newRow("one byte") << QByteArray("x");
    QTest::newRow("text, one block") << textBytes(100000, 1);
    QTest::newRow("text, exactly two blocks") << textBytes(2 * block, 2);
    QTest::newRow("text, blocks and a bit") << textBytes(5 * block + 17, 3);
    QTest::newRow("random, blocks and a bit") << randomBytes(3 * block + 70000, 4);
    QTest::newRow("mixed") << textBytes(block + 5, 5) + randomBytes(2 * block, 6) + textBytes(block / 2, 7) +
                                  QByteArray(block, 'a');
}

void TstGzip::roundTrip()
{
    QFETCH(QByteArray, input);
    QByteArray gz;
    const GzipResult r = compress(input, &gz);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.inSize, input.size());
    QCOMPARE(r.outSize, gz.size());
    QCOMPARE(r.inDigest, sha256Digest(input));
    QCOMPARE(r.outDigest, sha256Digest(gz));
    QCOMPARE(gz.left(4), QByteArray("\x1f\x8b\x08\x00", 4)); // gzip, deflate, no name
    QCOMPARE(gz.mid(4, 4), QByteArray(4, '\0'));             // mtime 0: reproducible
    bool ok = false;
    const QByteArray back = gunzip(gz, &ok);
    QVERIFY(ok);
    QCOMPARE(back.size(), input.size());
    QVERIFY(back == input);
}

void TstGzip::gunzipToolAgrees()
{
    // An independent decoder (gzip -t checks the CRC and length too).
    const QByteArray input = textBytes(3 * ParallelGzip::kBlockSize, 8) + randomBytes(1500000, 9);
    QByteArray gz;
    QVERIFY(compress(input, &gz).ok);
    QProcess p;
    p.start(QStringLiteral("gzip"), {QStringLiteral("-dc")});
    QVERIFY(p.waitForStarted(10000));
    p.write(gz);
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitCode(), 0);
    QVERIFY(p.readAllStandardOutput() == input);
}

void TstGzip::sameInputSameBytes()
{
    const QByteArray input = textBytes(4 * ParallelGzip::kBlockSize + 3, 10);
    QByteArray a, b;
    QVERIFY(compress(input, &a).ok);
    QVERIFY(compress(input, &b).ok);
    QVERIFY(a == b);
}

void TstGzip::randomIsStored()
{
    const QByteArray input = randomBytes(4 * ParallelGzip::kBlockSize, 11);
    QByteArray gz;
    QVERIFY(compress(input, &gz).ok);
    // Stored blocks of the largest size right after the header (zlib's own
    // stored blocks, after searching in vain, are a quarter of that), and
    // just 5 bytes of framing per block.
    QCOMPARE(gz.mid(10, 5), QByteArray("\x00\xff\xff\x00\x00", 5));
    QVERIFY2(gz.size() <= input.size() + input.size() / 1000 + 18, qPrintable(QString::number(gz.size())));
}

void TstGzip::textCompresses()
{
    const QByteArray input = textBytes(3 * ParallelGzip::kBlockSize, 12);
    QByteArray gz;
    QVERIFY(compress(input, &gz).ok);
    // Within 2% of one zlib stream at the same level: the per-block
    // dictionaries keep nearly all of the matches.
    uLongf bound = compressBound(uLong(input.size()));
    QByteArray ref(qsizetype(bound), Qt::Uninitialized);
    QCOMPARE(compress2(reinterpret_cast<Bytef *>(ref.data()), &bound,
                       reinterpret_cast<const Bytef *>(input.constData()), uLong(input.size()), 6),
             Z_OK);
    QVERIFY2(gz.size() < qint64(bound) * 102 / 100,
             qPrintable(QStringLiteral("%1 vs %2").arg(gz.size()).arg(bound)));
}

void TstGzip::cancel()
{
    const QByteArray input = textBytes(8 * ParallelGzip::kBlockSize, 13);
    QBuffer in, out;
    in.setData(input);
    in.open(QIODevice::ReadOnly);
    out.open(QIODevice::WriteOnly);
    std::atomic_bool cancel{false};
    const GzipResult r = ParallelGzip::compress(&in, &out, 6, &cancel, [&](qint64 done) {
        if (done >= 2 * ParallelGzip::kBlockSize)
            cancel = true;
    });
    QVERIFY(!r.ok);
    QCOMPARE(r.error, QStringLiteral("cancelled"));
    QVERIFY(r.inSize < input.size());
}

QTEST_GUILESS_MAIN(TstGzip)
#include "tst_gzip.moc"
