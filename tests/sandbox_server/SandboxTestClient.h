#pragma once
// Talks to an in-process SandboxServer over QNetworkAccessManager: signs
// requests with SigV4 (or deliberately not), waits for the answer with the
// event loop running (bounded, no sleeps).

#include "core/http/HttpMessage.h"
#include "core/sigv4/Credentials.h"

#include <QDateTime>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUrl>

struct TestReply {
    int status = 0; ///< 0: no HTTP answer
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; ///< lower-case names
    QJsonObject json() const;
    /// The error code of a json (__type) or XML (<Code>) error body.
    QString errorCode() const;
};

class SandboxTestClient {
public:
    explicit SandboxTestClient(const QUrl &endpoint);

    /// A json 1.1 request: X-Amz-Target "<prefix>.<operation>".
    aws::HttpRequest json(const QByteArray &target, const QJsonObject &body) const;
    /// A form request (query/ec2): "Action=…&Version=…".
    aws::HttpRequest form(const QByteArray &formBody) const;
    static void sign(aws::HttpRequest &request, const aws::Credentials &credentials, const QString &service,
                     const QDateTime &time = QDateTime::currentDateTimeUtc());

    TestReply send(const aws::HttpRequest &request, int timeoutMs = 15000);
    /// Plain HTTP for the registry and task pages.
    TestReply raw(const QByteArray &method, const QUrl &url,
                  const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body = {},
                  int timeoutMs = 15000);

    QNetworkAccessManager &nam() { return m_nam; }

private:
    QUrl m_endpoint;
    QNetworkAccessManager m_nam;
};
