#pragma once

// network: "restricted": an HTTP/HTTPS proxy for one sandbox. It listens on 127.0.0.1 inside the
// sandbox's own network namespace (which has no other way out) and runs in the server process,
// on the host's network: allowed hosts are connected and relayed, any other gets a 403 and is
// reported as a violation.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <optional>

namespace OrkestrLocal {

// The hosts a restricted sandbox may reach: "name" (any port), "name:port", "*.domain" (every
// subdomain of domain, not domain itself), IP literals as written ("[::1]:8080" for IPv6 with a
// port). Matching is on the name the client asked for, before any DNS lookup.
class HostAllowList
{
public:
    static constexpr auto DefaultSpec
        = "pypi.org,files.pythonhosted.org,registry.npmjs.org,registry.yarnpkg.com,"
          "github.com,codeload.github.com,objects.githubusercontent.com,deb.debian.org,"
          "security.debian.org,archive.ubuntu.com,security.ubuntu.com,crates.io,static.crates.io,"
          "index.crates.io,proxy.golang.org,sum.golang.org";

    // Parses a comma-separated list; an empty optional and a message for a malformed entry.
    static std::optional<HostAllowList> parse(const QString &spec, QString *error);
    // A host as a client wrote it: lower case, no trailing dot, IPv6 without brackets.
    static QString normalizeHost(QString host);

    bool allows(const QString &host, quint16 port) const;
    qsizetype size() const { return m_entries.size(); }
    QString toString() const;

private:
    struct Entry
    {
        QString host; // for a wildcard: the domain without "*."
        bool wildcard = false;
        int port = -1; // -1: any
    };
    QList<Entry> m_entries;
};

// The message of a 403 network_policy answer.
QString networkPolicyMessage(const QString &host, quint16 port);

// Opens a listening TCP socket (close-on-exec, non-blocking) on 127.0.0.1:port inside the
// network namespace of process pid: a short-lived thread joins that namespace with setns() and
// creates the socket there; a socket stays in the namespace it was created in. Returns the
// descriptor, or -1 with a message.
int listenInNetworkNamespace(qint64 pid, quint16 port, QString *error);

// The proxy of one sandbox. Handles "CONNECT host:port" (HTTPS and any TLS) and plain HTTP
// requests in absolute form ("GET http://host/path"); each connection carries one request
// (plain HTTP is forwarded with "Connection: close").
class SandboxProxy : public QObject
{
    Q_OBJECT
public:
    static constexpr quint16 PreferredPort = 3128;
    // Connections at once; more are answered 503 at once (each may hold two 256 KiB buffers).
    static constexpr int MaxConnections = 256;

    SandboxProxy(HostAllowList allowList, QObject *parent = nullptr);
    ~SandboxProxy() override;

    // Listens inside the network namespace of pid; false with a message on failure.
    bool listenInNamespaceOf(qint64 pid, QString *error);
    quint16 port() const { return m_port; }
    const HostAllowList &allowList() const { return m_allowList; }
    // Bytes relayed from allowed hosts to the sandbox, and from the sandbox to them.
    qint64 bytesToSandbox() const { return m_bytesToSandbox; }
    qint64 bytesFromSandbox() const { return m_bytesFromSandbox; }
    void countRelayed(bool toSandbox, qint64 bytes)
    {
        (toSandbox ? m_bytesToSandbox : m_bytesFromSandbox) += std::max<qint64>(bytes, 0);
    }

Q_SIGNALS:
    // Emitted before the client gets its 403; clientPort is the client's own port (inside the
    // sandbox's namespace), which tells its socket and so its process apart.
    void blocked(const QString &host, quint16 port, quint16 clientPort);

private:
    HostAllowList m_allowList;
    QTcpServer m_server;
    quint16 m_port = 0;
    qint64 m_bytesToSandbox = 0;
    qint64 m_bytesFromSandbox = 0;
};

// One client connection of a SandboxProxy: reads the request head, decides, then relays both
// ways. Each direction reads only while the other side has less than MaxPending bytes waiting
// to be written, and the sockets' read buffers are bounded, so a slow reader on one side stalls
// the writer on the other through TCP instead of growing the server.
class ProxyConnection : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxHeadBytes = 64 * 1024;
    static constexpr int HeadTimeoutMs = 30000; // a client that never finishes its request head
    static constexpr qint64 MaxPending = 256 * 1024;

    // With tooMany, the client only gets a 503.
    ProxyConnection(QTcpSocket *client, SandboxProxy *proxy, bool tooMany = false);

private:
    void readHead();
    void refuse(int status, const QByteArray &reason, const QByteArray &text);
    void connectUpstream();
    void relay(QTcpSocket *from, QTcpSocket *to);
    void closeBoth();
    void maybeDelete();

    SandboxProxy *m_proxy;
    QPointer<QTcpSocket> m_client;
    QPointer<QTcpSocket> m_upstream;
    QByteArray m_head;
    QTimer m_headTimeout;
    QByteArray m_forward; // what goes upstream first once connected (a rewritten plain request)
    QString m_host;
    quint16 m_port = 0;
    bool m_tunnel = false;
    bool m_relaying = false;
    bool m_closing = false;
};

} // namespace OrkestrLocal
