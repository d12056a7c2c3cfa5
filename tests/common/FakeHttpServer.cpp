#include "FakeHttpServer.h"

#include <QTcpSocket>

namespace testsupport {

FakeHttpServer::FakeHttpServer(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeHttpServer::onConnection);
}

bool FakeHttpServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

quint16 FakeHttpServer::port() const
{
    return m_server.serverPort();
}

QString FakeHttpServer::url() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(port());
}

void FakeHttpServer::onConnection()
{
    while (QTcpSocket *s = m_server.nextPendingConnection()) {
        auto buffer = std::make_shared<QByteArray>();
        connect(s, &QTcpSocket::disconnected, s, &QObject::deleteLater);
        connect(s, &QTcpSocket::readyRead, this, [this, s, buffer] {
            buffer->append(s->readAll());
            for (;;) {
                const qsizetype end = buffer->indexOf("\r\n\r\n");
                if (end < 0)
                    return;
                const QList<QByteArray> lines = buffer->left(end).split('\n');
                aws::HttpRequest req;
                const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
                req.method = first.value(0);
                req.path = first.value(1);
                qsizetype length = 0;
                for (qsizetype i = 1; i < lines.size(); ++i) {
                    const QByteArray line = lines.at(i).trimmed();
                    const qsizetype colon = line.indexOf(':');
                    if (colon <= 0)
                        continue;
                    const QByteArray name = line.left(colon).trimmed();
                    const QByteArray value = line.mid(colon + 1).trimmed();
                    req.headers.append({name, value});
                    if (name.compare("content-length", Qt::CaseInsensitive) == 0)
                        length = value.toLongLong();
                    if (name.compare("host", Qt::CaseInsensitive) == 0)
                        req.host = value;
                }
                if (buffer->size() < end + 4 + length)
                    return;
                req.body = buffer->mid(end + 4, length);
                buffer->remove(0, end + 4 + length);
                m_requests.append(req);
                const auto resp =
                    m_handler ? m_handler(req) : std::optional<aws::HttpResponse>(aws::HttpResponse{});
                emit requestReceived();
                if (!resp) {
                    s->abort();
                    return;
                }
                QByteArray out = "HTTP/1.1 " + QByteArray::number(resp->status) + " X\r\n";
                for (const auto &h : resp->headers)
                    out += h.first + ": " + h.second + "\r\n";
                out += "Content-Length: " + QByteArray::number(resp->body.size()) + "\r\n\r\n";
                out += resp->body;
                s->write(out);
            }
        });
    }
}

} // namespace testsupport
