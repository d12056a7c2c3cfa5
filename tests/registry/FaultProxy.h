#pragma once
// A loopback TCP relay between a client and a registry that can cut a
// connection once a given number of request bytes went through it (the
// dropped connection in the middle of a large layer), or stall it there
// (an upload that hangs until the client gives up or is stopped).

#include <QList>
#include <QObject>
#include <QTcpServer>
#include <QTcpSocket>

namespace testsupport {

class FaultProxy : public QObject {
    Q_OBJECT
public:
    FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    /// Cut the connection carrying the request once this many upstream bytes
    /// have crossed it (once; 0: never).
    void cutAfter(qint64 bytes) { m_cutAfter = bytes; }
    /// Stop reading from a client once this many of its bytes crossed one
    /// connection (0: never): its upload hangs there, mid-request.
    void stallAfter(qint64 bytes) { m_stallAfter = bytes; }
    int cuts() const { return m_cuts; }
    qint64 forwarded() const { return m_forwarded; }

signals:
    void cut();
    /// A connection has just stalled (stallAfter).
    void stalled();

private:
    void onConnection();
    QTcpServer m_server;
    quint16 m_upstream;
    qint64 m_cutAfter = 0;
    qint64 m_stallAfter = 0;
    qint64 m_forwarded = 0;
    int m_cuts = 0;
};

} // namespace testsupport
