#include "RegistryService.h"

#include "../SandboxAccount.h"
#include "AccountHooks.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrlQuery>

namespace aws::sandbox::server {

namespace {

HttpResponse registryError(int status, const QString &code, const QString &message)
{
    HttpResponse r;
    r.status = status;
    setHeader(r.headers, "Content-Type", "application/json; charset=utf-8");
    setHeader(r.headers, "Docker-Distribution-API-Version", "registry/2.0");
    const QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("errors"), QJsonArray{error}}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

HttpResponse emptyResponse(int status, HttpHeaders headers = {})
{
    HttpResponse r;
    r.status = status;
    r.headers = std::move(headers);
    setHeader(r.headers, "Docker-Distribution-API-Version", "registry/2.0");
    return r;
}

bool isDigest(const QString &ref)
{
    static const QRegularExpression re(QStringLiteral("^sha256:[a-f0-9]{64}$"));
    return re.match(ref).hasMatch();
}

QString sha256Digest(const QByteArray &raw)
{
    return QStringLiteral("sha256:") + QString::fromLatin1(raw.toHex());
}

QByteArray uploadRange(qint64 size)
{
    return "0-" + QByteArray::number(qMax<qint64>(0, size - 1));
}

} // namespace

RegistryService::RegistryService(SandboxAccount &account)
    : m_account(account)
{}

bool RegistryService::handles(const HttpRequest &request)
{
    const QByteArray path = request.pathOnly();
    return path == "/v2" || path.startsWith("/v2/");
}

bool RegistryService::authorized(const HttpRequest &request) const
{
    const QByteArray header = headerValue(request.headers, "Authorization");
    if (!header.startsWith("Basic "))
        return false;
    const QByteArray decoded = QByteArray::fromBase64(header.mid(6).trimmed());
    const qsizetype colon = decoded.indexOf(':');
    if (colon < 0 || decoded.left(colon) != "AWS")
        return false;
    const QString password = QString::fromUtf8(decoded.mid(colon + 1));
    if (password.isEmpty())
        return false;
    if (const auto verdict = checkRegistryPassword(m_account, password)) {
        return *verdict;
    } else {
        // Until the account checks passwords itself: compare with the token
        // GetAuthorizationToken hands out.
        const CallResult r =
            m_account.call(QStringLiteral("ecr"), QStringLiteral("GetAuthorizationToken"), {});
        const auto *out = std::get_if<QJsonObject>(&r);
        if (!out)
            return false;
        const QString token = out->value(QStringLiteral("authorizationData"))
                                  .toArray()
                                  .at(0)
                                  .toObject()
                                  .value(QStringLiteral("authorizationToken"))
                                  .toString();
        return QByteArray::fromBase64(token.toLatin1()) == decoded;
    }
}

void RegistryService::handle(const IncomingRequest &request, HttpResponder responder)
{
    const HttpRequest &http = request.http;
    if (!authorized(http)) {
        HttpResponse r =
            registryError(401, QStringLiteral("UNAUTHORIZED"), QStringLiteral("authentication required"));
        setHeader(r.headers, "WWW-Authenticate", "Basic realm=\"Deploy Console sandbox ECR\"");
        responder.send(r);
        return;
    }
    const QString path = QUrl::fromPercentEncoding(http.pathOnly());
    if (path == u"/v2" || path == u"/v2/") {
        HttpResponse r = emptyResponse(200, {{"Content-Type", "application/json"}});
        r.body = "{}";
        responder.send(r);
        return;
    }
    const QString rest = path.mid(4); // after "/v2/"
    const QByteArray method = http.method;
    const auto send = [&](const HttpResponse &r) { responder.send(r); };

    static const QRegularExpression uploadRe(QStringLiteral("^(.+)/blobs/uploads/?([^/]*)$"));
    static const QRegularExpression blobRe(QStringLiteral("^(.+)/blobs/([^/]+)$"));
    static const QRegularExpression manifestRe(QStringLiteral("^(.+)/manifests/([^/]+)$"));
    static const QRegularExpression tagsRe(QStringLiteral("^(.+)/tags/list$"));

    QString repo;
    QRegularExpressionMatch m;
    enum { Upload, Blob, Manifest, Tags, None } kind = None;
    if ((m = uploadRe.match(rest)).hasMatch())
        kind = Upload;
    else if ((m = blobRe.match(rest)).hasMatch())
        kind = Blob;
    else if ((m = manifestRe.match(rest)).hasMatch())
        kind = Manifest;
    else if ((m = tagsRe.match(rest)).hasMatch())
        kind = Tags;
    if (kind == None) {
        send(registryError(404, QStringLiteral("UNSUPPORTED"), QStringLiteral("unknown registry path")));
        return;
    }
    repo = m.captured(1);
    if (!m_account.repositoryExists(repo)) {
        send(registryError(
            404, QStringLiteral("NAME_UNKNOWN"),
            QStringLiteral("The repository with name '%1' does not exist in the registry").arg(repo)));
        return;
    }
    switch (kind) {
    case Upload:
        if (m.captured(2).isEmpty() && method == "POST")
            send(startUpload(repo, request));
        else if (!m.captured(2).isEmpty())
            send(upload(repo, m.captured(2), request));
        else
            send(registryError(405, QStringLiteral("UNSUPPORTED"), QStringLiteral("method not allowed")));
        return;
    case Blob:
        if (method == "GET" || method == "HEAD") {
            const HttpResponse r = blob(repo, m.captured(2), method == "HEAD", responder);
            if (r.status != 0)
                send(r);
        } else {
            send(registryError(405, QStringLiteral("UNSUPPORTED"), QStringLiteral("method not allowed")));
        }
        return;
    case Manifest:
        if (method == "PUT")
            send(putManifest(repo, m.captured(2), request));
        else if (method == "GET" || method == "HEAD")
            send(getManifest(repo, m.captured(2), method == "HEAD"));
        else
            send(registryError(405, QStringLiteral("UNSUPPORTED"), QStringLiteral("method not allowed")));
        return;
    case Tags:
        send(tags(repo));
        return;
    case None:
        return;
    }
}

HttpResponse RegistryService::blob(const QString &repo, const QString &digest, bool head,
                                   HttpResponder &responder)
{
    const BlobStore::Blob *b = m_blobs.blob(repo, digest);
    if (!b)
        return registryError(404, QStringLiteral("BLOB_UNKNOWN"), QStringLiteral("blob unknown to registry"));
    HttpHeaders headers{{"Content-Type", "application/octet-stream"},
                        {"Docker-Content-Digest", digest.toLatin1()},
                        {"Docker-Distribution-API-Version", "registry/2.0"},
                        {"Content-Length", QByteArray::number(b->size)}};
    if (!b->path.isEmpty() && !head) {
        responder.sendFile(200, headers, b->path, b->size);
        return HttpResponse{0, {}, {}}; // answered
    }
    HttpResponse r;
    r.status = 200;
    r.headers = headers;
    if (!head)
        r.body = b->data;
    return r;
}

HttpResponse RegistryService::startUpload(const QString &repo, const IncomingRequest &request)
{
    const QUrlQuery query(QString::fromLatin1(request.http.query()));
    const QString mount = query.queryItemValue(QStringLiteral("mount"), QUrl::FullyDecoded);
    const QString from = query.queryItemValue(QStringLiteral("from"), QUrl::FullyDecoded);
    if (!mount.isEmpty() && m_blobs.mount(repo, mount, from)) {
        return emptyResponse(201, {{"Location", QStringLiteral("/v2/%1/blobs/%2").arg(repo, mount).toUtf8()},
                                   {"Docker-Content-Digest", mount.toLatin1()}});
    }
    const QString digest = query.queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded);
    if (!digest.isEmpty()) { // monolithic upload in the POST itself
        if (sha256Digest(request.bodySha256) != digest)
            return registryError(400, QStringLiteral("DIGEST_INVALID"),
                                 QStringLiteral("provided digest did not match uploaded content"));
        if (request.bodyFile)
            m_blobs.putFile(repo, digest, request.bodyFile->fileName(), request.bodySize);
        else
            m_blobs.put(repo, digest, request.http.body);
        return emptyResponse(201, {{"Location", QStringLiteral("/v2/%1/blobs/%2").arg(repo, digest).toUtf8()},
                                   {"Docker-Content-Digest", digest.toLatin1()}});
    }
    const QString uuid = m_blobs.startUpload(repo);
    if (uuid.isEmpty())
        return registryError(500, QStringLiteral("UNKNOWN"), QStringLiteral("cannot create upload"));
    BlobStore::Upload *up = m_blobs.upload(uuid);
    request.readBody([&](const QByteArray &chunk) { m_blobs.append(*up, chunk); });
    return emptyResponse(202,
                         {{"Location", QStringLiteral("/v2/%1/blobs/uploads/%2").arg(repo, uuid).toUtf8()},
                          {"Docker-Upload-UUID", uuid.toLatin1()},
                          {"Range", uploadRange(up->size)}});
}

HttpResponse RegistryService::upload(const QString &repo, const QString &uuid, const IncomingRequest &request)
{
    BlobStore::Upload *up = m_blobs.upload(uuid);
    if (!up || up->repository != repo)
        return registryError(404, QStringLiteral("BLOB_UPLOAD_UNKNOWN"),
                             QStringLiteral("blob upload unknown"));
    const QByteArray method = request.http.method;
    const QByteArray location = QStringLiteral("/v2/%1/blobs/uploads/%2").arg(repo, uuid).toUtf8();
    if (method == "DELETE") {
        m_blobs.cancelUpload(uuid);
        return emptyResponse(204);
    }
    if (method == "GET")
        return emptyResponse(204, {{"Location", location},
                                   {"Range", uploadRange(up->size)},
                                   {"Docker-Upload-UUID", uuid.toLatin1()}});
    if (method != "PATCH" && method != "PUT")
        return registryError(405, QStringLiteral("UNSUPPORTED"), QStringLiteral("method not allowed"));

    const QByteArray contentRange = headerValue(request.http.headers, "Content-Range");
    if (!contentRange.isEmpty()) {
        // "start-end": chunks must arrive in order.
        const qint64 start = contentRange.split('-').value(0).trimmed().toLongLong();
        if (start != up->size)
            return emptyResponse(416, {{"Location", location}, {"Range", uploadRange(up->size)}});
    }
    bool ok = true;
    request.readBody([&](const QByteArray &chunk) { ok = m_blobs.append(*up, chunk) && ok; });
    if (!ok)
        return registryError(500, QStringLiteral("UNKNOWN"), QStringLiteral("cannot store upload"));
    if (method == "PATCH")
        return emptyResponse(202, {{"Location", location},
                                   {"Range", uploadRange(up->size)},
                                   {"Docker-Upload-UUID", uuid.toLatin1()}});

    const QString expected = QUrlQuery(QString::fromLatin1(request.http.query()))
                                 .queryItemValue(QStringLiteral("digest"), QUrl::FullyDecoded);
    if (!isDigest(expected)) {
        m_blobs.cancelUpload(uuid);
        return registryError(400, QStringLiteral("DIGEST_INVALID"),
                             QStringLiteral("digest missing or invalid"));
    }
    const QString actual = m_blobs.finishUpload(uuid, expected);
    if (actual != expected)
        return registryError(400, QStringLiteral("DIGEST_INVALID"),
                             QStringLiteral("provided digest did not match uploaded content"));
    return emptyResponse(201, {{"Location", QStringLiteral("/v2/%1/blobs/%2").arg(repo, expected).toUtf8()},
                               {"Docker-Content-Digest", expected.toLatin1()}});
}

HttpResponse RegistryService::putManifest(const QString &repo, const QString &reference,
                                          const IncomingRequest &request)
{
    if (request.bodyFile)
        return registryError(400, QStringLiteral("MANIFEST_INVALID"), QStringLiteral("manifest too large"));
    const QByteArray body = request.http.body;
    QJsonParseError parseError;
    const QJsonObject doc = QJsonDocument::fromJson(body, &parseError).object();
    if (parseError.error != QJsonParseError::NoError || doc.isEmpty())
        return registryError(400, QStringLiteral("MANIFEST_INVALID"), QStringLiteral("manifest invalid"));
    QString mediaType = QString::fromLatin1(headerValue(request.http.headers, "Content-Type"));
    if (mediaType.isEmpty())
        mediaType = doc.value(QStringLiteral("mediaType")).toString();
    const QString digest = sha256Digest(request.bodySha256);
    if (isDigest(reference) && reference != digest)
        return registryError(400, QStringLiteral("DIGEST_INVALID"),
                             QStringLiteral("manifest digest did not match the reference"));

    qint64 size = 0;
    if (doc.contains(QStringLiteral("manifests"))) { // an index / manifest list: children must be pushed
        for (const auto &child : doc.value(QStringLiteral("manifests")).toArray()) {
            const QString d = child.toObject().value(QStringLiteral("digest")).toString();
            if (!m_account.findImage(repo, d))
                return registryError(400, QStringLiteral("MANIFEST_BLOB_UNKNOWN"),
                                     QStringLiteral("manifest %1 unknown to registry").arg(d));
        }
    } else {
        QJsonArray blobs = doc.value(QStringLiteral("layers")).toArray();
        blobs.prepend(doc.value(QStringLiteral("config")));
        for (const auto &b : blobs) {
            const QString d = b.toObject().value(QStringLiteral("digest")).toString();
            if (!m_blobs.has(repo, d))
                return registryError(400, QStringLiteral("MANIFEST_BLOB_UNKNOWN"),
                                     QStringLiteral("blob %1 unknown to registry").arg(d));
            size += b.toObject().value(QStringLiteral("size")).toInteger();
        }
    }
    StoredImage image;
    image.repository = repo;
    image.digest = digest;
    image.mediaType = mediaType;
    image.manifest = body;
    image.sizeBytes = size;
    image.pushedAt = QDateTime::currentDateTimeUtc();
    const QString tag = isDigest(reference) ? QString() : reference;
    if (!tag.isEmpty())
        image.tags = {tag};
    if (const auto error = m_account.putImage(image, tag))
        return registryError(400, QStringLiteral("TAG_INVALID"), error->message);
    return emptyResponse(201, {{"Location", QStringLiteral("/v2/%1/manifests/%2").arg(repo, digest).toUtf8()},
                               {"Docker-Content-Digest", digest.toLatin1()}});
}

HttpResponse RegistryService::getManifest(const QString &repo, const QString &reference, bool head)
{
    const auto image = m_account.findImage(repo, reference);
    if (!image)
        return registryError(404, QStringLiteral("MANIFEST_UNKNOWN"), QStringLiteral("manifest unknown"));
    HttpResponse r = emptyResponse(200, {{"Content-Type", image->mediaType.toLatin1()},
                                         {"Docker-Content-Digest", image->digest.toLatin1()},
                                         {"Content-Length", QByteArray::number(image->manifest.size())}});
    if (!head)
        r.body = image->manifest;
    return r;
}

HttpResponse RegistryService::tags(const QString &repo)
{
    QJsonArray tags;
    const CallResult result = m_account.call(QStringLiteral("ecr"), QStringLiteral("DescribeImages"),
                                             {{QStringLiteral("repositoryName"), repo}});
    if (const auto *out = std::get_if<QJsonObject>(&result)) {
        for (const auto &detail : out->value(QStringLiteral("imageDetails")).toArray())
            for (const auto &t : detail.toObject().value(QStringLiteral("imageTags")).toArray())
                tags.append(t);
    }
    HttpResponse r = emptyResponse(200, {{"Content-Type", "application/json"}});
    r.body = QJsonDocument(QJsonObject{{QStringLiteral("name"), repo}, {QStringLiteral("tags"), tags}})
                 .toJson(QJsonDocument::Compact);
    return r;
}

} // namespace aws::sandbox::server
