#include "SandboxTestClient.h"

#include "core/sigv4/SigV4.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSignalSpy>

QJsonObject TestReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString TestReply::errorCode() const
{
    const QJsonObject o = json();
    if (o.contains(QStringLiteral("__type")))
        return o.value(QStringLiteral("__type")).toString().section(u'#', -1);
    static const QRegularExpression code(QStringLiteral("<Code>([^<]*)</Code>"));
    return code.match(QString::fromUtf8(body)).captured(1);
}

SandboxTestClient::SandboxTestClient(const QUrl &endpoint)
    : m_endpoint(endpoint)
{}

aws::HttpRequest SandboxTestClient::json(const QByteArray &target, const QJsonObject &body) const
{
    aws::HttpRequest r;
    r.method = "POST";
    r.path = "/";
    r.host = m_endpoint.authority().toLatin1();
    r.headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", target}};
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return r;
}

aws::HttpRequest SandboxTestClient::form(const QByteArray &formBody) const
{
    aws::HttpRequest r;
    r.method = "POST";
    r.path = "/";
    r.host = m_endpoint.authority().toLatin1();
    r.headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}};
    r.body = formBody;
    return r;
}

void SandboxTestClient::sign(aws::HttpRequest &request, const aws::Credentials &credentials,
                             const QString &service, const QDateTime &time)
{
    aws::sigv4::SigningParams p;
    p.credentials = credentials;
    p.region = QStringLiteral("us-east-1");
    p.service = service;
    p.time = time.toUTC();
    aws::sigv4::signRequest(request, p);
}

TestReply SandboxTestClient::send(const aws::HttpRequest &request, int timeoutMs)
{
    QUrl url = m_endpoint;
    url.setPath(QString::fromLatin1(request.pathOnly()));
    if (!request.query().isEmpty())
        url.setQuery(QString::fromLatin1(request.query()), QUrl::TolerantMode);
    QList<QPair<QByteArray, QByteArray>> headers;
    for (const auto &h : request.headers)
        if (h.first.compare("Host", Qt::CaseInsensitive) != 0)
            headers.append(h);
    return raw(request.method, url, headers, request.body, timeoutMs);
}

TestReply SandboxTestClient::raw(const QByteArray &method, const QUrl &url,
                                 const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body,
                                 int timeoutMs)
{
    QNetworkRequest req(url);
    for (const auto &h : headers)
        req.setRawHeader(h.first, h.second);
    QNetworkReply *reply = nullptr;
    if (method == "HEAD") { // as a custom verb QNAM would wait for a body
        reply = m_nam.head(req);
    } else {
        auto *buffer = new QBuffer;
        buffer->setData(body);
        buffer->open(QIODevice::ReadOnly);
        reply = m_nam.sendCustomRequest(req, method, buffer);
        buffer->setParent(reply);
    }
    QSignalSpy finished(reply, &QNetworkReply::finished);
    TestReply out;
    if (!finished.wait(timeoutMs)) {
        reply->abort();
        out.error = QNetworkReply::TimeoutError;
        reply->deleteLater();
        return out;
    }
    out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    out.error = reply->error();
    out.body = reply->readAll();
    for (const auto &h : reply->rawHeaderPairs())
        out.headers.insert(h.first.toLower(), h.second);
    reply->deleteLater();
    return out;
}
