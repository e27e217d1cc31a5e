// orkestr-local's exec stream (server-sent events) over HTTP: events, offsets, UTF-8 chunking,
// terminal events, keepalives and backpressure against a slow reader.

#include "memorybounds.h"
#include "serverfixture.h"

#include <QFile>
#include <QTcpSocket>

using namespace Qt::StringLiterals;

class TestServerStream : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({u"--plan"_s, u"team"_s})); }

    HttpResult stream(const QString &command, double timeoutSeconds = 30)
    {
        return m_client->post(u"/v1/sandboxes/%1/exec/stream"_s.arg(m_id),
                              {{u"command"_s, command}, {u"timeout_seconds"_s, timeoutSeconds}});
    }

    void outputAndExit()
    {
        const auto result = stream(u"echo one; echo warn >&2; sleep 0.2; echo two; exit 4"_s);
        QCOMPARE(result.status, 200);
        QVERIFY(result.header("Content-Type").startsWith("text/event-stream"));
        QVERIFY(result.header("X-Request-Id").startsWith("req_"));
        QVERIFY(!result.header("X-RateLimit-Limit").isEmpty());
        const auto parsed = parseSse(result.body);
        QVERIFY(parsed.events.size() >= 4);
        QString out, err;
        qint64 expectedOffset = 0;
        for (const auto &event : parsed.events.mid(0, parsed.events.size() - 1)) {
            QCOMPARE(event.event, QByteArray("output"));
            const QString data = event.data.value(u"data"_s).toString();
            if (event.data.value(u"stream"_s).toString() == u"stdout"_s) {
                QCOMPARE(event.data.value(u"offset"_s).toInteger(), expectedOffset);
                expectedOffset += data.toUtf8().size();
                out += data;
            } else {
                err += data;
            }
        }
        QCOMPARE(out, u"one\ntwo\n"_s);
        QCOMPARE(err, u"warn\n"_s);
        const auto last = parsed.events.last();
        QCOMPARE(last.event, QByteArray("exit"));
        QCOMPARE(last.data.value(u"exit_code"_s).toInt(), 4);
        QVERIFY(last.data.value(u"duration_ms"_s).toDouble() >= 200);
    }

    void neverSplitsUtf8()
    {
        // "é" (c3 a9) and "€" (e2 82 ac) written byte by byte with pauses; then an invalid byte.
        const auto result
            = stream(uR"(printf '\303'; sleep 0.2; printf '\251'; sleep 0.2; printf '\342\202'; )"
                     uR"(sleep 0.2; printf '\254\n'; printf '\377\n')"_s);
        QCOMPARE(result.status, 200);
        const auto parsed = parseSse(result.body);
        QString out;
        for (const auto &event : parsed.events) {
            if (event.event != "output")
                continue;
            const QString data = event.data.value(u"data"_s).toString();
            out += data;
        }
        QCOMPARE(out, u"é€\n\uFFFD\n"_s);
        QCOMPARE(parsed.events.last().event, QByteArray("exit"));
    }

    void timeoutAndKillAreErrorEvents()
    {
        const auto timeout = stream(u"echo start; sleep 30"_s, 1);
        QCOMPARE(timeout.status, 200);
        auto parsed = parseSse(timeout.body);
        QCOMPARE(parsed.events.first().data.value(u"data"_s).toString(), u"start\n"_s);
        QCOMPARE(parsed.events.last().event, QByteArray("error"));
        const auto error = parsed.events.last().data.value(u"error"_s).toObject();
        QCOMPARE(error.value(u"type"_s).toString(), u"exec_timeout"_s);
        QVERIFY(error.value(u"duration_ms"_s).toDouble() >= 1000);

        parsed = parseSse(stream(u"kill -TERM $$"_s).body);
        QCOMPARE(parsed.events.size(), 1);
        QCOMPARE(parsed.events.last().event, QByteArray("error"));
        QCOMPARE(parsed.events.last().data.value(u"error"_s).toObject().value(u"type"_s).toString(),
                 u"exec_killed"_s);
        QCOMPARE(parsed.events.last().data.value(u"error"_s).toObject().value(u"signal"_s).toInt(), 15);
    }

    void errorsBeforeTheStreamAreJson()
    {
        const auto missing = m_client->post(u"/v1/sandboxes/sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C/exec/stream"_s,
                                            {{u"command"_s, u"true"_s}});
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorType(), u"sandbox_not_found"_s);
        const QString other = m_client->create();
        m_client->del(u"/v1/sandboxes/"_s + other);
        const auto notReady
            = m_client->post(u"/v1/sandboxes/%1/exec/stream"_s.arg(other), {{u"command"_s, u"true"_s}});
        QCOMPARE(notReady.status, 409);
        QCOMPARE(notReady.errorType(), u"sandbox_not_ready"_s);
    }

    void slowReaderDoesNotGrowServerMemory()
    {
        const qint64 pid = m_server->process->processId();
        const qint64 before = residentKb(pid);
        QVERIFY(before > 0);
        // A raw socket that sends the request and then does not read for a while.
        QTcpSocket socket;
        socket.setReadBufferSize(64 * 1024);
        socket.connectToHost(m_server->url().host(), quint16(m_server->url().port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body
            = R"({"command":"head -c 300000000 /dev/zero | tr '\\0' a; echo done >&2","timeout_seconds":60})";
        socket.write(
            "POST /v1/sandboxes/" + m_id.toUtf8()
            + "/exec/stream HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nAuthorization: Bearer "
            + m_server->token().toUtf8() + "\r\nContent-Length: " + QByteArray::number(body.size())
            + "\r\n\r\n" + body);
        QVERIFY(socket.waitForBytesWritten(5000));
        qint64 peak = before;
        for (int i = 0; i < 30; ++i) { // 3 s of not reading
            QTest::qWait(100);
            peak = std::max(peak, residentKb(pid));
        }
        ORKESTR_VERIFY_MEMORY_BOUND(peak - before < 64 * 1024,
                                    qPrintable(u"server grew by %1 kB"_s.arg(peak - before)));
        // The producer is held back, not finished: reading on resumes the flow.
        qint64 received = 0;
        QElapsedTimer timer;
        timer.start();
        while (received < 20 * 1024 * 1024 && timer.elapsed() < 20000) {
            socket.waitForReadyRead(1000);
            received += socket.readAll().size();
        }
        QVERIFY(received >= 20 * 1024 * 1024);
        socket.abort();
    }

    void keepaliveWhileSilent()
    {
        const auto result = stream(u"sleep 16; echo late"_s);
        const auto parsed = parseSse(result.body);
        QVERIFY(parsed.keepalives >= 1);
        QCOMPARE(parsed.events.last().event, QByteArray("exit"));
    }

    void cleanupTestCase() { stopServer(); }

private:
};

QTEST_GUILESS_MAIN(TestServerStream)
#include "tst_server_stream.moc"
