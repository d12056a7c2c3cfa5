#include "TokenServer.h"

#include "TestImages.h"

#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSslCertificate>
#include <QUrlQuery>
#include <QUuid>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace testsupport {

namespace {

QByteArray b64url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

} // namespace

TokenServer::TokenServer(QString user, QString password)
    : m_user(std::move(user))
    , m_password(std::move(password))
{}

TokenServer::~TokenServer()
{
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(
            m_ctx,
            [this] {
                delete m_http;
                delete m_ctx;
            },
            Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    EVP_PKEY_free(static_cast<EVP_PKEY *>(m_key));
}

QStringList TokenServer::scopesAsked() const
{
    QMutexLocker lock(&m_mutex);
    return m_scopes;
}

int TokenServer::refused() const
{
    QMutexLocker lock(&m_mutex);
    return m_refused;
}

int TokenServer::issued() const
{
    QMutexLocker lock(&m_mutex);
    return m_issued;
}

QString TokenServer::start(const QString &dir)
{
    QString err;
    const QString key = dir + QStringLiteral("/token.key");
    m_certFile = dir + QStringLiteral("/token.crt");
    runTool(QStringLiteral("openssl"),
            {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
             QStringLiteral("rsa:2048"), QStringLiteral("-nodes"), QStringLiteral("-keyout"), key,
             QStringLiteral("-out"), m_certFile, QStringLiteral("-days"), QStringLiteral("1"),
             QStringLiteral("-subj"), QStringLiteral("/CN=test token issuer")},
            &err);
    if (!err.isEmpty())
        return err;
    QFile k(key);
    if (!k.open(QIODevice::ReadOnly))
        return QStringLiteral("cannot read the token key");
    const QByteArray pem = k.readAll();
    BIO *bio = BIO_new_mem_buf(pem.constData(), int(pem.size()));
    m_key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    if (!m_key)
        return QStringLiteral("cannot load the token key");
    const QList<QSslCertificate> certs = QSslCertificate::fromPath(m_certFile);
    if (certs.isEmpty())
        return QStringLiteral("cannot load the token certificate");
    m_certDerBase64 = certs.first().toDer().toBase64();
    m_thread.start();
    m_ctx = new QObject;
    m_ctx->moveToThread(&m_thread);
    bool listening = false;
    QMetaObject::invokeMethod(
        m_ctx,
        [this, &listening] {
            m_http = new FakeHttpServer; // built in the thread: its socket server lives there too
            m_http->setHandler([this](const aws::HttpRequest &r) { return handle(r); });
            listening = m_http->listen();
            m_url = m_http->url();
        },
        Qt::BlockingQueuedConnection);
    return listening ? QString() : QStringLiteral("the token server cannot listen");
}

QByteArray TokenServer::sign(const QByteArray &data) const
{
    EVP_MD_CTX *ctx = EVP_MD_CTX_new();
    size_t len = 0;
    QByteArray sig;
    if (EVP_DigestSignInit(ctx, nullptr, EVP_sha256(), nullptr, static_cast<EVP_PKEY *>(m_key)) == 1 &&
        EVP_DigestSign(ctx, nullptr, &len, reinterpret_cast<const unsigned char *>(data.constData()),
                       size_t(data.size())) == 1) {
        sig.resize(qsizetype(len));
        if (EVP_DigestSign(ctx, reinterpret_cast<unsigned char *>(sig.data()), &len,
                           reinterpret_cast<const unsigned char *>(data.constData()),
                           size_t(data.size())) != 1)
            sig.clear();
        else
            sig.resize(qsizetype(len));
    }
    EVP_MD_CTX_free(ctx);
    return sig;
}

std::optional<aws::HttpResponse> TokenServer::handle(const aws::HttpRequest &request)
{
    aws::HttpResponse resp;
    if (request.pathOnly() != "/token") {
        resp.status = 404;
        return resp;
    }
    QMutexLocker lock(&m_mutex);
    const QByteArray expected = "Basic " + (m_user + u':' + m_password).toUtf8().toBase64();
    if (aws::headerValue(request.headers, "Authorization") != expected) {
        ++m_refused;
        resp.status = 401;
        resp.headers = {{"Content-Type", "application/json"}};
        resp.body = R"({"details":"incorrect username or password"})";
        return resp;
    }
    const QUrlQuery q(QString::fromUtf8(request.query()));
    QJsonArray access;
    for (const QString &scope : q.allQueryItemValues(QStringLiteral("scope"), QUrl::FullyDecoded)) {
        m_scopes << scope;
        const qsizetype first = scope.indexOf(u':'), last = scope.lastIndexOf(u':');
        if (first < 0 || last <= first)
            continue;
        access.append(QJsonObject{
            {QStringLiteral("type"), scope.left(first)},
            {QStringLiteral("name"), scope.mid(first + 1, last - first - 1)},
            {QStringLiteral("actions"), QJsonArray::fromStringList(scope.mid(last + 1).split(u','))}});
    }
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("JWT")},
                             {QStringLiteral("alg"), QStringLiteral("RS256")},
                             {QStringLiteral("x5c"), QJsonArray{QString::fromLatin1(m_certDerBase64)}}};
    const QJsonObject claims{{QStringLiteral("iss"), issuer()},
                             {QStringLiteral("sub"), m_user},
                             {QStringLiteral("aud"), q.queryItemValue(QStringLiteral("service"))},
                             {QStringLiteral("exp"), now + 300},
                             {QStringLiteral("nbf"), now - 10},
                             {QStringLiteral("iat"), now},
                             {QStringLiteral("jti"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {QStringLiteral("access"), access}};
    const QByteArray signingInput = b64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
                                    b64url(QJsonDocument(claims).toJson(QJsonDocument::Compact));
    const QByteArray token = signingInput + '.' + b64url(sign(signingInput));
    ++m_issued;
    resp.headers = {{"Content-Type", "application/json"}};
    resp.body = QJsonDocument(QJsonObject{{QStringLiteral("token"), QString::fromLatin1(token)},
                                          {QStringLiteral("expires_in"), 300}})
                    .toJson(QJsonDocument::Compact);
    return resp;
}

} // namespace testsupport
