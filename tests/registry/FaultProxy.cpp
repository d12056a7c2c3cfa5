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
        upstream->connectToHost(QHostAddress::LocalHost, m_upstream);
        auto cutBoth = [client, upstream] {
            upstream->abort();
            client->abort();
            client->deleteLater();
        };
        connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, perConnection, cutBoth] {
            if (upstream->state() != QAbstractSocket::ConnectedState)
                return; // forwarded once connected
            const QByteArray data = client->readAll();
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
