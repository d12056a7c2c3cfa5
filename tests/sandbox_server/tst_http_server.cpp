// The sandbox's own HTTP/1.1 server, fault schedule and task pages, on their
// own (no account needed): keep-alive, chunked bodies, large bodies spilled
// to disk with their SHA-256, dropped connections, 127.x listeners.

#include "FaultOptions.h"
#include "HttpServer.h"
#include "TaskPageHost.h"

#include <QCryptographicHash>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

using namespace aws;
using namespace aws::sandbox;
using namespace aws::sandbox::server;

class TestHttpServer : public QObject {
    Q_OBJECT
private slots:
    void echoesWithKeepAlive();
    void chunkedRequestBody();
    void largeBodySpillsToDiskWithDigest();
    void dropClosesWithoutAnswer();
    void tlsHelloGetsPlainHttpAtOnce();
    void faultScheduleIsDeterministic();
    void taskPageOnLoopbackAlias();

private:
    static HttpServer *echoServer(QObject *parent, qint64 spill = 1 << 20);
    QByteArray rawExchange(quint16 port, const QByteArray &request, int expectedResponses);
};

HttpServer *TestHttpServer::echoServer(QObject *parent, qint64 spill)
{
    auto *server = new HttpServer(
        [](const RequestPtr &r, HttpResponder responder) {
            if (r->http.pathOnly() == "/drop") {
                responder.drop();
                return;
            }
            HttpResponse resp;
            resp.headers.append({QByteArray("X-Body-Sha256"), r->bodySha256.toHex()});
            resp.headers.append({QByteArray("X-Body-Size"), QByteArray::number(r->bodySize)});
            resp.headers.append({QByteArray("X-Spilled"), r->bodyFile ? "yes" : "no"});
            resp.body = r->http.method + ' ' + r->http.path;
            responder.send(resp);
        },
        parent);
    HttpServerLimits limits;
    limits.spillThreshold = spill;
    server->setLimits(limits);
    if (!server->listen(QHostAddress::LocalHost, 0))
        qFatal("cannot listen");
    return server;
}

QByteArray TestHttpServer::rawExchange(quint16 port, const QByteArray &request, int expectedResponses)
{
    // The server runs on this thread: wait with the event loop running, never block.
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!QTest::qWaitFor([&] { return socket.state() == QAbstractSocket::ConnectedState; }, 5000))
        return {};
    socket.write(request);
    QByteArray received;
    (void)QTest::qWaitFor(
        [&] {
            received += socket.readAll();
            return received.count("HTTP/1.1 200") >= expectedResponses;
        },
        10000);
    return received;
}

void TestHttpServer::echoesWithKeepAlive()
{
    QObject owner;
    HttpServer *server = echoServer(&owner);
    // Two pipelined requests on one connection, both answered in order.
    const QByteArray got = rawExchange(server->port(),
                                       "GET /one HTTP/1.1\r\nHost: x\r\n\r\n"
                                       "POST /two?a=b HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
                                       2);
    QCOMPARE(got.count("HTTP/1.1 200 OK"), 2);
    QVERIFY(got.contains("GET /one"));
    QVERIFY(got.contains("POST /two?a=b"));
    QVERIFY(got.contains("Date: "));
    QVERIFY(got.contains(QCryptographicHash::hash("abc", QCryptographicHash::Sha256).toHex()));
}

void TestHttpServer::chunkedRequestBody()
{
    QObject owner;
    HttpServer *server = echoServer(&owner);
    const QByteArray got = rawExchange(server->port(),
                                       "PUT /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       "3\r\nhel\r\n2;ext=1\r\nlo\r\n0\r\n\r\n",
                                       1);
    QVERIFY2(got.contains("X-Body-Size: 5"), got.constData());
    QVERIFY(got.contains(QCryptographicHash::hash("hello", QCryptographicHash::Sha256).toHex()));
}

void TestHttpServer::largeBodySpillsToDiskWithDigest()
{
    QObject owner;
    HttpServer *server = echoServer(&owner, 1024);
    QNetworkAccessManager nam;
    QByteArray body(300 * 1024, 'x');
    for (int i = 0; i < body.size(); i += 7)
        body[i] = char(i);
    QNetworkRequest req(QUrl(QStringLiteral("http://127.0.0.1:%1/big").arg(server->port())));
    req.setHeader(QNetworkRequest::ContentTypeHeader, "application/octet-stream");
    QNetworkReply *reply = nam.put(req, body);
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->rawHeader("X-Spilled"), QByteArray("yes"));
    QCOMPARE(reply->rawHeader("X-Body-Size").toLongLong(), qint64(body.size()));
    QCOMPARE(reply->rawHeader("X-Body-Sha256"),
             QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
    reply->deleteLater();
}

void TestHttpServer::dropClosesWithoutAnswer()
{
    QObject owner;
    HttpServer *server = echoServer(&owner);
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    socket.write("GET /drop HTTP/1.1\r\nHost: x\r\n\r\n");
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    QVERIFY(closed.wait(5000));
    QVERIFY(socket.readAll().isEmpty());
}

void TestHttpServer::tlsHelloGetsPlainHttpAtOnce()
{
    QObject owner;
    HttpServer *server = echoServer(&owner);
    QTcpSocket socket;
    QSignalSpy closed(&socket, &QTcpSocket::disconnected);
    socket.connectToHost(QHostAddress::LocalHost, server->port());
    QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 5000);
    socket.write(QByteArray::fromHex("160301020001"));
    QVERIFY(closed.wait(5000));
    QVERIFY(socket.readAll().startsWith("HTTP/1.1 400"));
}

void TestHttpServer::faultScheduleIsDeterministic()
{
    FaultOptions options;
    options.throttleRate = 0.3;
    options.serverErrorRate = 0.2;
    options.seed = 42;
    const auto run = [&] {
        FaultInjector f;
        f.setOptions(options);
        QList<FailureMode> modes;
        for (int i = 0; i < 200; ++i)
            modes << f.next(true);
        return modes;
    };
    const auto a = run();
    QCOMPARE(run(), a);
    const auto throttled = a.count(FailureMode::FailThrottle);
    QVERIFY2(throttled > 30 && throttled < 90, qPrintable(QString::number(throttled)));
    QVERIFY(a.contains(FailureMode::FailInternalError));
    QVERIFY(a.contains(FailureMode::FailServiceUnavailable));

    FaultInjector drop;
    options = {};
    options.dropConnectionOnRequest = 3;
    drop.setOptions(options);
    QCOMPARE(drop.next(true), FailureMode::FailNone);
    QCOMPARE(drop.next(false), FailureMode::FailNone);
    QCOMPARE(drop.next(true), FailureMode::FailDropConnection);
    QCOMPARE(drop.next(true), FailureMode::FailNone);

    options = {};
    options.credentialsExpireAt = QDateTime::currentDateTimeUtc().addSecs(60);
    drop.setOptions(options);
    QCOMPARE(drop.next(true), FailureMode::FailNone);
    QCOMPARE(drop.next(true, QDateTime::currentDateTimeUtc().addSecs(61)),
             FailureMode::FailExpiredCredentials);
    QCOMPARE(drop.next(false, QDateTime::currentDateTimeUtc().addSecs(61)), FailureMode::FailNone);
}

void TestHttpServer::taskPageOnLoopbackAlias()
{
    TaskPageHost host;
    TaskAddress address;
    address.taskArn = QStringLiteral("arn:aws:ecs:us-east-1:123456789012:task/demo/0123456789abcdef");
    address.taskId = QStringLiteral("0123456789abcdef");
    address.publicIp = QStringLiteral("127.31.%1.%2")
                           .arg(QRandomGenerator::global()->bounded(1, 250))
                           .arg(QRandomGenerator::global()->bounded(1, 250));
    // An ephemeral-range port that is very likely free on that alias.
    const int port = 20000 + QRandomGenerator::global()->bounded(20000);
    address.ports = {port};
    host.add(address, QStringLiteral("123456789012.dkr.ecr.us-east-1.amazonaws.com/taskoverflow:latest"));
    QCOMPARE(host.listening(), QStringList{address.publicIp + u':' + QString::number(port)});

    QNetworkAccessManager nam;
    QNetworkReply *reply =
        nam.get(QNetworkRequest(QUrl(QStringLiteral("http://%1:%2/").arg(address.publicIp).arg(port))));
    QSignalSpy done(reply, &QNetworkReply::finished);
    QVERIFY(done.wait(10000));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    const QString page = QString::fromUtf8(reply->readAll());
    QVERIFY(page.contains(QStringLiteral("TaskOverflow — sandbox task 0123456789abcdef")));
    QVERIFY(page.contains(QStringLiteral("<h1>TaskOverflow</h1>")));
    reply->deleteLater();

    host.remove(address.taskArn);
    QVERIFY(host.listening().isEmpty());
    QTcpSocket socket;
    QSignalSpy failed(&socket, &QTcpSocket::errorOccurred);
    socket.connectToHost(QHostAddress(address.publicIp), quint16(port));
    QVERIFY(failed.wait(5000));
    QCOMPARE(socket.error(), QAbstractSocket::ConnectionRefusedError);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_http_server.moc"
