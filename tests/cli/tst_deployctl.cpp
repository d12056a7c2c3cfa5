// deployctl end to end over HTTP: the real binary against a local server on
// loopback that plays STS, ECS and EC2 and records what it was sent.
#include "FakeHttpServer.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QtTest>

using testsupport::FakeHttpServer;

namespace {

// Fake, obviously-not-real credentials: the secret is what we look for in
// output to prove it never appears.
constexpr char kAccessKey[] = "AKIDEXAMPLETESTKEY01";
constexpr char kSecret[] = "SECRETcanaryDoNotPrint0000000000000000000";
constexpr char kToken[] = "TOKENcanaryDoNotPrint";

struct Run {
    int exitCode = -1;
    QString out;
    QString err;
};

aws::HttpResponse xml(const QByteArray &body, int status = 200)
{
    aws::HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "text/xml"}, {"x-amzn-RequestId", "req-1234"}};
    r.body = body;
    return r;
}

aws::HttpResponse json(const QByteArray &body, int status = 200)
{
    aws::HttpResponse r;
    r.status = status;
    r.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"x-amzn-RequestId", "req-5678"}};
    r.body = body;
    return r;
}

// moc cannot read multi-line raw strings: plain literals.
const QByteArray kIdentity =
    "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <GetCallerIdentityResult>\n"
    "    <Arn>arn:aws:sts::123456789012:assumed-role/voclabs/user1=student@example.edu</Arn>\n"
    "    <UserId>AROAEXAMPLEID:user1</UserId>\n"
    "    <Account>123456789012</Account>\n"
    "  </GetCallerIdentityResult>\n"
    "  <ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata>\n"
    "</GetCallerIdentityResponse>\n";

} // namespace

class TestDeployctl : public QObject {
    Q_OBJECT

    FakeHttpServer *server = nullptr;
    QTemporaryDir home;

    Run run(const QStringList &args, bool withCredentials = true, const QByteArray &stdinData = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *v : {"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
                              "AWS_PROFILE", "AWS_ENDPOINT_URL", "AWS_REGION", "AWS_DEFAULT_REGION"})
            env.remove(QString::fromLatin1(v));
        if (withCredentials) {
            env.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), QString::fromLatin1(kAccessKey));
            env.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), QString::fromLatin1(kSecret));
            env.insert(QStringLiteral("AWS_SESSION_TOKEN"), QString::fromLatin1(kToken));
        }
        env.insert(QStringLiteral("AWS_ENDPOINT_URL"), server->url());
        // A throw-away home: no ~/.aws, no saved accounts, no keyring of the machine's.
        env.insert(QStringLiteral("HOME"), home.path());
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), home.path() + QStringLiteral("/.config"));
        env.insert(QStringLiteral("XDG_DATA_HOME"), home.path() + QStringLiteral("/.local/share"));
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        p.setProcessEnvironment(env);
        QSignalSpy finished(&p, &QProcess::finished);
        p.start(QStringLiteral(DEPLOYCTL_PATH), args);
        if (!stdinData.isEmpty())
            p.write(stdinData);
        p.closeWriteChannel();
        // The server lives on this thread: the spy's wait keeps its event
        // loop turning while the child runs, bounded.
        if (finished.isEmpty() && !finished.wait(30000)) {
            p.kill();
            p.waitForFinished(5000);
        }
        return Run{p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
                   QString::fromUtf8(p.readAllStandardError())};
    }

private slots:
    void init()
    {
        server = new FakeHttpServer(this);
        QVERIFY(server->listen());
    }
    void cleanup()
    {
        delete server;
        server = nullptr;
    }

    void identityPrintsAccountAndSignsRequest()
    {
        server->setHandler([](const aws::HttpRequest &) { return xml(kIdentity); });
        const Run r = run({QStringLiteral("identity")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(out.value(u"Account").toString(), QStringLiteral("123456789012"));
        QVERIFY(out.value(u"Arn").toString().contains(u"assumed-role/voclabs/"));
        QCOMPARE(out.value(u"CredentialSource").toString(), QStringLiteral("environment"));
        QCOMPARE(server->requests().size(), 1);
        const aws::HttpRequest &req = server->requests().first();
        QVERIFY(req.body.contains("Action=GetCallerIdentity"));
        const QByteArray auth = aws::headerValue(req.headers, "Authorization");
        QVERIFY2(auth.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLETESTKEY01/"), auth.constData());
        QVERIFY(auth.contains("/us-east-1/sts/aws4_request"));
        QCOMPARE(aws::headerValue(req.headers, "X-Amz-Security-Token"), QByteArray(kToken));
    }

    void identityTextOutput()
    {
        server->setHandler([](const aws::HttpRequest &) { return xml(kIdentity); });
        const Run r = run({QStringLiteral("identity"), QStringLiteral("--output"), QStringLiteral("text")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"Account\t123456789012"));
    }

    void regionOptionChangesScope()
    {
        server->setHandler([](const aws::HttpRequest &) { return xml(kIdentity); });
        const Run r =
            run({QStringLiteral("--region"), QStringLiteral("us-west-2"), QStringLiteral("identity")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(aws::headerValue(server->requests().first().headers, "Authorization")
                    .contains("/us-west-2/sts/"));
    }

    void callJsonOperation()
    {
        server->setHandler([](const aws::HttpRequest &) {
            return json(R"({"clusterArns":["arn:aws:ecs:us-east-1:123456789012:cluster/taskoverflow"]})");
        });
        const Run r = run({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("ListClusters"),
                           QStringLiteral(R"({"maxResults":10})")});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(out.value(u"clusterArns").toArray().first().toString(),
                 QStringLiteral("arn:aws:ecs:us-east-1:123456789012:cluster/taskoverflow"));
        const aws::HttpRequest &req = server->requests().first();
        QCOMPARE(aws::headerValue(req.headers, "X-Amz-Target"),
                 QByteArray("AmazonEC2ContainerServiceV20141113.ListClusters"));
        QCOMPARE(QJsonDocument::fromJson(req.body).object().value(u"maxResults").toInt(), 10);
    }

    void callPrintsTimestampsAsIso8601()
    {
        server->setHandler([](const aws::HttpRequest &) {
            return json(R"({"taskDefinition":{"family":"web","revision":3,"registeredAt":1700000000.5}})");
        });
        const Run r =
            run({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("DescribeTaskDefinition"),
                 QStringLiteral(R"({"taskDefinition":"web:3"})")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains(u"\"2023-11-14T22:13:20.500+00:00\""), qPrintable(r.out));
    }

    void callReadsParamsFromStdin()
    {
        server->setHandler([](const aws::HttpRequest &) { return json(R"({"clusters":[],"failures":[]})"); });
        const Run r = run({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("DescribeClusters"),
                           QStringLiteral("-")},
                          true, R"({"clusters":["a","b"]})");
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(server->requests().first().body)
                     .object()
                     .value(u"clusters")
                     .toArray()
                     .size(),
                 2);
    }

    void awsErrorGoesToStderrWithRequestId()
    {
        server->setHandler([](const aws::HttpRequest &) {
            return json(R"({"__type":"ClusterNotFoundException","message":"Cluster not found."})", 400);
        });
        const Run r = run({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("DescribeServices"),
                           QStringLiteral(R"({"cluster":"nope","services":["x"]})")});
        QCOMPARE(r.exitCode, 254);
        QVERIFY(r.out.isEmpty());
        QVERIFY2(r.err.contains(u"ClusterNotFoundException: Cluster not found. (request id req-5678)"),
                 qPrintable(r.err));
    }

    void ec2ErrorParsed()
    {
        server->setHandler([](const aws::HttpRequest &) {
            return xml("<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security "
                       "group \x27sg-1\x27 "
                       "does not exist</Message></Error></Errors><RequestID>ec2-req-1</RequestID></Response>",
                       400);
        });
        const Run r = run({QStringLiteral("call"), QStringLiteral("ec2"),
                           QStringLiteral("DeleteSecurityGroup"), QStringLiteral(R"({"GroupId":"sg-1"})")});
        QCOMPARE(r.exitCode, 254);
        QVERIFY2(
            r.err.contains(
                u"InvalidGroup.NotFound: The security group 'sg-1' does not exist (request id ec2-req-1)"),
            qPrintable(r.err));
    }

    void validationNamesMemberPathAndSendsNothing_data()
    {
        QTest::addColumn<QString>("service");
        QTest::addColumn<QString>("operation");
        QTest::addColumn<QString>("params");
        QTest::addColumn<QString>("expected");
        QTest::newRow("nested port")
            << "ecs"
            << "RegisterTaskDefinition"
            << R"({"family":"web","containerDefinitions":[{"name":"c","image":"i","portMappings":[{"containerPort":"abc"}]}]})"
            << "containerDefinitions[0].portMappings[0].containerPort";
        QTest::newRow("missing required") << "ecs"
                                          << "DescribeServices"
                                          << R"({"cluster":"c"})"
                                          << "services: is required";
        QTest::newRow("unknown member") << "ecs"
                                        << "ListClusters"
                                        << R"({"bogus":1})"
                                        << "bogus: is not a parameter";
        QTest::newRow("wrong type") << "ec2"
                                    << "DescribeSecurityGroups"
                                    << R"({"GroupIds":"sg-1"})"
                                    << "GroupIds: must be a list";
        QTest::newRow("enum") << "ecs"
                              << "ListTasks"
                              << R"({"desiredStatus":"WALKING"})"
                              << "desiredStatus: must be one of";
        QTest::newRow("unknown operation") << "ecs"
                                           << "LaunchRocket"
                                           << "{}"
                                           << "Unknown operation 'LaunchRocket'";
        QTest::newRow("unknown service") << "s3"
                                         << "ListBuckets"
                                         << "{}"
                                         << "Unknown service 's3'";
    }

    void validationNamesMemberPathAndSendsNothing()
    {
        QFETCH(QString, service);
        QFETCH(QString, operation);
        QFETCH(QString, params);
        QFETCH(QString, expected);
        const Run r = run({QStringLiteral("call"), service, operation, params});
        QCOMPARE(r.exitCode, 252);
        QVERIFY2(r.err.contains(expected), qPrintable(r.err));
        QCOMPARE(server->requests().size(), 0);
    }

    void malformedJsonParams()
    {
        const Run r = run({QStringLiteral("call"), QStringLiteral("ecs"), QStringLiteral("ListClusters"),
                           QStringLiteral("{not json")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"not a JSON object"));
    }

    void noCredentialsExplains()
    {
        const Run r = run({QStringLiteral("identity")}, false);
        QCOMPARE(r.exitCode, 255);
        QVERIFY(r.err.contains(u"No AWS credentials"));
        QCOMPARE(server->requests().size(), 0);
    }

    void retriesTransientThenSucceeds()
    {
        int n = 0;
        server->setHandler([&n](const aws::HttpRequest &) -> std::optional<aws::HttpResponse> {
            if (++n == 1)
                return std::nullopt; // dropped connection
            return xml(kIdentity);
        });
        const Run r = run({QStringLiteral("identity")});
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(server->requests().size(), 2);
    }

    void debugTraceIsRedacted()
    {
        server->setHandler([](const aws::HttpRequest &) { return xml(kIdentity); });
        const Run r = run({QStringLiteral("--debug"), QStringLiteral("identity")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.contains(u"GetCallerIdentity"), "the trace shows the request");
        QVERIFY(r.err.contains(u"Authorization: ****"));
        const QByteArray sig =
            aws::headerValue(server->requests().first().headers, "Authorization").split('=').last();
        for (const QString &secret :
             {QString::fromLatin1(kSecret), QString::fromLatin1(kToken), QString::fromLatin1(sig)})
            QVERIFY2(!r.err.contains(secret) && !r.out.contains(secret), "a secret reached the output");
    }

    void helpOnEveryCommand_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("top") << QStringList{QStringLiteral("--help")};
        QTest::newRow("call") << QStringList{QStringLiteral("call"), QStringLiteral("--help")};
        QTest::newRow("identity") << QStringList{QStringLiteral("identity"), QStringLiteral("--help")};
    }

    void helpOnEveryCommand()
    {
        QFETCH(QStringList, args);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(u"Usage: deployctl"));
        QVERIFY(r.out.contains(u"--endpoint-url"));
    }

    void unknownCommand()
    {
        const Run r = run({QStringLiteral("frobnicate")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(u"unknown command 'frobnicate'"));
    }
};

QTEST_MAIN(TestDeployctl)
#include "tst_deployctl.moc"
