#pragma once
// One client connection of HttpServer: parses requests one after another
// (keep-alive), hands each to the handler and writes its answer before
// reading the next (pipelined requests wait in the buffer).

#include "HttpServer.h"

#include <QCryptographicHash>
#include <QFile>
#include <QObject>
#include <QTimer>

class QTcpSocket;

namespace aws::sandbox::server {

class HttpConnection : public QObject {
    Q_OBJECT
public:
    HttpConnection(QTcpSocket *socket, const HttpServerLimits &limits, RequestHandler handler,
                   QObject *parent = nullptr);
    ~HttpConnection() override;

    // Called through HttpResponder.
    void respond(quint64 serial, const HttpResponse &response);
    void respondFile(quint64 serial, int status, const HttpHeaders &headers, const QString &path,
                     qint64 size);
    void drop(quint64 serial);
    bool isCurrent(quint64 serial) const { return m_state == State::Handling && serial == m_serial; }

signals:
    void closed();

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailers, Handling, Closed };

    void onReadyRead();
    void processBuffer();
    bool parseHead(const QByteArray &head);
    bool appendBody(const QByteArray &data);
    void dispatch();
    void failAndClose(int status, const QByteArray &message);
    /// The status line and headers of an answer with this body length.
    QByteArray head(int status, HttpHeaders headers, qint64 contentLength) const;
    void finishResponse();
    void pumpFile();
    void closeConnection();

    QTcpSocket *m_socket;
    HttpServerLimits m_limits;
    RequestHandler m_handler;
    QTimer m_idle;

    State m_state = State::Head;
    QByteArray m_buffer;
    RequestPtr m_request;
    qint64 m_remaining = 0; ///< body bytes left (Content-Length) or in the current chunk
    QCryptographicHash m_hash{QCryptographicHash::Sha256};
    quint64 m_serial = 0;
    bool m_keepAlive = true;
    bool m_isHead = false;
    bool m_closing = false;

    // A response streamed from a file.
    std::unique_ptr<QFile> m_file;
    qint64 m_fileRemaining = 0;
};

} // namespace aws::sandbox::server
