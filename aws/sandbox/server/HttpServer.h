#pragma once
// A small HTTP/1.1 server on QTcpServer for the sandbox.
//
// Why not QHttpServer: Qt 6.4's QHttpServer/QAbstractHttpServer (tech
// preview) reads each request body whole into memory, offers no way to close
// a connection without answering (our "dropped connection" fault), cannot
// stream a multi-hundred-MB blob upload to disk or a blob download from disk,
// and its router makes one catch-all endpoint (routing by X-Amz-Target,
// Action and /v2/<name with slashes>/…) awkward. What we need from HTTP is
// small — keep-alive, Content-Length and chunked request bodies,
// Expect: 100-continue, sequential requests per connection — so we own it.

#include "../../core/http/HttpMessage.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QTemporaryFile>
#include <functional>
#include <memory>

class QTcpServer;

namespace aws::sandbox::server {

class HttpConnection;

/// One request as received. A body larger than the server's spill threshold
/// lives in `bodyFile` (and `http.body` stays empty) so memory stays bounded.
struct IncomingRequest {
    HttpRequest http;
    std::unique_ptr<QTemporaryFile> bodyFile; ///< set when the body was spilled to disk
    qint64 bodySize = 0;
    QByteArray bodySha256; ///< raw SHA-256 of the body, computed while receiving
    QHostAddress localAddress;
    quint16 localPort = 0;

    /// Calls `sink` with the body in pieces (from memory or from the spill file).
    bool readBody(const std::function<void(const QByteArray &)> &sink) const;
};

using RequestPtr = std::shared_ptr<IncomingRequest>;

/// The handle a handler answers through, now or later. Answers after the
/// client went away are ignored. Exactly one of send/sendFile/drop counts.
class HttpResponder {
public:
    HttpResponder() = default;
    HttpResponder(HttpConnection *connection, quint64 serial);

    void send(const HttpResponse &response);
    /// Sends `size` bytes of `path` as the body (streamed, for blob downloads).
    void sendFile(int status, const HttpHeaders &headers, const QString &path, qint64 size);
    /// Closes the connection without an answer (fault injection).
    void drop();
    bool isConnected() const;

private:
    QPointer<HttpConnection> m_connection;
    quint64 m_serial = 0;
};

using RequestHandler = std::function<void(const RequestPtr &, HttpResponder)>;

struct HttpServerLimits {
    qint64 spillThreshold = 1 << 20;      ///< bodies above this go to a temp file
    qint64 maxBodySize = qint64(4) << 30; ///< larger bodies get 413
    qint64 maxHeaderBytes = 64 * 1024;    ///< larger header blocks get 431
    int idleTimeoutMs = 120000;           ///< idle keep-alive connections close
};

class HttpServer : public QObject {
    Q_OBJECT
public:
    explicit HttpServer(RequestHandler handler, QObject *parent = nullptr);
    ~HttpServer() override;

    /// Listens on `address`:`port` (0 = ephemeral). Returns false and sets
    /// `error` when binding fails.
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void close();
    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;

    void setLimits(const HttpServerLimits &limits) { m_limits = limits; }
    const HttpServerLimits &limits() const { return m_limits; }
    /// Open client connections (for tests and shutdown).
    int connectionCount() const;

private:
    void onNewConnection();

    RequestHandler m_handler;
    HttpServerLimits m_limits;
    QTcpServer *m_server = nullptr;
    QList<QPointer<HttpConnection>> m_connections;
};

/// Reason phrase for a status code ("Not Found").
QByteArray httpReasonPhrase(int status);
/// RFC 7231 IMF-fixdate of the current time, for the Date header.
QByteArray httpDateNow();

} // namespace aws::sandbox::server
