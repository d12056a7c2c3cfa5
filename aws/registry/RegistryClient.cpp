#include "RegistryClient.h"

#include "RegistryLogging.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QSslConfiguration>
#include <QUrlQuery>

namespace aws::registry {

namespace {

const QByteArray kManifestAccept = "application/vnd.oci.image.manifest.v1+json, "
                                   "application/vnd.docker.distribution.manifest.v2+json, "
                                   "application/vnd.oci.image.index.v1+json, "
                                   "application/vnd.docker.distribution.manifest.list.v2+json";

QString scopeKey(QStringList scopes)
{
    scopes.sort();
    return scopes.join(u' ');
}

} // namespace

QByteArray RegistryResponse::header(const QByteArray &name) const
{
    for (const auto &h : headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

bool RegistryResponse::transient() const
{
    if (status == 0) // a certificate that is not trusted stays untrusted
        return networkError != QNetworkReply::OperationCanceledError &&
               networkError != QNetworkReply::SslHandshakeFailedError;
    return status >= 500 || status == 429 || status == 408;
}

QString RegistryResponse::describe() const
{
    if (status == 0)
        return errorText.isEmpty() ? QStringLiteral("no answer from the registry") : errorText;
    // Distribution errors: {"errors":[{"code":"BLOB_UNKNOWN","message":"…"}]}
    const QJsonObject err =
        QJsonDocument::fromJson(body).object().value(QStringLiteral("errors")).toArray().first().toObject();
    if (!err.isEmpty())
        return QStringLiteral("HTTP %1 %2: %3")
            .arg(status)
            .arg(err.value(QStringLiteral("code")).toString(),
                 err.value(QStringLiteral("message")).toString());
    if (!errorText.isEmpty()) // said by us: e.g. the token service's refusal
        return QStringLiteral("HTTP %1: %2").arg(status).arg(errorText);
    if (status == 401)
        return QStringLiteral("HTTP 401 UNAUTHORIZED: the registry refused the credentials");
    if (status == 403)
        return QStringLiteral("HTTP 403 DENIED: the credentials may not push to this repository");
    return QStringLiteral("HTTP %1 %2").arg(status).arg(QString::fromUtf8(body.left(200)).trimmed());
}

struct RegistryClient::Pending {
    RegistryRequest request;
    QPointer<QObject> context;
    Done done;
    int authRounds = 0;
    int generation = -1; ///< of the credentials the last attempt carried
};

RegistryClient::RegistryClient(const QUrl &base, QNetworkAccessManager *nam, QObject *parent)
    : QObject(parent)
    , m_base(base)
    , m_nam(nam)
{
    if (m_base.path().endsWith(u'/'))
        m_base.setPath(m_base.path().chopped(1));
}

QString RegistryClient::host() const
{
    return m_base.port() > 0 ? QStringLiteral("%1:%2").arg(m_base.host()).arg(m_base.port()) : m_base.host();
}

QUrl RegistryClient::url(const QString &path) const
{
    QUrl u = m_base;
    u.setPath(m_base.path() + path);
    return u;
}

QUrl RegistryClient::location(const RegistryResponse &r) const
{
    return m_base.resolved(QUrl(QString::fromUtf8(r.header("Location"))));
}

void RegistryClient::send(RegistryRequest request, QObject *context, Done done)
{
    auto p = std::make_shared<Pending>();
    p->request = std::move(request);
    p->context = context;
    p->done = std::move(done);
    attempt(p);
}

QByteArray RegistryClient::authorizationFor(const QStringList &scopes) const
{
    if (m_challenge.scheme == u"bearer") {
        const QByteArray token = m_bearer.value(scopeKey(scopes));
        return token.isEmpty() ? QByteArray() : "Bearer " + token;
    }
    if (m_credentials && (m_challenge.scheme == u"basic" || m_challenge.scheme.isEmpty()))
        return "Basic " + (m_credentials->username + u':' + m_credentials->password).toUtf8().toBase64();
    return {};
}

void RegistryClient::attempt(std::shared_ptr<Pending> p)
{
    const RegistryRequest &rq = p->request;
    QNetworkRequest req(rq.url);
    req.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    req.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    req.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("deploy-console/0.1"));
    if (!m_caCerts.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_caCerts);
        req.setSslConfiguration(ssl);
    }
    for (const auto &[k, v] : rq.headers)
        req.setRawHeader(k, v);
    // Expired ECR tokens are renewed before they are refused.
    if (m_credentials && m_credentials->expires.isValid() &&
        m_credentials->expires < QDateTime::currentDateTimeUtc().addSecs(300) && m_provider) {
        withCredentials(true, [this, p](bool, const QString &) { attempt(p); });
        return;
    }
    const QByteArray auth = authorizationFor(rq.scopes);
    p->generation = auth.isEmpty() ? -1 : m_credentialsGeneration;
    if (!auth.isEmpty())
        req.setRawHeader("Authorization", auth);

    QNetworkReply *reply = nullptr;
    if (rq.bodyDevice) {
        std::unique_ptr<QIODevice> dev = rq.bodyDevice();
        if (!dev || (!dev->isOpen() && !dev->open(QIODevice::ReadOnly))) {
            RegistryResponse r;
            r.errorText =
                QStringLiteral("cannot read the layer: %1").arg(dev ? dev->errorString() : QString());
            if (p->done && p->context)
                p->done(r);
            return;
        }
        req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/octet-stream"));
        req.setHeader(QNetworkRequest::ContentLengthHeader, rq.bodySize);
        reply = m_nam->sendCustomRequest(req, rq.method, dev.get());
        dev.release()->setParent(reply);
    } else {
        if (rq.method == "PUT" || rq.method == "POST" || rq.method == "PATCH")
            req.setHeader(QNetworkRequest::ContentLengthHeader, rq.body.size());
        reply = rq.method == "HEAD"                       ? m_nam->head(req)
                : rq.body.isEmpty() && rq.method == "GET" ? m_nam->get(req)
                                                          : m_nam->sendCustomRequest(req, rq.method, rq.body);
        m_bytesSent += rq.body.size();
    }
    m_live.append(reply);
    emit requestSent(rq.method, rq.url.path());
    qCDebug(lcRegistry) << rq.method << rq.url.path();
    // Counted as it goes out, so a cut upload counts what was sent.
    auto lastSent = std::make_shared<qint64>(0);
    if (rq.bodyDevice)
        connect(reply, &QNetworkReply::uploadProgress, this, [this, p, lastSent](qint64 sent, qint64 total) {
            m_bytesSent += sent - *lastSent;
            *lastSent = sent;
            if (p->request.uploadProgress && total > 0)
                p->request.uploadProgress(sent, total);
        });
    connect(reply, &QNetworkReply::finished, this, [this, p, reply] {
        m_live.removeAll(reply);
        reply->deleteLater();
        RegistryResponse r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        r.networkError = reply->error();
        if (r.status == 0)
            r.errorText = reply->error() == QNetworkReply::SslHandshakeFailedError
                              ? QStringLiteral("the registry's TLS certificate is not trusted (%1)")
                                    .arg(reply->errorString())
                              : reply->errorString();
        r.headers = reply->rawHeaderPairs();
        if (reply->isOpen())
            r.body = reply->read(4 * 1024 * 1024);
        if (r.status == 401 && p->generation >= 0 && p->generation < m_credentialsGeneration) {
            // Sent with credentials another request has renewed since: try the new ones.
            attempt(p);
            return;
        }
        if (r.status == 401 && p->authRounds < 2) {
            ++p->authRounds;
            authenticate(p, AuthChallenge::parse(r.header("WWW-Authenticate")));
            return;
        }
        if (p->done && p->context)
            p->done(r);
    });
}

void RegistryClient::withCredentials(bool forceRefresh, std::function<void(bool, const QString &)> then)
{
    if (!m_provider) {
        then(m_credentials.has_value(),
             QStringLiteral("the registry asks for credentials and none were given"));
        return;
    }
    if (m_credentials && !forceRefresh) {
        then(true, {});
        return;
    }
    m_credentialWaiters.append(std::move(then));
    if (m_fetchingCredentials)
        return;
    m_fetchingCredentials = true;
    m_provider([this](std::optional<RegistryCredentials> creds, const QString &error) {
        m_fetchingCredentials = false;
        if (creds) {
            m_credentials = creds;
            ++m_credentialsGeneration;
            m_bearer.clear(); // tokens were minted for the old credentials
        }
        const auto waiters = std::exchange(m_credentialWaiters, {});
        for (const auto &w : waiters)
            w(creds.has_value(), error);
    });
}

void RegistryClient::authenticate(std::shared_ptr<Pending> p, const AuthChallenge &challenge)
{
    auto fail = [p](const QString &why) {
        RegistryResponse r;
        r.status = 401;
        r.errorText = why;
        r.body =
            QJsonDocument(
                QJsonObject{{QStringLiteral("errors"),
                             QJsonArray{QJsonObject{{QStringLiteral("code"), QStringLiteral("UNAUTHORIZED")},
                                                    {QStringLiteral("message"), why}}}}})
                .toJson(QJsonDocument::Compact);
        if (p->done && p->context)
            p->done(r);
    };
    if (challenge.scheme != u"basic" && challenge.scheme != u"bearer") {
        fail(QStringLiteral("the registry refused the request and named no way to log in"));
        return;
    }
    const bool hadAuth =
        m_challenge.scheme == challenge.scheme && !authorizationFor(p->request.scopes).isEmpty();
    m_challenge.scheme = challenge.scheme;
    m_challenge.params = challenge.params;
    // A refusal of credentials we already sent means they expired or are wrong: ask again once.
    const bool refresh = hadAuth && challenge.scheme == u"basic";
    withCredentials(refresh, [this, p, challenge, fail](bool ok, const QString &error) {
        if (!ok && challenge.scheme == u"basic") {
            fail(error.isEmpty() ? QStringLiteral("no credentials for the registry") : error);
            return;
        }
        if (challenge.scheme == u"bearer")
            fetchBearer(p, challenge);
        else
            attempt(p);
    });
}

void RegistryClient::fetchBearer(std::shared_ptr<Pending> p, const AuthChallenge &challenge)
{
    QUrl realm(challenge.params.value(QStringLiteral("realm")));
    if (!realm.isValid() || realm.isEmpty()) {
        RegistryResponse r;
        r.status = 401;
        r.errorText = QStringLiteral("the registry's Bearer challenge names no token service");
        p->done(r);
        return;
    }
    QUrlQuery q;
    if (challenge.params.contains(QStringLiteral("service")))
        q.addQueryItem(QStringLiteral("service"), challenge.params.value(QStringLiteral("service")));
    QStringList scopes = p->request.scopes;
    if (scopes.isEmpty() && challenge.params.contains(QStringLiteral("scope")))
        scopes << challenge.params.value(QStringLiteral("scope"));
    for (const QString &s : scopes)
        q.addQueryItem(QStringLiteral("scope"), s);
    realm.setQuery(q);
    QNetworkRequest req(realm);
    req.setAttribute(QNetworkRequest::AuthenticationReuseAttribute, QNetworkRequest::Manual);
    if (!m_caCerts.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_caCerts);
        req.setSslConfiguration(ssl);
    }
    if (m_credentials)
        req.setRawHeader("Authorization",
                         "Basic " +
                             (m_credentials->username + u':' + m_credentials->password).toUtf8().toBase64());
    QNetworkReply *reply = m_nam->get(req);
    m_live.append(reply);
    connect(reply, &QNetworkReply::finished, this, [this, p, reply, scopes] {
        m_live.removeAll(reply);
        reply->deleteLater();
        const QJsonObject o = QJsonDocument::fromJson(reply->readAll()).object();
        QString token = o.value(QStringLiteral("token")).toString();
        if (token.isEmpty())
            token = o.value(QStringLiteral("access_token")).toString();
        if (reply->error() != QNetworkReply::NoError || token.isEmpty()) {
            RegistryResponse r;
            r.status = 401;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            QUrl where = reply->url();
            where.setQuery(QString());
            r.errorText =
                status == 401 || status == 403
                    ? QStringLiteral("the registry's token service (%1) refused the credentials (HTTP %2)")
                          .arg(where.toString())
                          .arg(status)
                    : QStringLiteral("the registry's token service (%1) gave no token: %2")
                          .arg(where.toString(), reply->errorString());
            if (p->done && p->context)
                p->done(r);
            return;
        }
        m_bearer.insert(scopeKey(p->request.scopes), token.toUtf8());
        attempt(p);
    });
}

void RegistryClient::ping(QObject *context, Done done)
{
    RegistryRequest r{"GET", url(QStringLiteral("/v2/"))};
    send(std::move(r), context, std::move(done));
}

void RegistryClient::headBlob(const QString &repo, const QString &digest, QObject *context, Done done)
{
    RegistryRequest r{"HEAD", url(QStringLiteral("/v2/%1/blobs/%2").arg(repo, digest))};
    r.scopes = {QStringLiteral("repository:%1:pull,push").arg(repo)};
    send(std::move(r), context, std::move(done));
}

void RegistryClient::startUpload(const QString &repo, const QString &digest, const QString &mountFrom,
                                 QObject *context, Done done)
{
    QUrl u = url(QStringLiteral("/v2/%1/blobs/uploads/").arg(repo));
    RegistryRequest r{"POST", u};
    r.scopes = {QStringLiteral("repository:%1:pull,push").arg(repo)};
    if (!mountFrom.isEmpty()) {
        QUrlQuery q;
        q.addQueryItem(QStringLiteral("mount"), digest);
        q.addQueryItem(QStringLiteral("from"), mountFrom);
        u.setQuery(q);
        r.url = u;
        r.scopes << QStringLiteral("repository:%1:pull").arg(mountFrom);
    }
    send(std::move(r), context, std::move(done));
}

void RegistryClient::putBlob(const QUrl &location, const QString &digest,
                             std::function<std::unique_ptr<QIODevice>()> body, qint64 size,
                             std::function<void(qint64, qint64)> progress, QObject *context, Done done)
{
    QUrl u = location;
    QUrlQuery q(u);
    q.addQueryItem(QStringLiteral("digest"), digest);
    u.setQuery(q);
    RegistryRequest r{"PUT", u};
    r.bodyDevice = std::move(body);
    r.bodySize = size;
    r.uploadProgress = std::move(progress);
    // The scope is unknown from a bare location; the path names the repo.
    const QString path = location.path();
    const qsizetype v2 = path.indexOf(QLatin1String("/v2/")),
                    blobs = path.indexOf(QLatin1String("/blobs/uploads/"));
    if (v2 >= 0 && blobs > v2)
        r.scopes = {QStringLiteral("repository:%1:pull,push").arg(path.mid(v2 + 4, blobs - v2 - 4))};
    send(std::move(r), context, std::move(done));
}

struct ChunkState {
    QString repo;
    QUrl location;
    QString digest;
    std::unique_ptr<QIODevice> device;
    qint64 size = 0;
    qint64 offset = 0;
    std::function<void(qint64, qint64)> progress;
    QPointer<QObject> context;
    RegistryClient::Done done;
};

void RegistryClient::uploadChunked(const QString &repo, const QUrl &location, const QString &digest,
                                   std::function<std::unique_ptr<QIODevice>()> body, qint64 size,
                                   std::function<void(qint64, qint64)> progress, QObject *context, Done done)
{
    auto s = std::make_shared<ChunkState>();
    s->repo = repo;
    s->location = location;
    s->digest = digest;
    s->device = body();
    s->size = size;
    s->progress = std::move(progress);
    s->context = context;
    s->done = std::move(done);
    if (!s->device || (!s->device->isOpen() && !s->device->open(QIODevice::ReadOnly))) {
        RegistryResponse r;
        r.errorText = QStringLiteral("cannot read the layer");
        s->done(r);
        return;
    }
    chunkStep(s);
}

void RegistryClient::chunkStep(std::shared_ptr<ChunkState> s)
{
    const QString scope = QStringLiteral("repository:%1:pull,push").arg(s->repo);
    if (s->offset >= s->size) {
        // The closing PUT carries no data, only the digest.
        QUrl u = s->location;
        QUrlQuery q(u);
        q.addQueryItem(QStringLiteral("digest"), s->digest);
        u.setQuery(q);
        RegistryRequest r{"PUT", u};
        r.scopes = {scope};
        send(std::move(r), s->context, s->done);
        return;
    }
    // One part in memory at a time: memory is bounded by the chunk size.
    const QByteArray part = s->device->read(qMin(m_chunkSize, s->size - s->offset));
    if (part.isEmpty()) {
        RegistryResponse r;
        r.errorText = QStringLiteral("the layer ended early");
        s->done(r);
        return;
    }
    RegistryRequest r{"PATCH", s->location};
    r.scopes = {scope};
    r.body = part;
    r.headers = {{"Content-Type", "application/octet-stream"},
                 {"Content-Range",
                  QByteArray::number(s->offset) + '-' + QByteArray::number(s->offset + part.size() - 1)}};
    const qint64 partSize = part.size();
    send(std::move(r), s->context, [this, s, partSize](const RegistryResponse &resp) {
        if (resp.status != 202 && resp.status != 201) { // ECR may answer 201 to a PATCH
            s->done(resp);
            return;
        }
        s->offset += partSize;
        if (s->progress)
            s->progress(s->offset, s->size);
        if (!resp.header("Location").isEmpty())
            s->location = location(resp);
        chunkStep(s);
    });
}

void RegistryClient::putManifest(const QString &repo, const QString &reference, const QByteArray &manifest,
                                 const QString &mediaType, QObject *context, Done done)
{
    RegistryRequest r{"PUT", url(QStringLiteral("/v2/%1/manifests/%2").arg(repo, reference))};
    r.body = manifest;
    r.headers = {{"Content-Type", mediaType.toUtf8()}};
    r.scopes = {QStringLiteral("repository:%1:pull,push").arg(repo)};
    send(std::move(r), context, std::move(done));
}

void RegistryClient::getManifest(const QString &repo, const QString &reference, QObject *context, Done done)
{
    RegistryRequest r{"GET", url(QStringLiteral("/v2/%1/manifests/%2").arg(repo, reference))};
    // distribution 2.8 answers 404 for an OCI manifest unless Accept names it.
    r.headers = {{"Accept", kManifestAccept}};
    r.scopes = {QStringLiteral("repository:%1:pull,push").arg(repo)};
    send(std::move(r), context, std::move(done));
}

void RegistryClient::abortAll()
{
    const auto live = std::exchange(m_live, {});
    for (const auto &r : live)
        if (r)
            r->abort();
}

} // namespace aws::registry
