// orkestr-local's network "restricted" (an allow-list proxy on the sandbox's own loopback, 403
// network_policy for a refused host), the CPU limit through affinity, and children that die
// with the server. All traffic stays on loopback: the "allowed host" is an HTTP server in this
// test on 127.0.0.1, allowed through --allow-hosts.

#include "hardening/killableserver.h"
#include "memorybounds.h"
#include "server/networkproxy.h"
#include "serverfixture.h"

#include <QCryptographicHash>
#include <QDir>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <sys/stat.h>

using namespace Qt::StringLiterals;
using OrkestrLocal::HostAllowList;

namespace {

// A tiny HTTP/1.1 server on the host's loopback: /big answers 8 MiB, anything else a greeting.
// It records each request head as it arrived (after the proxy).
struct HostHttpServer
{
    static constexpr qsizetype HugeBytes = 64 * 1024 * 1024;
    QTcpServer server;
    QByteArray big;
    QList<QByteArray> heads;

    bool start()
    {
        big.resize(8 * 1024 * 1024);
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char(i % 251);
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket *socket = server.nextPendingConnection()) {
                QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
                QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    QByteArray head = socket->property("head").toByteArray() + socket->readAll();
                    socket->setProperty("head", head);
                    const auto end = head.indexOf("\r\n\r\n");
                    if (end < 0 || socket->property("answered").toBool())
                        return;
                    socket->setProperty("answered", true);
                    head = head.left(end);
                    heads.append(head);
                    const QByteArray path = head.split(' ').value(1);
                    const QByteArray body = path == "/big" ? big
                        : path == "/huge"                  ? QByteArray(HugeBytes, 'x')
                                                           : QByteArray("hello from the host\n");
                    socket->write(
                        "HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                        + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
            }
        });
        return server.listen(QHostAddress::LocalHost);
    }
    quint16 port() const { return server.serverPort(); }
};

// Host processes whose command line contains needle (this test runs in the server's PID namespace).
QStringList processesMatching(const QByteArray &needle)
{
    QStringList found;
    const auto entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &entry : entries) {
        bool ok = false;
        entry.toLongLong(&ok);
        if (!ok || entry.toLongLong() == QCoreApplication::applicationPid())
            continue;
        QFile cmdline(u"/proc/%1/cmdline"_s.arg(entry));
        if (!cmdline.open(QIODevice::ReadOnly))
            continue;
        QByteArray text = cmdline.readAll();
        text.replace('\0', ' ');
        if (text.contains(needle))
            found.append(entry + u' ' + QString::fromLocal8Bit(text.left(120)));
    }
    return found;
}

} // namespace

class TestServerNetwork : public ServerTestCase
{
    Q_OBJECT
private:
    HostHttpServer m_host;
    QString m_restricted;

    HttpResult python(const QString &id, const QString &script, double timeoutSeconds = 60)
    {
        // The host server is on 127.0.0.1, which no_proxy keeps direct by default: these
        // requests clear no_proxy so that they go through the proxy like any remote host.
        return m_client->post(u"/v1/sandboxes/%1/exec"_s.arg(id),
                              {{u"command"_s, u"python3 - <<'EOF'\n%1\nEOF"_s.arg(script)},
                               {u"timeout_seconds"_s, timeoutSeconds},
                               {u"env"_s, QJsonObject {{u"no_proxy"_s, u""_s}, {u"NO_PROXY"_s, u""_s}}}});
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_host.start());
        QVERIFY(startServer(
            {u"--plan"_s, u"team"_s, u"--allow-hosts"_s, u"pypi.org,127.0.0.1:%1"_s.arg(m_host.port())},
            false));
        m_restricted = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"network"_s, u"restricted"_s}});
        QVERIFY(!m_restricted.isEmpty());
    }

    void allowList_data()
    {
        QTest::addColumn<QString>("spec");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("name, any port") << u"pypi.org"_s << u"pypi.org"_s << 443 << true;
        QTest::newRow("name, other port") << u"pypi.org"_s << u"pypi.org"_s << 8080 << true;
        QTest::newRow("case and trailing dot") << u"PyPI.org"_s << u"pypi.ORG."_s << 443 << true;
        QTest::newRow("not a subdomain") << u"pypi.org"_s << u"files.pypi.org"_s << 443 << false;
        QTest::newRow("not a suffix") << u"pypi.org"_s << u"evilpypi.org"_s << 443 << false;
        QTest::newRow("port matches") << u"example.com:8443"_s << u"example.com"_s << 8443 << true;
        QTest::newRow("port differs") << u"example.com:8443"_s << u"example.com"_s << 443 << false;
        QTest::newRow("wildcard subdomain") << u"*.example.com"_s << u"a.example.com"_s << 443 << true;
        QTest::newRow("wildcard deeper") << u"*.example.com"_s << u"a.b.example.com"_s << 80 << true;
        QTest::newRow("wildcard not the domain") << u"*.example.com"_s << u"example.com"_s << 443 << false;
        QTest::newRow("wildcard not a suffix") << u"*.example.com"_s << u"badexample.com"_s << 443 << false;
        QTest::newRow("ipv4 with port") << u"127.0.0.1:8080"_s << u"127.0.0.1"_s << 8080 << true;
        QTest::newRow("ipv4 other port") << u"127.0.0.1:8080"_s << u"127.0.0.1"_s << 8081 << false;
        QTest::newRow("ipv6 with port") << u"[::1]:8080"_s << u"[::1]"_s << 8080 << true;
        QTest::newRow("ipv6 without port") << u"::1"_s << u"::1"_s << 22 << true;
        QTest::newRow("several") << u" a.org , b.org:80 "_s << u"b.org"_s << 80 << true;
        QTest::newRow("empty list") << u""_s << u"pypi.org"_s << 443 << false;
        QTest::newRow("default has pypi")
            << QString::fromLatin1(HostAllowList::DefaultSpec) << u"files.pythonhosted.org"_s << 443 << true;
        QTest::newRow("default not everything")
            << QString::fromLatin1(HostAllowList::DefaultSpec) << u"example.com"_s << 443 << false;
    }
    void allowList()
    {
        QFETCH(QString, spec);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(bool, allowed);
        QString error;
        const auto list = HostAllowList::parse(spec, &error);
        QVERIFY2(list, qPrintable(error));
        QCOMPARE(list->allows(host, quint16(port)), allowed);
    }

    void allowListRejectsMalformed_data()
    {
        QTest::addColumn<QString>("spec");
        for (const auto &bad : {u"a b"_s, u"host:0"_s, u"host:99999"_s, u"host:x"_s, u"*."_s, u"[::1"_s,
                                u"a.*.com"_s, u"ex/ample.com"_s, u"*"_s})
            QTest::newRow(qPrintable(bad)) << bad;
    }
    void allowListRejectsMalformed()
    {
        QFETCH(QString, spec);
        QString error;
        QVERIFY(!HostAllowList::parse(spec, &error));
        QVERIFY(!error.isEmpty());
    }

    void serverRefusesABadAllowList()
    {
        QProcess server;
        server.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                     {u"--allow-hosts"_s, u"a b"_s, u"--listen"_s, u"127.0.0.1:0"_s});
        QVERIFY(server.waitForFinished(15000));
        QCOMPARE(server.exitCode(), 1);
        QVERIFY(server.readAllStandardError().contains("--allow-hosts"));
    }

    void restrictedReachesAnAllowedHost()
    {
        const auto env = m_client->exec(m_restricted, u"echo $http_proxy $HTTPS_PROXY $no_proxy"_s);
        QCOMPARE(env.json.value(u"stdout"_s).toString(),
                 u"http://127.0.0.1:3128 http://127.0.0.1:3128 localhost,127.0.0.1,::1\n"_s);
        m_host.heads.clear();
        const auto result
            = python(m_restricted,
                     u"import urllib.request\n"
                     "print(urllib.request.urlopen('http://127.0.0.1:%1/hello', timeout=20).read().decode(), "
                     "end='')"_s.arg(m_host.port()));
        QVERIFY2(result.status == 200, result.body.constData());
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"hello from the host\n"_s);
        QCOMPARE(result.json.value(u"exit_code"_s).toInt(), 0);
        // The proxy forwarded the request in origin form, without proxy headers, one per connection.
        QCOMPARE(m_host.heads.size(), 1);
        const QByteArray head = m_host.heads.first();
        QVERIFY2(head.startsWith("GET /hello HTTP/1.1\r\n"), head.constData());
        QVERIFY(!head.toLower().contains("proxy-connection"));
        QVERIFY(head.contains("Connection: close"));
    }

    // CONNECT (what https:// uses): a tunnel relayed both ways; 8 MiB arrive intact.
    void tunnelRelaysWholeAnswers()
    {
        const auto result = python(m_restricted,
                                   u"import hashlib, http.client\n"
                                   "c = http.client.HTTPConnection('127.0.0.1', 3128, timeout=30)\n"
                                   "c.set_tunnel('127.0.0.1', %1)\n"
                                   "c.request('GET', '/big')\n"
                                   "data = c.getresponse().read()\n"
                                   "print(len(data), hashlib.sha256(data).hexdigest())"_s.arg(m_host.port()));
        QVERIFY2(result.status == 200, result.body.constData());
        const QString expected
            = u"%1 %2\n"_s.arg(m_host.big.size())
                  .arg(QString::fromLatin1(
                      QCryptographicHash::hash(m_host.big, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(result.json.value(u"stdout"_s).toString(), expected);
    }

    // A reader in the sandbox that stops reading stalls the host's sender through TCP: the proxy
    // does not read ahead into memory (without backpressure it would hold most of the 64 MiB).
    void slowReaderStallsTheSender()
    {
        const qint64 serverPid = m_server->process->processId();
        const qint64 before = residentKb(serverPid);
        qint64 peak = before;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, residentKb(serverPid)); });
        sampler.start(50);
        const auto result = python(m_restricted,
                                   u"import http.client, time\n"
                                   "c = http.client.HTTPConnection('127.0.0.1', 3128, timeout=60)\n"
                                   "c.set_tunnel('127.0.0.1', %1)\n"
                                   "c.request('GET', '/huge')\n"
                                   "r = c.getresponse()\n"
                                   "got = len(r.read(1 << 20))\n"
                                   "time.sleep(3)\n"
                                   "while True:\n"
                                   "    b = r.read(1 << 20)\n"
                                   "    if not b: break\n"
                                   "    got += len(b)\n"
                                   "print(got)"_s.arg(m_host.port()));
        sampler.stop();
        QVERIFY2(result.status == 200, result.body.constData());
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"%1\n"_s.arg(HostHttpServer::HugeBytes));
        qInfo("server RSS %lld KiB before, peak %lld KiB while a 64 MiB answer was read slowly", before,
              peak);
        ORKESTR_VERIFY_MEMORY_BOUND(peak - before < 24 * 1024, "the proxy buffered the answer in memory");
    }

    // Connections that hold the proxy open are capped; the next one gets a 503 at once, and
    // closing them frees their slots.
    void proxyConnectionsAreCapped()
    {
        const auto result
            = python(m_restricted,
                     u"import socket, time\n"
                     "held = [socket.create_connection(('127.0.0.1', 3128), 5) for _ in range(%1)]\n"
                     "time.sleep(0.5)\n"
                     "extra = socket.create_connection(('127.0.0.1', 3128), 5)\n"
                     "print(extra.recv(100).split(b'\\r\\n')[0].decode())\n"
                     "for s in held: s.close()\n"
                     "time.sleep(0.5)\n"
                     "again = socket.create_connection(('127.0.0.1', 3128), 5)\n"
                     "again.sendall(b'GET http://blocked.invalid/ HTTP/1.1\\r\\n\\r\\n')\n"
                     "print(again.recv(100).split(b'\\r\\n')[0].decode())"_s.arg(
                         OrkestrLocal::SandboxProxy::MaxConnections));
        QCOMPARE(result.status, 403); // the last request was refused by the policy
        QCOMPARE(result.error().value(u"stdout"_s).toString(),
                 u"HTTP/1.1 503 Service Unavailable\nHTTP/1.1 403 Forbidden\n"_s);
    }

    void blockedHostIsNetworkPolicy_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("port");
        QTest::newRow("http") << u"http://blocked.invalid/path"_s << 80;
        QTest::newRow("https (CONNECT)") << u"https://blocked.invalid:8443/"_s << 8443;
        QTest::newRow("allowed name, other port") << u"http://127.0.0.1:1/"_s << 1;
    }
    void blockedHostIsNetworkPolicy()
    {
        QFETCH(QString, url);
        QFETCH(int, port);
        m_host.heads.clear();
        // The command catches the refusal and exits 0: the exec still reports the violation.
        const auto result = python(m_restricted,
                                   u"import urllib.request\n"
                                   "try:\n"
                                   "    urllib.request.urlopen('%1', timeout=20)\n"
                                   "except Exception as e:\n"
                                   "    print('refused:', e)"_s.arg(url));
        QCOMPARE(result.status, 403);
        QCOMPARE(result.errorType(), u"network_policy"_s);
        const QString host = url.section(u'/', 2, 2).section(u':', 0, 0);
        QCOMPARE(result.error().value(u"host"_s).toString(), host);
        QCOMPARE(result.error().value(u"port"_s).toInt(), port);
        QVERIFY(result.error().value(u"message"_s).toString().contains(host));
        QVERIFY(!result.error().value(u"request_id"_s).toString().isEmpty());
        // The command's own result rides along.
        QVERIFY2(result.error().value(u"stdout"_s).toString().contains(u"refused: "_s),
                 result.body.constData());
        QVERIFY(result.error().value(u"stdout"_s).toString().contains(u"403"_s));
        QCOMPARE(result.error().value(u"exit_code"_s).toInt(), 0);
        QVERIFY(m_host.heads.isEmpty());
        // The next exec is not blamed for it.
        QCOMPARE(m_client->exec(m_restricted, u"true"_s).status, 200);
    }

    void blockedHostInAStream()
    {
        const auto result
            = m_client->post(u"/v1/sandboxes/%1/exec/stream"_s.arg(m_restricted),
                             {{u"command"_s,
                               u"echo before; python3 -c \"import urllib.request; "
                               "urllib.request.urlopen('http://blocked.invalid:81/')\"; echo after"_s},
                              {u"timeout_seconds"_s, 60}});
        QCOMPARE(result.status, 200);
        const auto events = parseSse(result.body).events;
        QVERIFY(events.size() >= 2);
        QCOMPARE(events.first().event, "output");
        QCOMPARE(events.first().data.value(u"data"_s).toString(), u"before\n"_s);
        const auto &last = events.last();
        QCOMPARE(last.event, "error");
        const auto error = last.data.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"type"_s).toString(), u"network_policy"_s);
        QCOMPARE(error.value(u"host"_s).toString(), u"blocked.invalid"_s);
        QCOMPARE(error.value(u"port"_s).toInt(), 81);
        QCOMPARE(error.value(u"exit_code"_s).toInt(), 0); // "echo after" was the last command
        QVERIFY(!error.value(u"request_id"_s).toString().isEmpty());
        QVERIFY(result.body.contains("after\\n"));
    }

    // Anything that does not use the proxy has no route: the sandbox's loopback is its own, and
    // there is no other interface.
    void directConnectionsHaveNoRoute()
    {
        const auto result = python(m_restricted,
                                   u"import socket\n"
                                   "for address in [('127.0.0.1', %1), ('10.255.255.1', 80)]:\n"
                                   "    try:\n"
                                   "        socket.create_connection(address, 3)\n"
                                   "        print('connected')\n"
                                   "    except OSError as e:\n"
                                   "        print(type(e).__name__, e.errno)"_s.arg(m_host.port()));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"ConnectionRefusedError 111\nOSError 101\n"_s);
    }

    void offHasNoProxy()
    {
        const QString off = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"network"_s, u"off"_s}});
        QVERIFY(!off.isEmpty());
        const auto result = m_client->exec(
            off,
            u"env | grep -ci proxy; python3 -c \"import socket; socket.create_connection(('127.0.0.1', "
            "3128), 2)\" 2>&1 | tail -n 1"_s);
        QCOMPARE(result.status, 200);
        const QString out = result.json.value(u"stdout"_s).toString();
        QVERIFY2(out.startsWith(u"0\n"_s), qPrintable(out));
        QVERIFY2(out.contains(u"ConnectionRefusedError"_s), qPrintable(out));
        m_client->del(u"/v1/sandboxes/"_s + off);
    }

    // Nothing of the server's (its listening socket, the proxies' sockets, other pipes) reaches a
    // command: only stdin, stdout and stderr are open in it, in an exec and in a stream.
    void commandsInheritNoDescriptors()
    {
        const QString command = u"python3 -c \"import os; print(sorted(os.listdir('/proc/self/fd')))\""_s;
        const auto result = m_client->exec(m_restricted, command);
        QCOMPARE(result.status, 200);
        // 3 is the directory listdir has open.
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"['0', '1', '2', '3']\n"_s);
        const auto streamed = m_client->post(u"/v1/sandboxes/%1/exec/stream"_s.arg(m_restricted),
                                             {{u"command"_s, command}, {u"timeout_seconds"_s, 30}});
        QCOMPARE(streamed.status, 200);
        QVERIFY2(streamed.body.contains("['0', '1', '2', '3']"), streamed.body.constData());
    }

    // Without a writable cgroup, cpu is enforced as CPU affinity that the sandbox cannot widen.
    void cpuLimitIsAffinity()
    {
        const int hostCpus = QThread::idealThreadCount();
        const QString one = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"cpu"_s, 1}});
        QVERIFY(!one.isEmpty());
        const auto result = m_client->exec(
            one,
            u"nproc; grep Cpus_allowed_list /proc/self/status | cut -f2; "
            "python3 -c 'import os; os.sched_setaffinity(0, range(os.cpu_count()))' 2>&1 | tail -n 1; "
            "nohup sleep 300 >/dev/null 2>&1 & sleep 0.2; grep Cpus_allowed_list /proc/$!/status | cut -f2"_s);
        QCOMPARE(result.status, 200);
        const QStringList lines = result.json.value(u"stdout"_s).toString().split(u'\n');
        QCOMPARE(lines.value(0), u"1"_s);
        // One CPU: a single number, no range or list.
        bool single = false;
        lines.value(1).toInt(&single);
        QVERIFY2(single, qPrintable(lines.join(u'|')));
        // The sandbox cannot widen its mask again.
        QVERIFY2(lines.value(2).contains(u"PermissionError"_s), qPrintable(lines.join(u'|')));
        // A background process has the same single CPU.
        QCOMPARE(lines.value(3), lines.value(1));
        m_client->del(u"/v1/sandboxes/"_s + one);

        if (hostCpus >= 2) {
            const QString two = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"cpu"_s, 1.5}});
            QCOMPARE(m_client->exec(two, u"nproc"_s).json.value(u"stdout"_s).toString(), u"2\n"_s);
            m_client->del(u"/v1/sandboxes/"_s + two);
        }
    }

    // A SIGKILLed server leaves nothing behind: no init, no exec, no proxy socket, and its port
    // can be taken again at once.
    void childrenDieWithTheServer()
    {
        QTemporaryDir dataDir;
        KillableServer server;
        server.dataDir = dataDir.path();
        server.extraArguments = {u"--plan"_s, u"team"_s};
        QVERIFY(server.start());
        SyncClient client(&server);
        const auto created = client.post(
            u"/v1/sandboxes"_s, {{u"template"_s, u"ubuntu-24.04"_s}, {u"network"_s, u"restricted"_s}});
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        const auto background
            = client.post(u"/v1/sandboxes/%1/exec"_s.arg(id),
                          {{u"command"_s, u"nohup sleep 4242 >/dev/null 2>&1 & echo ok"_s}});
        QCOMPARE(background.status, 200);
        // An exec still running when the server dies.
        QNetworkRequest request(server.url().resolved(QUrl(u"/v1/sandboxes/%1/exec/stream"_s.arg(id))));
        request.setRawHeader("Authorization", "Bearer " + server.token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
        std::unique_ptr<QNetworkReply> running(client.network.post(
            request, QJsonDocument(QJsonObject {{u"command"_s, u"sleep 4343"_s}}).toJson()));
        QVERIFY(OrkestrTest::waitUntil([] { return !processesMatching("sleep 4343").isEmpty(); }, 15000));
        const QByteArray sandboxDir = QFile::encodeName(dataDir.path()) + "/sandboxes/";
        QVERIFY(!processesMatching(sandboxDir).isEmpty()); // the bwrap init
        QVERIFY(!processesMatching("sleep 4242").isEmpty());
        // A snapshot tar that cannot finish: a second sandbox's pause writes into a FIFO that
        // nobody reads, so tar blocks in open() (it is not in any sandbox: only its parent's
        // death signal can end it).
        const QString other = client.create();
        QVERIFY(!other.isEmpty());
        const QByteArray fifo = QFile::encodeName(dataDir.path() + u"/snapshots/"_s + other + u".tar.part"_s);
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        QNetworkRequest pauseRequest(server.url().resolved(QUrl(u"/v1/sandboxes/%1/pause"_s.arg(other))));
        pauseRequest.setRawHeader("Authorization", "Bearer " + server.token.toUtf8());
        std::unique_ptr<QNetworkReply> pausing(client.network.post(pauseRequest, QByteArray()));
        QVERIFY(
            OrkestrTest::waitUntil([&] { return !processesMatching("tar -cf " + fifo).isEmpty(); }, 15000));

        server.kill();
        const auto leftovers = [&] {
            return processesMatching("sleep 4242") + processesMatching("sleep 4343")
                + processesMatching(sandboxDir) + processesMatching("tar -cf " + fifo);
        };
        const bool clean = OrkestrTest::waitUntil([&] { return leftovers().isEmpty(); }, 5000);
        const QStringList left = leftovers();
        for (const auto &entry : left) // the test's own leftovers, so that a failure leaves none
            ::kill(pid_t(entry.section(u' ', 0, 0).toLongLong()), SIGKILL);
        QVERIFY2(clean, qPrintable(left.join(u"; "_s)));
        QTcpServer probe;
        QVERIFY2(probe.listen(QHostAddress::LocalHost, server.port), qPrintable(probe.errorString()));
        probe.close();
        running.reset();
        pausing.reset();
    }

    void cleanupTestCase()
    {
        if (m_client && !m_restricted.isEmpty())
            m_client->del(u"/v1/sandboxes/"_s + m_restricted);
        stopServer();
    }
};

QTEST_MAIN(TestServerNetwork)
#include "tst_server_network.moc"
