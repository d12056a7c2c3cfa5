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

QString RegistryServer::start(const QString &user, const QString &password)
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
    QFile cfg(m_dir.filePath(QStringLiteral("config.yml")));
    if (!cfg.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write config.yml");
    cfg.write(QStringLiteral("version: 0.1\n"
                             "log:\n  level: info\n"
                             "storage:\n  filesystem:\n    rootdirectory: %1\n  delete:\n    enabled: true\n"
                             "http:\n  addr: 127.0.0.1:0\n  secret: test-only-secret\n"
                             "auth:\n  htpasswd:\n    realm: test\n    path: %2\n")
                  .arg(storage(), hp.fileName())
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
