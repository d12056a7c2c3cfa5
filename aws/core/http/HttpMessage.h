#pragma once
// Transport-neutral HTTP messages: what the codecs produce and consume, what
// SigV4 signs, and what the transport and the sandbox server carry.

#include <QByteArray>
#include <QList>
#include <QPair>

namespace aws {

using HttpHeaders = QList<QPair<QByteArray, QByteArray>>;

/// Case-insensitive header helpers (HTTP header names are case-insensitive).
QByteArray headerValue(const HttpHeaders &headers, const QByteArray &name);
bool hasHeader(const HttpHeaders &headers, const QByteArray &name);
void setHeader(HttpHeaders &headers, const QByteArray &name, const QByteArray &value);
void removeHeader(HttpHeaders &headers, const QByteArray &name);

struct HttpRequest {
    QByteArray method = "POST";
    QByteArray path = "/"; ///< path, with "?query" when there is one, already percent-encoded
    QByteArray host;       ///< host[:port] the request is for (also sent as Host)
    HttpHeaders headers;
    QByteArray body;

    QByteArray pathOnly() const;
    QByteArray query() const; ///< after '?', without it
};

struct HttpResponse {
    int status = 200;
    HttpHeaders headers;
    QByteArray body;
};

} // namespace aws
