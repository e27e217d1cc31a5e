// orkestr-local's pause, resume, snapshot caps and durability across a server restart, and work
// in flight across a pause (file writes, execs and exec streams).

#include "serverfixture.h"

#include <QDir>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;

namespace {

QJsonObject fileBody(const QString &path, const QByteArray &content)
{
    return {{u"path"_s, path},
            {u"encoding"_s, u"base64"_s},
            {u"content"_s, QString::fromLatin1(content.toBase64())}};
}

// stdout of an exec (buffered or streamed) and how it ended: the exit code, or the error type.
struct ExecEnd
{
    int status = 0;
    QString out;
    int exitCode = -1;
    QString error;
};

ExecEnd execEnd(const HttpResult &result, bool stream)
{
    ExecEnd end {result.status, {}, -1, {}};
    if (!stream) {
        end.out = result.json.value(u"stdout"_s).toString();
        end.exitCode = result.json.value(u"exit_code"_s).toInt(-1);
        end.error = result.errorType();
        return end;
    }
    for (const auto &event : parseSse(result.body).events) {
        if (event.event == "output" && event.data.value(u"stream"_s).toString() == u"stdout"_s)
            end.out += event.data.value(u"data"_s).toString();
        else if (event.event == "exit")
            end.exitCode = event.data.value(u"exit_code"_s).toInt(-1);
        else if (event.event == "error")
            end.error = event.data.value(u"error"_s).toObject().value(u"type"_s).toString();
    }
    return end;
}

} // namespace

class TestServerPause : public ServerTestCase
{
    Q_OBJECT
private Q_SLOTS:
    // The work-in-flight tests share one server; the others need a plan or a restart of their own.
    void initTestCase() { QVERIFY(startServer({u"--plan"_s, u"team"_s}, false)); }
    void cleanupTestCase() { stopServer(); }

    // A pause waits for file writes under way and never fails because the workspace changed while
    // it was saved (before: 500 "tar: workspace: file changed as we read it", about 1 in 5).
    void pauseDuringFileWrites()
    {
        auto &c = *m_client;
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        // Ballast, so that each snapshot takes a while and writes arrive while it is written.
        QCOMPARE(c.exec(id, u"head -c 33554432 /dev/urandom > /workspace/ballast"_s, 60).status, 200);

        struct Writer
        {
            int index = 0;
            int round = 0;
            std::unique_ptr<QNetworkReply> reply;
            QByteArray content;
            QString path;
            QHash<QString, QByteArray> written;
            QList<int> failures;
        };
        std::array<Writer, 2> writers;
        bool stopping = false;
        bool pausing = false;
        int writesDuringPause = 0;
        QObject context; // destroyed first: no answer arrives at a writer that is gone
        std::function<void(Writer &)> next = [&](Writer &writer) {
            writer.path = u"/workspace/w%1/f%2.bin"_s.arg(writer.index).arg(writer.round % 6);
            writer.content
                = patternBytes(quint32(writer.index * 100000 + writer.round), 192 * 1024 + 4 * writer.round);
            ++writer.round;
            writesDuringPause += pausing ? 1 : 0;
            writer.reply.reset(
                c.start("PUT", u"/v1/sandboxes/%1/files"_s.arg(id), fileBody(writer.path, writer.content)));
            QObject::connect(writer.reply.get(), &QNetworkReply::finished, &context, [&] {
                const int status = writer.reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                if (status == 200)
                    writer.written.insert(writer.path, writer.content);
                else
                    writer.failures.append(status);
                if (!stopping)
                    QMetaObject::invokeMethod(
                        &context, [&] { next(writer); }, Qt::QueuedConnection);
                else
                    writer.reply.release()->deleteLater();
            });
        };
        for (int i = 0; i < int(writers.size()); ++i) {
            writers[i].index = i;
            next(writers[i]);
        }
        for (int cycle = 0; cycle < 15; ++cycle) {
            pausing = true;
            const auto paused = c.post(u"/v1/sandboxes/%1/pause"_s.arg(id));
            pausing = false;
            QVERIFY2(paused.status == 200, paused.body.constData());
            QTest::qWait(30);
            const auto resumed = c.post(u"/v1/sandboxes/%1/resume"_s.arg(id));
            QVERIFY2(resumed.status == 200, resumed.body.constData());
            QTest::qWait(30);
        }
        stopping = true;
        QVERIFY(waitUntil([&] { return !writers[0].reply && !writers[1].reply; }, 20000));
        QVERIFY2(writesDuringPause >= 5, qPrintable(QString::number(writesDuringPause)));
        for (const auto &writer : writers) {
            QVERIFY2(writer.failures.isEmpty(), qPrintable(QString::number(writer.failures.value(0))));
            QVERIFY(writer.round > 15);
            // Every file is whole: the last content written to it.
            for (auto it = writer.written.cbegin(); it != writer.written.cend(); ++it) {
                const auto read = c.get(u"/v1/sandboxes/%1/files?path=%2"_s.arg(id, it.key()));
                QCOMPARE(read.status, 200);
                QVERIFY(QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1())
                        == it.value());
            }
        }
        c.del(u"/v1/sandboxes/"_s + id);
    }

    // Execs and exec streams freeze with the sandbox and answer their real result soon after the
    // resume (before: the exec answered 408 only when its 30 s timeout ran out).
    void execContinuesAcrossPauseAndResume_data()
    {
        QTest::addColumn<bool>("stream");
        QTest::newRow("exec") << false;
        QTest::newRow("exec/stream") << true;
    }
    void execContinuesAcrossPauseAndResume()
    {
        QFETCH(bool, stream);
        auto &c = *m_client;
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        QCOMPARE(c.exec(id, u"head -c 1000000 /dev/zero > /workspace/big"_s).status, 200);
        const QString endpoint = stream ? u"/v1/sandboxes/%1/exec/stream"_s : u"/v1/sandboxes/%1/exec"_s;
        std::unique_ptr<QNetworkReply> exec(
            c.start("POST", endpoint.arg(id),
                    QJsonObject {{u"command"_s, u"sleep 2; wc -c < big"_s}, {u"timeout_seconds"_s, 30}}));
        QTest::qWait(500);
        QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        QTest::qWait(1000);
        QVERIFY(!exec->isFinished()); // frozen with the sandbox
        QElapsedTimer sinceResume;
        QCOMPARE(c.post(u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 200);
        sinceResume.start();
        QVERIFY(waitUntil([&] { return exec->isFinished(); }, 15000));
        QVERIFY2(sinceResume.elapsed() < 3000, qPrintable(QString::number(sinceResume.elapsed())));
        const auto end = execEnd(ServerClient::result(*exec), stream);
        QCOMPARE(end.status, 200);
        QCOMPARE(end.error, QString());
        QCOMPARE(end.out, u"1000000\n"_s);
        QCOMPARE(end.exitCode, 0);
        c.del(u"/v1/sandboxes/"_s + id);
    }

    // The time spent paused does not count toward an exec's timeout_seconds.
    void pausedTimeDoesNotCountTowardTheTimeout_data() { execContinuesAcrossPauseAndResume_data(); }
    void pausedTimeDoesNotCountTowardTheTimeout()
    {
        QFETCH(bool, stream);
        auto &c = *m_client;
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        const QString endpoint = stream ? u"/v1/sandboxes/%1/exec/stream"_s : u"/v1/sandboxes/%1/exec"_s;
        QElapsedTimer wall;
        wall.start();
        // About 2.5 s of work with a 4 s timeout, paused for 3 s of it.
        std::unique_ptr<QNetworkReply> exec(
            c.start("POST", endpoint.arg(id),
                    QJsonObject {{u"command"_s, u"for i in 1 2 3 4 5; do sleep 0.5; done; echo done"_s},
                                 {u"timeout_seconds"_s, 4}}));
        QTest::qWait(300);
        QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        QTest::qWait(3000);
        QCOMPARE(c.post(u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 200);
        QVERIFY(waitUntil([&] { return exec->isFinished(); }, 15000));
        QVERIFY(wall.elapsed() > 4000); // it did outlive its timeout on the wall clock
        const auto end = execEnd(ServerClient::result(*exec), stream);
        QCOMPARE(end.status, 200);
        QCOMPARE(end.error, QString());
        QCOMPARE(end.out, u"done\n"_s);
        QCOMPARE(end.exitCode, 0);
        c.del(u"/v1/sandboxes/"_s + id);
    }

    void pauseFreezesAndResumeContinues()
    {
        TestServer server;
        QVERIFY(server.start({u"--plan"_s, u"free"_s}));
        ServerClient c(server);
        const QString id = c.create();
        QVERIFY(!id.isEmpty());
        // A counter in the background: it writes an ever growing number every 50 ms.
        QCOMPARE(c.exec(id,
                        u"nohup sh -c 'i=0; while true; do i=$((i+1)); echo $i > /tmp/counter; "
                        "sleep 0.05; done' >/dev/null 2>&1 &"_s)
                     .status,
                 200);
        const auto counter = [&] {
            const auto read = c.get(u"/v1/sandboxes/%1/files?path=/tmp/counter"_s.arg(id));
            return QByteArray::fromBase64(read.json.value(u"content"_s).toString().toLatin1())
                .trimmed()
                .toInt();
        };
        QVERIFY(waitUntil([&] { return counter() > 3; }));

        const auto paused = c.post(u"/v1/sandboxes/%1/pause"_s.arg(id));
        QCOMPARE(paused.status, 200);
        QCOMPARE(paused.json.value(u"status"_s).toString(), u"paused"_s);
        QVERIFY(paused.json.value(u"expires_at"_s).isNull());
        QVERIFY(!paused.json.value(u"paused_at"_s).isNull());
        const auto snapshot = paused.json.value(u"snapshot"_s).toObject();
        QVERIFY(snapshot.value(u"size_bytes"_s).toInteger() > 0);
        QVERIFY(!snapshot.value(u"created_at"_s).toString().isEmpty());
        QVERIFY(QFileInfo::exists(server.dataDir.filePath(u"snapshots/%1.tar"_s.arg(id))));

        const int frozen = counter();
        QTest::qWait(500);
        QCOMPARE(counter(), frozen); // files stay readable, the process does not run

        // A paused sandbox does not exec; the account counts its snapshot.
        const auto notReady = c.exec(id, u"true"_s);
        QCOMPARE(notReady.status, 409);
        QCOMPARE(notReady.error().value(u"status"_s).toString(), u"paused"_s);
        const auto account = c.get(u"/v1/account"_s).json;
        QCOMPARE(account.value(u"snapshots"_s).toObject().value(u"used"_s).toInt(), 1);
        QCOMPARE(account.value(u"usage"_s).toObject().value(u"paused_sandboxes"_s).toInt(), 1);
        QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 409);

        // The free plan keeps one snapshot: a second pause is refused.
        const QString second = c.create();
        const auto capped = c.post(u"/v1/sandboxes/%1/pause"_s.arg(second));
        QCOMPARE(capped.status, 402);
        QCOMPARE(capped.errorType(), u"snapshot_cap_reached"_s);
        QCOMPARE(capped.error().value(u"plan"_s).toString(), u"free"_s);
        QCOMPARE(capped.error().value(u"cap"_s).toInt(), 1);
        QCOMPARE(capped.error().value(u"used"_s).toInt(), 1);
        QCOMPARE(c.get(u"/v1/sandboxes/"_s + second).json.value(u"status"_s).toString(), u"running"_s);

        const auto resumed = c.post(u"/v1/sandboxes/%1/resume"_s.arg(id));
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.json.value(u"status"_s).toString(), u"running"_s);
        QVERIFY(resumed.json.value(u"snapshot"_s).isNull());
        const auto expires
            = QDateTime::fromString(resumed.json.value(u"expires_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(QDateTime::currentDateTimeUtc().secsTo(expires) - 600) <= 2); // the clock restarted
        QVERIFY(waitUntil([&] { return counter() > frozen + 2; }));
        QVERIFY(!QFileInfo::exists(server.dataDir.filePath(u"snapshots/%1.tar"_s.arg(id))));
        QCOMPARE(c.post(u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 409);

        // The slot is free again.
        QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(second)).status, 200);
        // Terminating a paused sandbox discards its snapshot.
        QCOMPARE(c.del(u"/v1/sandboxes/"_s + second).json.value(u"status"_s).toString(), u"terminated"_s);
        QVERIFY(!QFileInfo::exists(server.dataDir.filePath(u"snapshots/%1.tar"_s.arg(second))));
        QCOMPARE(c.get(u"/v1/account"_s).json.value(u"snapshots"_s).toObject().value(u"used"_s).toInt(), 0);
        c.del(u"/v1/sandboxes/"_s + id);
    }

    void pauseOfABigWorkspaceDoesNotStallTheServer()
    {
        TestServer server;
        QVERIFY(server.start({u"--plan"_s, u"pro"_s}));
        ServerClient c(server);
        const QString id = c.create();
        QCOMPARE(c.exec(id, u"head -c 300000000 /dev/urandom > /workspace/big"_s, 60).status, 200);
        QNetworkRequest request(c.base.resolved(QUrl(u"/v1/sandboxes/%1/pause"_s.arg(id))));
        request.setRawHeader("Authorization", "Bearer " + c.token.toUtf8());
        std::unique_ptr<QNetworkReply> pause(c.network.post(request, QByteArray()));
        QTest::qWait(50);
        // While the snapshot is written, other requests are answered.
        const auto during = c.get(u"/v1/sandboxes/"_s + id);
        QCOMPARE(during.status, 200);
        const QString status = during.json.value(u"status"_s).toString();
        QVERIFY2(status == u"pausing"_s || status == u"paused"_s, qPrintable(status));
        if (status == u"pausing"_s)
            QCOMPARE(c.exec(id, u"true"_s).error().value(u"status"_s).toString(), u"pausing"_s);
        QVERIFY(waitUntil([&] { return pause->isFinished(); }, 60000));
        QCOMPARE(pause->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(QFileInfo(server.dataDir.filePath(u"snapshots/%1.tar"_s.arg(id))).size() > 300000000);
        c.del(u"/v1/sandboxes/"_s + id);
    }

    void restartKeepsPausedSandboxAndFiles()
    {
        TestServer server;
        QVERIFY(server.start({u"--plan"_s, u"pro"_s}));
        QString pausedId, runningId, keyedId;
        {
            ServerClient c(server);
            pausedId = c.create();
            runningId = c.create();
            QCOMPARE(c.exec(pausedId, u"echo kept > /workspace/state.txt; echo tmp > /tmp/t.txt"_s).status,
                     200);
            QCOMPARE(c.exec(runningId, u"echo also-kept > /workspace/r.txt"_s).status, 200);
            QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(pausedId)).status, 200);
            keyedId = c.send("POST", u"/v1/sandboxes"_s, R"({"template":"python-3.12"})",
                             {{"Idempotency-Key", "k-restart"}})
                          .json.value(u"id"_s)
                          .toString();
            QVERIFY(!keyedId.isEmpty());
        }
        server.process->stop();
        server.process = std::make_unique<Orkestr::LocalServerProcess>();
        QVERIFY(server.start({u"--plan"_s, u"pro"_s}));
        ServerClient c(server);

        const auto paused = c.get(u"/v1/sandboxes/"_s + pausedId);
        QCOMPARE(paused.status, 200);
        QCOMPARE(paused.json.value(u"status"_s).toString(), u"paused"_s);
        QVERIFY(paused.json.value(u"snapshot"_s).toObject().value(u"size_bytes"_s).toInteger() > 0);
        const auto running = c.get(u"/v1/sandboxes/"_s + runningId);
        QCOMPARE(running.json.value(u"status"_s).toString(), u"failed"_s);
        QCOMPARE(running.json.value(u"termination_reason"_s).toString(), u"error"_s);
        // A failed sandbox keeps its files until it is terminated.
        const auto kept = c.get(u"/v1/sandboxes/%1/files?path=/workspace/r.txt"_s.arg(runningId));
        QCOMPARE(kept.status, 200);
        QCOMPARE(QByteArray::fromBase64(kept.json.value(u"content"_s).toString().toLatin1()),
                 QByteArray("also-kept\n"));
        QCOMPARE(
            c.get(u"/v1/account"_s).json.value(u"usage"_s).toObject().value(u"paused_sandboxes"_s).toInt(),
            1);

        const auto resumed = c.post(u"/v1/sandboxes/%1/resume"_s.arg(pausedId));
        QCOMPARE(resumed.status, 200);
        QCOMPARE(resumed.json.value(u"status"_s).toString(), u"running"_s);
        const auto files = c.exec(pausedId, u"cat /workspace/state.txt /tmp/t.txt"_s);
        QCOMPARE(files.status, 200);
        QCOMPARE(files.json.value(u"stdout"_s).toString(), u"kept\ntmp\n"_s);

        // An Idempotency-Key used before the restart still answers with the first result.
        const auto retried = c.send("POST", u"/v1/sandboxes"_s, R"({"template":"python-3.12"})",
                                    {{"Idempotency-Key", "k-restart"}});
        QCOMPARE(retried.status, 201);
        QCOMPARE(retried.json.value(u"id"_s).toString(), keyedId);

        QCOMPARE(c.del(u"/v1/sandboxes/"_s + runningId).json.value(u"status"_s).toString(), u"terminated"_s);
        c.del(u"/v1/sandboxes/"_s + pausedId);
    }

    // A resume that unpacks a large snapshot (after a restart, with the workspace gone) runs
    // beside the event loop: other clients are answered within 100 ms while it is in progress.
    void resumeOfALargeWorkspaceDoesNotStallTheServer()
    {
        TestServer server;
        QVERIFY(server.start({u"--plan"_s, u"pro"_s}));
        QString id;
        QString digest;
        {
            ServerClient c(server);
            id = c.create();
            QVERIFY(!id.isEmpty());
            const auto written = c.exec(
                id, u"head -c 268435456 /dev/urandom > /workspace/big && md5sum < /workspace/big"_s, 120);
            QCOMPARE(written.status, 200);
            digest = written.json.value(u"stdout"_s).toString();
            QCOMPARE(c.post(u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        }
        server.process->stop();
        // The snapshot is all that is left of the files.
        QVERIFY(QDir(server.dataDir.filePath(u"sandboxes/%1/workspace"_s.arg(id))).removeRecursively());
        server.process = std::make_unique<Orkestr::LocalServerProcess>();
        QVERIFY(server.start({u"--plan"_s, u"pro"_s}));
        ServerClient c(server);
        ServerClient other(server);
        // The other client's connection is open before the resume (its first request sets it up).
        QCOMPARE(other.get(u"/v1/sandboxes/"_s + id).json.value(u"status"_s).toString(), u"paused"_s);

        std::unique_ptr<QNetworkReply> resume(c.start("POST", u"/v1/sandboxes/%1/resume"_s.arg(id)));
        int answeredWhileResuming = 0;
        qint64 slowest = 0;
        QElapsedTimer since;
        since.start();
        while (!resume->isFinished() && since.elapsed() < 120000) {
            QElapsedTimer took;
            took.start();
            const auto got = other.get(u"/v1/sandboxes/"_s + id);
            const qint64 ms = took.elapsed();
            QCOMPARE(got.status, 200);
            if (got.json.value(u"status"_s).toString() == u"resuming"_s) {
                ++answeredWhileResuming;
                slowest = std::max(slowest, ms);
            }
        }
        QVERIFY(waitUntil([&] { return resume->isFinished(); }, 120000));
        QCOMPARE(ServerClient::result(*resume).status, 200);
        qInfo("%d GETs answered while resuming, the slowest in %lld ms", answeredWhileResuming, slowest);
        QVERIFY2(answeredWhileResuming >= 3, qPrintable(QString::number(answeredWhileResuming)));
        QVERIFY2(slowest < 100, qPrintable(QString::number(slowest)));
        const auto restored = c.exec(id, u"md5sum < /workspace/big"_s, 60);
        QCOMPARE(restored.status, 200);
        QCOMPARE(restored.json.value(u"stdout"_s).toString(), digest);
        c.del(u"/v1/sandboxes/"_s + id);
    }
};

QTEST_GUILESS_MAIN(TestServerPause)
#include "tst_server_pause.moc"
