#include "HttpServer.h"

#include "HttpConnection.h"

#include <QDateTime>
#include <QLocale>
#include <QTcpServer>
#include <QTcpSocket>

namespace aws::sandbox::server {

bool IncomingRequest::readBody(const std::function<void(const QByteArray &)> &sink) const
{
    if (!bodyFile) {
        if (!http.body.isEmpty())
            sink(http.body);
        return true;
    }
    QFile file(bodyFile->fileName());
    if (!file.open(QIODevice::ReadOnly))
        return false;
    while (!file.atEnd()) {
        const QByteArray chunk = file.read(256 * 1024);
        if (chunk.isEmpty())
            return false;
        sink(chunk);
    }
    return true;
}

HttpResponder::HttpResponder(HttpConnection *connection, quint64 serial)
    : m_connection(connection)
    , m_serial(serial)
{}

void HttpResponder::send(const HttpResponse &response)
{
    if (m_connection)
        m_connection->respond(m_serial, response);
}

void HttpResponder::sendFile(int status, const HttpHeaders &headers, const QString &path, qint64 size)
{
    if (m_connection)
        m_connection->respondFile(m_serial, status, headers, path, size);
}

void HttpResponder::drop()
{
    if (m_connection)
        m_connection->drop(m_serial);
}

bool HttpResponder::isConnected() const
{
    return m_connection && m_connection->isCurrent(m_serial);
}

HttpServer::HttpServer(RequestHandler handler, QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
{}

HttpServer::~HttpServer()
{
    close();
}

bool HttpServer::listen(const QHostAddress &address, quint16 port, QString *error)
{
    close();
    m_server = new QTcpServer(this);
    connect(m_server, &QTcpServer::newConnection, this, &HttpServer::onNewConnection);
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        delete m_server;
        m_server = nullptr;
        return false;
    }
    return true;
}

void HttpServer::close()
{
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    const auto connections = m_connections;
    m_connections.clear();
    for (const auto &c : connections)
        delete c.data();
}

bool HttpServer::isListening() const
{
    return m_server && m_server->isListening();
}

QHostAddress HttpServer::address() const
{
    return m_server ? m_server->serverAddress() : QHostAddress();
}

quint16 HttpServer::port() const
{
    return m_server ? m_server->serverPort() : 0;
}

int HttpServer::connectionCount() const
{
    int n = 0;
    for (const auto &c : m_connections)
        n += c ? 1 : 0;
    return n;
}

void HttpServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new HttpConnection(socket, m_limits, m_handler, this);
        m_connections.removeIf([](const QPointer<HttpConnection> &c) { return c.isNull(); });
        m_connections.append(connection);
    }
}

QByteArray httpReasonPhrase(int status)
{
    switch (status) {
    case 100:
        return "Continue";
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 206:
        return "Partial Content";
    case 307:
        return "Temporary Redirect";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 409:
        return "Conflict";
    case 413:
        return "Payload Too Large";
    case 416:
        return "Range Not Satisfiable";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 503:
        return "Service Unavailable";
    case 507:
        return "Insufficient Storage";
    default:
        return "Status";
    }
}

QByteArray httpDateNow()
{
    return QLocale::c()
        .toString(QDateTime::currentDateTimeUtc(), QStringLiteral("ddd, dd MMM yyyy hh:mm:ss 'GMT'"))
        .toLatin1();
}

} // namespace aws::sandbox::server
