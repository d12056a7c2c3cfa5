#pragma once
// A tiny HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests: records
// every request and answers with a handler's response. Enough of HTTP for
// our clients (Content-Length bodies, keep-alive); nothing more.

#include "HttpMessage.h"

#include <QList>
#include <QObject>
#include <QTcpServer>
#include <functional>

namespace testsupport {

class FakeHttpServer : public QObject {
    Q_OBJECT
public:
    /// Returning std::nullopt drops the connection without an answer.
    using Handler = std::function<std::optional<aws::HttpResponse>(const aws::HttpRequest &)>;

    explicit FakeHttpServer(QObject *parent = nullptr);
    bool listen();
    quint16 port() const;
    QString url() const;
    void setHandler(Handler h) { m_handler = std::move(h); }
    const QList<aws::HttpRequest> &requests() const { return m_requests; }

signals:
    void requestReceived();

private:
    void onConnection();
    QTcpServer m_server;
    Handler m_handler;
    QList<aws::HttpRequest> m_requests;
};

} // namespace testsupport
