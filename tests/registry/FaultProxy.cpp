#include "FaultProxy.h"

#include <QHostAddress>

namespace testsupport {

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstream(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onConnection);
}

bool FaultProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void FaultProxy::onConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        auto *upstream = new QTcpSocket(client);
        auto perConnection = std::make_shared<qint64>(0);
        auto stalled = std::make_shared<bool>(false);
        if (m_stallAfter > 0) // bounded buffering: once we stop reading, the sender blocks
            client->setReadBufferSize(64 * 1024);
        upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
        auto cutBoth = [client, upstream] {
            upstream->abort();
            client->abort();
            client->deleteLater();
        };
        connect(client, &QTcpSocket::readyRead, upstream,
                [this, client, upstream, perConnection, stalled, cutBoth] {
                    if (upstream->state() != QAbstractSocket::ConnectedState || *stalled)
                        return; // forwarded once connected; never once stalled
                    const QByteArray data =
                        m_stallAfter > 0 ? client->read(m_stallAfter - *perConnection) : client->readAll();
                    if (m_stallAfter > 0 && *perConnection + data.size() >= m_stallAfter) {
                        *stalled = true;
                        emit this->stalled();
                    }
                    *perConnection += data.size();
                    m_forwarded += data.size();
                    upstream->write(data);
                    if (m_cutAfter > 0 && *perConnection > m_cutAfter) {
                        m_cutAfter = 0;
                        ++m_cuts;
                        emit cut();
                        cutBoth();
                    }
                });
        connect(upstream, &QTcpSocket::connected, client, [client, upstream] {
            if (client->bytesAvailable())
                emit client->readyRead();
            (void)upstream;
        });
        connect(upstream, &QTcpSocket::readyRead, client,
                [client, upstream] { client->write(upstream->readAll()); });
        connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
        connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
            upstream->disconnectFromHost();
            client->deleteLater();
        });
    }
}

} // namespace testsupport
