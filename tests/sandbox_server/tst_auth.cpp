// SigV4 on every sandbox request: signed calls pass; missing, wrong, unknown
// and skewed signatures get the real services' codes and statuses for each
// protocol family (query: STS, ec2: EC2, json 1.1: ECS).

#include "SandboxServer.h"
#include "SandboxTestClient.h"

#include <QTest>

using namespace aws;
using namespace aws::sandbox;

class TestAuth : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void signedCallsPass();
    void rejections_data();
    void rejections();
    void environmentLines();

private:
    std::unique_ptr<SandboxServer> m_server;
};

static const QByteArray kStsBody = "Action=GetCallerIdentity&Version=2011-06-15";
static const QByteArray kEc2Body = "Action=DescribeVpcs&Version=2016-11-15";

void TestAuth::initTestCase()
{
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
    QCOMPARE(m_server->endpoint().host(), QStringLiteral("127.0.0.1"));
    QVERIFY(m_server->endpoint().port() > 0);
    QVERIFY(m_server->credentials().accessKeyId.startsWith(QStringLiteral("AKIASANDBOX")));
    QCOMPARE(m_server->credentials().accessKeyId.size(), 20);
}

void TestAuth::cleanupTestCase()
{
    m_server.reset();
}

void TestAuth::signedCallsPass()
{
    SandboxTestClient client(m_server->endpoint());
    HttpRequest sts = client.form(kStsBody);
    SandboxTestClient::sign(sts, m_server->credentials(), QStringLiteral("sts"));
    const TestReply r = client.send(sts);
    QCOMPARE(r.status, 200);
    QVERIFY(r.body.contains("GetCallerIdentityResponse"));
    QVERIFY(!r.headers.value("x-amzn-requestid").isEmpty());
    QVERIFY(!r.headers.value("date").isEmpty());

    HttpRequest ecs = client.json("AmazonEC2ContainerServiceV20141113.ListClusters", {});
    SandboxTestClient::sign(ecs, m_server->credentials(), QStringLiteral("ecs"));
    const TestReply e = client.send(ecs);
    QCOMPARE(e.status, 200);
    QVERIFY(e.json().contains(QStringLiteral("clusterArns")));
}

void TestAuth::rejections_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<QString>("fault"); // none, secret, key, skew
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");

    QTest::newRow("sts missing") << "sts"
                                 << "none" << 403 << "MissingAuthenticationToken";
    QTest::newRow("sts wrong secret") << "sts"
                                      << "secret" << 403 << "SignatureDoesNotMatch";
    QTest::newRow("sts unknown key") << "sts"
                                     << "key" << 403 << "InvalidClientTokenId";
    QTest::newRow("sts skewed") << "sts"
                                << "skew" << 403 << "SignatureDoesNotMatch";
    QTest::newRow("ec2 missing") << "ec2"
                                 << "none" << 401 << "MissingAuthenticationToken";
    QTest::newRow("ec2 wrong secret") << "ec2"
                                      << "secret" << 401 << "AuthFailure";
    QTest::newRow("ec2 unknown key") << "ec2"
                                     << "key" << 401 << "AuthFailure";
    QTest::newRow("ec2 skewed") << "ec2"
                                << "skew" << 400 << "RequestExpired";
    QTest::newRow("ecs missing") << "ecs"
                                 << "none" << 400 << "MissingAuthenticationTokenException";
    QTest::newRow("ecs wrong secret") << "ecs"
                                      << "secret" << 400 << "InvalidSignatureException";
    QTest::newRow("ecs unknown key") << "ecs"
                                     << "key" << 400 << "UnrecognizedClientException";
    QTest::newRow("ecs skewed") << "ecs"
                                << "skew" << 400 << "InvalidSignatureException";
}

void TestAuth::rejections()
{
    QFETCH(QString, service);
    QFETCH(QString, fault);
    QFETCH(int, status);
    QFETCH(QString, code);

    SandboxTestClient client(m_server->endpoint());
    HttpRequest req = service == u"ecs"   ? client.json("AmazonEC2ContainerServiceV20141113.ListClusters", {})
                      : service == u"ec2" ? client.form(kEc2Body)
                                          : client.form(kStsBody);
    Credentials creds = m_server->credentials();
    QDateTime time = QDateTime::currentDateTimeUtc();
    if (fault == u"secret")
        creds.secretAccessKey = QStringLiteral("not-the-sandbox-secret-0000000000000000");
    else if (fault == u"key")
        creds.accessKeyId = QStringLiteral("TESTKEYIDUNKNOWN0000");
    else if (fault == u"skew")
        time = time.addSecs(-20 * 60);
    if (fault != u"none")
        SandboxTestClient::sign(req, creds, service, time);

    const TestReply r = client.send(req);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);
    QVERIFY(!r.headers.value("x-amzn-requestid").isEmpty());
    if (fault == u"skew" && service != u"ec2")
        QVERIFY2(r.body.contains("Signature expired"), r.body.constData());
    // Nothing secret comes back.
    QVERIFY(!r.body.contains(m_server->credentials().secretAccessKey.toUtf8()));
}

void TestAuth::environmentLines()
{
    const QStringList lines = m_server->environmentLines();
    QCOMPARE(lines.value(0), QStringLiteral("AWS_ENDPOINT_URL=") + m_server->endpoint().toString());
    QVERIFY(lines.contains(QStringLiteral("AWS_ACCESS_KEY_ID=") + m_server->credentials().accessKeyId));
    QVERIFY(
        lines.contains(QStringLiteral("AWS_SECRET_ACCESS_KEY=") + m_server->credentials().secretAccessKey));
    QVERIFY(lines.contains(QStringLiteral("AWS_REGION=us-east-1")));
    QVERIFY(lines.contains(QStringLiteral("AWS_DEFAULT_REGION=us-east-1")));

    // Fixed credentials are used as given.
    SandboxOptions options;
    options.credentials =
        Credentials{QStringLiteral("TESTKEYIDFIXED000001"), QStringLiteral("fixed-secret"), {}, {}};
    SandboxServer fixed(options);
    QCOMPARE(fixed.credentials().accessKeyId, QStringLiteral("TESTKEYIDFIXED000001"));
}

QTEST_GUILESS_MAIN(TestAuth)
#include "tst_auth.moc"
