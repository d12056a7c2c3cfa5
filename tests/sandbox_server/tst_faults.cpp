// Faults on demand, changed at runtime: throttling, 5xx, latency, a dropped
// connection on the Nth request, credentials that expire at a given time.

#include "SandboxServer.h"
#include "SandboxTestClient.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace aws;
using namespace aws::sandbox;

class TestFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void throttling_data();
    void throttling();
    void serverErrors();
    void latency();
    void dropOnNthRequest();
    void credentialsExpire();

private:
    TestReply call(const QString &service);
    std::unique_ptr<SandboxServer> m_server;
};

void TestFaults::initTestCase()
{
    m_server = std::make_unique<SandboxServer>();
    QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
}

void TestFaults::cleanup()
{
    m_server->setFaults({});
}

TestReply TestFaults::call(const QString &service)
{
    SandboxTestClient client(m_server->endpoint()); // a fresh connection each time
    HttpRequest req = service == u"ecs"   ? client.json("AmazonEC2ContainerServiceV20141113.ListClusters", {})
                      : service == u"ec2" ? client.form("Action=DescribeVpcs&Version=2016-11-15")
                                          : client.form("Action=GetCallerIdentity&Version=2011-06-15");
    SandboxTestClient::sign(req, m_server->credentials(), service);
    return client.send(req);
}

void TestFaults::throttling_data()
{
    QTest::addColumn<QString>("service");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("code");
    QTest::newRow("sts") << "sts" << 400 << "Throttling";
    QTest::newRow("ec2") << "ec2" << 503 << "RequestLimitExceeded";
    QTest::newRow("ecs") << "ecs" << 400 << "ThrottlingException";
}

void TestFaults::throttling()
{
    QFETCH(QString, service);
    QFETCH(int, status);
    QFETCH(QString, code);
    FaultOptions f;
    f.throttleRate = 1.0;
    m_server->setFaults(f);
    const TestReply r = call(service);
    QCOMPARE(r.status, status);
    QCOMPARE(r.errorCode(), code);

    // A rate in between throttles some, deterministically for a seed.
    f.throttleRate = 0.5;
    f.seed = 7;
    const auto pattern = [&] {
        m_server->setFaults(f);
        QList<int> statuses;
        for (int i = 0; i < 12; ++i)
            statuses << call(service).status;
        return statuses;
    };
    const QList<int> first = pattern();
    QCOMPARE(pattern(), first);
    QVERIFY(first.contains(200));
    QVERIFY(first.contains(status));
}

void TestFaults::serverErrors()
{
    FaultOptions f;
    f.serverErrorRate = 1.0;
    m_server->setFaults(f);
    QSet<int> statuses;
    QSet<QString> codes;
    for (int i = 0; i < 16; ++i) {
        const TestReply r = call(QStringLiteral("sts"));
        statuses << r.status;
        codes << r.errorCode();
    }
    QCOMPARE(statuses, (QSet<int>{500, 503}));
    QCOMPARE(codes, (QSet<QString>{QStringLiteral("InternalFailure"), QStringLiteral("ServiceUnavailable")}));
    const TestReply ecs = call(QStringLiteral("ecs"));
    QVERIFY(ecs.status == 500 || ecs.status == 503);
}

void TestFaults::latency()
{
    FaultOptions f;
    f.latencyMs = 300;
    m_server->setFaults(f);
    QElapsedTimer timer;
    timer.start();
    const TestReply r = call(QStringLiteral("sts"));
    QCOMPARE(r.status, 200);
    QVERIFY(timer.elapsed() >= 300); // a lower bound only: never an upper one
}

void TestFaults::dropOnNthRequest()
{
    FaultOptions f;
    f.dropConnectionOnRequest = 2;
    m_server->setFaults(f);
    QCOMPARE(call(QStringLiteral("sts")).status, 200);
    // The second request, on a raw socket: QNetworkAccessManager would quietly
    // resend a request whose connection closed before any answer.
    SandboxTestClient client(m_server->endpoint());
    HttpRequest req = client.form("Action=GetCallerIdentity&Version=2011-06-15");
    SandboxTestClient::sign(req, m_server->credentials(), QStringLiteral("sts"));
    QByteArray wire = "POST / HTTP/1.1\r\nContent-Length: " + QByteArray::number(req.body.size()) + "\r\n";
    for (const auto &h : req.headers)
        wire += h.first + ": " + h.second + "\r\n";
    wire += "\r\n" + req.body;
    QTcpSocket socket;
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, quint16(m_server->endpoint().port()));
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    socket.write(wire);
    QVERIFY(closed.wait(10000));
    QVERIFY(socket.readAll().isEmpty());
    // Only the Nth: the next request is answered again.
    QCOMPARE(call(QStringLiteral("sts")).status, 200);
}

void TestFaults::credentialsExpire()
{
    FaultOptions f;
    f.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(3600);
    m_server->setFaults(f);
    QCOMPARE(call(QStringLiteral("sts")).status, 200);

    f.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(-1);
    m_server->setFaults(f);
    TestReply r = call(QStringLiteral("sts"));
    QCOMPARE(r.status, 403);
    QCOMPARE(r.errorCode(), QStringLiteral("ExpiredToken"));
    r = call(QStringLiteral("ec2"));
    QCOMPARE(r.errorCode(), QStringLiteral("ExpiredToken"));
    r = call(QStringLiteral("ecs"));
    QCOMPARE(r.status, 400);
    QCOMPARE(r.errorCode(), QStringLiteral("ExpiredTokenException"));
}

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
