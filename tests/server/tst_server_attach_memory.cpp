// orkestr-local's memory while an exec writes a lot of output with attachers (issue 16): the
// output goes to files and every reader (the exec's own stream, attachers) is paced by its
// socket, so the server's RSS stays flat however much is written. One exec writes 256 MiB here
// (1 GiB in bench/'s bench_attach_memory, built from this file; ORKESTR_ATTACH_MEMORY_MIB
// overrides both) against a 64 MiB retention budget, read by its own stream, three attachers
// that read everything and one that reads nothing until the end.

#include "serverfixture.h"

#include "support/memorybounds.h"

#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>

#include <array>

#ifndef ORKESTR_ATTACH_MEMORY_DEFAULT_MIB
#define ORKESTR_ATTACH_MEMORY_DEFAULT_MIB 256
#endif

using namespace Qt::StringLiterals;

namespace {
// A raw HTTP/1.1 reader that counts what it receives and keeps the tail (the end of the stream).
struct RawReader
{
    QTcpSocket socket;
    qint64 received = 0;
    QByteArray head;
    QByteArray tail;
    bool gap = false;
    bool ended() const { return tail.endsWith("0\r\n\r\n"); }
    void take()
    {
        const QByteArray bytes = socket.readAll();
        received += bytes.size();
        if (head.size() < 64)
            head += bytes.left(64);
        gap = gap || (tail.right(16) + bytes).contains("event: gap");
        tail = (tail + bytes).right(4096);
    }
};
} // namespace

class TestServerAttachMemory : public ServerTestCase
{
    Q_OBJECT
private:
    void open(RawReader &reader, const QByteArray &request)
    {
        reader.socket.connectToHost(m_client->base.host(), quint16(m_client->base.port()));
        QVERIFY(reader.socket.waitForConnected(5000));
        reader.socket.write(request);
    }
    QByteArray request(const QByteArray &verb, const QString &path, const QByteArray &body = {}) const
    {
        QByteArray head = verb + ' ' + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + m_client->token.toUtf8() + "\r\nAccept: text/event-stream\r\n";
        if (!body.isEmpty())
            head += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size())
                + "\r\n";
        return head + "\r\n" + body;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startServer({u"--plan"_s, u"team"_s, u"--output-retention-mib"_s, u"64"_s}));
    }
    void cleanupTestCase() { stopServer(); }

    void serverMemoryStaysFlatWhileAttachersRead()
    {
        const qint64 mib = qEnvironmentVariableIsSet("ORKESTR_ATTACH_MEMORY_MIB")
            ? qEnvironmentVariableIntValue("ORKESTR_ATTACH_MEMORY_MIB")
            : ORKESTR_ATTACH_MEMORY_DEFAULT_MIB;
        const qint64 total = mib * 1024 * 1024;
        const qint64 pid = m_server->process->processId();
        const qint64 before = residentKb(pid);
        qint64 peak = before;
        QTimer sampler;
        connect(&sampler, &QTimer::timeout, this, [&] { peak = std::max(peak, residentKb(pid)); });
        sampler.start(50);
        QElapsedTimer elapsed;
        elapsed.start();

        RawReader exec;
        connect(&exec.socket, &QTcpSocket::readyRead, this, [&exec] { exec.take(); });
        const QByteArray body
            = QJsonDocument(
                  QJsonObject {{u"command"_s, u"sleep 0.5; head -c %1 /dev/zero | tr '\\0' a"_s.arg(total)},
                               {u"timeout_seconds"_s, 3000}})
                  .toJson(QJsonDocument::Compact);
        open(exec, request("POST", u"/v1/sandboxes/%1/exec/stream"_s.arg(m_id), body));
        QString execId;
        QVERIFY(waitUntil([&] {
            const auto list = m_client->get(u"/v1/sandboxes/%1/execs?status=running"_s.arg(m_id));
            execId = list.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
            return !execId.isEmpty();
        }));
        const QString path = u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(m_id, execId);
        std::array<RawReader, 3> attachers;
        for (auto &attacher : attachers) {
            connect(&attacher.socket, &QTcpSocket::readyRead, this, [&attacher] { attacher.take(); });
            open(attacher, request("GET", path));
        }
        // Reads nothing until the exec has ended.
        RawReader stalled;
        stalled.socket.setReadBufferSize(16 * 1024);
        stalled.socket.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 16 * 1024);
        open(stalled, request("GET", path));

        QVERIFY(waitUntil(
            [&] {
                return exec.ended() && std::all_of(attachers.cbegin(), attachers.cend(), [](const auto &a) {
                           return a.ended();
                       });
            },
            600000));
        const qint64 streamedMs = elapsed.elapsed();
        const qint64 peakWhileStreaming = peak;
        qInfo("%lld MiB streamed to 1 + 3 readers in %lld ms; server RSS %lld kB before, peak %lld kB", mib,
              streamedMs, before, peakWhileStreaming);
        QVERIFY(exec.head.startsWith("HTTP/1.1 200"));
        QVERIFY(exec.received > total);
        QVERIFY(exec.tail.contains("event: exit"));
        for (const auto &attacher : attachers) {
            QVERIFY(attacher.head.startsWith("HTTP/1.1 200"));
            QVERIFY(attacher.tail.contains("event: exit"));
            // Everything, unless retention dropped some of it before it was read.
            QVERIFY(attacher.received > 64LL * 1024 * 1024);
        }
        const auto record = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(m_id, execId)).json;
        QCOMPARE(record.value(u"stdout_bytes"_s).toInteger(), total);
        QVERIFY(record.value(u"retained_from"_s).toObject().value(u"stdout"_s).toInteger()
                >= total - 64LL * 1024 * 1024);

        // The stalled attacher is still there; read now, it skipped what was dropped.
        QCOMPARE(stalled.socket.state(), QAbstractSocket::ConnectedState);
        stalled.socket.setReadBufferSize(0);
        connect(&stalled.socket, &QTcpSocket::readyRead, this, [&stalled] { stalled.take(); });
        stalled.take();
        QVERIFY(waitUntil([&] { return stalled.ended(); }, 120000));
        sampler.stop();
        QVERIFY(stalled.head.startsWith("HTTP/1.1 200"));
        QVERIFY(stalled.received < total);
        QVERIFY(stalled.gap);
        QVERIFY(stalled.tail.contains("event: exit"));
        ORKESTR_VERIFY_MEMORY_BOUND(peak - before < 64 * 1024,
                                    qPrintable(u"server grew by %1 kB"_s.arg(peak - before)));
    }
};

QTEST_GUILESS_MAIN(TestServerAttachMemory)
#include "tst_server_attach_memory.moc"
