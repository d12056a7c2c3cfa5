// `deployctl push` as a user runs it: into the sandbox's ECR (credentials
// from the sandbox's env lines, GetAuthorizationToken, --create), then
// DescribeImages lists the digest; into docker-registry with
// --password-stdin; and the exit codes of refused input.

#include "FaultProxy.h"
#include "PushHarness.h"
#include "RegistryServer.h"
#include "TestImages.h"
#include "TokenServer.h"

#include <QDeadlineTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>
#include <csignal>

using namespace testsupport;

class TstCliPush : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void pushToSandboxEcr();
    void pushToRegistryWithPasswordStdin();
    void pushOverTlsWithCaCert();
    void tlsUnknownCaRefused();
    void pushWithBearerTokenFlow();
    void sigintCancelsCleanly();
    void refusals_data();
    void refusals();

private:
    int deployctl(const QStringList &args, QByteArray *out, QByteArray *err,
                  const QByteArray &stdinData = {});
    QTemporaryDir m_tmp;
    TestImage m_img;
    TestCa m_ca;
    QProcess m_sandbox;
    QProcessEnvironment m_env;
    QString m_endpoint;
};

void TstCliPush::initTestCase()
{
    QVERIFY(m_tmp.isValid());
    const QString e = buildTestImage(m_tmp.filePath(QStringLiteral("img")), 2, &m_img);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    QDir().mkpath(m_tmp.filePath(QStringLiteral("tls")));
    const QString ca = makeTestCa(m_tmp.filePath(QStringLiteral("tls")), &m_ca);
    QVERIFY2(ca.isEmpty(), qPrintable(ca));
    m_sandbox.start(QStringLiteral(DEPLOYCTL_PATH), {QStringLiteral("sandbox")});
    QVERIFY(m_sandbox.waitForStarted(10000));
    QMap<QString, QString> lines;
    QDeadlineTimer deadline(30000);
    while (!lines.contains(QStringLiteral("AWS_DEFAULT_REGION")) && !deadline.hasExpired()) {
        if (!m_sandbox.canReadLine() &&
            !m_sandbox.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break;
        while (m_sandbox.canReadLine()) {
            const QString line = QString::fromUtf8(m_sandbox.readLine()).trimmed();
            const qsizetype eq = line.indexOf(u'=');
            if (eq > 0)
                lines.insert(line.left(eq), line.mid(eq + 1));
        }
    }
    QVERIFY(lines.contains(QStringLiteral("AWS_ENDPOINT_URL")));
    m_endpoint = lines.value(QStringLiteral("AWS_ENDPOINT_URL"));
    m_env = QProcessEnvironment::systemEnvironment();
    for (auto it = lines.cbegin(); it != lines.cend(); ++it)
        m_env.insert(it.key(), it.value());
    m_env.remove(QStringLiteral("AWS_PROFILE"));
    m_env.insert(QStringLiteral("AWS_CONFIG_FILE"), m_tmp.filePath(QStringLiteral("none")));
    m_env.insert(QStringLiteral("AWS_SHARED_CREDENTIALS_FILE"), m_tmp.filePath(QStringLiteral("none")));
    m_env.insert(QStringLiteral("TMPDIR"), m_tmp.path());
    m_env.insert(QStringLiteral("XDG_CACHE_HOME"), m_tmp.filePath(QStringLiteral("cache")));
}

void TstCliPush::cleanupTestCase()
{
    if (m_sandbox.state() != QProcess::NotRunning) {
        m_sandbox.terminate();
        if (!m_sandbox.waitForFinished(10000))
            m_sandbox.kill();
    }
}

int TstCliPush::deployctl(const QStringList &args, QByteArray *out, QByteArray *err,
                          const QByteArray &stdinData)
{
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(QStringLiteral(DEPLOYCTL_PATH), args);
    if (!p.waitForStarted(10000))
        return -1;
    p.write(stdinData);
    p.closeWriteChannel();
    // Waits on the event loop: servers in this process (the token service) keep answering.
    QSignalSpy finished(&p, &QProcess::finished);
    if (!finished.wait(120000)) {
        p.kill();
        p.waitForFinished(5000);
        return -2;
    }
    *out = p.readAllStandardOutput();
    *err = p.readAllStandardError();
    return p.exitCode();
}

void TstCliPush::pushToSandboxEcr()
{
    QByteArray out, err;
    int rc = deployctl({QStringLiteral("push"), m_img.dockerArchive, QStringLiteral("--repository"),
                        QStringLiteral("web/app"), QStringLiteral("--tag"), QStringLiteral("v1"),
                        QStringLiteral("--create"), QStringLiteral("--endpoint-url"), m_endpoint},
                       &out, &err);
    QVERIFY2(rc == 0, err.constData());
    QVERIFY2(err.contains("Created the repository"), err.constData());
    QVERIFY2(!err.contains("\033["), "plain lines when stderr is not a terminal");
    const QList<QByteArray> lines = out.trimmed().split('\n');
    QCOMPARE(lines.size(), 2);
    QVERIFY2(lines[0].endsWith("/web/app:v1"), lines[0].constData());
    const QByteArray digest = lines[1].mid(QByteArray("digest: ").size());

    rc = deployctl({QStringLiteral("call"), QStringLiteral("ecr"), QStringLiteral("DescribeImages"),
                    QStringLiteral(R"({"repositoryName":"web/app"})"), QStringLiteral("--endpoint-url"),
                    m_endpoint},
                   &out, &err);
    QVERIFY2(rc == 0, err.constData());
    const QJsonArray images =
        QJsonDocument::fromJson(out).object().value(QStringLiteral("imageDetails")).toArray();
    QCOMPARE(images.size(), 1);
    QCOMPARE(images.first().toObject().value(QStringLiteral("imageDigest")).toString().toUtf8(), digest);

    // Pushing again sends no blob: the 3 layers and the config are already there.
    rc = deployctl({QStringLiteral("push"), m_img.dockerArchive, QStringLiteral("--repository"),
                    QStringLiteral("web/app"), QStringLiteral("--tag"), QStringLiteral("v1"),
                    QStringLiteral("--endpoint-url"), m_endpoint},
                   &out, &err);
    QVERIFY2(rc == 0, err.constData());
    QVERIFY2(err.contains("Pushed 0 blob(s) (0 B), 4 already there"), err.constData());
}

void TstCliPush::pushToRegistryWithPasswordStdin()
{
    RegistryServer registry;
    const QString e = registry.start();
    QVERIFY2(e.isEmpty(), qPrintable(e));
    QByteArray out, err;
    const int rc = deployctl({QStringLiteral("push"), QStringLiteral("oci-archive:") + m_img.ociArchive,
                              QStringLiteral("--repository"), QStringLiteral("team/tool"),
                              QStringLiteral("--registry"), registry.url(), QStringLiteral("--username"),
                              QStringLiteral("user"), QStringLiteral("--password-stdin")},
                             &out, &err, "pass\n");
    QVERIFY2(rc == 0, err.constData());
    QVERIFY(out.startsWith(registry.hostPort().toUtf8() + "/team/tool:latest"));
    QVERIFY2(!err.contains("pass\n"), "the password never appears");
}

void TstCliPush::pushOverTlsWithCaCert()
{
    // HTTPS with a certificate from a CA made for this test: trusted only
    // because --ca-cert names that CA.
    RegistryServer registry;
    const QString e = registry.start(QStringLiteral("user"), QStringLiteral("pass"), &m_ca);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    QVERIFY(registry.url().startsWith(QLatin1String("https://")));
    QByteArray out, err;
    const int rc = deployctl({QStringLiteral("push"), m_img.dockerArchive, QStringLiteral("--repository"),
                              QStringLiteral("team/tls"), QStringLiteral("--registry"), registry.url(),
                              QStringLiteral("--username"), QStringLiteral("user"),
                              QStringLiteral("--password-stdin"), QStringLiteral("--ca-cert"), m_ca.caCert},
                             &out, &err, "pass\n");
    QVERIFY2(rc == 0, err.constData());
    QVERIFY(out.startsWith(registry.hostPort().toUtf8() + "/team/tls:latest"));
    const PulledImage p =
        pullWithSkopeo(registry.hostPort(), QStringLiteral("team/tls:latest"), m_tmp.path());
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.configDigest, m_img.configDigest);
    QCOMPARE(p.diffIds, m_img.diffIds);
}

void TstCliPush::tlsUnknownCaRefused()
{
    RegistryServer registry;
    const QString e = registry.start(QStringLiteral("user"), QStringLiteral("pass"), &m_ca);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    const QStringList args{
        QStringLiteral("push"),       m_img.dockerArchive,          QStringLiteral("--repository"),
        QStringLiteral("team/tls"),   QStringLiteral("--registry"), registry.url(),
        QStringLiteral("--username"), QStringLiteral("user"),       QStringLiteral("--password-stdin")};
    QByteArray out, err;
    QCOMPARE(deployctl(args, &out, &err, "pass\n"), 254);
    QVERIFY2(err.contains("TLS certificate is not trusted"), err.constData());
    QVERIFY2(err.contains("--ca-cert FILE"), err.constData()); // names the fix
    QVERIFY2(!err.contains("retrying"), err.constData());      // an untrusted certificate stays untrusted
    QVERIFY(out.isEmpty());

    // A CA file that is not a certificate is refused before anything is sent.
    QFile notCert(m_tmp.filePath(QStringLiteral("not-a-cert.pem")));
    QVERIFY(notCert.open(QIODevice::WriteOnly));
    notCert.write("hello\n");
    notCert.close();
    QCOMPARE(
        deployctl(args + QStringList{QStringLiteral("--ca-cert"), notCert.fileName()}, &out, &err, "pass\n"),
        2);
    QVERIFY2(err.contains("holds no certificate"), err.constData());
}

void TstCliPush::pushWithBearerTokenFlow()
{
    // distribution with token auth: every request without a token is
    // answered 401 `WWW-Authenticate: Bearer realm=…,service=…,scope=…`;
    // the client asks the token service (Basic user:pass) for each scope.
    TokenServer tokens(QStringLiteral("user"), QStringLiteral("pass"));
    const QString dir = m_tmp.filePath(QStringLiteral("token"));
    QDir().mkpath(dir);
    QString e = tokens.start(dir);
    QVERIFY2(e.isEmpty(), qPrintable(e));
    RegistryServer registry;
    e = registry.startWithTokenAuth(tokens.realm(), tokens.service(), tokens.issuer(),
                                    tokens.certificateFile());
    QVERIFY2(e.isEmpty(), qPrintable(e));
    const QStringList args{
        QStringLiteral("push"),        m_img.dockerArchive,          QStringLiteral("--repository"),
        QStringLiteral("team/bearer"), QStringLiteral("--registry"), registry.url(),
        QStringLiteral("--username"),  QStringLiteral("user"),       QStringLiteral("--password-stdin")};
    QByteArray out, err;
    QCOMPARE(deployctl(args, &out, &err, "pass\n"), 0);
    QVERIFY(out.startsWith(registry.hostPort().toUtf8() + "/team/bearer:latest"));
    QVERIFY(tokens.issued() >= 2); // the ping's and the repository's
    QVERIFY2(tokens.scopesAsked().contains(QStringLiteral("repository:team/bearer:pull,push")),
             qPrintable(tokens.scopesAsked().join(u' ')));
    // One token per scope, reused: not one round trip per request.
    QVERIFY2(tokens.issued() <= 4, qPrintable(QString::number(tokens.issued())));
    const PulledImage p =
        pullWithSkopeo(registry.hostPort(), QStringLiteral("team/bearer:latest"), m_tmp.path());
    QVERIFY2(p.error.isEmpty(), qPrintable(p.error));
    QCOMPARE(p.configDigest, m_img.configDigest);
    QCOMPARE(p.diffIds, m_img.diffIds);

    // The token service refusing the password: a clear failure, nothing pushed.
    QCOMPARE(deployctl(args, &out, &err, "wrong\n"), 254);
    QVERIFY(tokens.refused() >= 1);
    QVERIFY2(err.contains("token service (" + tokens.realm().toUtf8() + ") refused the credentials"),
             err.constData());
    QVERIFY(out.isEmpty());
}

void TstCliPush::sigintCancelsCleanly()
{
    // Ctrl-C while a layer is on its way: the upload stalls in a relay in
    // front of the registry, deployctl gets SIGINT, stops its uploads and
    // says what the registry holds and what it does not; no tag is written.
    RegistryServer registry;
    const QString e = registry.start();
    QVERIFY2(e.isEmpty(), qPrintable(e));
    FaultProxy proxy(registry.port());
    QVERIFY(proxy.listen());
    proxy.stallAfter(512 * 1024); // inside the 1 MB and 2 MB layers
    QSignalSpy stalled(&proxy, &FaultProxy::stalled);
    QProcess p;
    p.setProcessEnvironment(m_env);
    p.start(QStringLiteral(DEPLOYCTL_PATH),
            {QStringLiteral("push"), m_img.dockerArchive, QStringLiteral("--repository"),
             QStringLiteral("team/cancel"), QStringLiteral("--registry"),
             QStringLiteral("http://127.0.0.1:%1").arg(proxy.port()), QStringLiteral("--username"),
             QStringLiteral("user"), QStringLiteral("--password-stdin"), QStringLiteral("--no-compress")});
    QVERIFY(p.waitForStarted(10000));
    p.write("pass\n");
    p.closeWriteChannel();
    QSignalSpy finished(&p, &QProcess::finished);
    QVERIFY(stalled.wait(60000));
    QCOMPARE(p.state(), QProcess::Running);
    QCOMPARE(::kill(pid_t(p.processId()), SIGINT), 0);
    QVERIFY2(finished.wait(30000), "deployctl did not stop after SIGINT");
    QCOMPARE(p.exitStatus(), QProcess::NormalExit); // it handled the signal, it was not killed by it
    QCOMPARE(p.exitCode(), 130);
    const QByteArray err = p.readAllStandardError();
    QVERIFY2(err.contains("cancelled, uploads stopped"), err.constData());
    QVERIFY2(err.contains("not pushed: layer"), err.constData());
    QVERIFY2(err.contains("no tag was written: 127.0.0.1:"), err.constData());
    QVERIFY(p.readAllStandardOutput().isEmpty());
    // The registry agrees: there is no image under that name.
    QString inspectError;
    runTool(QStringLiteral("skopeo"),
            {QStringLiteral("inspect"), QStringLiteral("--creds"), QStringLiteral("user:pass"),
             QStringLiteral("--tls-verify=false"),
             QStringLiteral("docker://%1/team/cancel:latest").arg(registry.hostPort())},
            &inspectError);
    QVERIFY2(!inspectError.isEmpty(), "the cancelled push left a tag");
}

void TstCliPush::refusals_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const QString tar = m_img.dockerArchive;
    QTest::newRow("no repository") << QStringList{tar} << 2 << QStringLiteral("--repository are required");
    QTest::newRow("bad tag") << QStringList{tar, QStringLiteral("--repository"), QStringLiteral("ok/name"),
                                            QStringLiteral("--tag"), QStringLiteral(".x")}
                             << 252 << QStringLiteral("is not a valid tag");
    QTest::newRow("bad repository") << QStringList{tar, QStringLiteral("--repository"), QStringLiteral("Bad")}
                                    << 252 << QStringLiteral("is not a valid repository name");
    QTest::newRow("not an image") << QStringList{m_tmp.filePath(QStringLiteral("none.tar")),
                                                 QStringLiteral("--repository"), QStringLiteral("ok/name")}
                                  << 252 << QStringLiteral("does not exist");
    QTest::newRow("no engine") << QStringList{QStringLiteral("docker-daemon:demo"),
                                              QStringLiteral("--repository"), QStringLiteral("ok/name")}
                               << 252 << QStringLiteral("no Docker engine answers at");
}

void TstCliPush::refusals()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    m_env.insert(QStringLiteral("DOCKER_HOST"),
                 QStringLiteral("unix://") + m_tmp.filePath(QStringLiteral("absent.sock")));
    QByteArray out, err;
    QCOMPARE(deployctl(QStringList{QStringLiteral("push")} + args +
                           QStringList{QStringLiteral("--endpoint-url"), m_endpoint},
                       &out, &err),
             exitCode);
    QVERIFY2(QString::fromUtf8(err).contains(message), err.constData());
}

QTEST_GUILESS_MAIN(TstCliPush)
#include "tst_cli_push.moc"
