#pragma once
// The token service of the Bearer flow (Docker Hub / distribution "token"
// auth) for tests: GET /token?service=…&scope=… with Basic credentials
// answers a JWT (RS256, its certificate in the x5c header) that a real
// docker-registry configured with `auth: token:` accepts. The key and the
// certificate are made with openssl in a temporary directory; requests are
// recorded so a test can see which scopes were asked for. It serves from
// its own thread, so it answers while the test blocks on a tool (skopeo).

#include "FakeHttpServer.h"

#include <QMutex>
#include <QStringList>
#include <QThread>

namespace testsupport {

class TokenServer {
public:
    TokenServer(QString user, QString password);
    ~TokenServer();
    /// Makes the signing key and starts listening; empty string or what failed.
    QString start(const QString &dir);
    QString realm() const { return m_url + QStringLiteral("/token"); }
    QString service() const { return QStringLiteral("test-registry"); }
    QString issuer() const { return QStringLiteral("test-token-issuer"); }
    QString certificateFile() const { return m_certFile; }
    /// Every scope asked for, in order ("repository:team/app:pull,push").
    QStringList scopesAsked() const;
    int refused() const;
    int issued() const;

private:
    std::optional<aws::HttpResponse> handle(const aws::HttpRequest &request);
    QByteArray sign(const QByteArray &data) const;
    QThread m_thread;
    QObject *m_ctx = nullptr;         ///< lives in m_thread
    FakeHttpServer *m_http = nullptr; ///< lives in m_thread
    QString m_url;
    mutable QMutex m_mutex;
    QString m_user, m_password, m_certFile;
    QByteArray m_certDerBase64;
    void *m_key = nullptr; ///< EVP_PKEY
    QStringList m_scopes;
    int m_refused = 0;
    int m_issued = 0;
};

} // namespace testsupport
