#include "UnixHttpClient.h"

namespace aws::registry {

UnixHttpClient::UnixHttpClient(QString socketPath, QObject *parent)
    : QObject(parent)
    , m_path(std::move(socketPath))
{}

void UnixHttpClient::get(const QByteArray &path, QIODevice *sink,
                         std::function<void(const UnixHttpResponse &)> done)
{
    m_sink = sink;
    m_done = std::move(done);
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this, path] {
        m_socket->write("GET " + path +
                        " HTTP/1.1\r\nHost: docker\r\nUser-Agent: deploy-console/0.1\r\n"
                        "Connection: close\r\n\r\n");
    });
    connect(m_socket, &QLocalSocket::readyRead, this, &UnixHttpClient::onData);
    connect(m_socket, &QLocalSocket::disconnected, this, [this] {
        onData();
        if (!m_inBody)
            complete(QStringLiteral("the engine closed the connection without an answer"));
        else if (m_chunked || m_remaining > 0)
            complete(QStringLiteral("the engine's answer was cut short"));
        else
            complete();
    });
    connect(m_socket, &QLocalSocket::errorOccurred, this, [this](QLocalSocket::LocalSocketError e) {
        if (e == QLocalSocket::PeerClosedError)
            return; // handled by disconnected
        switch (e) {
        case QLocalSocket::ServerNotFoundError:
            complete(QStringLiteral("no socket there"));
            break;
        case QLocalSocket::ConnectionRefusedError:
            complete(QStringLiteral("connection refused"));
            break;
        case QLocalSocket::SocketAccessError:
            complete(QStringLiteral("permission denied"));
            break;
        default:
            complete(m_socket->errorString());
        }
    });
    m_socket->connectToServer(m_path);
}

bool UnixHttpClient::parseHeader()
{
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return false;
    const QList<QByteArray> lines = m_buffer.left(end).split('\n');
    const QList<QByteArray> status = lines.value(0).trimmed().split(' ');
    m_response.status = status.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            m_response.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                      lines[i].mid(colon + 1).trimmed());
    }
    m_chunked = m_response.headers.value("transfer-encoding").toLower().contains("chunked");
    m_remaining = m_chunked ? -1
                            : (m_response.headers.contains("content-length")
                                   ? m_response.headers.value("content-length").toLongLong()
                                   : -1);
    m_buffer.remove(0, end + 4);
    m_inBody = true;
    return true;
}

void UnixHttpClient::consumeBody(const QByteArray &data)
{
    if (m_sink && m_response.status == 200) {
        if (m_sink->write(data) != data.size())
            complete(QStringLiteral("cannot write the export: %1").arg(m_sink->errorString()));
    } else {
        m_response.body += data;
    }
}

void UnixHttpClient::onData()
{
    if (m_finished || !m_socket)
        return;
    m_buffer += m_socket->readAll();
    if (!m_inBody && !parseHeader())
        return;
    if (!m_chunked) {
        if (m_remaining >= 0) {
            const qsizetype n = qMin<qint64>(m_remaining, m_buffer.size());
            consumeBody(m_buffer.left(n));
            m_buffer.remove(0, n);
            m_remaining -= n;
            if (m_remaining == 0)
                complete();
        } else {
            consumeBody(m_buffer);
            m_buffer.clear();
        }
        return;
    }
    // Chunked: "<hex size>\r\n<data>\r\n" … "0\r\n\r\n".
    for (;;) {
        if (m_finished)
            return;
        if (m_remaining <= 0) {
            if (m_remaining == 0) { // the CRLF after a chunk's data
                if (m_buffer.size() < 2)
                    return;
                m_buffer.remove(0, 2);
                m_remaining = -1;
            }
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0)
                return;
            bool ok = false;
            const qint64 size = m_buffer.left(eol).split(';').first().trimmed().toLongLong(&ok, 16);
            if (!ok) {
                complete(QStringLiteral("the engine sent a malformed chunk"));
                return;
            }
            m_buffer.remove(0, eol + 2);
            if (size == 0) {
                m_chunked = false; // body complete; trailers ignored
                complete();
                return;
            }
            m_remaining = size;
        }
        if (m_buffer.isEmpty())
            return;
        const qsizetype n = qMin<qint64>(m_remaining, m_buffer.size());
        consumeBody(m_buffer.left(n));
        m_buffer.remove(0, n);
        m_remaining -= n;
        if (m_remaining > 0)
            return;
    }
}

void UnixHttpClient::complete(QString error)
{
    if (m_finished)
        return;
    m_finished = true;
    m_response.error = std::move(error);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    if (m_done)
        m_done(m_response);
}

} // namespace aws::registry
