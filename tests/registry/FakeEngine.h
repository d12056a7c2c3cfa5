#pragma once
// A small Docker Engine API server on a Unix socket for tests (no engine runs
// on these machines): /_ping, /images/json listing demo:latest, and
// /images/demo%3Alatest/get streaming `archive` chunked, as the engine streams
// an export of unknown size. Anything else is a 404 in the engine's words.

#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QObject>
#include <QStringList>

namespace testsupport {

// Answers one request per connection, as the client asks (Connection: close).
class FakeEngine : public QObject {
    Q_OBJECT
public:
    QString archive;
    QStringList paths;
    bool listen(const QString &path)
    {
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *s = m_server.nextPendingConnection()) {
                connect(s, &QLocalSocket::readyRead, s, [this, s] {
                    m_pending[s] += s->readAll();
                    if (!m_pending[s].contains("\r\n\r\n"))
                        return;
                    // Taken out at once: a later connection may get the same address,
                    // and must not read this one's request.
                    const QByteArray path = m_pending.take(s).split(' ').value(1);
                    paths << QString::fromUtf8(path);
                    answer(s, path);
                });
                connect(s, &QLocalSocket::disconnected, s, &QObject::deleteLater);
            }
        });
        return m_server.listen(path);
    }

signals:
    void answered();

private:
    void answer(QLocalSocket *s, const QByteArray &path)
    {
        if (path == "/_ping") {
            s->write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK");
        } else if (path == "/images/json") {
            const QByteArray body =
                QJsonDocument(QJsonArray{QJsonObject{
                                  {QStringLiteral("Id"), QStringLiteral("sha256:00")},
                                  {QStringLiteral("RepoTags"), QJsonArray{QStringLiteral("demo:latest")}}}})
                    .toJson(QJsonDocument::Compact);
            s->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        } else if (path == "/images/demo%3Alatest/get") {
            // Chunked, as the engine streams an export of unknown size.
            s->write(
                "HTTP/1.1 200 OK\r\nContent-Type: application/x-tar\r\nTransfer-Encoding: chunked\r\n\r\n");
            QFile f(archive);
            if (f.open(QIODevice::ReadOnly)) {
                while (!f.atEnd()) {
                    const QByteArray chunk = f.read(300000);
                    s->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
                }
            }
            s->write("0\r\n\r\n");
        } else {
            const QByteArray body = R"({"message":"reference does not exist"})";
            s->write("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: " +
                     QByteArray::number(body.size()) + "\r\n\r\n" + body);
        }
        s->disconnectFromServer();
    }
    QLocalServer m_server;
    QHash<QLocalSocket *, QByteArray> m_pending;
};

} // namespace testsupport
