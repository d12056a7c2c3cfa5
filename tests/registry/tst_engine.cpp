// The Docker engine source against a small Unix-socket server that answers
// the Engine API calls it uses (/_ping, /images/json, /images/{name}/get
// streaming a real docker-archive in chunks) — no engine runs here.

#include "DockerEngineSource.h"
#include "FakeEngine.h"
#include "ImageVerifier.h"
#include "TestImages.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace aws::registry;
using namespace testsupport;

class TstEngine : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void environment();
    void listAndExport();
    void unknownImage();
    void noEngine();

private:
    QTemporaryDir m_tmp;
    TestImage m_img;
    FakeEngine m_engine;
    QString m_socket;
};

void TstEngine::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString e = buildTestImage(m_tmp.filePath(QStringLiteral("img")), 3, &m_img);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    m_engine.archive = m_img.dockerArchive;
    m_socket = m_tmp.filePath(QStringLiteral("docker.sock"));
    QVERIFY(m_engine.listen(m_socket));
}

void TstEngine::environment()
{
    QProcessEnvironment env;
    QCOMPARE(DockerEngineSource::socketFromEnvironment(env), QStringLiteral("/var/run/docker.sock"));
    env.insert(QStringLiteral("DOCKER_HOST"), QStringLiteral("unix:///run/user/1000/docker.sock"));
    QCOMPARE(DockerEngineSource::socketFromEnvironment(env), QStringLiteral("/run/user/1000/docker.sock"));
}

void TstEngine::listAndExport()
{
    DockerEngineSource engine(m_socket);
    QStringList names;
    QString error = QStringLiteral("unset");
    bool listed = false;
    engine.listImages([&](const QStringList &n, const QString &e) {
        names = n;
        error = e;
        listed = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(listed, 10000);
    QCOMPARE(error, QString());
    QCOMPARE(names, QStringList{QStringLiteral("demo:latest")});

    std::optional<SourceResult> result;
    engine.exportImage(QStringLiteral("demo:latest"), m_tmp.path(),
                       [&](SourceResult r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 30000);
    QVERIFY2(result->ok(), qPrintable(result->error));
    QCOMPARE(result->image->configDigest, m_img.configDigest);
    QCOMPARE(result->image->layers.size(), m_img.diffIds.size());
    QCOMPARE(ImageVerifier::verifyImage(*result->image), QString());
    QVERIFY(m_engine.paths.contains(QStringLiteral("/_ping")));
}

void TstEngine::unknownImage()
{
    DockerEngineSource engine(m_socket);
    std::optional<SourceResult> result;
    engine.exportImage(QStringLiteral("nothere:1"), m_tmp.path(),
                       [&](SourceResult r) { result = std::move(r); });
    QTRY_VERIFY_WITH_TIMEOUT(result.has_value(), 10000);
    QVERIFY(!result->ok());
    QVERIFY2(result->error.contains(QStringLiteral("cannot export nothere:1: reference does not exist")),
             qPrintable(result->error));
}

void TstEngine::noEngine()
{
    DockerEngineSource engine(m_tmp.filePath(QStringLiteral("absent.sock")));
    QString error;
    bool done = false;
    engine.ping([&](const QString &e) {
        error = e;
        done = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
    QVERIFY2(error.startsWith(QStringLiteral("no Docker engine answers at ") +
                              m_tmp.filePath(QStringLiteral("absent.sock"))),
             qPrintable(error));
}

QTEST_GUILESS_MAIN(TstEngine)
#include "tst_engine.moc"
