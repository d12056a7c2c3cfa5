#include "RegistryServer.h"

#include "TestImages.h"

#include <QDeadlineTimer>
#include <QFile>
#include <QRegularExpression>

namespace testsupport {

RegistryServer::~RegistryServer()
{
    stop();
}

QString makeTestCa(const QString &dir, TestCa *out)
{
    QString err;
    const QString ca = dir + QStringLiteral("/ca"), server = dir + QStringLiteral("/server");
    const QStringList ec{QStringLiteral("-newkey"), QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes")};
    runTool(QStringLiteral("openssl"),
            QStringList{QStringLiteral("req"), QStringLiteral("-x509")} + ec +
                QStringList{QStringLiteral("-keyout"), ca + QStringLiteral(".key"), QStringLiteral("-out"),
                            ca + QStringLiteral(".crt"), QStringLiteral("-days"), QStringLiteral("1"),
                            QStringLiteral("-subj"), QStringLiteral("/CN=Deploy Console test CA"),
                            QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                            QStringLiteral("-addext"), QStringLiteral("keyUsage=critical,keyCertSign")},
            &err);
    if (!err.isEmpty())
        return err;
    runTool(QStringLiteral("openssl"),
            QStringList{QStringLiteral("req")} + ec +
                QStringList{QStringLiteral("-keyout"), server + QStringLiteral(".key"),
                            QStringLiteral("-out"), server + QStringLiteral(".csr"), QStringLiteral("-subj"),
                            QStringLiteral("/CN=127.0.0.1")},
            &err);
    if (!err.isEmpty())
        return err;
    QFile ext(dir + QStringLiteral("/server.ext"));
    if (!ext.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write server.ext");
    ext.write("subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
    ext.close();
    runTool(QStringLiteral("openssl"),
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             server + QStringLiteral(".csr"), QStringLiteral("-CA"), ca + QStringLiteral(".crt"),
             QStringLiteral("-CAkey"), ca + QStringLiteral(".key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-out"), server + QStringLiteral(".crt"), QStringLiteral("-days"),
             QStringLiteral("1"), QStringLiteral("-extfile"), ext.fileName()},
            &err);
    if (!err.isEmpty())
        return err;
    out->caCert = ca + QStringLiteral(".crt");
    out->serverCert = server + QStringLiteral(".crt");
    out->serverKey = server + QStringLiteral(".key");
    return {};
}

QString RegistryServer::start(const QString &user, const QString &password, const TestCa *tls)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    QString err;
    const QByteArray htpasswd = runTool(QStringLiteral("htpasswd"), {QStringLiteral("-Bbn"), user, password},
                                        &err); // bcrypt: what distribution accepts
    if (!err.isEmpty())
        return err;
    QFile hp(m_dir.filePath(QStringLiteral("htpasswd")));
    if (!hp.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write htpasswd");
    hp.write(htpasswd);
    hp.close();
    return launch(QStringLiteral("auth:\n  htpasswd:\n    realm: test\n    path: %1\n").arg(hp.fileName()),
                  tls);
}

QString RegistryServer::startWithTokenAuth(const QString &realm, const QString &service,
                                           const QString &issuer, const QString &rootCertBundle)
{
    if (!m_dir.isValid())
        return QStringLiteral("no temporary directory");
    return launch(QStringLiteral("auth:\n  token:\n    realm: %1\n    service: %2\n    issuer: %3\n"
                                 "    rootcertbundle: %4\n")
                      .arg(realm, service, issuer, rootCertBundle),
                  nullptr);
}

QString RegistryServer::launch(const QString &authYaml, const TestCa *tls)
{
    QFile cfg(m_dir.filePath(QStringLiteral("config.yml")));
    if (!cfg.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write config.yml");
    const QString tlsLines = tls ? QStringLiteral("  tls:\n    certificate: %1\n    key: %2\n")
                                       .arg(tls->serverCert, tls->serverKey)
                                 : QString();
    m_tls = tls != nullptr;
    cfg.write(QStringLiteral("version: 0.1\n"
                             "log:\n  level: info\n"
                             "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n"
                             "http:\n  addr: 127.0.0.1:0\n  secret: test-only-secret\n%2%3")
                  .arg(storage(), tlsLines, authYaml)
                  .toUtf8());
    cfg.close();
    m_proc.setProcessChannelMode(QProcess::MergedChannels);
    m_proc.start(QStringLiteral("/usr/bin/docker-registry"), {QStringLiteral("serve"), cfg.fileName()});
    if (!m_proc.waitForStarted(10000))
        return QStringLiteral("docker-registry did not start");
    static const QRegularExpression listening(QStringLiteral("listening on 127\\.0\\.0\\.1:(\\d+)"));
    QByteArray log;
    QDeadlineTimer deadline(15000);
    while (!deadline.hasExpired()) {
        if (!m_proc.waitForReadyRead(static_cast<int>(deadline.remainingTime())))
            break;
        log += m_proc.readAll();
        const auto m = listening.match(QString::fromUtf8(log));
        if (m.hasMatch()) {
            m_port = static_cast<quint16>(m.captured(1).toUInt());
            // Keep draining its log so it never blocks on a full pipe.
            QObject::connect(&m_proc, &QProcess::readyRead, &m_proc, [this] { m_proc.readAll(); });
            return {};
        }
    }
    return QStringLiteral("docker-registry did not say its port: ") + QString::fromUtf8(log);
}

void RegistryServer::stop()
{
    if (m_proc.state() == QProcess::NotRunning)
        return;
    m_proc.terminate();
    if (!m_proc.waitForFinished(5000)) {
        m_proc.kill();
        m_proc.waitForFinished(5000);
    }
}

} // namespace testsupport
