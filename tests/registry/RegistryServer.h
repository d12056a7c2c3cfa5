#pragma once
// A real registry for tests: Debian's docker-registry (distribution 2.8) on
// 127.0.0.1 with an ephemeral port (read back from its log), htpasswd auth,
// storage in a temporary directory; stopped by the pid it was started with.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace testsupport {

/// A throw-away CA and a server certificate it signed for 127.0.0.1
/// (openssl, EC P-256, valid one day), as PEM files in `dir`.
struct TestCa {
    QString caCert;
    QString serverCert;
    QString serverKey;
};
QString makeTestCa(const QString &dir, TestCa *out);

class RegistryServer {
public:
    ~RegistryServer();
    /// Starts it; returns an empty string or what went wrong. With `tls`,
    /// it serves HTTPS with that CA's server certificate.
    QString start(const QString &user = QStringLiteral("user"),
                  const QString &password = QStringLiteral("pass"), const TestCa *tls = nullptr);
    /// Starts it with distribution's token auth: Bearer challenges naming
    /// `realm`, tokens signed by the key of `rootCertBundle`'s certificate.
    QString startWithTokenAuth(const QString &realm, const QString &service, const QString &issuer,
                               const QString &rootCertBundle);
    void stop();
    quint16 port() const { return m_port; }
    QString hostPort() const { return QStringLiteral("127.0.0.1:%1").arg(m_port); }
    QString url() const
    {
        return (m_tls ? QStringLiteral("https://") : QStringLiteral("http://")) + hostPort();
    }
    QString storage() const { return m_dir.filePath(QStringLiteral("storage")); }

private:
    QString launch(const QString &authYaml, const TestCa *tls);
    QTemporaryDir m_dir;
    QProcess m_proc;
    quint16 m_port = 0;
    bool m_tls = false;
};

} // namespace testsupport
