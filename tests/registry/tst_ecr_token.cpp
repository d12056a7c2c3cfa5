// An ECR token that expires in the middle of a push: the sandbox's ECR (in
// this process, on its simulated clock) stops accepting the password from
// GetAuthorizationToken once the clock passes its 12 hours; the registry
// client answers the 401 by asking for a new token and the push goes on
// from where it was, without sending the finished layers again.

#include "AwsClient.h"
#include "EcrAuthorization.h"
#include "ModelRegistry.h"
#include "PushEngine.h"
#include "RegistryClient.h"
#include "SimClock.h"
#include "SourceLoader.h"
#include "TestImages.h"
#include "server/SandboxServer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace aws;
using namespace aws::registry;
using aws::sandbox::SandboxServer;

class TstEcrToken : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void expiredTokenMidPushIsRenewed();

private:
    Outcome call(const QString &operation, const QJsonObject &params);
    QTemporaryDir m_tmp;
    testsupport::TestImage m_img;
    std::unique_ptr<SandboxServer> m_server;
    std::unique_ptr<AwsClient> m_aws;
};

void TstEcrToken::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString e = testsupport::buildTestImage(m_tmp.filePath(QStringLiteral("img")), 6, &m_img);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    sandbox::server::SandboxOptions options;
    options.serveTaskPages = false;
    m_server = std::make_unique<SandboxServer>(options);
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    EndpointResolver resolver(ModelRegistry::partitionsDocument(), ModelRegistry::endpointsDocument());
    resolver.setEndpointOverride(m_server->endpoint());
    ClientConfig config;
    const Credentials creds = m_server->credentials();
    config.credentials = [creds] { return creds; };
    m_aws = std::make_unique<AwsClient>(std::move(config), std::move(resolver));
}

Outcome TstEcrToken::call(const QString &operation, const QJsonObject &params)
{
    Outcome out;
    bool done = false;
    m_aws->call(QStringLiteral("ecr"), operation, params, this, [&](const Outcome &o) {
        out = o;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 30000))
        out.error = AwsError{};
    return out;
}

void TstEcrToken::expiredTokenMidPushIsRenewed()
{
    const QString repo = QStringLiteral("web/expiry");
    QVERIFY(call(QStringLiteral("CreateRepository"), {{QStringLiteral("repositoryName"), repo}}).ok());

    std::optional<EcrAuthorization> auth;
    fetchEcrAuthorization(m_aws.get(), this, [&](const EcrAuthorization &a) { auth = a; });
    QVERIFY(QTest::qWaitFor([&] { return auth.has_value(); }, 30000));
    QVERIFY2(auth->error.isEmpty(), qPrintable(auth->error));

    QNetworkAccessManager nam;
    RegistryClient client(auth->proxyEndpoint, &nam);
    int tokensAsked = 0;
    const CredentialsProvider ecr = ecrCredentialsProvider(m_aws.get(), this);
    client.setCredentialsProvider([&](auto done) {
        ++tokensAsked;
        ecr(done);
    });

    SourceResult source = SourceLoader::load(m_img.dockerArchive);
    QVERIFY2(source.ok(), qPrintable(source.error));
    PushOptions o;
    o.repository = repo;
    o.tags = {QStringLiteral("v1")};
    o.tempDir = m_tmp.path();
    o.parallelUploads = 1; // one layer after the other: the expiry falls between two
    PushEngine engine(&client, *source.image, o);
    bool expired = false;
    int doneBeforeExpiry = 0;
    QObject::connect(&engine, &PushEngine::layerStateChanged, this, [&](int, PushEngine::LayerState s) {
        if (s != PushEngine::LayerState::Done || expired)
            return;
        // The first layer is in: 13 hours pass on the sandbox's clock, the token is dead.
        ++doneBeforeExpiry;
        m_server->account().clock().advance(13 * 3600);
        expired = true;
    });
    QSignalSpy finished(&engine, &PushEngine::finished);
    engine.start();
    QVERIFY(finished.wait(120000));
    const PushResult r = engine.result();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(expired);
    QCOMPARE(doneBeforeExpiry, 1);
    QCOMPARE(tokensAsked, 2);      // the first token, then one renewal
    QCOMPARE(r.layersUploaded, 4); // 3 layers and the config, each once
    QCOMPARE(r.layersSkipped, 0);

    const Outcome images = call(QStringLiteral("DescribeImages"), {{QStringLiteral("repositoryName"), repo}});
    QVERIFY(images.ok());
    const QJsonArray details = images.output.value(QStringLiteral("imageDetails")).toArray();
    QCOMPARE(details.size(), 1);
    QCOMPARE(details.first().toObject().value(QStringLiteral("imageDigest")).toString(), r.manifestDigest);
}

QTEST_GUILESS_MAIN(TstEcrToken)
#include "tst_ecr_token.moc"
