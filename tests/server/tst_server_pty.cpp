// orkestr-local's interactive terminal: GET /v1/sandboxes/{id}/pty as a WebSocket (QWebSocket on
// loopback, and a raw socket where the frames themselves matter: refusals before the upgrade and
// the server's pings).

#include "serverfixture.h"

#include <QDirIterator>
#include <QTcpSocket>
#include <QWebSocket>

using namespace Qt::StringLiterals;

namespace {

// One pty session from the client's side: everything it received.
struct PtyClient
{
    QWebSocket socket;
    QByteArray output;
    QList<QJsonObject> texts;
    bool connected = false;
    bool disconnected = false;

    PtyClient()
    {
        QObject::connect(&socket, &QWebSocket::connected, [this] { connected = true; });
        QObject::connect(&socket, &QWebSocket::disconnected, [this] { disconnected = true; });
        QObject::connect(&socket, &QWebSocket::binaryMessageReceived,
                         [this](const QByteArray &bytes) { output += bytes; });
        QObject::connect(&socket, &QWebSocket::textMessageReceived, [this](const QString &text) {
            texts.append(QJsonDocument::fromJson(text.toUtf8()).object());
        });
    }
    void type(const QByteArray &bytes) { socket.sendBinaryMessage(bytes); }
    void control(const QJsonObject &frame)
    {
        socket.sendTextMessage(QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
    }
    bool waitFor(const QByteArray &needle, int timeoutMs = 30000)
    {
        const bool seen = OrkestrTest::waitUntil([&] { return output.contains(needle); }, timeoutMs);
        if (!seen)
            qWarning() << "no" << needle << "in" << output.right(600);
        return seen;
    }
    // The exit frame, once the session ended and the server closed the socket.
    QJsonObject waitForExit(int timeoutMs = 30000)
    {
        OrkestrTest::waitUntil([&] { return disconnected; }, timeoutMs);
        for (const auto &text : std::as_const(texts))
            if (text.value(u"type"_s).toString() == u"exit"_s)
                return text;
        return {};
    }
};

// An upgrade request over a plain socket: the answer's status line, headers and body as bytes.
struct RawUpgrade
{
    QTcpSocket socket;
    QByteArray received;

    bool send(const QUrl &base, const QString &pathAndQuery, const QString &token)
    {
        socket.connectToHost(base.host(), quint16(base.port()));
        if (!socket.waitForConnected(5000))
            return false;
        QByteArray request = "GET " + pathAndQuery.toUtf8()
            + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n";
        if (!token.isEmpty())
            request += "Authorization: Bearer " + token.toUtf8() + "\r\n";
        socket.write(request + "\r\n");
        return socket.waitForBytesWritten(5000);
    }
    // Reads until the connection closes (a refusal) and returns the status; body gets the JSON.
    int refusal(QJsonObject *body)
    {
        QElapsedTimer timer;
        timer.start();
        while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
            socket.waitForReadyRead(200);
            received += socket.readAll();
        }
        received += socket.readAll();
        const auto split = received.indexOf("\r\n\r\n");
        *body = QJsonDocument::fromJson(received.mid(split + 4)).object();
        return received.startsWith("HTTP/1.1 ") ? received.mid(9, 3).toInt() : 0;
    }
    // After a 101: reads frames until one with this opcode comes, or the time is up.
    bool frameArrives(int opcode, int timeoutMs)
    {
        QElapsedTimer timer;
        timer.start();
        qsizetype at = -1;
        while (timer.elapsed() < timeoutMs) {
            socket.waitForReadyRead(100);
            received += socket.readAll();
            if (at < 0) {
                if (!received.startsWith("HTTP/1.1 101") || received.indexOf("\r\n\r\n") < 0)
                    continue;
                at = received.indexOf("\r\n\r\n") + 4;
            }
            // Server frames are never masked: opcode, 7-bit length or 16/64-bit extension, payload.
            while (received.size() - at >= 2) {
                const int code = uchar(received.at(at)) & 0x0F;
                qint64 length = uchar(received.at(at + 1)) & 0x7F;
                qsizetype header = 2;
                if (length == 126 && received.size() - at >= 4) {
                    length = (uchar(received.at(at + 2)) << 8) | uchar(received.at(at + 3));
                    header = 4;
                } else if (length == 126 || length == 127) {
                    break; // only small frames come here; wait for the extension otherwise
                }
                if (received.size() - at < header + length)
                    break;
                if (code == opcode)
                    return true;
                at += header + length;
            }
        }
        return false;
    }
};

} // namespace

class TestServerPty : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({u"--pty-ping-seconds"_s, u"1"_s, u"--plan"_s, u"team"_s})); }
    void cleanupTestCase() { stopServer(); }

    // Errors before the upgrade are the ordinary JSON answers.
    void refusalsBeforeTheUpgradeAreJson()
    {
        const QString path = u"/v1/sandboxes/%1/pty"_s.arg(m_id);
        QJsonObject body;
        {
            RawUpgrade anonymous;
            QVERIFY(anonymous.send(m_client->base, path, {}));
            QCOMPARE(anonymous.refusal(&body), 401);
            QCOMPARE(body.value(u"error"_s).toObject().value(u"type"_s).toString(), u"unauthorized"_s);
        }
        {
            const QString readToken = createToken(m_server->dataDir.path(), {u"--read-only"_s});
            QVERIFY(!readToken.isEmpty());
            RawUpgrade reader;
            QVERIFY(reader.send(m_client->base, path, readToken));
            QCOMPARE(reader.refusal(&body), 403);
            const auto error = body.value(u"error"_s).toObject();
            QCOMPARE(error.value(u"type"_s).toString(), u"forbidden"_s);
            QCOMPARE(error.value(u"required_scope"_s).toString(), u"sandboxes:write"_s);
        }
        {
            RawUpgrade unknown;
            QVERIFY(unknown.send(m_client->base, u"/v1/sandboxes/sbx_00000000000000000000000000/pty"_s,
                                 m_client->token));
            QCOMPARE(unknown.refusal(&body), 404);
            QCOMPARE(body.value(u"error"_s).toObject().value(u"type"_s).toString(), u"sandbox_not_found"_s);
        }
        for (const auto &[query, field] :
             {std::pair {u"cols=0"_s, u"cols"_s}, std::pair {u"rows=1001"_s, u"rows"_s},
              std::pair {u"cwd=relative"_s, u"cwd"_s}, std::pair {u"command="_s, u"command"_s}}) {
            RawUpgrade bad;
            QVERIFY(bad.send(m_client->base, path + u"?"_s + query, m_client->token));
            QCOMPARE(bad.refusal(&body), 400);
            QCOMPARE(body.value(u"error"_s).toObject().value(u"field"_s).toString(), field);
        }
        // Without the upgrade, the endpoint says what it is.
        const auto plain = m_client->get(path);
        QCOMPARE(plain.status, 400);
        QCOMPARE(plain.errorType(), u"invalid_request"_s);
    }

    void shellHasTermAndSize()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        pty->type("echo \"term=$TERM\"; stty size; tty\r");
        QVERIFY(pty->waitFor("term=xterm-256color"));
        QVERIFY(pty->waitFor("24 80"));
        // The sandbox's own pty (its /dev/pts), so the terminal has a name there.
        QVERIFY(pty->waitFor("\n/dev/pts/"));
        pty->control({{u"type"_s, u"resize"_s}, {u"cols"_s, 132}, {u"rows"_s, 43}});
        pty->type("stty size\r");
        QVERIFY(pty->waitFor("43 132"));
        pty->type("exit 3\r");
        const auto exit = pty->waitForExit();
        QCOMPARE(exit.value(u"exit_code"_s).toInt(-1), 3);
        QVERIFY(exit.value(u"signal"_s).isNull());
        QVERIFY(exit.value(u"duration_ms"_s).toInteger(-1) >= 0);
        QCOMPARE(pty->socket.closeCode(), QWebSocketProtocol::CloseCodeNormal);
    }

    void sizeFromTheQuery()
    {
        auto pty = open(m_id, u"cols=100&rows=30&cwd=/tmp"_s);
        QVERIFY(pty);
        pty->type("stty size; pwd\r");
        QVERIFY(pty->waitFor("30 100"));
        QVERIFY(pty->waitFor("\n/tmp"));
    }

    void ctrlCStopsASleep()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        // The 0x03 byte: the line discipline interrupts the foreground group.
        pty->type("sleep 100; echo \"slept-$((40+2))\"\r");
        QVERIFY(sleepRuns());
        QElapsedTimer timer;
        timer.start();
        pty->type("\x03");
        pty->type("echo \"after-$((6*7))\"\r");
        QVERIFY(pty->waitFor("after-42", 30000));
        QVERIFY(timer.elapsed() < 30000);
        QVERIFY(!pty->output.contains("slept-42"));
        QVERIFY(!sleepRuns(0));
        // The signal frame: SIGINT to the foreground process group.
        pty->type("sleep 100; echo \"slept-$((50+1))\"\r");
        QVERIFY(sleepRuns());
        pty->control({{u"type"_s, u"signal"_s}, {u"signal"_s, 2}});
        pty->type("echo \"again-$((7*7))\"\r");
        QVERIFY(pty->waitFor("again-49", 30000));
        QVERIFY(!pty->output.contains("slept-51"));
        QVERIFY(!sleepRuns(0));
    }

    void pythonReplEvaluates()
    {
        auto pty = open(m_id, u"command=python3"_s);
        QVERIFY(pty);
        QVERIFY(pty->waitFor(">>> "));
        pty->type("6*7\r");
        QVERIFY(pty->waitFor("42"));
        pty->type("exit()\r");
        QCOMPARE(pty->waitForExit().value(u"exit_code"_s).toInt(-1), 0);
    }

    void vimOpensAndQuits()
    {
        auto pty = open(m_id,
                        u"command="_s
                            + QString::fromLatin1(QUrl::toPercentEncoding(
                                u"$(command -v vim || command -v vi) /workspace/vim.txt"_s)));
        QVERIFY(pty);
        // vim takes over the screen (the alternate screen or a clear) before it reads keys.
        QVERIFY(pty->waitFor("\x1b["));
        QTest::qWait(300);
        pty->type("ihello from vim\x1b");
        pty->type(":wq\r");
        QCOMPARE(pty->waitForExit().value(u"exit_code"_s).toInt(-1), 0);
        QCOMPARE(m_client->exec(m_id, u"cat /workspace/vim.txt"_s).json.value(u"stdout"_s).toString(),
                 u"hello from vim\n"_s);
    }

    void killingTheShellEndsTheSession()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        pty->type("echo ready\r");
        QVERIFY(pty->waitFor("ready"));
        pty->type("kill -9 $$\r");
        const auto exit = pty->waitForExit();
        QCOMPARE(exit.value(u"type"_s).toString(), u"exit"_s);
        QCOMPARE(exit.value(u"signal"_s).toInt(), 9);
        QVERIFY(exit.value(u"exit_code"_s).isNull());
    }

    void tenSessionsAtOnce()
    {
        std::vector<std::unique_ptr<PtyClient>> sessions;
        for (int i = 0; i < 10; ++i) {
            sessions.push_back(open(m_id));
            QVERIFY(sessions.back());
        }
        for (int i = 0; i < 10; ++i)
            sessions[size_t(i)]->type(u"echo \"session-%1-$((%1*%1))\"\r"_s.arg(i).toUtf8());
        for (int i = 0; i < 10; ++i) {
            QVERIFY(sessions[size_t(i)]->waitFor(u"session-%1-%2"_s.arg(i).arg(i * i).toUtf8()));
            // Each sees only its own output.
            QVERIFY(!sessions[size_t(i)]->output.contains(u"session-%1-"_s.arg((i + 1) % 10).toUtf8()));
        }
        for (auto &session : sessions)
            session->type("exit\r");
        for (auto &session : sessions)
            QCOMPARE(session->waitForExit().value(u"exit_code"_s).toInt(-1), 0);
    }

    void pauseFreezesAndResumeContinues()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        pty->type("echo \"before-$((1+1))\"\r");
        QVERIFY(pty->waitFor("before-2"));
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(m_id)).status, 200);
        // Paused: no new sessions (409 before the upgrade), and the open one is frozen.
        RawUpgrade refused;
        QVERIFY(refused.send(m_client->base, u"/v1/sandboxes/%1/pty"_s.arg(m_id), m_client->token));
        QJsonObject body;
        QCOMPARE(refused.refusal(&body), 409);
        const auto error = body.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"type"_s).toString(), u"sandbox_not_ready"_s);
        QCOMPARE(error.value(u"status"_s).toString(), u"paused"_s);
        // A plain GET makes the same checks (for clients that cannot see a refused upgrade's body).
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/pty"_s.arg(m_id)).errorType(), u"sandbox_not_ready"_s);
        pty->type("echo \"during-$((2+2))\"\r");
        QTest::qWait(1500);
        QVERIFY(!pty->output.contains("during-4"));
        QVERIFY(!pty->disconnected);
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/resume"_s.arg(m_id)).status, 200);
        QVERIFY(pty->waitFor("during-4"));
        pty->type("exit\r");
        QCOMPARE(pty->waitForExit().value(u"exit_code"_s).toInt(-1), 0);
    }

    void clientGoingAwayHangsUp()
    {
        m_client->exec(m_id, u"rm -f /workspace/hup"_s);
        auto pty = open(m_id);
        QVERIFY(pty);
        // bash runs a HUP trap while it waits for a command (at its prompt it just exits).
        pty->type("trap 'echo hup > /workspace/hup' HUP; echo \"armed-$((3*3))\"; sleep 100\r");
        QVERIFY(pty->waitFor("armed-9"));
        // bash runs the trap only once its foreground command has ended: the hangup must find
        // sleep as the terminal's foreground job (its group is the terminal's), not still on its
        // way there.
        const QString sleepIsForeground
            = u"for f in /proc/[0-9]*; do "
              u"case \"$(tr '\\0' ' ' < $f/cmdline 2>/dev/null)\" in \"sleep 100 \") ;; *) continue ;; esac; "
              u"read -r line < $f/stat; rest=${line##*\") \"}; set -- $rest; "
              u"[ \"$3\" = \"$6\" ] && echo foreground; "
              u"done"_s;
        QVERIFY(waitUntil(
            [&] {
                return m_client->exec(m_id, sleepIsForeground).json.value(u"stdout"_s).toString()
                    == u"foreground\n"_s;
            },
            10000));
        pty->socket.abort();
        QVERIFY(waitUntil(
            [&] {
                return m_client->exec(m_id, u"cat /workspace/hup"_s).json.value(u"stdout"_s).toString()
                    == u"hup\n"_s;
            },
            20000));
    }

    void serverPings()
    {
        RawUpgrade raw;
        QVERIFY(raw.send(m_client->base, u"/v1/sandboxes/%1/pty"_s.arg(m_id), m_client->token));
        // The server was started with --pty-ping-seconds 1 (the default is 15).
        QVERIFY(raw.frameArrives(0x9, 5000));
    }

    // Journaled as an exec with mode pty; its output is kept, its input never is.
    void recordedAsAPtyExec()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        const QByteArray secret = "s3cr3t-" + QByteArray::number(QRandomGenerator::global()->generate());
        pty->type("stty -echo; read -r hidden; stty echo; echo \"visible-$((5*5))\"\r");
        QTest::qWait(500);
        pty->type(secret + "\r");
        QVERIFY(pty->waitFor("visible-25"));
        pty->type("exit\r");
        QCOMPARE(pty->waitForExit().value(u"exit_code"_s).toInt(-1), 0);
        QVERIFY(!pty->output.contains(secret));

        const auto list = m_client->get(u"/v1/sandboxes/%1/execs"_s.arg(m_id));
        QCOMPARE(list.status, 200);
        QJsonObject record;
        for (const auto &value : list.json.value(u"execs"_s).toArray())
            if (value.toObject().value(u"mode"_s).toString() == u"pty"_s) {
                record = value.toObject();
                break; // newest first
            }
        QCOMPARE(record.value(u"mode"_s).toString(), u"pty"_s);
        QCOMPARE(record.value(u"command"_s).toString(), u"bash -l"_s);
        QCOMPARE(record.value(u"cwd"_s).toString(), u"/workspace"_s);
        QCOMPARE(record.value(u"status"_s).toString(), u"exited"_s);
        QCOMPARE(record.value(u"exit_code"_s).toInt(-1), 0);
        QVERIFY(record.value(u"duration_ms"_s).toInteger(-1) >= 500);
        const QString execId = record.value(u"exec_id"_s).toString();
        const auto attach = m_client->get(u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(m_id, execId));
        QCOMPARE(attach.status, 200);
        QString out;
        for (const auto &event : parseSse(attach.body).events)
            if (event.event == "output")
                out += event.data.value(u"data"_s).toString();
        QVERIFY(out.contains(u"visible-25"_s));
        QVERIFY(!out.contains(QString::fromLatin1(secret)));
        // Nowhere on the server's disk: journal, output store, snapshots.
        QDirIterator files(m_server->dataDir.path(), QDir::Files | QDir::Hidden,
                           QDirIterator::Subdirectories);
        int scanned = 0;
        while (files.hasNext()) {
            QFile file(files.next());
            if (!file.open(QIODevice::ReadOnly))
                continue;
            ++scanned;
            QVERIFY2(!file.readAll().contains(secret), qPrintable(file.fileName()));
        }
        QVERIFY(scanned > 1);
        const auto events = m_client->get(u"/v1/sandboxes/%1/events?kind=exec.*"_s.arg(m_id));
        bool started = false;
        for (const auto &value : events.json.value(u"events"_s).toArray()) {
            const auto data = value.toObject().value(u"data"_s).toObject();
            if (data.value(u"exec_id"_s).toString() == execId
                && value.toObject().value(u"kind"_s).toString() == u"exec.started"_s) {
                started = true;
                QCOMPARE(data.value(u"mode"_s).toString(), u"pty"_s);
            }
        }
        QVERIFY(started);
    }

    void malformedControlFrameCloses()
    {
        auto pty = open(m_id);
        QVERIFY(pty);
        // Unknown types are ignored (a newer client's); a known type with bad fields closes.
        pty->control({{u"type"_s, u"future-thing"_s}});
        pty->type("echo \"alive-$((8*8))\"\r");
        QVERIFY(pty->waitFor("alive-64"));
        pty->control({{u"type"_s, u"resize"_s}, {u"cols"_s, 0}, {u"rows"_s, 10}});
        QVERIFY(OrkestrTest::waitUntil([&] { return pty->disconnected; }, 5000));
        QCOMPARE(pty->socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
        QVERIFY(pty->socket.closeReason().contains(u"cols"_s));
    }

    void terminateEndsItsSessions()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        auto pty = open(id);
        QVERIFY(pty);
        pty->type("echo \"up-$((4*4))\"\r");
        QVERIFY(pty->waitFor("up-16"));
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + id).status, 200);
        const auto exit = pty->waitForExit();
        QCOMPARE(exit.value(u"type"_s).toString(), u"exit"_s);
        QCOMPARE(exit.value(u"signal"_s).toInt(), 9);
    }

private:
    // Whether the sandbox's process list shows a `sleep 100` (within timeoutMs).
    bool sleepRuns(int timeoutMs = 15000)
    {
        return waitUntil(
            [&] {
                const auto list = m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(m_id));
                for (const auto &process : list.json.value(u"processes"_s).toArray())
                    if (process.toObject().value(u"command"_s).toString() == u"sleep 100"_s)
                        return true;
                return false;
            },
            timeoutMs);
    }
    std::unique_ptr<PtyClient> open(const QString &id, const QString &query = {})
    {
        auto pty = std::make_unique<PtyClient>();
        QUrl url = m_client->base.resolved(QUrl(u"/v1/sandboxes/%1/pty"_s.arg(id)));
        url.setScheme(u"ws"_s);
        if (!query.isEmpty())
            url.setQuery(query, QUrl::StrictMode);
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + m_client->token.toUtf8());
        pty->socket.open(request);
        if (!OrkestrTest::waitUntil([&] { return pty->connected || pty->disconnected; }, 10000)
            || !pty->connected) {
            qWarning() << "no pty session:" << pty->socket.errorString();
            return {};
        }
        return pty;
    }
};

QTEST_GUILESS_MAIN(TestServerPty)
#include "tst_server_pty.moc"
