// Pushes to a real registry (docker-registry 2.8, htpasswd, plain HTTP) and
// proves with skopeo that what arrived is the image: config digest and
// layer diff ids. Re-pushes send no layer bytes, a second tag only the
// manifest, a connection cut mid-layer is survived.

#include "FaultProxy.h"
#include "PushHarness.h"
#include "RegistryServer.h"
#include "SourceLoader.h"
#include "TestImages.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace aws::registry;
using namespace testsupport;

class TstPush : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pushDockerArchive();
    void rePushSendsNoLayerBytes();
    void secondTagOnlyManifest();
    void rePushCompressedUsesDigestCache();
    void pushOciArchiveKeepsDigest();
    void pushOciLayoutUncompressedDocker();
    void chunkedUpload();
    void connectionCutMidLayer();
    void wrongPassword();
    void cancel();

private:
    SourceImage load(const QString &spec);
    void checkPulled(const QString &repoTag);
    QTemporaryDir m_tmp;
    TestImage m_img;
    RegistryServer m_registry;
};

void TstPush::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString e = buildTestImage(m_tmp.filePath(QStringLiteral("img")), 50, &m_img);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    const QString r = m_registry.start();
    QVERIFY2(r.isEmpty(), qPrintable(r));
}

SourceImage TstPush::load(const QString &spec)
{
    SourceResult r = SourceLoader::load(spec);
    if (!r.ok())
        qFatal("cannot load %s: %s", qPrintable(spec), qPrintable(r.error));
    return *r.image;
}

void TstPush::checkPulled(const QString &repoTag)
{
    const PulledImage p = pullWithSkopeo(m_registry.hostPort(), repoTag, m_tmp.path());
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.configDigest, m_img.configDigest);
    QCOMPARE(p.diffIds, m_img.diffIds);
}

void TstPush::pushDockerArchive()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/docker");
    o.tags = {QStringLiteral("v1")};
    o.tempDir = m_tmp.path();
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(run.result.layersUploaded, 4); // 3 layers + config
    QCOMPARE(run.result.manifestMediaType,
             QStringLiteral("application/vnd.docker.distribution.manifest.v2+json"));
    QVERIFY(run.manifest.contains("application/vnd.docker.image.rootfs.diff.tar.gzip"));
    QVERIFY(run.maxLayerProgressEvents > 3);
    checkPulled(QStringLiteral("demo/docker:v1"));
}

void TstPush::rePushSendsNoLayerBytes()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/docker");
    o.tags = {QStringLiteral("v1")};
    o.tempDir = m_tmp.path();
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(run.result.layersUploaded, 0);
    QCOMPARE(run.result.layersSkipped, 4);
    QCOMPARE(run.result.bytesUploaded, 0);
    QVERIFY2(run.wireBytes < 4096, qPrintable(QString::number(run.wireBytes))); // the manifest only
}

void TstPush::secondTagOnlyManifest()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/docker");
    o.tags = {QStringLiteral("v2")};
    o.tempDir = m_tmp.path();
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(run.result.layersUploaded, 0);
    for (const QByteArray &r : run.requests)
        QVERIFY2(r.startsWith("HEAD ") || r.startsWith("GET ") ||
                     r.startsWith("PUT /v2/demo/docker/manifests/v2"),
                 r.constData());
    checkPulled(QStringLiteral("demo/docker:v2"));
}

void TstPush::rePushCompressedUsesDigestCache()
{
    // gzip mode: the first push compresses and remembers diff_id → blob
    // digest; the re-push asks the registry for those blobs and compresses
    // nothing. Without the cache the same re-push must compress every layer
    // just to learn the digests (what the cache saves).
    PushOptions o;
    o.repository = QStringLiteral("demo/cached");
    o.tags = {QStringLiteral("v1")};
    o.tempDir = m_tmp.path();
    o.digestCachePath = m_tmp.filePath(QStringLiteral("cache/layer-digests"));
    const PushRun first = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(first.result.ok, qPrintable(first.result.error));
    QCOMPARE(first.result.layersPrepared, 3);
    QCOMPARE(first.result.layersUploaded, 4);
    QFile cache(o.digestCachePath);
    QVERIFY(cache.open(QIODevice::ReadOnly));
    QCOMPARE(cache.readAll().count('\n'), 3);

    const PushRun again = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(again.result.ok, qPrintable(again.result.error));
    QCOMPARE(again.result.layersPrepared, 0);
    QCOMPARE(again.result.bytesPrepared, 0);
    QCOMPARE(again.result.layersSkipped, 4);
    QCOMPARE(again.result.bytesUploaded, 0);
    QCOMPARE(again.result.manifestDigest, first.result.manifestDigest);

    o.digestCachePath.clear();
    const PushRun uncached = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(uncached.result.ok, qPrintable(uncached.result.error));
    QCOMPARE(uncached.result.layersPrepared, 3);
    QCOMPARE(uncached.result.bytesUploaded, 0);
    QCOMPARE(uncached.result.manifestDigest, first.result.manifestDigest);
    checkPulled(QStringLiteral("demo/cached:v1"));
}

void TstPush::pushOciArchiveKeepsDigest()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/oci");
    o.tags = {QStringLiteral("latest")};
    o.tempDir = m_tmp.path();
    SourceImage img = load(m_img.ociArchive);
    const QByteArray original = img.originalManifest;
    const PushRun run = runPush(m_registry.url(), std::move(img), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(run.result.manifestMediaType, QStringLiteral("application/vnd.oci.image.manifest.v1+json"));
    QCOMPARE(run.manifest, original);
    const PulledImage p =
        pullWithSkopeo(m_registry.hostPort(), QStringLiteral("demo/oci:latest"), m_tmp.path());
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.manifestDigest, run.result.manifestDigest);
    checkPulled(QStringLiteral("demo/oci:latest"));
}

void TstPush::pushOciLayoutUncompressedDocker()
{
    // --no-compress: the docker-archive's tars go as they are.
    PushOptions o;
    o.repository = QStringLiteral("demo/raw");
    o.tags = {QStringLiteral("raw")};
    o.compress = false;
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QVERIFY(run.manifest.contains("application/vnd.docker.image.rootfs.diff.tar\""));
    QVERIFY(run.result.bytesUploaded > 50 * 1024 * 1024);
    checkPulled(QStringLiteral("demo/raw:raw"));
    // The OCI layout dir works too (a different repository, cross-repo mount from demo/oci).
    o.repository = QStringLiteral("demo/layout");
    o.mountFrom = QStringLiteral("demo/oci");
    const PushRun mounted = runPush(m_registry.url(), load(m_img.layout), o);
    QVERIFY2(mounted.result.ok, qPrintable(mounted.result.error));
    QCOMPARE(mounted.result.layersMounted, 4);
    QCOMPARE(mounted.result.bytesUploaded, 0);
}

void TstPush::chunkedUpload()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/chunked");
    o.tags = {QStringLiteral("c")};
    o.forceChunked = true;
    o.tempDir = m_tmp.path();
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    int patches = 0;
    for (const QByteArray &r : run.requests)
        patches += r.startsWith("PATCH ");
    QVERIFY2(patches >= 7, qPrintable(QString::number(patches))); // 50 MiB in 8 MiB parts
    checkPulled(QStringLiteral("demo/chunked:c"));
}

void TstPush::connectionCutMidLayer()
{
    FaultProxy proxy(m_registry.port());
    QVERIFY(proxy.listen());
    proxy.cutAfter(20 * 1024 * 1024); // inside the 50 MiB layer
    PushOptions o;
    o.repository = QStringLiteral("demo/fault");
    o.tags = {QStringLiteral("f")};
    o.tempDir = m_tmp.path();
    o.backoffBaseMs = 20;
    const PushRun run =
        runPush(QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()), load(m_img.dockerArchive), o);
    QVERIFY2(run.result.ok, qPrintable(run.result.error));
    QCOMPARE(proxy.cuts(), 1);
    QVERIFY(run.result.retries >= 1);
    checkPulled(QStringLiteral("demo/fault:f"));
}

void TstPush::wrongPassword()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/denied");
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o, QStringLiteral("user"),
                                QStringLiteral("wrong"));
    QVERIFY(!run.result.ok);
    QVERIFY2(run.result.error.contains(QStringLiteral("UNAUTHORIZED")), qPrintable(run.result.error));
}

void TstPush::cancel()
{
    PushOptions o;
    o.repository = QStringLiteral("demo/cancel");
    o.compress = false;
    const PushRun run = runPush(m_registry.url(), load(m_img.dockerArchive), o, QStringLiteral("user"),
                                QStringLiteral("pass"), [](PushEngine *e) {
                                    QObject::connect(e, &PushEngine::layerStateChanged, e,
                                                     [e](int, PushEngine::LayerState s) {
                                                         if (s == PushEngine::LayerState::Uploading)
                                                             e->cancel();
                                                     });
                                });
    QVERIFY(!run.result.ok);
    QVERIFY(run.result.cancelled);
}

QTEST_GUILESS_MAIN(TstPush)
#include "tst_push.moc"
