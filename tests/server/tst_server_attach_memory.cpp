// orkestr-local's memory while an exec writes a lot of output with attachers (issue 16): the
// output goes to files and every reader (the exec's own stream, attachers) is paced by its
// socket, so the server's RSS stays flat however much is written. One exec writes 256 MiB here
// (1 GiB in bench/'s bench_attach_memory, built from this file; ORKESTR_ATTACH_MEMORY_MIB
// overrides both) against a 64 MiB retention budget, read by its own stream, three attachers
// that read everything and one that reads nothing until the end.
// And the server's event loop while the disk does not take the output at all (the exec's first
// segment made a FIFO nobody reads, where the output writer's thread blocks): requests are
// answered, attachers read what is queued, and the queue's bound holds the command back.
// And while a replay's read does not come back from the disk (a finished exec's first segment
// made a FIFO nobody writes, where an output reader's thread blocks): requests are answered,
// other attaches run to their end, and the stuck attacher gets its output once the disk answers.

#include "serverfixture.h"
#include "stucksegment.h"

#include "support/memorybounds.h"

#include <QElapsedTimer>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTimer>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <optional>

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
// Whether a thread of the process waits in open() of a FIFO for its other end, as far as the
// kernel shows it (nullopt when it does not show where threads wait).
std::optional<bool> waitsInFifoOpen(qint64 pid)
{
    const QDir tasks(u"/proc/%1/task"_s.arg(pid));
    bool shown = false;
    for (const auto &task : tasks.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile wchan(tasks.filePath(task + u"/wchan"_s));
        if (!wchan.open(QIODevice::ReadOnly))
            continue;
        const QByteArray where = wchan.readAll();
        if (where == "wait_for_partner" || where == "fifo_open")
            return true;
        shown = shown || (!where.isEmpty() && where != "0");
    }
    return shown ? std::optional<bool>(false) : std::nullopt;
}
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
    // Starts an exec stream of command and returns its exec id once it runs.
    QString startExec(RawReader &reader, const QString &command)
    {
        connect(&reader.socket, &QTcpSocket::readyRead, this, [&reader] { reader.take(); });
        const QByteArray body
            = QJsonDocument(QJsonObject {{u"command"_s, command}, {u"timeout_seconds"_s, 3000}})
                  .toJson(QJsonDocument::Compact);
        open(reader, request("POST", u"/v1/sandboxes/%1/exec/stream"_s.arg(m_id), body));
        QString execId;
        waitUntil([&] {
            const auto list = m_client->get(u"/v1/sandboxes/%1/execs?status=running"_s.arg(m_id));
            execId = list.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
            return !execId.isEmpty();
        });
        return execId;
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
        const QString execId = startExec(exec, u"sleep 0.5; head -c %1 /dev/zero | tr '\\0' a"_s.arg(total));
        QVERIFY(!execId.isEmpty());
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

    void theLoopAnswersWhileTheOutputDiskIsStuck()
    {
        constexpr qint64 MiB = 1024 * 1024;
        // ExecOutputWriter::MaxQueuedBytes: while that much waits for the disk, the server
        // reads no more of the command's output.
        constexpr qint64 QueueBound = 16 * MiB;
        const qint64 total = 64 * MiB;
        const qint64 pid = m_server->process->processId();
        const qint64 before = residentKb(pid);
        // The exec waits for a go file, so that its output directory is prepared first.
        RawReader exec;
        const QString execId = startExec(
            exec,
            u"while [ ! -e /workspace/go ]; do sleep 0.05; done; head -c %1 /dev/zero | tr '\\0' b"_s.arg(
                total));
        QVERIFY(!execId.isEmpty());
        const QString execDir = m_server->dataDir.path() + u"/output/%1/%2"_s.arg(m_id, execId);
        QVERIFY(QDir().mkpath(execDir));
        const QByteArray fifo = QFile::encodeName(execDir + u"/stdout-0.seg"_s);
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        // Opening the FIFO for reading lets the writer's open() return; a pwrite to a FIFO then
        // fails, so the rest of the exec's output is not recorded.
        bool unstuck = false;
        const auto unstick = [&] {
            if (std::exchange(unstuck, true))
                return;
            const int fd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        };
        const auto unstickOnFailure = qScopeGuard(unstick);
        QCOMPARE(m_client->exec(m_id, u"touch /workspace/go"_s).status, 200);

        // The writer is stuck on the first chunk; the loop goes on and the queue fills up.
        QVERIFY(waitUntil([&] { return exec.received > QueueBound / 2; }, 120000));
        RawReader attacher;
        connect(&attacher.socket, &QTcpSocket::readyRead, this, [&attacher] { attacher.take(); });
        open(attacher, request("GET", u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(m_id, execId)));
        qint64 slowestMs = 0;
        for (int i = 0; i < 10; ++i) {
            QElapsedTimer answered;
            answered.start();
            const auto record = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(m_id, execId));
            slowestMs = std::max(slowestMs, answered.elapsed());
            QCOMPARE(record.status, 200);
            QCOMPARE(record.json.value(u"status"_s).toString(), u"running"_s);
            const qint64 recorded = record.json.value(u"stdout_bytes"_s).toInteger();
            QVERIFY2(recorded <= QueueBound + MiB, qPrintable(QString::number(recorded)));
            QTest::qWait(100);
        }
        qInfo("slowest answer while the output's disk was stuck: %lld ms", slowestMs);
        QVERIFY2(slowestMs < 10000, qPrintable(QString::number(slowestMs)));
        // The attacher read the queued output from memory; the command waits on its pipe.
        QVERIFY(waitUntil([&] { return attacher.received > QueueBound / 2; }, 60000));
        QVERIFY(!exec.ended());
        QVERIFY2(exec.received < QueueBound + 4 * MiB, qPrintable(QString::number(exec.received)));
        const qint64 stuckKb = residentKb(pid);
        ORKESTR_VERIFY_MEMORY_BOUND(stuckKb - before < 64 * 1024,
                                    qPrintable(u"server grew by %1 kB"_s.arg(stuckKb - before)));

        // Unstuck, the writes fail: the exec runs to its end, its stream and the attacher get
        // everything the command wrote, the attacher a gap for what was not recorded.
        unstick();
        QVERIFY(waitUntil([&] { return exec.ended() && attacher.ended(); }, 300000));
        QVERIFY(exec.received > total);
        QVERIFY(exec.tail.contains("event: exit"));
        QVERIFY(attacher.gap);
        QVERIFY(attacher.tail.contains("event: exit"));
        const auto record = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(m_id, execId)).json;
        QCOMPARE(record.value(u"status"_s).toString(), u"exited"_s);
        QCOMPARE(record.value(u"stdout_bytes"_s).toInteger(), total);
    }

    void theLoopAnswersWhileAReplayIsStuckInTheDisk()
    {
        constexpr qint64 MiB = 1024 * 1024;
        const qint64 total = 32 * MiB;
        RawReader exec;
        const QString execId = startExec(exec, u"head -c %1 /dev/zero | tr '\\0' c"_s.arg(total));
        QVERIFY(!execId.isEmpty());
        QVERIFY(waitUntil([&] { return exec.ended(); }, 300000));
        const QString path = u"/v1/sandboxes/%1/execs/%2"_s.arg(m_id, execId);
        const auto record = m_client->get(path).json;
        QCOMPARE(record.value(u"stdout_bytes"_s).toInteger(), total);
        QCOMPARE(record.value(u"retained_from"_s).toObject().value(u"stdout"_s).toInteger(), 0);

        // The first segment becomes a FIFO: an open() for reading waits there for a writer.
        StuckSegment stuckSegment(m_server->dataDir.path()
                                  + u"/output/%1/%2/stdout-0.seg"_s.arg(m_id, execId));
        QVERIFY(stuckSegment.swap());

        RawReader stuck;
        connect(&stuck.socket, &QTcpSocket::readyRead, this, [&stuck] { stuck.take(); });
        open(stuck, request("GET", path + u"/stream"_s));
        // Where the kernel shows it, the replay's read is seen waiting in the FIFO first.
        const qint64 pid = m_server->process->processId();
        const bool shown = waitsInFifoOpen(pid).has_value();
        if (shown)
            QVERIFY(waitUntil([&] { return waitsInFifoOpen(pid).value_or(false); }, 60000));
        // While that replay waits for the disk, the server answers, and another attach of the
        // same exec runs to its end.
        for (int i = 0; i < 5; ++i) {
            const auto answer = m_client->get(path);
            QCOMPARE(answer.status, 200);
            QCOMPARE(answer.json.value(u"status"_s).toString(), u"exited"_s);
            QCOMPARE(m_client->get(u"/v1/sandboxes/%1/events"_s.arg(m_id)).status, 200);
        }
        RawReader live;
        connect(&live.socket, &QTcpSocket::readyRead, this, [&live] { live.take(); });
        open(live, request("GET", path + u"/stream?from=live"_s));
        QVERIFY(waitUntil([&] { return live.ended(); }, 60000));
        QVERIFY(live.tail.contains("event: exit"));
        QVERIFY(!stuck.head.contains("event: output") && !stuck.tail.contains("event: output"));
        if (shown)
            QVERIFY(waitsInFifoOpen(pid).value_or(false));
        // The replay's read is the one waiting in the FIFO: it has a reader, which a write end
        // lets go (its chunk then cannot be read: a gap). With the segment back in its place the
        // rest is read from it (a read that opened the FIFO again meanwhile is let go too).
        QVERIFY(waitUntil([&] { return stuckSegment.release(); }, 60000));
        QVERIFY(!stuck.head.contains("event: output") && !stuck.tail.contains("event: output"));
        QVERIFY(stuckSegment.putBack());
        QVERIFY(waitUntil(
            [&] {
                stuckSegment.release();
                return stuck.ended();
            },
            300000));
        QVERIFY(stuck.head.startsWith("HTTP/1.1 200"));
        QVERIFY(stuck.gap);
        QVERIFY(stuck.tail.contains("event: exit"));
        QVERIFY2(stuck.received > total - 4 * MiB, qPrintable(QString::number(stuck.received)));
    }
};

QTEST_GUILESS_MAIN(TestServerAttachMemory)
#include "tst_server_attach_memory.moc"
