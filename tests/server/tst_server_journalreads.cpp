// orkestr-local's reads of the activity journal (GET .../events, .../execs, .../execs/{id}) run on
// reader threads with connections of their own, never on the event loop: while a read waits for
// the database, the server answers other requests. The read is held up honestly, from outside
// the server: this test takes, as another process using the database could, the locks of the
// WAL's read slots in the -shm file (bytes 123 to 127 for SQLite's unix VFS), so that a new
// read transaction cannot begin; SQLite retries for about ten seconds before it gives up with
// "locking protocol". And the reads see every commit made before them: a client sees the
// events and records of what it has just done.

#include "serverfixture.h"

#include <QTcpSocket>

#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
// The read slots of a WAL database locked by this process (a write lock on each: no reader can
// take one). Released when it goes out of scope, so that a failed test never leaves the server
// waiting.
class LockedReadSlots
{
public:
    explicit LockedReadSlots(const QString &shm)
        : m_fd(::open(QFile::encodeName(shm).constData(), O_RDWR | O_CLOEXEC))
    {
    }
    ~LockedReadSlots()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    LockedReadSlots(const LockedReadSlots &) = delete;
    LockedReadSlots &operator=(const LockedReadSlots &) = delete;

    // False while a reader of the server holds a slot (or the file did not open).
    bool take() { return m_fd >= 0 && lock(F_WRLCK); }
    bool release() { return lock(F_UNLCK); }

private:
    static constexpr off_t FirstReadSlot = 123; // WALINDEX_LOCK_OFFSET 120 + WAL_READ_LOCK(0)
    static constexpr off_t ReadSlots = 5;
    bool lock(short type)
    {
        struct flock lock = {};
        lock.l_type = type;
        lock.l_whence = SEEK_SET;
        lock.l_start = FirstReadSlot;
        lock.l_len = ReadSlots;
        return ::fcntl(m_fd, F_SETLK, &lock) == 0;
    }
    int m_fd;
};

// Whether the server has read everything sent on the connection from clientPort to serverPort
// (its receive queue is empty): the request is then dispatched, in the same turn of the server's
// event loop that read it.
bool serverHasRead(quint16 serverPort, quint16 clientPort)
{
    for (const auto &table : {u"/proc/net/tcp"_s, u"/proc/net/tcp6"_s}) {
        QFile file(table);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QList<QByteArray> lines = file.readAll().split('\n');
        for (const auto &line : lines.mid(1)) {
            // sl local_address rem_address st tx_queue:rx_queue ...
            const QList<QByteArray> fields = line.simplified().split(' ');
            if (fields.size() < 5)
                continue;
            const auto port = [](const QByteArray &address) {
                return address.mid(address.lastIndexOf(':') + 1).toUInt(nullptr, 16);
            };
            if (port(fields[1]) != serverPort || port(fields[2]) != clientPort)
                continue;
            return fields[4].split(':').value(1).toLongLong(nullptr, 16) == 0;
        }
    }
    return false;
}

// A raw HTTP/1.1 request on a connection of its own, and its answer as it arrives.
struct RawRequest
{
    QTcpSocket socket;
    QByteArray received;

    void send(const QUrl &base, const QString &token, const QString &path)
    {
        QObject::connect(&socket, &QTcpSocket::readyRead, &socket, [this] { received += socket.readAll(); });
        socket.connectToHost(base.host(), quint16(base.port()));
        socket.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                     + token.toUtf8() + "\r\n\r\n");
    }
    // The body, once the whole answer (as long as its Content-Length says) has arrived.
    std::optional<QByteArray> body() const
    {
        const qsizetype end = received.indexOf("\r\n\r\n");
        if (end < 0)
            return std::nullopt;
        qint64 length = -1;
        for (const auto &line : received.left(end).split('\n'))
            if (line.toLower().startsWith("content-length:"))
                length = line.mid(15).trimmed().toLongLong();
        const QByteArray body = received.mid(end + 4);
        if (length < 0 || body.size() < length)
            return std::nullopt;
        return body;
    }
    int status() const { return received.mid(9, 3).toInt(); }
};
} // namespace

class TestServerJournalReads : public ServerTestCase
{
    Q_OBJECT
private:
    // Sends GET path, waits until the server has dispatched it, then checks that the loop answers
    // other requests while that read waits for the database's read slots, and returns the
    // answer it gets once they are free.
    void readWhileTheDatabaseIsLocked(const QString &path, RawRequest &stuck)
    {
        readWhileTheDatabaseIsLocked(path, stuck, [&stuck] { return !stuck.received.isEmpty(); });
        QVERIFY(waitUntil([&] { return stuck.body().has_value(); }, 60000));
    }
    template<typename Answered>
    void readWhileTheDatabaseIsLocked(const QString &path, RawRequest &stuck, Answered answered,
                                      const std::function<void()> &beforeRelease = {})
    {
        LockedReadSlots readSlots(m_server->dataDir.path() + u"/journal.sqlite-shm"_s);
        QVERIFY(waitUntil([&] { return readSlots.take(); }, 60000));
        stuck.send(m_client->base, m_client->token, path);
        QVERIFY(stuck.socket.waitForConnected(10000));
        QVERIFY(waitUntil(
            [&] {
                return stuck.socket.bytesToWrite() == 0
                    && serverHasRead(quint16(m_client->base.port()), stuck.socket.localPort());
            },
            60000));
        // The read has been dispatched and cannot begin: the server still answers, and has not
        // answered the read.
        const auto account = m_client->get(u"/v1/account"_s);
        QCOMPARE(account.status, 200);
        const auto sandbox = m_client->get(u"/v1/sandboxes/"_s + m_id);
        QCOMPARE(sandbox.status, 200);
        QCOMPARE(sandbox.json.value(u"id"_s).toString(), m_id);
        QVERIFY2(!answered(), stuck.received.constData());
        if (beforeRelease)
            beforeRelease();
        QVERIFY(readSlots.release());
    }

    // The read, held up by the lock, answers once released what a read without the wait gives
    // (SQLite gave up on a read that waited on the loop past its retries: an empty page).
    void readsTheSameWhileTheDatabaseIsLocked(const QString &path, const HttpResult &expected)
    {
        QCOMPARE(expected.status, 200);
        RawRequest stuck;
        readWhileTheDatabaseIsLocked(path, stuck);
        if (QTest::currentTestFailed())
            return;
        QCOMPARE(stuck.status(), 200);
        QCOMPARE(*stuck.body(), expected.body);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({})); }
    void cleanupTestCase() { stopServer(); }

    void theLoopAnswersWhileAnEventsPageWaitsForTheDatabase()
    {
        QCOMPARE(m_client->exec(m_id, u"echo hello"_s).status, 200);
        const QString path = u"/v1/sandboxes/%1/events?limit=50"_s.arg(m_id);
        const auto expected = m_client->get(path);
        QVERIFY(expected.json.value(u"events"_s).toArray().size() >= 3);
        readsTheSameWhileTheDatabaseIsLocked(path, expected);
    }

    void theLoopAnswersWhileExecRecordsWaitForTheDatabase()
    {
        const auto ran = m_client->exec(m_id, u"echo records"_s);
        QCOMPARE(ran.status, 200);
        const QString list = u"/v1/sandboxes/%1/execs"_s.arg(m_id);
        const auto expectedList = m_client->get(list);
        QCOMPARE(expectedList.status, 200);
        const QString execId
            = expectedList.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
        QVERIFY(!execId.isEmpty());
        readsTheSameWhileTheDatabaseIsLocked(list, expectedList);
        if (QTest::currentTestFailed())
            return;
        const QString one = list + u'/' + execId;
        readsTheSameWhileTheDatabaseIsLocked(one, m_client->get(one));
    }

    void theLoopAnswersWhileAStreamReplayWaitsForTheDatabase()
    {
        const QString path = u"/v1/sandboxes/%1/events"_s.arg(m_id);
        const auto expected = m_client->get(path);
        const qint64 latest = expected.json.value(u"latest_seq"_s).toInteger();
        QVERIFY(latest >= 3);
        RawRequest stream;
        readWhileTheDatabaseIsLocked(path + u"/stream?after_seq=0"_s, stream,
                                     [&stream] { return stream.received.contains("event: activity"); });
        if (QTest::currentTestFailed())
            return;
        // Every event from the first on, in order.
        QVERIFY(waitUntil(
            [&] { return stream.received.contains("id: " + QByteArray::number(latest) + '\n'); }, 60000));
        QVERIFY(stream.received.startsWith("HTTP/1.1 200"));
        qsizetype at = 0;
        for (qint64 seq = 1; seq <= latest; ++seq) {
            const qsizetype next = stream.received.indexOf("id: " + QByteArray::number(seq) + '\n', at);
            QVERIFY2(next > at, qPrintable(QString::number(seq)));
            at = next;
        }
        QVERIFY(!stream.received.contains("event: gap"));
    }

    void aClientThatLeavesDuringAReadIsNoTrouble()
    {
        const QString path = u"/v1/sandboxes/%1/events"_s.arg(m_id);
        {
            // Gone while its read waits for the database.
            RawRequest gone;
            readWhileTheDatabaseIsLocked(
                path, gone, [&gone] { return !gone.received.isEmpty(); }, [&gone] { gone.socket.abort(); });
            if (QTest::currentTestFailed())
                return;
        }
        {
            RawRequest leaves;
            leaves.send(m_client->base, m_client->token, path + u"/stream?after_seq=0"_s);
            QVERIFY(leaves.socket.waitForConnected(10000));
            QVERIFY(waitUntil([&] { return leaves.received.contains("event: activity"); }, 60000));
            leaves.socket.abort();
        }
        // The answers to the departed are dropped; the server goes on answering.
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(m_client->get(path).status, 200);
            QCOMPARE(m_client->get(u"/v1/account"_s).status, 200);
        }
    }

    void aReadSeesWhatTheClientHasJustDone()
    {
        for (int i = 0; i < 10; ++i) {
            const qint64 latest = m_client->get(u"/v1/sandboxes/%1/events?limit=1"_s.arg(m_id))
                                      .json.value(u"latest_seq"_s)
                                      .toInteger();
            QCOMPARE(m_client->exec(m_id, u"true"_s).status, 200);
            // The exec's answer came after its record and events were committed.
            const auto events
                = m_client->get(u"/v1/sandboxes/%1/events?after_seq=%2"_s.arg(m_id).arg(latest));
            QCOMPARE(events.status, 200);
            const QJsonArray page = events.json.value(u"events"_s).toArray();
            QCOMPARE(page.size(), 2);
            QCOMPARE(page.at(0).toObject().value(u"kind"_s).toString(), u"exec.started"_s);
            QCOMPARE(page.at(1).toObject().value(u"kind"_s).toString(), u"exec.finished"_s);
            QCOMPARE(events.json.value(u"latest_seq"_s).toInteger(), latest + 2);
            const QString execId
                = page.at(1).toObject().value(u"data"_s).toObject().value(u"exec_id"_s).toString();
            const auto record = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(m_id, execId));
            QCOMPARE(record.status, 200);
            QCOMPARE(record.json.value(u"status"_s).toString(), u"exited"_s);
            const auto newest = m_client->get(u"/v1/sandboxes/%1/execs?limit=1"_s.arg(m_id));
            QCOMPARE(
                newest.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString(),
                execId);
        }
    }

    void unknownExecsAndBadCursorsAreAnsweredAsBefore()
    {
        const auto missing
            = m_client->get(u"/v1/sandboxes/%1/execs/exe_00000000000000000000000000"_s.arg(m_id));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorType(), u"exec_not_found"_s);
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/events?after_seq=x"_s.arg(m_id)).status, 400);
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/execs?before=nope"_s.arg(m_id)).status, 400);
        QCOMPARE(m_client->get(u"/v1/sandboxes/sbx_00000000000000000000000000/events"_s).status, 404);
    }
};

QTEST_GUILESS_MAIN(TestServerJournalReads)
#include "tst_server_journalreads.moc"
