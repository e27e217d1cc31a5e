// orkestr-local killed with SIGKILL (no handler, no destructor, nothing flushed) in the middle of
// file writes and of pauses, then started again on the same data dir (issue "Hardening"):
// - a file is either its previous whole content or its new whole content, never torn, and no
//   temporary file is left in the sandbox's workspace;
// - a sandbox caught while pausing is paused (its snapshot was complete) or failed
//   (docs/server.md); every paused one resumes with its files intact, a failed one keeps its files;
// - every state file on disk is whole JSON after every kill;
// - the activity journal, killed during a burst of execs and writes, is whole after the restart:
//   seqs without gaps, every answered request's event present, execs that ran at the kill `lost`;
//   their output files agree with their records: an exec writing at the kill reads back whole
//   and in order up to its recorded byte count, every answered exec's output is there.

#include "eventwait.h"
#include "killableserver.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QHttp1Configuration>
#include <QJsonArray>
#include <QRandomGenerator>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {

QByteArray sha(const QByteArray &bytes)
{
    return QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(16);
}

// Deterministic content: version `version` of file `index`, `size` bytes.
QByteArray content(int index, int version, qsizetype size)
{
    QRandomGenerator random(quint32(index * 1000 + version + 1));
    QByteArray bytes(size, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), size / 4);
    return bytes;
}

// An attach body (SSE): the stdout text of its output events and the name of the last event.
struct Attached
{
    QByteArray stdoutText;
    QByteArray last;
    QJsonObject lastData;
};

Attached attachedOutput(const QByteArray &body)
{
    Attached out;
    for (const auto &block : body.split('\n')) {
        if (block.startsWith("event: ")) {
            out.last = block.mid(7);
        } else if (block.startsWith("data: ")) {
            out.lastData = QJsonDocument::fromJson(block.mid(6)).object();
            if (out.last == "output" && out.lastData.value(u"stream"_s).toString() == u"stdout"_s)
                out.stdoutText += out.lastData.value(u"data"_s).toString().toUtf8();
        }
    }
    return out;
}

} // namespace

class TestCrash : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        m_server.dataDir = m_dataDir.path();
        m_server.extraArguments
            = {u"--plan"_s, u"team"_s, u"--snapshot-cap"_s, u"100"_s, u"--rate-limit"_s, u"100000/min"_s};
        QVERIFY(m_server.start());
        m_http1.setNumberOfConnectionsPerHost(32);
    }

    void killedDuringWritesLeavesNoTornFile();
    void killedDuringPausesLeavesCoherentSandboxes();
    void killedDuringExecsAndWritesKeepsTheJournalWhole();

private:
    void restartAfterKill();
    // Every state.json (and the other JSON files) under the data dir parses whole.
    void verifyStateFilesWhole();
    // Starts writes without waiting; the replies are owned by m_network.
    // The files the server holds open under a workspace (from /proc/<pid>/fd), as their links read.
    QStringList openWorkspaceFiles() const;
    // Starts a write without waiting; m_confirmed counts the ones answered 200.
    void startWrite(const QString &id, const QString &path, const QByteArray &bytes);

    QTemporaryDir m_dataDir;
    KillableServer m_server;
    QNetworkAccessManager m_network;
    QHttp1Configuration m_http1;
    int m_kills = 0;
    int m_confirmed = 0;
    QSet<QString> m_confirmedWrites; // sandbox id + path of each write answered 200
};

void TestCrash::startWrite(const QString &id, const QString &path, const QByteArray &bytes)
{
    QNetworkRequest request(m_server.url().resolved(QUrl(u"/v1/sandboxes/%1/files"_s.arg(id))));
    request.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    request.setHttp1Configuration(m_http1);
    QNetworkReply *reply = m_network.put(request, SyncClient::writeBody(path, bytes));
    connect(reply, &QNetworkReply::finished, this, [this, reply, key = id + path] {
        reply->deleteLater();
        if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200) {
            ++m_confirmed;
            m_confirmedWrites.insert(key);
        }
    });
}

QStringList TestCrash::openWorkspaceFiles() const
{
    QStringList open;
    const QString fdDir = u"/proc/%1/fd"_s.arg(m_server.pid());
    const auto fds = QDir(fdDir).entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot);
    for (const auto &fd : fds) {
        char target[4096];
        const auto length
            = ::readlink(QFile::encodeName(fdDir + u'/' + fd).constData(), target, sizeof target);
        if (length <= 0)
            continue;
        const QString path = QFile::decodeName(QByteArray(target, length));
        if (path.startsWith(m_dataDir.path() + u"/sandboxes/"_s) && path.contains(u"/workspace/"_s))
            open.append(path.mid(path.indexOf(u"/workspace/"_s)));
    }
    return open;
}

void TestCrash::restartAfterKill()
{
    m_server.kill();
    ++m_kills;
    verifyStateFilesWhole();
    QVERIFY(m_server.start());
    QVERIFY2(!m_server.output.contains("unreadable"), m_server.output.constData());
}

void TestCrash::verifyStateFilesWhole()
{
    int checked = 0;
    QDirIterator it(m_dataDir.path(), {u"*.json"_s}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        // Workspaces are the sandboxes' own files, not the server's state.
        const QString relative = QDir(m_dataDir.path()).relativeFilePath(path);
        if (relative.contains(u"/workspace/"_s) || relative.contains(u"/tmp/"_s))
            continue;
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QJsonParseError error;
        const auto document = QJsonDocument::fromJson(file.readAll(), &error);
        QVERIFY2(error.error == QJsonParseError::NoError && document.isObject(),
                 qPrintable(u"%1: %2"_s.arg(path, error.errorString())));
        if (path.endsWith(u"/state.json"_s))
            QVERIFY2(document.object().value(u"id"_s).toString().startsWith(u"sbx_"_s), qPrintable(path));
        ++checked;
    }
    QVERIFY(checked > 0);
    // The sandboxes' records live in the journal's database: it is whole, and so is every record.
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"crash-check"_s);
        db.setDatabaseName(m_dataDir.path() + u"/journal.sqlite"_s);
        QVERIFY(db.open());
        QSqlQuery integrity(db);
        QVERIFY(integrity.exec(u"PRAGMA integrity_check"_s) && integrity.next());
        QCOMPARE(integrity.value(0).toString(), u"ok"_s);
        QSqlQuery records(db);
        QVERIFY(records.exec(u"SELECT id, status, version FROM sandboxes"_s));
        while (records.next()) {
            QVERIFY2(records.value(0).toString().startsWith(u"sbx_"_s),
                     qPrintable(records.value(0).toString()));
            QVERIFY(!records.value(1).toString().isEmpty());
            QVERIFY(records.value(2).toLongLong() > 0);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(u"crash-check"_s);
}

void TestCrash::killedDuringWritesLeavesNoTornFile()
{
    SyncClient client(&m_server);
    constexpr int FileCount = 6;
    constexpr qsizetype FileSize = 8 * 1024 * 1024;
    const QStringList ids {client.create(), client.create()};
    QVERIFY(!ids[0].isEmpty() && !ids[1].isEmpty());
    const auto sandboxOf = [&](int file) {
        return ids[file % 2];
    };
    const auto pathOf = [](int file) {
        return u"/workspace/data/file%1.bin"_s.arg(file);
    };
    // The files are checked on disk, where the server keeps them: the point is what a crash
    // leaves there (and reading 8 MiB from disk is quicker than through the API).
    const auto diskPathOf = [&](int file) {
        return m_dataDir.path() + u"/sandboxes/"_s + sandboxOf(file) + pathOf(file);
    };

    // Version 0 of every file, all at once as in the rounds below, confirmed before any kill.
    // Its duration sets the kill moments, so that they fall across the whole write.
    QElapsedTimer clock;
    clock.start();
    m_confirmed = 0;
    for (int file = 0; file < FileCount; ++file)
        startWrite(sandboxOf(file), pathOf(file), content(file, 0, FileSize));
    QVERIFY(OrkestrTest::waitUntil([&] { return m_confirmed == FileCount; }, 120000));
    const qint64 writeAllMs = clock.elapsed();
    QMap<int, QByteArray> current; // file -> hash of what is on disk now
    for (int file = 0; file < FileCount; ++file)
        current[file] = sha(content(file, 0, FileSize));

    // Two kinds of moments. By time: a fraction of the whole write's duration (while the bodies
    // arrive, or after all were answered). By what the server does: as soon as it holds a file
    // open in a workspace (it is decoding and writing one), plus a few milliseconds, so that the
    // kill lands in the write itself, the fsync or the rename.
    // And one right after the first write was answered: whatever the machine's speed, that round
    // has a new version on disk, and an answered write must survive the kill.
    struct Moment
    {
        double fraction; // of writeAllMs; -1: after the first open workspace file; -2: after an answer
        int afterOpenMs; // after the first open workspace file, when fraction is -1
    };
    const QList<Moment> moments {{0.05, 0}, {0.5, 0},  {1.3, 0},  {-1, 0},   {-1, 10},
                                 {-1, 50},  {-1, 150}, {-1, 400}, {-1, 900}, {-2, 0}};
    int sawOld = 0;
    int sawNew = 0;
    int killsWhileWriting = 0;
    QSet<QString> openFileForms;
    for (int round = 0; round < moments.size(); ++round) {
        const int version = round + 1;
        QMap<int, QByteArray> next;
        m_confirmed = 0;
        m_confirmedWrites.clear();
        for (int file = 0; file < FileCount; ++file) {
            const QByteArray bytes = content(file, version, FileSize);
            next[file] = sha(bytes);
            startWrite(sandboxOf(file), pathOf(file), bytes);
        }
        // State churn at the same moment: a create whose state.json is being written.
        QNetworkRequest create(m_server.url().resolved(QUrl(u"/v1/sandboxes"_s)));
        create.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
        create.setRawHeader("Idempotency-Key", "crash-" + QByteArray::number(round));
        create.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        QNetworkReply *created = m_network.post(create, "{\"template\":\"ubuntu-24.04\"}"_ba);
        connect(created, &QNetworkReply::finished, created, &QObject::deleteLater);
        QElapsedTimer sinceStart;
        sinceStart.start();
        const Moment moment = moments[round];
        if (moment.fraction >= 0) {
            QTest::qWait(int(double(writeAllMs) * moment.fraction));
        } else if (moment.fraction == -2) {
            QVERIFY2(OrkestrTest::waitUntil([&] { return m_confirmed > 0; }, 120000),
                     "no write was answered");
        } else {
            QVERIFY2(OrkestrTest::waitUntil([&] { return !openWorkspaceFiles().isEmpty(); },
                                            int(writeAllMs) * 3 + 5000),
                     "the server never opened a file in a workspace");
            if (moment.afterOpenMs > 0)
                QTest::qWait(moment.afterOpenMs);
        }
        const qint64 killAfterMs = sinceStart.elapsed();
        const QStringList openAtKill = openWorkspaceFiles();
        for (const auto &file : openAtKill)
            openFileForms.insert(QString(file).replace(QRegularExpression(u"[0-9]+"_s), u"N"_s));
        killsWhileWriting += openAtKill.isEmpty() ? 0 : 1;
        const QSet<QString> answeredWrites = m_confirmedWrites;
        restartAfterKill();
        const int answered = int(answeredWrites.size());
        if (QTest::currentTestFailed())
            return;

        int roundOld = 0;
        int roundNew = 0;
        for (int file = 0; file < FileCount; ++file) {
            QFile onDisk(diskPathOf(file));
            QVERIFY2(onDisk.open(QIODevice::ReadOnly), qPrintable(onDisk.fileName()));
            const QByteArray bytes = onDisk.readAll();
            const QByteArray hash = sha(bytes);
            QVERIFY2(
                hash == current[file] || hash == next[file],
                qPrintable(u"round %1, file %2: %3 bytes that are neither the old nor the new version (a "
                           u"torn file)"_s.arg(round)
                               .arg(file)
                               .arg(bytes.size())));
            if (answeredWrites.contains(sandboxOf(file) + pathOf(file)))
                QVERIFY2(
                    hash == next[file],
                    qPrintable(u"round %1, file %2: the write was answered, but the old version is on disk"_s
                                   .arg(round)
                                   .arg(file)));
            (hash == next[file] ? roundNew : roundOld)++;
            current[file] = hash;
        }
        sawOld += roundOld;
        sawNew += roundNew;
        // No temporary file left behind where the sandbox would see it (hidden ones included).
        for (const auto &id : ids) {
            const auto entries
                = QDir(m_dataDir.path() + u"/sandboxes/"_s + id + u"/workspace/data"_s)
                      .entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
            for (const auto &name : entries)
                QVERIFY2(QRegularExpression(u"^file\\d\\.bin$"_s).match(name).hasMatch(),
                         qPrintable(u"round %1: left behind in %2: %3"_s.arg(round).arg(id, name)));
        }
        // The API agrees with the disk (one file per round, through the restarted server).
        const int probe = round % FileCount;
        QCOMPARE(sha(client.readFile(sandboxOf(probe), pathOf(probe))), current[probe]);
        qInfo("round %d: killed %lld ms after six 8 MiB writes started (all six take %lld ms), %lld files "
              "open in workspaces: %d files old, %d new, %d writes had been answered",
              round, killAfterMs, writeAllMs, qint64(openAtKill.size()), roundOld, roundNew, answered);
    }
    qInfo("writes: %d kills, %d of them while the server had files open in workspaces (%s); %d files found "
          "whole with the old content, %d with the new, none torn",
          m_kills, killsWhileWriting,
          qPrintable(QStringList(openFileForms.cbegin(), openFileForms.cend()).join(u", "_s)), sawOld,
          sawNew);
    // At least one kill hit the server in the middle of writing a file.
    QVERIFY(killsWhileWriting > 0);
    // The moments are spread so that both outcomes happen (otherwise the kills missed the writes).
    QVERIFY(sawOld > 0);
    QVERIFY(sawNew > 0);
}

void TestCrash::killedDuringPausesLeavesCoherentSandboxes()
{
    SyncClient client(&m_server);
    constexpr int PerRound = 6;
    // The last moment is long enough for most snapshots to be complete on a slow machine too.
    const QList<int> killAfterMs {10, 60, 150, 300, 600, 2500};
    int sawPaused = 0;
    int sawFailed = 0;
    for (int round = 0; round < killAfterMs.size(); ++round) {
        // Sandboxes with files worth a snapshot that takes a moment (4 MiB to 14 MiB each), and a
        // process left running at the pause (it must not matter after the restart).
        QStringList ids;
        QMap<QString, QByteArray> hashes;
        for (int i = 0; i < PerRound; ++i) {
            const QString id = client.create();
            QVERIFY(!id.isEmpty());
            // Made inside the sandbox (quicker than an upload); the hash is the reference.
            const auto made = client.post(
                u"/v1/sandboxes/%1/exec"_s.arg(id),
                {{u"command"_s,
                  u"head -c %1 /dev/urandom > /workspace/state.bin && sha256sum /workspace/state.bin | "
                  u"head -c 16; nohup sleep 1000 >/dev/null 2>&1 &"_s.arg((4 + 2 * i) * 1024 * 1024)}});
            QCOMPARE(made.status, 200);
            const QByteArray hash = made.json.value(u"stdout"_s).toString().toLatin1();
            QCOMPARE(hash.size(), 16);
            ids.append(id);
            hashes[id] = hash;
        }
        for (const auto &id : std::as_const(ids)) {
            QNetworkRequest request(m_server.url().resolved(QUrl(u"/v1/sandboxes/%1/pause"_s.arg(id))));
            request.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
            request.setHttp1Configuration(m_http1);
            connect(m_network.post(request, QByteArray()), &QNetworkReply::finished, this, [] {});
        }
        QTest::qWait(killAfterMs[round]);
        restartAfterKill();
        if (QTest::currentTestFailed())
            return;

        for (const auto &id : std::as_const(ids)) {
            const auto got = client.send("GET", u"/v1/sandboxes/%1"_s.arg(id));
            QCOMPARE(got.status, 200);
            const QString status = got.json.value(u"status"_s).toString();
            QVERIFY2(status == u"paused"_s || status == u"failed"_s,
                     qPrintable(u"round %1: %2 is %3 after the restart"_s.arg(round).arg(id, status)));
            if (status == u"paused"_s) {
                ++sawPaused;
                // The contract: a paused sandbox has its snapshot's size and time.
                const auto snapshot = got.json.value(u"snapshot"_s).toObject();
                QVERIFY2(snapshot.value(u"size_bytes"_s).toInteger() > 0, got.body.constData());
                QVERIFY2(!got.json.value(u"paused_at"_s).toString().isEmpty(), got.body.constData());
                const auto resumed = client.post(u"/v1/sandboxes/%1/resume"_s.arg(id));
                QVERIFY2(resumed.status == 200, resumed.body.constData());
                QCOMPARE(resumed.json.value(u"status"_s).toString(), u"running"_s);
                const auto ran
                    = client.post(u"/v1/sandboxes/%1/exec"_s.arg(id),
                                  {{u"command"_s, u"sha256sum /workspace/state.bin | head -c 16"_s}});
                QCOMPARE(ran.status, 200);
                QCOMPARE(ran.json.value(u"stdout"_s).toString().toLatin1(), hashes[id]);
            } else {
                ++sawFailed;
                QCOMPARE(got.json.value(u"termination_reason"_s).toString(), u"error"_s);
                // A failed sandbox keeps its files until it is terminated.
                QCOMPARE(sha(client.readFile(id, u"/workspace/state.bin"_s)), hashes[id]);
                QCOMPARE(client.post(u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 409);
            }
            QCOMPARE(client.send("DELETE", u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        }
        // The snapshot quota counts what is really paused.
        const auto account = client.send("GET", u"/v1/account"_s);
        QCOMPARE(account.json.value(u"snapshots"_s).toObject().value(u"used"_s).toInt(), 0);
        qInfo("pause round %d: killed %d ms after %d pauses started", round, killAfterMs[round], PerRound);
    }
    qInfo("pauses: %d sandboxes came back paused and resumed, %d came back failed", sawPaused, sawFailed);
    QVERIFY(sawPaused > 0);
    QVERIFY(sawFailed > 0);
}

void TestCrash::killedDuringExecsAndWritesKeepsTheJournalWhole()
{
    SyncClient client(&m_server);
    const QString id = client.create();
    QVERIFY(!id.isEmpty());
    const auto request = [&](const QString &path) {
        QNetworkRequest r(m_server.url().resolved(QUrl(path)));
        r.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
        r.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        r.setHttp1Configuration(m_http1);
        return r;
    };
    // One exec that is surely running at the kill.
    std::unique_ptr<QNetworkReply> sleeper(
        m_network.post(request(u"/v1/sandboxes/%1/exec"_s.arg(id)), R"({"command":"sleep 60"})"_ba));
    // Polled with a plain loop: the check itself waits for an HTTP answer.
    const auto runningExecs = [&] {
        return client.send("GET", u"/v1/sandboxes/%1/execs?status=running"_s.arg(id))
            .json.value(u"execs"_s)
            .toArray()
            .size();
    };
    for (int i = 0; i < 200 && runningExecs() != 1; ++i)
        QTest::qWait(50);
    QCOMPARE(runningExecs(), 1);
    // And one that is writing output at the kill: `seq 1 1000` again and again.
    const QString writerCommand = u"while :; do seq 1 1000; sleep 0.01; done"_s;
    std::unique_ptr<QNetworkReply> writer(
        m_network.post(request(u"/v1/sandboxes/%1/exec/stream"_s.arg(id)),
                       QJsonDocument(QJsonObject {{u"command"_s, writerCommand}}).toJson()));
    for (int i = 0; i < 200 && runningExecs() != 2; ++i)
        QTest::qWait(50);
    QCOMPARE(runningExecs(), 2);

    // A burst of execs and writes; the server is killed once a third of them were answered.
    constexpr int Burst = 60;
    QSet<QString> answeredCommands;
    QSet<QString> answeredPaths;
    int answered = 0;
    QList<QNetworkReply *> replies;
    for (int i = 0; i < Burst; ++i) {
        QNetworkReply *reply = nullptr;
        QString key;
        if (i % 2 == 0) {
            key = u"echo burst-%1"_s.arg(i);
            reply = m_network.post(request(u"/v1/sandboxes/%1/exec"_s.arg(id)),
                                   QJsonDocument(QJsonObject {{u"command"_s, key}}).toJson());
        } else {
            key = u"/workspace/burst/%1.txt"_s.arg(i);
            reply = m_network.put(request(u"/v1/sandboxes/%1/files"_s.arg(id)),
                                  SyncClient::writeBody(key, "x"_ba.repeated(i)));
        }
        replies.append(reply);
        connect(reply, &QNetworkReply::finished, this, [&, reply, key, exec = i % 2 == 0] {
            if (reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() != 200)
                return;
            ++answered;
            (exec ? answeredCommands : answeredPaths).insert(key);
        });
    }
    QVERIFY(OrkestrTest::waitUntil([&] { return answered >= Burst / 3; }, 60000));
    restartAfterKill();
    QVERIFY(OrkestrTest::waitUntil(
        [&] {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](auto *reply) { return reply->isFinished(); });
        },
        30000));
    qDeleteAll(replies);
    QVERIFY2(answered < Burst, "the kill came after the whole burst");
    writer.reset();

    QList<QJsonObject> events;
    bool more = true;
    while (more) {
        const auto page = client.send(
            "GET", u"/v1/sandboxes/%1/events?after_seq=%2&limit=1000"_s.arg(id).arg(events.size()));
        QCOMPARE(page.status, 200);
        for (const auto &event : page.json.value(u"events"_s).toArray())
            events.append(event.toObject());
        more = page.json.value(u"has_more"_s).toBool();
    }
    QSet<QString> started;
    QSet<QString> finished;
    QSet<QString> written;
    QHash<QString, QString> commandOf;
    QString sleeperStatus;
    bool failedAtRestart = false;
    for (qsizetype i = 0; i < events.size(); ++i) {
        const auto &event = events[i];
        QCOMPARE(event.value(u"seq"_s).toInteger(), i + 1);
        const QString kind = event.value(u"kind"_s).toString();
        const auto data = event.value(u"data"_s).toObject();
        const QString execId = data.value(u"exec_id"_s).toString();
        if (kind == u"exec.started"_s) {
            started.insert(execId);
            commandOf.insert(execId, data.value(u"command"_s).toString());
        } else if (kind == u"exec.finished"_s) {
            QVERIFY2(started.contains(execId), qPrintable(execId));
            finished.insert(execId);
            if (commandOf.value(execId) == u"sleep 60"_s)
                sleeperStatus = data.value(u"status"_s).toString();
            if (data.value(u"status"_s).toString() == u"lost"_s)
                QCOMPARE(event.value(u"actor"_s).toObject().value(u"reason"_s).toString(), u"restart"_s);
        } else if (kind == u"file.written"_s) {
            written.insert(data.value(u"path"_s).toString());
        } else if (kind == u"sandbox.failed"_s) {
            failedAtRestart
                = event.value(u"actor"_s).toObject().value(u"reason"_s).toString() == u"restart"_s;
        }
    }
    // Every exec that started ended (those caught by the kill as lost), every answer has its event.
    QCOMPARE(finished, started);
    QCOMPARE(sleeperStatus, u"lost"_s);
    QVERIFY(failedAtRestart);
    for (const auto &path : std::as_const(answeredPaths))
        QVERIFY2(written.contains(path), qPrintable(path));
    const QList<QString> commands = commandOf.values();
    for (const auto &command : std::as_const(answeredCommands))
        QVERIFY2(commands.contains(command), qPrintable(command));
    const auto execs = client.send("GET", u"/v1/sandboxes/%1/execs?status=running"_s.arg(id));
    QCOMPARE(execs.json.value(u"execs"_s).toArray().size(), 0);
    QVERIFY(!answeredCommands.isEmpty() && !answeredPaths.isEmpty());

    // The output files agree with the records: each answered exec's output is kept whole, and the
    // exec caught writing reads back, in order, exactly as many bytes as its record counts.
    QByteArray block;
    for (int i = 1; i <= 1000; ++i)
        block += QByteArray::number(i) + '\n';
    int writers = 0;
    for (auto it = commandOf.cbegin(); it != commandOf.cend(); ++it) {
        const QString execPath = u"/v1/sandboxes/%1/execs/%2"_s.arg(id, it.key());
        const auto record = client.send("GET", execPath).json;
        const auto replay = attachedOutput(client.send("GET", execPath + u"/stream"_s).body);
        QCOMPARE(replay.stdoutText.size(), record.value(u"stdout_bytes"_s).toInteger());
        if (answeredCommands.contains(it.value())) {
            QCOMPARE(replay.stdoutText, it.value().mid(5).toUtf8() + '\n');
            QCOMPARE(replay.last, QByteArray("exit"));
        } else if (it.value() == writerCommand) {
            ++writers;
            QCOMPARE(record.value(u"status"_s).toString(), u"lost"_s);
            QVERIFY(replay.stdoutText.size() > 0);
            for (qsizetype at = 0; at < replay.stdoutText.size(); at += block.size())
                QVERIFY2(block.startsWith(replay.stdoutText.mid(at, block.size())),
                         qPrintable(QString::number(at)));
            QCOMPARE(replay.last, QByteArray("error"));
            QCOMPARE(replay.lastData.value(u"error"_s).toObject().value(u"type"_s).toString(),
                     u"exec_lost"_s);
        }
    }
    QCOMPARE(writers, 1);
    client.send("DELETE", u"/v1/sandboxes/"_s + id);
}

QTEST_GUILESS_MAIN(TestCrash)
#include "tst_crash.moc"
