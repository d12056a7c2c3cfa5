#pragma once
// Just enough HTTP/1.1 over a Unix socket for the Docker Engine API
// (QNetworkAccessManager cannot speak to a Unix socket): one request per
// connection, Content-Length, chunked or read-to-close bodies, streamed to
// a device so a multi-gigabyte export never sits in memory.

#include <QByteArray>
#include <QHash>
#include <QIODevice>
#include <QLocalSocket>
#include <QObject>
#include <functional>

namespace aws::registry {

struct UnixHttpResponse {
    int status = 0;
    QHash<QByteArray, QByteArray> headers; ///< lowercase names
    QByteArray body;                       ///< when no sink was given
    QString error;                         ///< connection or protocol failure
};

class UnixHttpClient : public QObject {
    Q_OBJECT
public:
    explicit UnixHttpClient(QString socketPath, QObject *parent = nullptr);
    /// GET `path`; the body goes to `sink` when given (else into the response).
    void get(const QByteArray &path, QIODevice *sink, std::function<void(const UnixHttpResponse &)> done);

private:
    void onData();
    void complete(QString error = {});
    bool parseHeader();
    void consumeBody(const QByteArray &data);

    QString m_path;
    QLocalSocket *m_socket = nullptr;
    QIODevice *m_sink = nullptr;
    std::function<void(const UnixHttpResponse &)> m_done;
    UnixHttpResponse m_response;
    QByteArray m_buffer;
    bool m_inBody = false;
    bool m_chunked = false;
    qint64 m_remaining = -1; ///< Content-Length left, or current chunk left
    bool m_finished = false;
    bool m_chunkDone = false;
};

} // namespace aws::registry
