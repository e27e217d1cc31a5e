#include "server/networkproxy.h"

#include <QHostAddress>
#include <QRegularExpression>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

// Letters, digits, '-', '.', and ':' for IPv6 literals: anything else is not a host name, and
// refusing it early keeps odd bytes out of the log and of the resolver.
bool plausibleHost(const QString &host)
{
    static const QRegularExpression valid(QRegularExpression::anchoredPattern(u"[a-z0-9_.:-]{1,253}"_s));
    return valid.match(host).hasMatch();
}

// "host:port", "[v6]:port", "host", "v6" (more than one colon and no brackets: no port).
bool splitHostPort(const QString &text, QString *host, int *port)
{
    *port = -1;
    QString rest = text;
    if (rest.startsWith(u'[')) {
        const auto close = rest.indexOf(u']');
        if (close < 0)
            return false;
        *host = rest.mid(1, close - 1);
        rest = rest.mid(close + 1);
        if (rest.isEmpty())
            return true;
        if (!rest.startsWith(u':'))
            return false;
        rest = rest.mid(1);
    } else if (rest.count(u':') == 1) {
        *host = rest.section(u':', 0, 0);
        rest = rest.section(u':', 1);
    } else {
        *host = rest;
        return true;
    }
    bool ok = false;
    const int value = rest.toInt(&ok);
    if (!ok || value < 1 || value > 65535)
        return false;
    *port = value;
    return true;
}

} // namespace

QString HostAllowList::normalizeHost(QString host)
{
    host = host.trimmed().toLower();
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    while (host.endsWith(u'.'))
        host.chop(1);
    return host;
}

std::optional<HostAllowList> HostAllowList::parse(const QString &spec, QString *error)
{
    HostAllowList list;
    for (const auto &item : spec.split(u',', Qt::SkipEmptyParts)) {
        const QString text = item.trimmed();
        if (text.isEmpty())
            continue;
        Entry entry;
        QString host;
        if (!splitHostPort(text, &host, &entry.port)) {
            *error = u"\"%1\" is not host, host:port or *.domain"_s.arg(text);
            return std::nullopt;
        }
        host = normalizeHost(host);
        if (host.startsWith(u"*."_s)) {
            entry.wildcard = true;
            host = host.mid(2);
        }
        if (host.isEmpty() || !plausibleHost(host) || host.contains(u'*')) {
            *error = u"\"%1\" is not host, host:port or *.domain"_s.arg(text);
            return std::nullopt;
        }
        entry.host = host;
        list.m_entries.append(entry);
    }
    return list;
}

bool HostAllowList::allows(const QString &rawHost, quint16 port) const
{
    const QString host = normalizeHost(rawHost);
    for (const auto &entry : m_entries) {
        if (entry.port >= 0 && entry.port != port)
            continue;
        if (entry.wildcard ? host.endsWith(u'.' + entry.host) && host.size() > entry.host.size() + 1
                           : host == entry.host)
            return true;
    }
    return false;
}

QString HostAllowList::toString() const
{
    QStringList items;
    for (const auto &entry : m_entries) {
        QString host = entry.wildcard ? u"*."_s + entry.host : entry.host;
        if (entry.port >= 0)
            host = (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(entry.port);
        items.append(host);
    }
    return items.join(u',');
}

QString networkPolicyMessage(const QString &host, quint16 port)
{
    return u"In-sandbox code tried to reach %1:%2, which the network policy blocks (network "
           "\"restricted\" reaches only the server's allowed hosts, through its proxy)."_s.arg(host)
               .arg(port);
}

int listenInNetworkNamespace(qint64 pid, quint16 port, QString *error)
{
    int result = -1;
    int savedErrno = 0;
    const char *step = "";
    // setns(CLONE_NEWNET) changes the namespace of the calling thread only, so a thread of its
    // own does it and ends; the socket it made stays in that namespace.
    std::thread worker([&] {
        const QByteArray path = "/proc/" + QByteArray::number(pid) + "/ns/net";
        const int ns = ::open(path.constData(), O_RDONLY | O_CLOEXEC);
        if (ns < 0) {
            savedErrno = errno;
            step = "open the network namespace";
            return;
        }
        const int joined = ::setns(ns, CLONE_NEWNET);
        savedErrno = errno;
        ::close(ns);
        if (joined != 0) {
            step = "setns";
            return;
        }
        const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        if (fd < 0) {
            savedErrno = errno;
            step = "socket";
            return;
        }
        const int one = 1;
        ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(port);
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0
            || ::listen(fd, 128) != 0) {
            savedErrno = errno;
            step = "bind or listen";
            ::close(fd);
            return;
        }
        result = fd;
    });
    worker.join();
    if (result < 0)
        *error = u"cannot %1 for the proxy of process %2: %3"_s.arg(QLatin1StringView(step))
                     .arg(pid)
                     .arg(QString::fromLocal8Bit(std::strerror(savedErrno)));
    return result;
}

SandboxProxy::SandboxProxy(HostAllowList allowList, QObject *parent)
    : QObject(parent)
    , m_allowList(std::move(allowList))
{
    connect(&m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        while (QTcpSocket *client = m_server.nextPendingConnection()) {
            const auto open = findChildren<ProxyConnection *>(Qt::FindDirectChildrenOnly).size();
            new ProxyConnection(client, this, open >= MaxConnections);
        }
    });
}

SandboxProxy::~SandboxProxy()
{
    // Connections are children: they go with the proxy (their sockets with them).
    m_server.close();
}

bool SandboxProxy::listenInNamespaceOf(qint64 pid, QString *error)
{
    int fd = listenInNetworkNamespace(pid, PreferredPort, error);
    if (fd < 0)
        fd = listenInNetworkNamespace(pid, 0, error); // taken: any free port of that namespace
    if (fd < 0)
        return false;
    sockaddr_in address = {};
    socklen_t length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    if (!m_server.setSocketDescriptor(fd)) {
        *error = u"the proxy's socket: %1"_s.arg(m_server.errorString());
        ::close(fd);
        return false;
    }
    m_port = ntohs(address.sin_port);
    return true;
}

ProxyConnection::ProxyConnection(QTcpSocket *client, SandboxProxy *proxy, bool tooMany)
    : QObject(proxy)
    , m_proxy(proxy)
    , m_client(client)
{
    client->setParent(this);
    client->setReadBufferSize(MaxPending);
    m_headTimeout.setSingleShot(true);
    connect(&m_headTimeout, &QTimer::timeout, this, [this] {
        if (!m_upstream && !m_closing)
            refuse(408, "Request Timeout", "The request head did not arrive in time.\n");
    });
    m_headTimeout.start(HeadTimeoutMs);
    connect(client, &QTcpSocket::readyRead, this, [this] {
        if (m_closing && !m_relaying)
            m_client->readAll(); // after a refusal: nothing more is read
        else if (m_relaying)
            relay(m_client, m_upstream);
        else if (!m_upstream)
            readHead();
        // else: connecting upstream; the bytes wait in the client's bounded buffer
    });
    connect(client, &QTcpSocket::bytesWritten, this, [this] {
        if (m_relaying)
            relay(m_upstream, m_client);
    });
    connect(client, &QTcpSocket::disconnected, this, [this] {
        if (m_relaying && m_upstream) {
            // its last bytes (at most the read buffer) still go
            m_proxy->countRelayed(false, m_upstream->write(m_client->readAll()));
        }
        closeBoth();
    });
    connect(client, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error != QAbstractSocket::RemoteHostClosedError)
            closeBoth();
    });
    if (tooMany) {
        refuse(503, "Service Unavailable", "orkestr: too many connections through this sandbox's proxy.\n");
        return;
    }
    if (client->bytesAvailable() > 0)
        readHead();
}

void ProxyConnection::readHead()
{
    m_head += m_client->read(MaxHeadBytes + 1 - m_head.size());
    const auto end = m_head.indexOf("\r\n\r\n");
    if (end < 0) {
        if (m_head.size() > MaxHeadBytes)
            refuse(431, "Request Header Fields Too Large", "The request head is too large.\n");
        return;
    }
    const QByteArray head = m_head.left(end + 2); // request line and headers, each ending in CRLF
    const QByteArray body = m_head.mid(end + 4);
    const auto lineEnd = head.indexOf("\r\n");
    const QList<QByteArray> requestLine = head.left(lineEnd).split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        refuse(400, "Bad Request", "Not an HTTP/1.x proxy request.\n");
        return;
    }
    const QByteArray method = requestLine.at(0);
    const QByteArray target = requestLine.at(1);
    QString host;
    int port = -1;
    if (method == "CONNECT") {
        if (!splitHostPort(QString::fromLatin1(target), &host, &port) || port < 0) {
            refuse(400, "Bad Request", "CONNECT needs host:port.\n");
            return;
        }
        m_tunnel = true;
    } else {
        if (!target.startsWith("http://")) {
            refuse(400, "Bad Request",
                   "This is a proxy: send absolute http:// URLs, or CONNECT host:port for https.\n");
            return;
        }
        const QByteArray rest = target.mid(7);
        auto pathStart = rest.indexOf('/');
        if (pathStart < 0)
            pathStart = rest.size();
        QByteArray authority = rest.left(pathStart);
        if (authority.contains('@'))
            authority = authority.mid(authority.lastIndexOf('@') + 1);
        if (!splitHostPort(QString::fromLatin1(authority), &host, &port)) {
            refuse(400, "Bad Request", "The URL's host or port is not valid.\n");
            return;
        }
        if (port < 0)
            port = 80;
        const QByteArray path = pathStart < rest.size() ? rest.mid(pathStart) : QByteArray("/");
        // The request as the origin server expects it: origin-form target, no proxy headers,
        // and one request per connection.
        m_forward = method + ' ' + path + ' ' + requestLine.at(2) + "\r\n";
        for (const auto &line : head.mid(lineEnd + 2).split('\n')) {
            const QByteArray trimmed = line.trimmed();
            if (trimmed.isEmpty())
                continue;
            const QByteArray name = trimmed.left(trimmed.indexOf(':')).trimmed().toLower();
            if (name == "proxy-connection" || name == "proxy-authorization" || name == "connection"
                || name == "keep-alive")
                continue;
            m_forward += trimmed + "\r\n";
        }
        m_forward += "Connection: close\r\n\r\n";
    }
    m_forward += body;
    m_head.clear();
    m_headTimeout.stop();
    m_host = HostAllowList::normalizeHost(host);
    m_port = quint16(port);
    if (!plausibleHost(m_host)) {
        refuse(400, "Bad Request", "Not a host name.\n");
        return;
    }
    // The decision is on the name as asked, before any DNS lookup: a blocked name never reaches
    // the resolver.
    if (!m_proxy->allowList().allows(m_host, m_port)) {
        Q_EMIT m_proxy->blocked(m_host, m_port, m_client->peerPort());
        refuse(403, "Forbidden",
               "orkestr: the sandbox's network policy blocks " + m_host.toLatin1() + ':'
                   + QByteArray::number(m_port) + ".\n");
        return;
    }
    connectUpstream();
}

void ProxyConnection::refuse(int status, const QByteArray &reason, const QByteArray &text)
{
    if (!m_client)
        return;
    m_client->write("HTTP/1.1 " + QByteArray::number(status) + ' ' + reason
                    + "\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: "
                    + QByteArray::number(text.size()) + "\r\nConnection: close\r\n\r\n" + text);
    m_closing = true;
    m_client->disconnectFromHost(); // after the answer is written
    if (m_client->state() == QAbstractSocket::UnconnectedState)
        maybeDelete();
}

void ProxyConnection::connectUpstream()
{
    auto *upstream = new QTcpSocket(this);
    m_upstream = upstream;
    upstream->setReadBufferSize(MaxPending);
    connect(upstream, &QTcpSocket::connected, this, [this] {
        if (!m_client) {
            closeBoth();
            return;
        }
        if (m_tunnel)
            m_client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        if (!m_forward.isEmpty())
            m_upstream->write(m_forward);
        m_forward.clear();
        m_relaying = true;
        relay(m_client, m_upstream);
    });
    connect(upstream, &QTcpSocket::readyRead, this, [this] {
        if (m_relaying)
            relay(m_upstream, m_client);
    });
    connect(upstream, &QTcpSocket::bytesWritten, this, [this] {
        if (m_relaying)
            relay(m_client, m_upstream);
    });
    connect(upstream, &QTcpSocket::disconnected, this, [this] {
        if (m_relaying && m_client)
            m_proxy->countRelayed(true, m_client->write(m_upstream->readAll())); // at most the read buffer
        closeBoth();
    });
    connect(upstream, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (!m_relaying) {
            const QString message = m_upstream ? m_upstream->errorString() : QString();
            refuse(502, "Bad Gateway",
                   "orkestr: cannot reach " + m_host.toLatin1() + ':' + QByteArray::number(m_port) + ": "
                       + message.toUtf8() + ".\n");
            if (m_upstream)
                m_upstream->abort();
            return;
        }
        if (error != QAbstractSocket::RemoteHostClosedError)
            closeBoth();
    });
    upstream->connectToHost(m_host, m_port);
}

void ProxyConnection::relay(QTcpSocket *from, QTcpSocket *to)
{
    if (!from || !to)
        return;
    while (from->bytesAvailable() > 0 && to->bytesToWrite() < MaxPending) {
        const QByteArray data = from->read(MaxPending - to->bytesToWrite());
        if (data.isEmpty())
            break;
        to->write(data);
        m_proxy->countRelayed(from == m_upstream, data.size());
    }
}

void ProxyConnection::closeBoth()
{
    if (m_closing && (!m_client || m_client->state() == QAbstractSocket::UnconnectedState)
        && (!m_upstream || m_upstream->state() == QAbstractSocket::UnconnectedState)) {
        maybeDelete();
        return;
    }
    m_closing = true;
    // disconnectFromHost() waits for what is still to be written; the other side's last bytes
    // were relayed before this.
    for (QTcpSocket *socket : {m_client.data(), m_upstream.data()}) {
        if (!socket)
            continue;
        if (socket->state() != QAbstractSocket::UnconnectedState) {
            connect(socket, &QTcpSocket::disconnected, this, &ProxyConnection::maybeDelete,
                    Qt::UniqueConnection);
            socket->disconnectFromHost();
        }
    }
    maybeDelete();
}

void ProxyConnection::maybeDelete()
{
    const auto open = [](QTcpSocket *socket) {
        return socket && socket->state() != QAbstractSocket::UnconnectedState;
    };
    if (!open(m_client) && !open(m_upstream))
        deleteLater();
}

} // namespace OrkestrLocal
