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

#include <QJsonArray>
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
    void thePushedImageRunsAsATask();

private:
    Outcome call(const QString &operation, const QJsonObject &params)
    {
        return call(QStringLiteral("ecr"), operation, params);
    }
    Outcome call(const QString &service, const QString &operation, const QJsonObject &params);
    /// Runs one Fargate task of `image` and lets the sandbox's clock run until it settles; returns the task.
    QJsonObject runTask(const QString &image);
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

Outcome TstEcrToken::call(const QString &service, const QString &operation, const QJsonObject &params)
{
    Outcome out;
    bool done = false;
    m_aws->call(service, operation, params, this, [&](const Outcome &o) {
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

QJsonObject TstEcrToken::runTask(const QString &image)
{
    const QString ecs = QStringLiteral("ecs");
    call(ecs, QStringLiteral("CreateCluster"), {{QStringLiteral("clusterName"), QStringLiteral("pushed")}});
    const Outcome td =
        call(ecs, QStringLiteral("RegisterTaskDefinition"),
             {{QStringLiteral("family"), QStringLiteral("pushed")},
              {QStringLiteral("networkMode"), QStringLiteral("awsvpc")},
              {QStringLiteral("requiresCompatibilities"), QJsonArray{QStringLiteral("FARGATE")}},
              {QStringLiteral("cpu"), QStringLiteral("256")},
              {QStringLiteral("memory"), QStringLiteral("512")},
              {QStringLiteral("executionRoleArn"), QStringLiteral("arn:aws:iam::123456789012:role/LabRole")},
              {QStringLiteral("containerDefinitions"),
               QJsonArray{QJsonObject{{QStringLiteral("name"), QStringLiteral("web")},
                                      {QStringLiteral("image"), image},
                                      {QStringLiteral("essential"), true}}}}});
    if (!td.ok())
        return {{QStringLiteral("error"), td.error->toString()}};
    const QJsonArray subnets = call(QStringLiteral("ec2"), QStringLiteral("DescribeSubnets"), {})
                                   .output.value(QStringLiteral("Subnets"))
                                   .toArray();
    const Outcome run = call(
        ecs, QStringLiteral("RunTask"),
        {{QStringLiteral("cluster"), QStringLiteral("pushed")},
         {QStringLiteral("taskDefinition"),
          td.output.value(QStringLiteral("taskDefinition"))[QStringLiteral("taskDefinitionArn")].toString()},
         {QStringLiteral("launchType"), QStringLiteral("FARGATE")},
         {QStringLiteral("networkConfiguration"),
          QJsonObject{{QStringLiteral("awsvpcConfiguration"),
                       QJsonObject{{QStringLiteral("subnets"),
                                    QJsonArray{subnets.first()[QStringLiteral("SubnetId")]}},
                                   {QStringLiteral("assignPublicIp"), QStringLiteral("ENABLED")}}}}}});
    if (!run.ok())
        return {{QStringLiteral("error"), run.error->toString()}};
    const QString arn = run.output.value(QStringLiteral("tasks"))[0][QStringLiteral("taskArn")].toString();
    QJsonObject task;
    // Simulated minutes pass in steps until the task runs or stops (bounded: 30 steps of 20 s).
    for (int i = 0; i < 30; ++i) {
        m_server->account().clock().advance(20);
        task = call(ecs, QStringLiteral("DescribeTasks"),
                    {{QStringLiteral("cluster"), QStringLiteral("pushed")},
                     {QStringLiteral("tasks"), QJsonArray{arn}}})
                   .output.value(QStringLiteral("tasks"))[0]
                   .toObject();
        const QString status = task.value(QStringLiteral("lastStatus")).toString();
        if (status == u"RUNNING" || status == u"STOPPED")
            break;
    }
    return task;
}

void TstEcrToken::thePushedImageRunsAsATask()
{
    const QString uri = call(QStringLiteral("DescribeRepositories"),
                             {{QStringLiteral("repositoryNames"), QJsonArray{QStringLiteral("web/expiry")}}})
                            .output.value(QStringLiteral("repositories"))[0][QStringLiteral("repositoryUri")]
                            .toString();
    QVERIFY2(uri.contains(u".dkr.ecr."), qPrintable(uri));
    // The tag the push wrote: the task pulls it and runs.
    const QJsonObject ran = runTask(uri + QStringLiteral(":v1"));
    QVERIFY2(!ran.contains(u"error"), qPrintable(ran.value(u"error").toString()));
    QCOMPARE(ran.value(QStringLiteral("lastStatus")).toString(), QStringLiteral("RUNNING"));
    // A tag that was never pushed: ECS cannot pull it, as in AWS.
    const QJsonObject failed = runTask(uri + QStringLiteral(":never-pushed"));
    QCOMPARE(failed.value(QStringLiteral("lastStatus")).toString(), QStringLiteral("STOPPED"));
    QVERIFY2(failed.value(QStringLiteral("stoppedReason")).toString().contains(u"CannotPullContainerError"),
             qPrintable(failed.value(QStringLiteral("stoppedReason")).toString()));
}

QTEST_GUILESS_MAIN(TstEcrToken)
#include "tst_ecr_token.moc"
