#include "HttpConnection.h"

#include <QLoggingCategory>
#include <QTcpSocket>

Q_LOGGING_CATEGORY(lcSandboxHttp, "dc.sandbox.http", QtWarningMsg)

namespace aws::sandbox::server {

namespace {
constexpr qint64 kFileChunk = 256 * 1024;
constexpr qint64 kMaxChunkLine = 4096;
} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, const HttpServerLimits &limits, RequestHandler handler,
                               QObject *parent)
    : QObject(parent)
    , m_socket(socket)
    , m_limits(limits)
    , m_handler(std::move(handler))
{
    m_socket->setParent(this);
    // Answers go out as soon as they are written: with Nagle's algorithm a
    // body written after its head waited for the client's delayed ACK, which
    // held every answer of more than a segment back by 40–200 ms.
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::closeConnection);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::pumpFile);
    m_idle.setSingleShot(true);
    m_idle.setInterval(m_limits.idleTimeoutMs);
    connect(&m_idle, &QTimer::timeout, this, [this] {
        if (m_state == State::Head && m_buffer.isEmpty())
            closeConnection();
    });
    m_idle.start();
    if (m_socket->bytesAvailable() > 0)
        QMetaObject::invokeMethod(this, &HttpConnection::onReadyRead, Qt::QueuedConnection);
}

HttpConnection::~HttpConnection() = default;

void HttpConnection::onReadyRead()
{
    // While a request is being answered its successors stay in the socket's
    // buffer; they are read once the answer is out.
    if (m_state == State::Handling || m_state == State::Closed)
        return;
    m_buffer += m_socket->readAll();
    m_idle.start();
    processBuffer();
}

void HttpConnection::processBuffer()
{
    while (m_state != State::Handling && m_state != State::Closed) {
        switch (m_state) {
        case State::Head: {
            // A TLS ClientHello (0x16…) or other binary: answer in plain HTTP at
            // once. Clients that try https first (skopeo, Go) then fall back to
            // http immediately instead of waiting out their handshake timeout.
            if (!m_buffer.isEmpty() && (m_buffer.at(0) < 'A' || m_buffer.at(0) > 'Z')) {
                failAndClose(400, "this sandbox endpoint speaks plain HTTP");
                return;
            }
            const qsizetype end = m_buffer.indexOf("\r\n\r\n");
            if (end < 0) {
                if (m_buffer.size() > m_limits.maxHeaderBytes)
                    failAndClose(431, "request header block too large");
                return;
            }
            const QByteArray head = m_buffer.left(end);
            m_buffer.remove(0, end + 4);
            if (!parseHead(head))
                return;
            break;
        }
        case State::Body: {
            if (m_buffer.isEmpty())
                return;
            const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
            if (!appendBody(m_buffer.left(take)))
                return;
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining == 0)
                dispatch();
            break;
        }
        case State::ChunkSize: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > kMaxChunkLine)
                    failAndClose(400, "bad chunk size line");
                return;
            }
            QByteArray line = m_buffer.left(eol);
            m_buffer.remove(0, eol + 2);
            const qsizetype semi = line.indexOf(';'); // chunk extensions are ignored
            if (semi >= 0)
                line.truncate(semi);
            bool ok = false;
            const qint64 size = line.trimmed().toLongLong(&ok, 16);
            if (!ok || size < 0) {
                failAndClose(400, "bad chunk size");
                return;
            }
            if (size == 0) {
                m_state = State::Trailers;
            } else {
                m_remaining = size;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            if (m_buffer.isEmpty())
                return;
            const qint64 take = qMin<qint64>(m_remaining, m_buffer.size());
            if (!appendBody(m_buffer.left(take)))
                return;
            m_buffer.remove(0, take);
            m_remaining -= take;
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            break;
        }
        case State::ChunkDataEnd:
            if (m_buffer.size() < 2)
                return;
            if (!m_buffer.startsWith("\r\n")) {
                failAndClose(400, "missing CRLF after chunk");
                return;
            }
            m_buffer.remove(0, 2);
            m_state = State::ChunkSize;
            break;
        case State::Trailers: {
            const qsizetype eol = m_buffer.indexOf("\r\n");
            if (eol < 0) {
                if (m_buffer.size() > m_limits.maxHeaderBytes)
                    failAndClose(431, "trailers too large");
                return;
            }
            m_buffer.remove(0, eol + 2);
            if (eol == 0) // the empty line ends the trailers (their content is ignored)
                dispatch();
            break;
        }
        case State::Handling:
        case State::Closed:
            return;
        }
    }
}

bool HttpConnection::parseHead(const QByteArray &head)
{
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
        failAndClose(400, "malformed request line");
        return false;
    }
    m_request = std::make_shared<IncomingRequest>();
    m_request->http.method = requestLine[0];
    m_request->http.path = requestLine[1];
    m_request->localAddress = m_socket->localAddress();
    m_request->localPort = m_socket->localPort();
    const bool http10 = requestLine[2] == "HTTP/1.0";
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        if (line.isEmpty())
            continue;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            failAndClose(400, "malformed header line");
            return false;
        }
        m_request->http.headers.append({line.left(colon).trimmed(), line.mid(colon + 1).trimmed()});
    }
    const HttpHeaders &headers = m_request->http.headers;
    m_request->http.host = headerValue(headers, "Host");
    const QByteArray connection = headerValue(headers, "Connection").toLower();
    m_keepAlive = http10 ? connection.contains("keep-alive") : !connection.contains("close");
    m_isHead = m_request->http.method == "HEAD";
    m_hash.reset();

    const bool chunked = headerValue(headers, "Transfer-Encoding").toLower().contains("chunked");
    qint64 length = 0;
    if (!chunked && hasHeader(headers, "Content-Length")) {
        bool ok = false;
        length = headerValue(headers, "Content-Length").toLongLong(&ok);
        if (!ok || length < 0) {
            failAndClose(400, "bad Content-Length");
            return false;
        }
        if (length > m_limits.maxBodySize) {
            failAndClose(413, "request body too large");
            return false;
        }
    }
    if ((chunked || length > 0) && headerValue(headers, "Expect").toLower() == "100-continue")
        m_socket->write("HTTP/1.1 100 Continue\r\n\r\n");

    if (chunked) {
        m_state = State::ChunkSize;
    } else if (length > 0) {
        m_remaining = length;
        m_state = State::Body;
    } else {
        dispatch();
    }
    return true;
}

bool HttpConnection::appendBody(const QByteArray &data)
{
    IncomingRequest &r = *m_request;
    if (r.bodySize + data.size() > m_limits.maxBodySize) {
        failAndClose(413, "request body too large");
        return false;
    }
    m_hash.addData(data);
    if (!r.bodyFile && r.bodySize + data.size() > m_limits.spillThreshold) {
        r.bodyFile = std::make_unique<QTemporaryFile>();
        if (!r.bodyFile->open() || r.bodyFile->write(r.http.body) != r.http.body.size()) {
            failAndClose(507, "cannot spill request body to disk");
            return false;
        }
        r.http.body.clear();
    }
    if (r.bodyFile) {
        if (r.bodyFile->write(data) != data.size()) {
            failAndClose(507, "cannot write request body to disk");
            return false;
        }
    } else {
        r.http.body += data;
    }
    r.bodySize += data.size();
    return true;
}

void HttpConnection::dispatch()
{
    m_request->bodySha256 = m_hash.result();
    if (m_request->bodyFile)
        m_request->bodyFile->flush();
    m_state = State::Handling;
    m_idle.stop();
    const quint64 serial = ++m_serial;
    const RequestPtr request = m_request;
    m_request.reset();
    m_handler(request, HttpResponder(this, serial));
}

QByteArray HttpConnection::head(int status, HttpHeaders headers, qint64 contentLength) const
{
    removeHeader(headers, "Transfer-Encoding");
    removeHeader(headers, "Connection");
    if (!(m_isHead && hasHeader(headers, "Content-Length")))
        setHeader(headers, "Content-Length", QByteArray::number(contentLength));
    if (!hasHeader(headers, "Date"))
        setHeader(headers, "Date", httpDateNow());
    if (!m_keepAlive)
        setHeader(headers, "Connection", "close");
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + httpReasonPhrase(status) + "\r\n";
    for (const auto &h : headers)
        head += h.first + ": " + h.second + "\r\n";
    head += "\r\n";
    return head;
}

void HttpConnection::respond(quint64 serial, const HttpResponse &response)
{
    if (!isCurrent(serial))
        return;
    // One write, so head and body leave in the same segments.
    QByteArray bytes = head(response.status, response.headers, response.body.size());
    if (!m_isHead)
        bytes += response.body;
    m_socket->write(bytes);
    finishResponse();
}

void HttpConnection::respondFile(quint64 serial, int status, const HttpHeaders &headers, const QString &path,
                                 qint64 size)
{
    if (!isCurrent(serial))
        return;
    auto file = std::make_unique<QFile>(path);
    if (!file->open(QIODevice::ReadOnly)) {
        HttpResponse error;
        error.status = 500;
        error.body = "cannot read stored blob";
        respond(serial, error);
        return;
    }
    m_socket->write(head(status, headers, size));
    if (m_isHead || size == 0) {
        finishResponse();
        return;
    }
    m_file = std::move(file);
    m_fileRemaining = size;
    pumpFile();
}

void HttpConnection::pumpFile()
{
    if (!m_file || m_state == State::Closed)
        return;
    // Keep at most a couple of chunks queued so a large blob never sits in memory.
    while (m_fileRemaining > 0 && m_socket->bytesToWrite() < 2 * kFileChunk) {
        const QByteArray chunk = m_file->read(qMin(kFileChunk, m_fileRemaining));
        if (chunk.isEmpty()) {
            qCWarning(lcSandboxHttp) << "stored file ended early; closing the connection";
            closeConnection();
            return;
        }
        m_socket->write(chunk);
        m_fileRemaining -= chunk.size();
    }
    if (m_fileRemaining == 0) {
        m_file.reset();
        finishResponse();
    }
}

void HttpConnection::finishResponse()
{
    if (!m_keepAlive) {
        closeConnection();
        return;
    }
    m_state = State::Head;
    m_idle.start();
    // Queued, so a client pipelining many requests does not recurse through the handler.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_state != State::Head)
                return;
            m_buffer += m_socket->readAll();
            processBuffer();
        },
        Qt::QueuedConnection);
}

void HttpConnection::drop(quint64 serial)
{
    if (!isCurrent(serial))
        return;
    m_socket->abort();
    closeConnection();
}

void HttpConnection::failAndClose(int status, const QByteArray &message)
{
    m_keepAlive = false;
    m_isHead = false;
    m_state = State::Handling;
    const quint64 serial = ++m_serial;
    HttpResponse response;
    response.status = status;
    setHeader(response.headers, "Content-Type", "text/plain");
    response.body = message + '\n';
    respond(serial, response);
}

void HttpConnection::closeConnection()
{
    if (m_closing)
        return;
    m_closing = true;
    m_state = State::Closed;
    m_file.reset();
    m_idle.stop();
    disconnect(m_socket, nullptr, this, nullptr);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->disconnectFromHost(); // writes what is queued, then closes
    // Deleted once the socket is gone, so queued bytes still reach the client.
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        emit closed();
        deleteLater();
    } else {
        connect(m_socket, &QTcpSocket::disconnected, this, [this] {
            emit closed();
            deleteLater();
        });
    }
}

} // namespace aws::sandbox::server
