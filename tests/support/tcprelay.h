#pragma once

// A TCP relay on loopback in front of a server, for tests of reconnecting clients.

#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

// A TCP relay on loopback in front of the server: cuts every connection on demand, and refuses
// new ones while told to, as a network that drops out for a while. Records what clients sent.
class TcpRelay : public QObject
{
public:
    explicit TcpRelay(quint16 upstreamPort)
        : m_upstreamPort(upstreamPort)
    {
        connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::accept);
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    QUrl url() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void setRefusing(bool refusing) { m_refusing = refusing; }
    void cutAll()
    {
        for (const auto &socket : std::as_const(m_sockets)) {
            if (socket)
                socket->abort();
        }
        m_sockets.clear();
    }
    // The heads of the requests clients sent, in order.
    QList<QByteArray> requestHeads() const
    {
        QList<QByteArray> heads;
        for (const auto &bytes : m_sent) {
            for (const auto &part : bytes.split('\n')) {
                if (part.startsWith("GET ") || part.startsWith("POST ") || part.startsWith("DELETE ")
                    || part.startsWith("PUT "))
                    heads.append(part.trimmed());
                else if (!heads.isEmpty() && part.contains(':'))
                    heads.last() += "\n" + part.trimmed();
            }
        }
        return heads;
    }
    int refused = 0;

private:
    void accept()
    {
        while (auto *client = m_server.nextPendingConnection()) {
            if (m_refusing) {
                ++refused;
                client->abort();
                client->deleteLater();
                continue;
            }
            auto *upstream = new QTcpSocket(client);
            const auto index = m_sent.size();
            m_sent.append(QByteArray());
            connect(client, &QTcpSocket::readyRead, upstream, [this, client, upstream, index] {
                const auto bytes = client->readAll();
                m_sent[index] += bytes;
                upstream->write(bytes);
            });
            connect(upstream, &QTcpSocket::readyRead, client,
                    [client, upstream] { client->write(upstream->readAll()); });
            connect(upstream, &QTcpSocket::disconnected, client, [client] { client->disconnectFromHost(); });
            connect(client, &QTcpSocket::disconnected, client, [client, upstream] {
                upstream->abort();
                client->deleteLater();
            });
            upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
            m_sockets.append(client);
            m_sockets.append(upstream);
        }
    }

    QTcpServer m_server;
    quint16 m_upstreamPort;
    bool m_refusing = false;
    QList<QPointer<QTcpSocket>> m_sockets;
    QList<QByteArray> m_sent;
};
