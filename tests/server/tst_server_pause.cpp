// orkestr-local's pause, resume, snapshot caps and durability across a server restart.

#include "serverclient.h"

using namespace Qt::StringLiterals;

class TestServerPause : public QObject
{
    Q_OBJECT
private Q_SLOTS:
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
};

QTEST_GUILESS_MAIN(TestServerPause)
#include "tst_server_pause.moc"
