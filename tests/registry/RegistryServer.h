#pragma once
// A real registry for tests: Debian's docker-registry (distribution 2.8) on
// 127.0.0.1 with an ephemeral port (read back from its log), htpasswd auth,
// storage in a temporary directory; stopped by the pid it was started with.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace testsupport {

class RegistryServer {
public:
    ~RegistryServer();
    /// Starts it; returns an empty string or what went wrong.
    QString start(const QString &user = QStringLiteral("user"),
                  const QString &password = QStringLiteral("pass"));
    void stop();
    quint16 port() const { return m_port; }
    QString hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString url() const { return QStringLiteral("http://") + hostPort(); }
    QString storage() const { return m_dir.filePath(QStringLiteral("storage")); }

private:
    QTemporaryDir m_dir;
    QProcess m_proc;
    quint16 m_port = 0;
};

} // namespace testsupport
