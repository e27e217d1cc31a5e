// orkestr-local's buffered exec and files API over HTTP, in real bubblewrap sandboxes.

#include "memorybounds.h"
#include "serverfixture.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTcpServer>
#include <QTimer>

using namespace Qt::StringLiterals;

class TestServerExec : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({u"--plan"_s, u"team"_s})); }

    void resultsAndExitCodes()
    {
        const auto result = m_client->exec(m_id, u"echo out; echo err >&2; pwd; exit 3"_s);
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(u"stdout"_s).toString(), u"out\n/workspace\n"_s);
        QCOMPARE(result.json.value(u"stderr"_s).toString(), u"err\n"_s);
        QCOMPARE(result.json.value(u"exit_code"_s).toInt(), 3);
        QVERIFY(result.json.value(u"duration_ms"_s).toDouble() >= 0);

        const auto withCwdEnv = m_client->post(u"/v1/sandboxes/%1/exec"_s.arg(m_id),
                                               {{u"command"_s, u"pwd; echo $GREETING"_s},
                                                {u"cwd"_s, u"/tmp"_s},
                                                {u"env"_s, QJsonObject {{u"GREETING"_s, u"hej"_s}}}});
        QCOMPARE(withCwdEnv.json.value(u"stdout"_s).toString(), u"/tmp\nhej\n"_s);

        const auto python = m_client->exec(m_id, u"python3 -c 'print(6*7)'"_s);
        QCOMPARE(python.json.value(u"stdout"_s).toString(), u"42\n"_s);

        const auto missing = m_client->post(u"/v1/sandboxes/%1/exec"_s.arg(m_id), {});
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.error().value(u"field"_s).toString(), u"command"_s);
    }

    void isolatedFromHostAndOtherSandboxes()
    {
        // Its own PID namespace: it sees its init and itself, not the host's processes.
        const auto pids = m_client->exec(m_id, u"ls /proc | grep -c '^[0-9]'"_s);
        QVERIFY2(pids.json.value(u"stdout"_s).toString().trimmed().toInt() < 10, pids.body.constData());
        // The host's files outside /usr and /etc are not there; /usr is read-only.
        const auto hostFiles = m_client->exec(m_id, u"ls /work /root 2>&1; touch /usr/x 2>&1; echo done"_s);
        QVERIFY(hostFiles.json.value(u"stdout"_s).toString().contains(u"No such file"_s));
        QVERIFY(hostFiles.json.value(u"stdout"_s).toString().contains(u"Read-only"_s));
        // No capabilities: no mounts, no escaping the root.
        const auto caps = m_client->exec(
            m_id, u"grep CapEff /proc/self/status; mkdir -p /tmp/m; mount -t tmpfs x /tmp/m"_s);
        QVERIFY(caps.json.value(u"stdout"_s).toString().contains(u"0000000000000000"_s));
        QVERIFY(caps.json.value(u"exit_code"_s).toInt() != 0);
        const QString other = m_client->create();
        QCOMPARE(m_client->exec(m_id, u"echo mine > /workspace/owner"_s).status, 200);
        QCOMPARE(m_client->exec(other, u"cat /workspace/owner 2>&1"_s).json.value(u"exit_code"_s).toInt(), 1);
        m_client->del(u"/v1/sandboxes/"_s + other);
    }

    void backgroundProcessSurvivesBetweenExecs()
    {
        const auto start = m_client->exec(
            m_id, u"cd /tmp && nohup python3 -m http.server 8000 >/tmp/server.log 2>&1 & echo started"_s);
        QCOMPARE(start.status, 200);
        QCOMPARE(start.json.value(u"stdout"_s).toString(), u"started\n"_s);
        QVERIFY(waitUntil(
            [&] {
                return m_client
                           ->exec(
                               m_id,
                               u"python3 -c \"import urllib.request;print(urllib.request.urlopen('http://127.0.0.1:8000/').status)\""_s)
                           .json.value(u"stdout"_s)
                           .toString()
                    == u"200\n"_s;
            },
            15000));
    }

    void networkOffHasNoNetwork()
    {
        // A server on the host's loopback is out of reach; the sandbox has only its own lo.
        QTcpServer hostServer;
        QVERIFY(hostServer.listen(QHostAddress::LocalHost));
        const auto connect = m_client->exec(
            m_id,
            u"python3 -c \"import socket; socket.create_connection(('127.0.0.1', %1), 2)\""_s.arg(
                hostServer.serverPort()));
        QCOMPARE(connect.status, 200);
        QVERIFY(connect.json.value(u"exit_code"_s).toInt() != 0);
        QVERIFY(connect.json.value(u"stderr"_s).toString().contains(u"ConnectionRefused"_s));
        const auto interfaces = m_client->exec(m_id, u"tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '"_s);
        QCOMPARE(interfaces.json.value(u"stdout"_s).toString(), u"lo\n"_s);

        // "open" shares the host's network: the same host server is reachable.
        const QString open = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"network"_s, u"open"_s}});
        const auto reached = m_client->exec(
            open,
            u"python3 -c \"import socket; socket.create_connection(('127.0.0.1', %1), 2)\""_s.arg(
                hostServer.serverPort()));
        QCOMPARE(reached.json.value(u"exit_code"_s).toInt(), 0);
        m_client->del(u"/v1/sandboxes/"_s + open);
    }

    void timeoutAndSignals()
    {
        QElapsedTimer timer;
        timer.start();
        const auto timeout = m_client->exec(m_id, u"echo before; sleep 30"_s, 1);
        QCOMPARE(timeout.status, 408);
        QCOMPARE(timeout.errorType(), u"exec_timeout"_s);
        QCOMPARE(timeout.error().value(u"stdout"_s).toString(), u"before\n"_s);
        QVERIFY(timeout.error().value(u"duration_ms"_s).toDouble() >= 1000);
        QVERIFY(timer.elapsed() < 10000);
        // The sandbox keeps running and the killed command is gone.
        const auto after = m_client->exec(m_id, u"ps ax | grep -c '[s]leep 30'"_s);
        QCOMPARE(after.json.value(u"stdout"_s).toString(), u"0\n"_s);

        const auto killed = m_client->exec(m_id, u"echo partial; kill -9 $$"_s);
        QCOMPARE(killed.status, 422);
        QCOMPARE(killed.errorType(), u"exec_killed"_s);
        QCOMPARE(killed.error().value(u"signal"_s).toInt(), 9);
        QCOMPARE(killed.error().value(u"stdout"_s).toString(), u"partial\n"_s);
    }

    void hugeBufferedOutputIsCut()
    {
        const auto result = m_client->exec(m_id, u"head -c 100000000 /dev/zero | tr '\\0' a"_s, 60);
        QCOMPARE(result.status, 422);
        QCOMPARE(result.errorType(), u"exec_killed"_s);
        QVERIFY(result.error().value(u"message"_s).toString().contains(u"exec/stream"_s));
        QCOMPARE(m_client->exec(m_id, u"echo still here"_s).json.value(u"stdout"_s).toString(),
                 u"still here\n"_s);
    }

    void memoryLimit()
    {
        const QString small = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"memory_mb"_s, 128}});
        const auto result = m_client->exec(small, u"python3 -c 'x = bytearray(512 * 1024 * 1024)'"_s);
        QCOMPARE(result.status, 200);
        QVERIFY(result.json.value(u"stderr"_s).toString().contains(u"MemoryError"_s));
        m_client->del(u"/v1/sandboxes/"_s + small);
    }

    void filesRoundTrip()
    {
        auto &c = *m_client;
        const QByteArray content = "print('hi from a file')\n\xc3\xa9";
        const auto written = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                                   {{u"path"_s, u"/workspace/src/app/main.py"_s},
                                    {u"encoding"_s, u"base64"_s},
                                    {u"content"_s, QString::fromLatin1(content.toBase64())},
                                    {u"mode"_s, 0755}});
        QCOMPARE(written.status, 200);
        QCOMPARE(written.json.value(u"name"_s).toString(), u"main.py"_s);
        QCOMPARE(written.json.value(u"size"_s).toInt(), content.size());
        QCOMPARE(written.json.value(u"mode"_s).toInt(), 0755);
        QCOMPARE(written.json.value(u"is_dir"_s).toBool(), false);

        // The sandbox sees the file; a file made inside the sandbox is readable through the API.
        QCOMPARE(c.exec(m_id, u"test -x src/app/main.py && head -1 src/app/main.py"_s)
                     .json.value(u"stdout"_s)
                     .toString(),
                 u"print('hi from a file')\n"_s);
        c.exec(m_id, u"printf abc > /tmp/made-inside"_s);
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=/tmp/made-inside"_s.arg(m_id));
        QCOMPARE(read.status, 200);
        QCOMPARE(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("abc"));
        QCOMPARE(read.json.value(u"size"_s).toInt(), 3);
        QCOMPARE(read.json.value(u"encoding"_s).toString(), u"base64"_s);

        c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
              {{u"path"_s, u"/workspace/src/a.txt"_s},
               {u"content"_s, QString::fromLatin1(QByteArray("a").toBase64())}});
        const auto listed = c.get(u"/v1/sandboxes/%1/files/list?path=/workspace/src"_s.arg(m_id));
        QCOMPARE(listed.status, 200);
        const auto entries = listed.json.value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 2);
        QCOMPARE(entries.at(0).toObject().value(u"name"_s).toString(), u"a.txt"_s);
        QCOMPARE(entries.at(0).toObject().value(u"mode"_s).toInt(), 0644);
        QCOMPARE(entries.at(1).toObject().value(u"name"_s).toString(), u"app"_s);
        QCOMPARE(entries.at(1).toObject().value(u"is_dir"_s).toBool(), true);

        const auto notEmpty = c.del(u"/v1/sandboxes/%1/files?path=/workspace/src"_s.arg(m_id));
        QCOMPARE(notEmpty.status, 400);
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/src&recursive=true"_s.arg(m_id)).status, 204);
        const auto gone = c.get(u"/v1/sandboxes/%1/files?path=/workspace/src/a.txt"_s.arg(m_id));
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.errorType(), u"file_not_found"_s);
        QCOMPARE(gone.error().value(u"path"_s).toString(), u"/workspace/src/a.txt"_s);
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/src"_s.arg(m_id)).status, 404);

        const auto badBase64 = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                                     {{u"path"_s, u"/workspace/x"_s}, {u"content"_s, u"!!!"_s}});
        QCOMPARE(badBase64.status, 400);
        QCOMPARE(badBase64.error().value(u"field"_s).toString(), u"content"_s);
    }

    void pathChecks_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("dotdot out of workspace") << u"/workspace/../etc/passwd"_s;
        QTest::newRow("dotdot deep") << u"/workspace/a/../../../etc/shadow"_s;
        QTest::newRow("relative") << u"workspace/x"_s;
        QTest::newRow("outside roots") << u"/etc/passwd"_s;
        QTest::newRow("symlink out") << u"/workspace/escape/passwd"_s;
        QTest::newRow("symlink file out") << u"/workspace/hostfile"_s;
        QTest::newRow("empty") << QString();
    }

    void pathChecks()
    {
        QFETCH(QString, path);
        auto &c = *m_client;
        // Symlinks made inside the sandbox that point out of it (on the host they resolve
        // to the host's /etc).
        c.exec(m_id, u"ln -sfn /etc /workspace/escape; ln -sf /etc/passwd /workspace/hostfile"_s);
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(path));
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(m_id, encoded));
        QCOMPARE(read.status, 400);
        QCOMPARE(read.errorType(), u"invalid_path"_s);
        QCOMPARE(read.error().value(u"path"_s).toString(), path);
        const auto write
            = c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                    {{u"path"_s, path}, {u"content"_s, QString::fromLatin1(QByteArray("x").toBase64())}});
        QCOMPARE(write.status, 400);
        QCOMPARE(write.errorType(), u"invalid_path"_s);
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files/list?path=%2"_s.arg(m_id, encoded)).errorType(),
                 u"invalid_path"_s);
        // Deleting a symlink removes the link itself, wherever it points.
        if (path != u"/workspace/hostfile"_s)
            QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=%2&recursive=true"_s.arg(m_id, encoded)).errorType(),
                     u"invalid_path"_s);
    }

    void symlinksInsideTheSandbox()
    {
        auto &c = *m_client;
        // Absolute targets are the sandbox's paths, not the host's.
        QCOMPARE(
            c.exec(m_id,
                   u"mkdir -p /workspace/releases/v2 && echo v2 > /workspace/releases/v2/VERSION && "
                   "ln -sfn /workspace/releases/v2 /workspace/current && ln -sfn ../tmp /workspace/up && "
                   "ln -sfn /tmp/t /workspace/to-tmp && echo t > /tmp/t"_s)
                .status,
            200);
        const auto read = c.get(u"/v1/sandboxes/%1/files?path=/workspace/current/VERSION"_s.arg(m_id));
        QCOMPARE(read.status, 200);
        QCOMPARE(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("v2\n"));
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files?path=/workspace/to-tmp"_s.arg(m_id)).status, 200);
        // A relative link climbing out of /workspace is refused.
        QCOMPARE(c.get(u"/v1/sandboxes/%1/files/list?path=/workspace/up"_s.arg(m_id)).errorType(),
                 u"invalid_path"_s);
        // Writing through a link writes the target; deleting a link keeps the target.
        QCOMPARE(c.put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                       {{u"path"_s, u"/workspace/current/NOTE"_s},
                        {u"content"_s, QString::fromLatin1(QByteArray("n").toBase64())}})
                     .status,
                 200);
        QCOMPARE(c.exec(m_id, u"cat /workspace/releases/v2/NOTE"_s).json.value(u"stdout"_s).toString(),
                 u"n"_s);
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/current"_s.arg(m_id)).status, 204);
        QCOMPARE(
            c.exec(m_id,
                   u"test -L /workspace/current || test -f /workspace/releases/v2/VERSION && echo kept"_s)
                .json.value(u"stdout"_s)
                .toString(),
            u"kept\n"_s);
        // The symlink to the "host" /etc/passwd goes; the host's file does not.
        QCOMPARE(c.del(u"/v1/sandboxes/%1/files?path=/workspace/hostfile"_s.arg(m_id)).status, 204);
        QVERIFY(QFileInfo::exists(u"/etc/passwd"_s));
    }

    void dotdotInsideRootIsFine()
    {
        const auto written = m_client->put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                                           {{u"path"_s, u"/workspace/a/../b.txt"_s},
                                            {u"content"_s, QString::fromLatin1(QByteArray("b").toBase64())}});
        QCOMPARE(written.status, 200);
        QCOMPARE(m_client->exec(m_id, u"cat /workspace/b.txt"_s).json.value(u"stdout"_s).toString(), u"b"_s);
    }

    void filesOfManySizesRoundTrip_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<QString>("path");
        QTest::newRow("empty") << 0 << u"/workspace/empty"_s;
        QTest::newRow("one byte") << 1 << u"/workspace/one"_s;
        QTest::newRow("two bytes") << 2 << u"/workspace/two"_s;
        QTest::newRow("odd name") << 5 << u"/workspace/qu\"ote \\ ünï €.txt"_s;
        QTest::newRow("3 MiB + 1") << 3 * 1024 * 1024 + 1 << u"/tmp/big.bin"_s;
    }

    void filesOfManySizesRoundTrip()
    {
        QFETCH(int, size);
        QFETCH(QString, path);
        QByteArray content(size, Qt::Uninitialized);
        for (int i = 0; i < size; ++i)
            content[i] = char((i * 7 + i / 251) & 0xff);
        const auto written
            = m_client->put(u"/v1/sandboxes/%1/files"_s.arg(m_id),
                            {{u"path"_s, path}, {u"content"_s, QString::fromLatin1(content.toBase64())}});
        QCOMPARE(written.status, 200);
        const auto read = m_client->get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(
            m_id, QString::fromLatin1(QUrl::toPercentEncoding(path))));
        QCOMPARE(read.status, 200);
        QCOMPARE(read.header("Content-Length").toLongLong(), read.body.size());
        QCOMPARE(read.json.value(u"path"_s).toString(), path);
        QCOMPARE(read.json.value(u"size"_s).toInteger(), size);
        QCOMPARE(read.json.value(u"encoding"_s).toString(), u"base64"_s);
        QVERIFY(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1()) == content);
    }

    void bigWritesInAnyJsonShape()
    {
        // > 1 MiB bodies take the server's fast path; escaped slashes force the full parser.
        const QByteArray content(1536 * 1024, char(0xff));
        const QByteArray base64 = content.toBase64();
        QByteArray escaped = base64;
        escaped.replace("/", "\\/");
        const QList<QByteArray> bodies {
            "{ \"mode\": 384, \"content\" : \"" + base64
                + "\", \"path\": \"/workspace/w1\", \"extra\": {\"a\": [1, \"\x7d\"]}}",
            "{\"path\":\"/workspace/w2\",\"content\":\"" + escaped + "\"\x7d",
        };
        for (int i = 0; i < bodies.size(); ++i) {
            const auto written = m_client->send("PUT", u"/v1/sandboxes/%1/files"_s.arg(m_id), bodies.at(i));
            QCOMPARE(written.status, 200);
            QCOMPARE(written.json.value(u"size"_s).toInteger(), content.size());
            const auto read
                = m_client->get(u"/v1/sandboxes/%1/files?path=/workspace/w%2"_s.arg(m_id).arg(i + 1));
            QVERIFY(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1()) == content);
        }
        const auto mode = m_client->exec(m_id, u"stat -c %a /workspace/w1"_s);
        QCOMPARE(mode.json.value(u"stdout"_s).toString(), u"600\n"_s);
        // Broken base64 in a big body is refused and leaves no file behind.
        QByteArray broken = base64;
        broken[broken.size() / 2] = '!';
        const auto refused = m_client->send("PUT", u"/v1/sandboxes/%1/files"_s.arg(m_id),
                                            "{\"path\":\"/workspace/w3\",\"content\":\"" + broken + "\"\x7d");
        QCOMPARE(refused.status, 400);
        QCOMPARE(refused.error().value(u"field"_s).toString(), u"content"_s);
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/files?path=/workspace/w3"_s.arg(m_id)).status, 404);
    }

    void bigFileReadIsStreamed()
    {
        // 200 MB of file is 267 MB of base64: the server encodes it while the socket drains.
        QCOMPARE(m_client->exec(m_id, u"head -c 200000000 /dev/urandom > /workspace/big.bin"_s, 60).status,
                 200);
        const qint64 pid = m_server->process->processId();
        const auto rss = [pid] {
            return residentKb(pid);
        };
        const qint64 before = rss();
        qint64 peak = before;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, rss()); });
        sampler.start(20);
        const auto read = m_client->get(u"/v1/sandboxes/%1/files?path=/workspace/big.bin"_s.arg(m_id));
        sampler.stop();
        QCOMPARE(read.status, 200);
        QCOMPARE(read.json.value(u"size"_s).toInteger(), 200000000);
        ORKESTR_VERIFY_MEMORY_BOUND(peak - before < 64 * 1024,
                                    qPrintable(u"server grew by %1 kB"_s.arg(peak - before)));
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1/files?path=/workspace/big.bin"_s.arg(m_id)).status, 204);
    }

    void largeFilesAreRefused()
    {
        // A sparse 300 MB file made inside the sandbox is over the 256 MiB limit.
        QCOMPARE(m_client->exec(m_id, u"truncate -s 300M /workspace/big"_s).status, 200);
        const auto read = m_client->get(u"/v1/sandboxes/%1/files?path=/workspace/big"_s.arg(m_id));
        QCOMPARE(read.status, 413);
        QCOMPARE(read.errorType(), u"payload_too_large"_s);
        QCOMPARE(read.error().value(u"max_bytes"_s).toInteger(), 256LL * 1024 * 1024);
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1/files?path=/workspace/big"_s.arg(m_id)).status, 204);
    }

    void cleanupTestCase() { stopServer(); }

private:
};

QTEST_GUILESS_MAIN(TestServerExec)
#include "tst_server_exec.moc"
