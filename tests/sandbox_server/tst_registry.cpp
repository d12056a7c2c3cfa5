// The sandbox's ECR registry at /v2/: Basic auth with the GetAuthorizationToken
// password, monolithic and chunked uploads over plain HTTP, digest checks,
// manifests, a push and a pull with skopeo of an image made with umoci, and
// the pushed image in DescribeImages.

#include "SandboxServer.h"
#include "SandboxTestClient.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace aws;
using namespace aws::sandbox;

class TestRegistry : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void refusesWithoutAuth();
    void unknownRepository();
    void monolithicUpload();
    void chunkedUpload();
    void manifestNeedsItsBlobs();
    void skopeoPushAndPull();

private:
    QJsonObject ecr(const QByteArray &operation, const QJsonObject &params);
    QUrl url(const QString &path) const;
    QList<QPair<QByteArray, QByteArray>> auth() const;
    static QString digestOf(const QByteArray &data);
    bool run(const QString &program, const QStringList &args, QString *output = nullptr);

    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<SandboxTestClient> m_client;
    QString m_password;
    QTemporaryDir m_dir;
};

static const QString kRepo = QStringLiteral("team/demo");

void TestRegistry::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    m_client = std::make_unique<SandboxTestClient>(m_server->endpoint());
    ecr("CreateRepository", {{QStringLiteral("repositoryName"), kRepo}});
    const QJsonObject token = ecr("GetAuthorizationToken", {});
    const QJsonObject data = token.value(QStringLiteral("authorizationData")).toArray().at(0).toObject();
    const QByteArray decoded =
        QByteArray::fromBase64(data.value(QStringLiteral("authorizationToken")).toString().toLatin1());
    QVERIFY(decoded.startsWith("AWS:"));
    m_password = QString::fromUtf8(decoded.mid(4));
}

void TestRegistry::cleanupTestCase()
{
    m_client.reset();
    m_server.reset();
}

QJsonObject TestRegistry::ecr(const QByteArray &operation, const QJsonObject &params)
{
    HttpRequest req = m_client->json("AmazonEC2ContainerRegistry_V20150921." + operation, params);
    SandboxTestClient::sign(req, m_server->credentials(), QStringLiteral("ecr"));
    const TestReply r = m_client->send(req);
    if (r.status != 200)
        qWarning() << operation << r.status << r.body;
    return r.json();
}

QUrl TestRegistry::url(const QString &path) const
{
    QUrl u = m_server->endpoint();
    const qsizetype q = path.indexOf(u'?');
    u.setPath(q < 0 ? path : path.left(q));
    if (q >= 0)
        u.setQuery(path.mid(q + 1));
    return u;
}

QList<QPair<QByteArray, QByteArray>> TestRegistry::auth() const
{
    return {{"Authorization", "Basic " + ("AWS:" + m_password.toUtf8()).toBase64()}};
}

QString TestRegistry::digestOf(const QByteArray &data)
{
    return QStringLiteral("sha256:") +
           QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

bool TestRegistry::run(const QString &program, const QStringList &args, QString *output)
{
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return false;
    // skopeo talks to the server on this thread: keep the event loop running.
    const bool finished = QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 120000);
    if (!finished) {
        p.kill(); // the process we started, by its handle
        p.waitForFinished(5000);
        return false;
    }
    const QString out = QString::fromUtf8(p.readAll());
    if (output)
        *output = out;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
        qWarning().noquote() << program << args.join(u' ') << "failed:" << out;
        return false;
    }
    return true;
}

void TestRegistry::refusesWithoutAuth()
{
    TestReply r = m_client->raw("GET", url(QStringLiteral("/v2/")), {});
    QCOMPARE(r.status, 401);
    QVERIFY(r.headers.value("www-authenticate").startsWith("Basic realm="));
    QVERIFY(r.body.contains("UNAUTHORIZED"));

    r = m_client->raw("GET", url(QStringLiteral("/v2/")),
                      {{"Authorization", "Basic " + QByteArray("AWS:wrong").toBase64()}});
    QCOMPARE(r.status, 401);
    r = m_client->raw("GET", url(QStringLiteral("/v2/")),
                      {{"Authorization", "Basic " + ("admin:" + m_password.toUtf8()).toBase64()}});
    QCOMPARE(r.status, 401);
    r = m_client->raw("GET", url(QStringLiteral("/v2/")), {{"Authorization", "Bearer abc"}});
    QCOMPARE(r.status, 401);

    r = m_client->raw("GET", url(QStringLiteral("/v2/")), auth());
    QCOMPARE(r.status, 200);
}

void TestRegistry::unknownRepository()
{
    const TestReply r = m_client->raw("POST", url(QStringLiteral("/v2/nope/blobs/uploads/")), auth());
    QCOMPARE(r.status, 404);
    QCOMPARE(QJsonDocument::fromJson(r.body)["errors"][0]["code"].toString(), QStringLiteral("NAME_UNKNOWN"));
}

void TestRegistry::monolithicUpload()
{
    const QByteArray blob = "a monolithic blob";
    const QString digest = digestOf(blob);
    TestReply r = m_client->raw("HEAD", url(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, digest)), auth());
    QCOMPARE(r.status, 404);

    r = m_client->raw("POST", url(QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(kRepo, digest)),
                      auth(), blob);
    QCOMPARE(r.status, 201);
    QCOMPARE(r.headers.value("docker-content-digest"), digest.toLatin1());

    r = m_client->raw("HEAD", url(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, digest)), auth());
    QCOMPARE(r.status, 200);
    QCOMPARE(r.headers.value("content-length").toInt(), blob.size());
    r = m_client->raw("GET", url(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, digest)), auth());
    QCOMPARE(r.body, blob);

    // A wrong digest is refused.
    r = m_client->raw("POST",
                      url(QStringLiteral("/v2/%1/blobs/uploads/?digest=%2").arg(kRepo, digestOf("other"))),
                      auth(), blob);
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body)["errors"][0]["code"].toString(),
             QStringLiteral("DIGEST_INVALID"));

    // Cross-repository mount.
    ecr("CreateRepository", {{QStringLiteral("repositoryName"), QStringLiteral("other")}});
    r = m_client->raw(
        "POST", url(QStringLiteral("/v2/other/blobs/uploads/?mount=%1&from=%2").arg(digest, kRepo)), auth());
    QCOMPARE(r.status, 201);
    r = m_client->raw("HEAD", url(QStringLiteral("/v2/other/blobs/%1").arg(digest)), auth());
    QCOMPARE(r.status, 200);
}

void TestRegistry::chunkedUpload()
{
    QByteArray blob(3 * 1024 * 1024 + 17, '\0'); // spills to disk on the server
    for (int i = 0; i < blob.size(); ++i)
        blob[i] = char(i * 31 + 7);
    const QString digest = digestOf(blob);

    TestReply r = m_client->raw("POST", url(QStringLiteral("/v2/%1/blobs/uploads/").arg(kRepo)), auth());
    QCOMPARE(r.status, 202);
    QVERIFY(!r.headers.value("docker-upload-uuid").isEmpty());
    QByteArray location = r.headers.value("location");
    QVERIFY(location.startsWith("/v2/"));

    const qsizetype half = blob.size() / 2;
    auto headers = auth();
    headers.append(qMakePair(QByteArray("Content-Range"), QByteArray("0-" + QByteArray::number(half - 1))));
    r = m_client->raw("PATCH", url(QString::fromLatin1(location)), headers, blob.left(half));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.headers.value("range"), "0-" + QByteArray::number(half - 1));
    location = r.headers.value("location");
    r = m_client->raw("PATCH", url(QString::fromLatin1(location)), auth(), blob.mid(half));
    QCOMPARE(r.status, 202);
    QCOMPARE(r.headers.value("range"), "0-" + QByteArray::number(blob.size() - 1));

    r = m_client->raw("PUT", url(QString::fromLatin1(location) + QStringLiteral("?digest=") + digest),
                      auth());
    QCOMPARE(r.status, 201);
    QCOMPARE(r.headers.value("docker-content-digest"), digest.toLatin1());
    r = m_client->raw("GET", url(QStringLiteral("/v2/%1/blobs/%2").arg(kRepo, digest)), auth());
    QCOMPARE(r.status, 200);
    QVERIFY(r.body == blob);

    // Finishing with the wrong digest fails, and the upload is gone.
    r = m_client->raw("POST", url(QStringLiteral("/v2/%1/blobs/uploads/").arg(kRepo)), auth());
    location = r.headers.value("location");
    r = m_client->raw("PUT", url(QString::fromLatin1(location) + QStringLiteral("?digest=") + digestOf("x")),
                      auth(), "y");
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body)["errors"][0]["code"].toString(),
             QStringLiteral("DIGEST_INVALID"));
}

void TestRegistry::manifestNeedsItsBlobs()
{
    const QByteArray manifest =
        QJsonDocument(QJsonObject{{QStringLiteral("schemaVersion"), 2},
                                  {QStringLiteral("mediaType"),
                                   QStringLiteral("application/vnd.oci.image.manifest.v1+json")},
                                  {QStringLiteral("config"),
                                   QJsonObject{{QStringLiteral("mediaType"),
                                                QStringLiteral("application/vnd.oci.image.config.v1+json")},
                                               {QStringLiteral("digest"), digestOf("never uploaded")},
                                               {QStringLiteral("size"), 14}}},
                                  {QStringLiteral("layers"), QJsonArray{}}})
            .toJson(QJsonDocument::Compact);
    auto headers = auth();
    headers.append(
        qMakePair(QByteArray("Content-Type"), QByteArray("application/vnd.oci.image.manifest.v1+json")));
    const TestReply r =
        m_client->raw("PUT", url(QStringLiteral("/v2/%1/manifests/broken").arg(kRepo)), headers, manifest);
    QCOMPARE(r.status, 400);
    QCOMPARE(QJsonDocument::fromJson(r.body)["errors"][0]["code"].toString(),
             QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
}

void TestRegistry::skopeoPushAndPull()
{
    for (const char *tool : {"skopeo", "umoci"})
        if (QStandardPaths::findExecutable(QString::fromLatin1(tool)).isEmpty())
            QSKIP(qPrintable(QStringLiteral("%1 is not installed").arg(QLatin1String(tool))));

    // An image without Docker: umoci init / new / unpack / edit / repack.
    const QString layout = m_dir.filePath(QStringLiteral("img"));
    const QString bundle = m_dir.filePath(QStringLiteral("bundle"));
    QVERIFY(run(QStringLiteral("umoci"), {QStringLiteral("init"), QStringLiteral("--layout"), layout}));
    QVERIFY(run(QStringLiteral("umoci"),
                {QStringLiteral("new"), QStringLiteral("--image"), layout + QStringLiteral(":latest")}));
    QVERIFY(run(QStringLiteral("umoci"),
                {QStringLiteral("unpack"), QStringLiteral("--rootless"), QStringLiteral("--image"),
                 layout + QStringLiteral(":latest"), bundle}));
    QFile hello(bundle + QStringLiteral("/rootfs/hello.txt"));
    QVERIFY(hello.open(QIODevice::WriteOnly));
    hello.write(QByteArray(200 * 1024, 'h')); // big enough to be more than a toy
    hello.close();
    QVERIFY(run(QStringLiteral("umoci"), {QStringLiteral("repack"), QStringLiteral("--image"),
                                          layout + QStringLiteral(":latest"), bundle}));

    const QString ref = QStringLiteral("docker://%1/%2:v1").arg(m_server->registryHost(), kRepo);
    const QString creds = QStringLiteral("AWS:") + m_password;
    QVERIFY(
        run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--dest-creds"), creds,
                                       QStringLiteral("--dest-tls-verify=false"),
                                       QStringLiteral("oci:") + layout + QStringLiteral(":latest"), ref}));

    // The push shows in DescribeImages.
    const QJsonObject images = ecr("DescribeImages", {{QStringLiteral("repositoryName"), kRepo}});
    bool found = false;
    for (const auto &d : images.value(QStringLiteral("imageDetails")).toArray())
        found =
            found || d.toObject().value(QStringLiteral("imageTags")).toArray().contains(QStringLiteral("v1"));
    QVERIFY2(found, QJsonDocument(images).toJson().constData());

    // tags/list and a pull back into an OCI layout.
    const TestReply tags = m_client->raw("GET", url(QStringLiteral("/v2/%1/tags/list").arg(kRepo)), auth());
    QVERIFY(QJsonDocument::fromJson(tags.body)["tags"].toArray().contains(QStringLiteral("v1")));
    const QString pulled = m_dir.filePath(QStringLiteral("pulled"));
    QVERIFY(run(QStringLiteral("skopeo"), {QStringLiteral("copy"), QStringLiteral("--src-creds"), creds,
                                           QStringLiteral("--src-tls-verify=false"), ref,
                                           QStringLiteral("oci:") + pulled + QStringLiteral(":v1")}));
    QVERIFY(QFile::exists(pulled + QStringLiteral("/index.json")));

    // Wrong credentials are refused by skopeo's push too.
    QVERIFY(!run(QStringLiteral("skopeo"),
                 {QStringLiteral("copy"), QStringLiteral("--dest-creds"), QStringLiteral("AWS:wrong"),
                  QStringLiteral("--dest-tls-verify=false"),
                  QStringLiteral("oci:") + layout + QStringLiteral(":latest"), ref}));
}

QTEST_GUILESS_MAIN(TestRegistry)
#include "tst_registry.moc"
