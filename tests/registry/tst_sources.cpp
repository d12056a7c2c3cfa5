// Image sources read the forms skopeo writes (docker-archive with symlinked
// layers, OCI layout, OCI archive), pick an image by name in a multi-image
// archive wherever manifest.json sits, and refuse each bad source with its
// own message before anything would be uploaded.

#include "DockerArchiveSource.h"
#include "ImageRules.h"
#include "ImageVerifier.h"
#include "SourceLoader.h"
#include "TarIndex.h"
#include "TestImages.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace aws::registry;
using namespace testsupport;

class TstSources : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void dockerArchive();
    void ociLayoutAndArchive();
    void sameImageFromEveryForm();
    void multiImagePickByName_data();
    void multiImagePickByName();
    void refusals_data();
    void refusals();
    void tagAndRepositoryRules();

private:
    QTemporaryDir m_tmp;
    TestImage m_a, m_b;
    QString m_multiLast, m_multiFirst;
};

void TstSources::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    QString e = buildTestImage(m_tmp.filePath(QStringLiteral("a")), 0, &m_a);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    e = buildTestImage(m_tmp.filePath(QStringLiteral("b")), 0, &m_b, QStringLiteral("other/tool:v2"),
                       QStringLiteral("bee"));
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_multiLast = m_tmp.filePath(QStringLiteral("multi-last.tar"));
    m_multiFirst = m_tmp.filePath(QStringLiteral("multi-first.tar"));
    e = mergeDockerArchives({m_a.dockerArchive, m_b.dockerArchive}, m_multiLast, m_tmp.path(), false);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    e = mergeDockerArchives({m_a.dockerArchive, m_b.dockerArchive}, m_multiFirst, m_tmp.path(), true);
    QVERIFY2(e.isEmpty(), qPrintable(e));
}

void TstSources::dockerArchive()
{
    // skopeo writes `<id>/layer.tar -> ../<diffid>.tar` symlinks: they must resolve.
    TarIndex tar;
    QVERIFY2(tar.build(m_a.dockerArchive), qPrintable(tar.error()));
    bool sawLink = false;
    for (const TarEntry &e : tar.entries())
        sawLink |= e.type == '2';
    QVERIFY(sawLink);

    SourceResult r = SourceLoader::load(m_a.dockerArchive);
    QVERIFY2(r.ok(), qPrintable(r.error));
    SourceImage &img = *r.image;
    QCOMPARE(img.family, ManifestFamily::Docker);
    QCOMPARE(img.architecture, QStringLiteral("amd64"));
    QCOMPARE(img.os, QStringLiteral("linux"));
    QCOMPARE(img.configDigest, m_a.configDigest);
    QCOMPARE(img.layers.size(), 2);
    for (qsizetype i = 0; i < img.layers.size(); ++i) {
        QVERIFY(!img.layers[i].compressed);
        QCOMPARE(img.layers[i].diffId, m_a.diffIds[i]);
        QCOMPARE(img.layers[i].digest, m_a.diffIds[i]);
    }
    QCOMPARE(ImageVerifier::verifyImage(img), QString());
}

void TstSources::ociLayoutAndArchive()
{
    for (const QString &spec : {m_a.layout, QStringLiteral("oci:") + m_a.layout + QStringLiteral(":latest"),
                                m_a.ociArchive, QStringLiteral("oci-archive:") + m_a.ociArchive}) {
        SourceResult r = SourceLoader::load(spec);
        QVERIFY2(r.ok(), qPrintable(spec + u' ' + r.error));
        QCOMPARE(r.image->family, ManifestFamily::Oci);
        QCOMPARE(r.image->configDigest, m_a.configDigest);
        QCOMPARE(r.image->layers.size(), 2);
        QVERIFY(r.image->layers[0].compressed);
        QVERIFY(!r.image->originalManifest.isEmpty());
        QCOMPARE(ImageVerifier::verifyImage(*r.image), QString());
    }
}

void TstSources::sameImageFromEveryForm()
{
    // The diff ids (what the image *is*) agree across the three forms.
    const SourceResult d = SourceLoader::load(m_a.dockerArchive);
    const SourceResult o = SourceLoader::load(m_a.ociArchive);
    QVERIFY(d.ok() && o.ok());
    for (qsizetype i = 0; i < d.image->layers.size(); ++i)
        QCOMPARE(d.image->layers[i].diffId, o.image->layers[i].diffId);
}

void TstSources::multiImagePickByName_data()
{
    QTest::addColumn<bool>("manifestFirst");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("expected"); // config digest key: a or b
    for (bool first : {false, true}) {
        const QByteArray where = first ? "manifest first: " : "manifest last: ";
        QTest::newRow(where + "short name") << first << QStringLiteral("demo") << QStringLiteral("a");
        QTest::newRow(where + "name:tag") << first << QStringLiteral("demo:latest") << QStringLiteral("a");
        QTest::newRow(where + "full")
            << first << QStringLiteral("docker.io/library/demo:latest") << QStringLiteral("a");
        QTest::newRow(where + "path:tag") << first << QStringLiteral("other/tool:v2") << QStringLiteral("b");
    }
}

void TstSources::multiImagePickByName()
{
    QFETCH(bool, manifestFirst);
    QFETCH(QString, name);
    QFETCH(QString, expected);
    const SourceResult r = SourceLoader::load(manifestFirst ? m_multiFirst : m_multiLast, name);
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.image->configDigest, expected == u'a' ? m_a.configDigest : m_b.configDigest);
}

void TstSources::refusals_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("message");

    const QString notTar = m_tmp.filePath(QStringLiteral("notes.txt"));
    QFile f(notTar);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(4096, 'x'));
    f.close();

    const QString truncated = m_tmp.filePath(QStringLiteral("truncated.tar"));
    QFile::copy(m_a.dockerArchive, truncated);
    QFile t(truncated);
    QFile::setPermissions(truncated, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(t.open(QIODevice::ReadWrite));
    QVERIFY(t.resize(t.size() / 2));
    t.close();

    // A plain tar without image metadata.
    const QString plainTar = m_tmp.filePath(QStringLiteral("plain.tar"));
    QString err;
    runTool(
        QStringLiteral("tar"),
        {QStringLiteral("-cf"), plainTar, QStringLiteral("-C"), m_tmp.path(), QStringLiteral("notes.txt")},
        &err);
    QVERIFY2(err.isEmpty(), qPrintable(err));

    QTest::newRow("not an archive") << notTar << QString()
                                    << QStringLiteral("is not an image archive (not a tar file)");
    QTest::newRow("plain tar") << plainTar << QString()
                               << QStringLiteral("neither manifest.json nor index.json");
    QTest::newRow("truncated") << truncated << QString() << QStringLiteral("is truncated");
    QTest::newRow("missing") << m_tmp.filePath(QStringLiteral("nope.tar")) << QString()
                             << QStringLiteral("does not exist");
    QTest::newRow("several, none chosen")
        << m_multiLast << QString() << QStringLiteral("holds 2 images; choose one with --image");
    QTest::newRow("unknown name") << m_multiLast << QStringLiteral("nothere:1")
                                  << QStringLiteral("has no image called 'nothere:1'");
    QTest::newRow("empty dir") << m_tmp.path() << QString() << QStringLiteral("is not an OCI image layout");
}

void TstSources::refusals()
{
    QFETCH(QString, spec);
    QFETCH(QString, image);
    QFETCH(QString, message);
    const SourceResult r = SourceLoader::load(spec, image);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(message), qPrintable(r.error));
}

void TstSources::tagAndRepositoryRules()
{
    // Layer whose bytes do not match: flip one byte inside a layer, in place.
    const QString damaged = m_tmp.filePath(QStringLiteral("damaged.tar"));
    QFile::copy(m_a.dockerArchive, damaged);
    QFile::setPermissions(damaged, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    SourceResult r = SourceLoader::load(damaged);
    QVERIFY(r.ok());
    TarIndex tar;
    QVERIFY(tar.build(damaged));
    const auto layer = tar.file(QStringLiteral("%1.tar").arg(r.image->layers[1].diffId.mid(7)));
    QVERIFY(layer);
    QFile d(damaged);
    QVERIFY(d.open(QIODevice::ReadWrite));
    d.seek(layer->offset + 1024);
    const char c = d.read(1).at(0);
    d.seek(layer->offset + 1024);
    d.write(QByteArray(1, static_cast<char>(c ^ 0x55)));
    d.close();
    r = SourceLoader::load(damaged);
    QVERIFY(r.ok());
    const QString why = ImageVerifier::verifyImage(*r.image);
    QVERIFY2(why.startsWith(QStringLiteral("layer 2 does not match its digest: the config says sha256:")),
             qPrintable(why));

    // Same for a compressed OCI blob: the manifest digest catches it.
    const QString layout = m_tmp.filePath(QStringLiteral("a/oci"));
    r = SourceLoader::load(layout);
    QVERIFY(r.ok());
    QFile blob(layout + QStringLiteral("/blobs/sha256/") + r.image->layers[0].digest.mid(7));
    QFile::setPermissions(blob.fileName(), QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    QVERIFY(blob.open(QIODevice::ReadWrite));
    blob.seek(blob.size() - 12);
    blob.write("XXXX");
    blob.close();
    const QString why2 = ImageVerifier::verifyImage(*r.image);
    QVERIFY2(why2.contains(QStringLiteral("layer 1 does not match its digest: the manifest says")),
             qPrintable(why2));

    QCOMPARE(checkTag(QStringLiteral("v1.2_3-x")), QString());
    QVERIFY(checkTag(QStringLiteral("-bad")).contains(QStringLiteral("is not a valid tag")));
    QVERIFY(checkTag(QString(129, u'a')).contains(QStringLiteral("is not a valid tag")));
    QVERIFY(checkTag(QString()).contains(QStringLiteral("empty")));
    QCOMPARE(checkRepositoryName(QStringLiteral("team/web-app")), QString());
    QVERIFY(!checkRepositoryName(QStringLiteral("Web")).isEmpty());
    QVERIFY(!checkRepositoryName(QStringLiteral("a")).isEmpty());
    QVERIFY(
        architectureWarning(QStringLiteral("386"), QStringLiteral("linux")).contains(QStringLiteral("386")));
    QCOMPARE(architectureWarning(QStringLiteral("arm64"), QStringLiteral("linux")), QString());
}

QTEST_GUILESS_MAIN(TstSources)
#include "tst_sources.moc"
