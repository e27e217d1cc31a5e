// orkestr-local's activity journal over HTTP: the events of a sandbox's life (kinds, data,
// actors with the token's name, seq without gaps, written before the answer), the events query
// and its errors, the events stream (resume with Last-Event-ID, close after the end) and the
// exec records.

#include "serverfixture.h"

#include <QCryptographicHash>
#include <QHttp1Configuration>
#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
QList<QJsonObject> objects(const QJsonArray &array)
{
    QList<QJsonObject> list;
    for (const auto &value : array)
        list.append(value.toObject());
    return list;
}

// The output of an exec as an attach (or exec stream) body shows it: each stream's text, and
// whether the offsets were contiguous after any gap.
struct AttachedOutput
{
    QByteArray stdoutText;
    QByteArray stderrText;
    QList<QJsonObject> gaps;
    QByteArray last; // the final event's name
    QJsonObject lastData;
    bool contiguous = true;
    qint64 stdoutStart = -1; // offset of the first stdout byte received
};

AttachedOutput attached(const QByteArray &body)
{
    AttachedOutput out;
    qint64 next[2] = {-1, -1};
    for (const auto &event : parseSse(body).events) {
        out.last = event.event;
        out.lastData = event.data;
        const int which = event.data.value(u"stream"_s).toString() == u"stdout"_s ? 0 : 1;
        if (event.event == "gap") {
            out.gaps.append(event.data);
            next[which] = event.data.value(u"to"_s).toInteger();
        } else if (event.event == "output") {
            const qint64 offset = event.data.value(u"offset"_s).toInteger();
            if (next[which] >= 0 && offset != next[which])
                out.contiguous = false;
            if (which == 0 && out.stdoutStart < 0)
                out.stdoutStart = offset;
            const QByteArray data = event.data.value(u"data"_s).toString().toUtf8();
            next[which] = offset + data.size();
            (which == 0 ? out.stdoutText : out.stderrText) += data;
        }
    }
    return out;
}

QStringList kindsOf(const QList<QJsonObject> &events)
{
    QStringList kinds;
    for (const auto &event : events)
        kinds.append(event.value(u"kind"_s).toString());
    return kinds;
}
} // namespace

class TestServerActivity : public ServerTestCase
{
    Q_OBJECT
private:
    QString m_agent; // a token named "agent-runner"

    QList<QJsonObject> allEvents(const QString &id)
    {
        const auto result
            = m_client->send("GET", u"/v1/sandboxes/%1/events?after_seq=0&limit=1000"_s.arg(id));
        return objects(result.json.value(u"events"_s).toArray());
    }
    // The newest event of the sandbox.
    QJsonObject lastEvent(const QString &id)
    {
        return m_client->get(u"/v1/sandboxes/%1/events?limit=1"_s.arg(id))
            .json.value(u"events"_s)
            .toArray()
            .first()
            .toObject();
    }
    HttpResult asAgent(const QByteArray &verb, const QString &path, const QJsonObject &body = {})
    {
        return m_client->send(verb, path, body.isEmpty() ? QByteArray() : QJsonDocument(body).toJson(), {},
                              m_agent);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(startServer({u"--plan"_s, u"team"_s, u"--output-retention-mib"_s, u"16"_s}, false));
        m_agent = createToken(m_server->dataDir.path(), {u"--name"_s, u"agent-runner"_s});
        QVERIFY(m_agent.startsWith(u"ork_"_s));
    }
    void cleanupTestCase() { stopServer(); }

    void lifeOfASandboxIsJournaled()
    {
        const auto created = asAgent("POST", u"/v1/sandboxes"_s,
                                     {{u"template"_s, u"python-3.12"_s},
                                      {u"env"_s, QJsonObject {{u"API_SECRET"_s, u"hunter2-value"_s}}},
                                      {u"metadata"_s, QJsonObject {{u"run"_s, u"7"_s}}}});
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        // Each event is in the journal when its answer arrives.
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"sandbox.created"_s);

        const QByteArray content = "hello, journal\n";
        QCOMPARE(asAgent("PUT", u"/v1/sandboxes/%1/files"_s.arg(id),
                         {{u"path"_s, u"/workspace/a.txt"_s},
                          {u"content"_s, QString::fromLatin1(content.toBase64())}})
                     .status,
                 200);
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"file.written"_s);

        const auto exec = asAgent("POST", u"/v1/sandboxes/%1/exec"_s.arg(id),
                                  {{u"command"_s, u"echo out; echo err >&2; exit 3"_s},
                                   {u"env"_s, QJsonObject {{u"EXEC_SECRET"_s, u"swordfish-value"_s}}}});
        QCOMPARE(exec.status, 200);
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"exec.finished"_s);
        const auto stream = asAgent("POST", u"/v1/sandboxes/%1/exec/stream"_s.arg(id),
                                    {{u"command"_s, u"sleep 5"_s}, {u"timeout_seconds"_s, 1}});
        QCOMPARE(stream.status, 200);
        QCOMPARE(asAgent("DELETE", u"/v1/sandboxes/%1/files?path=/workspace/a.txt"_s.arg(id)).status, 204);
        const auto missing = asAgent("GET", u"/v1/sandboxes/%1/files?path=/workspace/gone.txt"_s.arg(id));
        QCOMPARE(missing.status, 404);
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"request.failed"_s);
        QCOMPARE(asAgent("POST", u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"sandbox.paused"_s);
        QCOMPARE(asAgent("POST", u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 200);
        QCOMPARE(lastEvent(id).value(u"kind"_s).toString(), u"sandbox.resumed"_s);
        QCOMPARE(asAgent("DELETE", u"/v1/sandboxes/"_s + id).status, 200);

        const auto page = m_client->get(u"/v1/sandboxes/%1/events?after_seq=0"_s.arg(id));
        QCOMPARE(page.status, 200);
        QVERIFY(!page.body.contains("hunter2-value"));
        QVERIFY(!page.body.contains("swordfish-value"));
        QVERIFY(!page.body.contains("hello, journal"));
        QVERIFY(!page.body.contains(m_agent.toUtf8()));
        const auto events = objects(page.json.value(u"events"_s).toArray());
        QCOMPARE(kindsOf(events),
                 (QStringList {u"sandbox.created"_s, u"file.written"_s, u"exec.started"_s, u"exec.finished"_s,
                               u"exec.started"_s, u"exec.finished"_s, u"file.deleted"_s, u"request.failed"_s,
                               u"sandbox.paused"_s, u"sandbox.resumed"_s, u"sandbox.terminated"_s}));
        QCOMPARE(page.json.value(u"latest_seq"_s).toInteger(), events.size());
        QCOMPARE(page.json.value(u"has_more"_s).toBool(), false);
        QSet<QString> ids;
        for (qsizetype i = 0; i < events.size(); ++i) {
            const auto &event = events[i];
            QCOMPARE(event.value(u"seq"_s).toInteger(), i + 1);
            QVERIFY(event.value(u"id"_s).toString().startsWith(u"evt_"_s));
            QCOMPARE(event.value(u"id"_s).toString().size(), 30);
            ids.insert(event.value(u"id"_s).toString());
            QCOMPARE(event.value(u"sandbox_id"_s).toString(), id);
            QVERIFY(QDateTime::fromString(event.value(u"at"_s).toString(), Qt::ISODateWithMs).isValid());
            const auto actor = event.value(u"actor"_s).toObject();
            if (event.value(u"kind"_s).toString() == u"exec.finished"_s && i == 5) {
                QCOMPARE(actor.value(u"type"_s).toString(), u"system"_s); // the stream's timeout
                QCOMPARE(actor.value(u"reason"_s).toString(), u"timeout"_s);
                continue;
            }
            QCOMPARE(actor.value(u"type"_s).toString(), u"token"_s);
            QCOMPARE(actor.value(u"token_name"_s).toString(), u"agent-runner"_s);
            QCOMPARE(actor.value(u"token_prefix"_s).toString(), m_agent.left(8));
        }
        QCOMPARE(ids.size(), events.size());
        const auto data = [&](int index) {
            return events[index].value(u"data"_s).toObject();
        };
        QCOMPARE(data(0).value(u"template"_s).toString(), u"python-3.12"_s);
        QCOMPARE(data(0).value(u"env_keys"_s).toArray(), QJsonArray {u"API_SECRET"_s});
        QCOMPARE(data(0).value(u"metadata"_s).toObject().value(u"run"_s).toString(), u"7"_s);
        QCOMPARE(data(1).value(u"path"_s).toString(), u"/workspace/a.txt"_s);
        QCOMPARE(data(1).value(u"size"_s).toInteger(), content.size());
        QCOMPARE(data(1).value(u"mode"_s).toInt(), 0644);
        QCOMPARE(data(1).value(u"sha256"_s).toString(),
                 QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex()));
        QCOMPARE(data(2).value(u"command"_s).toString(), u"echo out; echo err >&2; exit 3"_s);
        QCOMPARE(data(2).value(u"mode"_s).toString(), u"buffered"_s);
        QCOMPARE(data(2).value(u"cwd"_s).toString(), u"/workspace"_s);
        QCOMPARE(data(2).value(u"env_keys"_s).toArray(), QJsonArray {u"EXEC_SECRET"_s});
        const QString execId = data(2).value(u"exec_id"_s).toString();
        QVERIFY(execId.startsWith(u"exe_"_s));
        QCOMPARE(data(3).value(u"exec_id"_s).toString(), execId);
        QCOMPARE(data(3).value(u"status"_s).toString(), u"exited"_s);
        QCOMPARE(data(3).value(u"exit_code"_s).toInt(), 3);
        QVERIFY(data(3).value(u"signal"_s).isNull());
        QCOMPARE(data(3).value(u"stdout_bytes"_s).toInteger(), 4);
        QCOMPARE(data(3).value(u"stderr_bytes"_s).toInteger(), 4);
        QCOMPARE(data(4).value(u"mode"_s).toString(), u"stream"_s);
        QCOMPARE(data(5).value(u"status"_s).toString(), u"timeout"_s);
        QVERIFY(data(5).value(u"exit_code"_s).isNull());
        QCOMPARE(data(6).value(u"recursive"_s).toBool(), false);
        QCOMPARE(data(7).value(u"status"_s).toInt(), 404);
        QCOMPARE(data(7).value(u"method"_s).toString(), u"GET"_s);
        QCOMPARE(data(7).value(u"path"_s).toString(), u"/v1/sandboxes/%1/files"_s.arg(id));
        QCOMPARE(data(7).value(u"error_type"_s).toString(), missing.errorType());
        QCOMPARE(data(7).value(u"request_id"_s).toString(),
                 QString::fromLatin1(missing.header("X-Request-Id")));
        QVERIFY(data(8).value(u"snapshot_bytes"_s).toInteger() > 0);
        QVERIFY(data(8).value(u"duration_ms"_s).toInteger() >= 0);
        QVERIFY(data(9).contains(u"duration_ms"_s));
        QCOMPARE(data(10).value(u"reason"_s).toString(), u"requested"_s);

        // Terminated, the sandbox and its journal stay fetchable.
        QCOMPARE(m_client->get(u"/v1/sandboxes/"_s + id).status, 200);
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/events"_s.arg(id)).status, 200);
    }

    void eventsQuery()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        for (int i = 0; i < 5; ++i)
            QCOMPARE(m_client->exec(id, u"true"_s).status, 200);
        // 1 created + 5 x (started, finished) = 11
        const auto newest = m_client->get(u"/v1/sandboxes/%1/events?limit=3"_s.arg(id));
        QCOMPARE(newest.status, 200);
        auto events = objects(newest.json.value(u"events"_s).toArray());
        QCOMPARE(events.size(), 3);
        QCOMPARE(events[0].value(u"seq"_s).toInteger(), 11);
        QCOMPARE(events[2].value(u"seq"_s).toInteger(), 9);
        QCOMPARE(newest.json.value(u"has_more"_s).toBool(), true);
        QCOMPARE(newest.json.value(u"latest_seq"_s).toInteger(), 11);

        const auto older = m_client->get(u"/v1/sandboxes/%1/events?before_seq=3"_s.arg(id));
        events = objects(older.json.value(u"events"_s).toArray());
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].value(u"seq"_s).toInteger(), 2);
        QCOMPARE(older.json.value(u"has_more"_s).toBool(), false);

        const auto after = m_client->get(u"/v1/sandboxes/%1/events?after_seq=8&limit=2"_s.arg(id));
        events = objects(after.json.value(u"events"_s).toArray());
        QCOMPARE(events.size(), 2);
        QCOMPARE(events[0].value(u"seq"_s).toInteger(), 9);
        QCOMPARE(events[1].value(u"seq"_s).toInteger(), 10);
        QCOMPARE(after.json.value(u"has_more"_s).toBool(), true);

        const auto family = m_client->get(u"/v1/sandboxes/%1/events?kind=exec.*&after_seq=0"_s.arg(id));
        QCOMPARE(objects(family.json.value(u"events"_s).toArray()).size(), 10);
        const auto two = m_client->get(
            u"/v1/sandboxes/%1/events?kind=sandbox.created&kind=exec.finished&after_seq=0"_s.arg(id));
        const auto kinds = kindsOf(objects(two.json.value(u"events"_s).toArray()));
        QCOMPARE(kinds.size(), 6);
        QCOMPARE(kinds.first(), u"sandbox.created"_s);
        QCOMPARE(kinds.count(u"exec.finished"_s), 5);

        const QList<std::pair<QString, QString>> bad {
            {u"after_seq=abc"_s, u"after_seq"_s},
            {u"before_seq=-1"_s, u"before_seq"_s},
            {u"after_seq=1&before_seq=5"_s, u"before_seq"_s},
            {u"kind=exec.exploded"_s, u"kind"_s},
            {u"kind=nothing.*"_s, u"kind"_s},
            {u"limit=1001"_s, u"limit"_s},
            {u"limit=0"_s, u"limit"_s},
            {u"limit=ten"_s, u"limit"_s},
        };
        for (const auto &[query, field] : bad) {
            const auto result = m_client->get(u"/v1/sandboxes/%1/events?%2"_s.arg(id, query));
            QCOMPARE(result.status, 400);
            QCOMPARE(result.errorType(), u"invalid_request"_s);
            QCOMPARE(result.error().value(u"field"_s).toString(), field);
        }
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1/events?limit=1000"_s.arg(id)).status, 200);
        const auto unknown = m_client->get(u"/v1/sandboxes/sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C/events"_s);
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorType(), u"sandbox_not_found"_s);
        // The 400s above are journaled as request.failed, in order, without gaps.
        const auto all = allEvents(id);
        for (qsizetype i = 0; i < all.size(); ++i)
            QCOMPARE(all[i].value(u"seq"_s).toInteger(), i + 1);
        QCOMPARE(all.size(), 11 + bad.size());
        QCOMPARE(all.last().value(u"kind"_s).toString(), u"request.failed"_s);
        m_client->del(u"/v1/sandboxes/"_s + id);
    }

    void execRecords()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_client->exec(id, u"printf abc; exit 2"_s).status, 200);
        QCOMPARE(m_client->exec(id, u"kill -KILL $$"_s).status, 422);
        QCOMPARE(m_client->exec(id, u"sleep 5"_s, 0.5).status, 408);
        auto *running = m_client->start("POST", u"/v1/sandboxes/%1/exec"_s.arg(id),
                                        QJsonObject {{u"command"_s, u"sleep 2; echo late"_s}});
        QVERIFY(waitUntil([&] {
            return m_client->get(u"/v1/sandboxes/%1/execs?status=running"_s.arg(id))
                       .json.value(u"execs"_s)
                       .toArray()
                       .size()
                == 1;
        }));

        const auto list = m_client->get(u"/v1/sandboxes/%1/execs"_s.arg(id));
        QCOMPARE(list.status, 200);
        const auto execs = objects(list.json.value(u"execs"_s).toArray());
        QCOMPARE(execs.size(), 4);
        QCOMPARE(list.json.value(u"has_more"_s).toBool(), false);
        QCOMPARE(execs[0].value(u"status"_s).toString(), u"running"_s);
        QVERIFY(execs[0].value(u"finished_at"_s).isNull());
        QVERIFY(execs[0].value(u"exit_code"_s).isNull());
        QCOMPARE(execs[1].value(u"status"_s).toString(), u"timeout"_s);
        QCOMPARE(execs[2].value(u"status"_s).toString(), u"killed"_s);
        QCOMPARE(execs[2].value(u"signal"_s).toInt(), 9);
        const auto first = execs[3];
        QCOMPARE(first.value(u"status"_s).toString(), u"exited"_s);
        QCOMPARE(first.value(u"exit_code"_s).toInt(), 2);
        QCOMPARE(first.value(u"stdout_bytes"_s).toInteger(), 3);
        QCOMPARE(first.value(u"stderr_bytes"_s).toInteger(), 0);
        QCOMPARE(first.value(u"command"_s).toString(), u"printf abc; exit 2"_s);
        QCOMPARE(first.value(u"mode"_s).toString(), u"buffered"_s);
        QCOMPARE(first.value(u"sandbox_id"_s).toString(), id);
        QCOMPARE(first.value(u"actor"_s).toObject().value(u"type"_s).toString(), u"token"_s);
        QVERIFY(first.value(u"duration_ms"_s).toInteger() >= 0);
        QVERIFY(QDateTime::fromString(first.value(u"finished_at"_s).toString(), Qt::ISODateWithMs).isValid());
        QCOMPARE(first.value(u"retained_from"_s).toObject().value(u"stdout"_s).toInteger(), 0);

        const QString execId = first.value(u"exec_id"_s).toString();
        const auto one = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(id, execId));
        QCOMPARE(one.status, 200);
        QCOMPARE(one.json, first);

        const auto paged = m_client->get(u"/v1/sandboxes/%1/execs?limit=2"_s.arg(id));
        QCOMPARE(objects(paged.json.value(u"execs"_s).toArray()).size(), 2);
        QCOMPARE(paged.json.value(u"has_more"_s).toBool(), true);
        const QString cursor
            = objects(paged.json.value(u"execs"_s).toArray()).last().value(u"exec_id"_s).toString();
        const auto next = m_client->get(u"/v1/sandboxes/%1/execs?limit=2&before=%2"_s.arg(id, cursor));
        const auto rest = objects(next.json.value(u"execs"_s).toArray());
        QCOMPARE(rest.size(), 2);
        QCOMPARE(rest.last().value(u"exec_id"_s).toString(), execId);
        QCOMPARE(next.json.value(u"has_more"_s).toBool(), false);
        const auto filtered = m_client->get(u"/v1/sandboxes/%1/execs?status=killed&status=timeout"_s.arg(id));
        QCOMPARE(objects(filtered.json.value(u"execs"_s).toArray()).size(), 2);

        const auto missing
            = m_client->get(u"/v1/sandboxes/%1/execs/exe_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s.arg(id));
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorType(), u"exec_not_found"_s);
        QCOMPARE(missing.error().value(u"exec_id"_s).toString(), u"exe_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        for (const auto &[query, field] :
             QList<std::pair<QString, QString>> {{u"status=sleeping"_s, u"status"_s},
                                                 {u"limit=1001"_s, u"limit"_s},
                                                 {u"before=x"_s, u"before"_s}}) {
            const auto result = m_client->get(u"/v1/sandboxes/%1/execs?%2"_s.arg(id, query));
            QCOMPARE(result.status, 400);
            QCOMPARE(result.error().value(u"field"_s).toString(), field);
        }
        QVERIFY(waitUntil([&] { return running->isFinished(); }, 10000));
        delete running;
        QCOMPARE(
            m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(id, execs[0].value(u"exec_id"_s).toString()))
                .json.value(u"status"_s)
                .toString(),
            u"exited"_s);
        m_client->del(u"/v1/sandboxes/"_s + id);
    }

    void eventsStreamResumesAndCloses()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        QCOMPARE(m_client->exec(id, u"true"_s).status, 200); // seq 2, 3
        // Resume after seq 2 (the standard SSE header): seq 3 first, then live, then the end.
        std::unique_ptr<QNetworkReply> resumed(m_client->start(
            "GET", u"/v1/sandboxes/%1/events/stream"_s.arg(id), {}, {{"Last-Event-ID", "2"}}));
        // Only new events: nothing before what happens next.
        std::unique_ptr<QNetworkReply> fresh(
            m_client->start("GET", u"/v1/sandboxes/%1/events/stream"_s.arg(id)));
        QByteArray resumedBody;
        QVERIFY(waitUntil([&] {
            resumedBody += resumed->readAll();
            return resumedBody.contains("\"seq\":3");
        }));
        QCOMPARE(resumed->rawHeader("Content-Type"), QByteArray("text/event-stream; charset=utf-8"));
        QTest::qWait(200);
        QCOMPARE(m_client->exec(id, u"echo hi"_s).status, 200); // seq 4, 5
        QCOMPARE(m_client->del(u"/v1/sandboxes/"_s + id).status, 200); // seq 6
        QVERIFY(waitUntil([&] { return resumed->isFinished() && fresh->isFinished(); }, 10000));
        resumedBody += resumed->readAll();
        const QByteArray freshBody = fresh->readAll();
        QCOMPARE(resumed->error(), QNetworkReply::NoError);

        const auto seqs = [](const QByteArray &body) {
            QList<qint64> ids;
            for (const auto &line : body.split('\n'))
                if (line.startsWith("id: "))
                    ids.append(line.mid(4).toLongLong());
            return ids;
        };
        QCOMPARE(seqs(resumedBody), (QList<qint64> {3, 4, 5, 6}));
        QCOMPARE(seqs(freshBody), (QList<qint64> {4, 5, 6}));
        const auto parsed = parseSse(resumedBody);
        QCOMPARE(parsed.events.size(), 4);
        for (const auto &event : parsed.events)
            QCOMPARE(event.event, QByteArray("activity"));
        QCOMPARE(parsed.events.last().data.value(u"kind"_s).toString(), u"sandbox.terminated"_s);

        // On an ended sandbox, a stream from the start sends everything and closes.
        const auto replay = m_client->send("GET", u"/v1/sandboxes/%1/events/stream?after_seq=0"_s.arg(id));
        QCOMPARE(replay.status, 200);
        QCOMPARE(seqs(replay.body), (QList<qint64> {1, 2, 3, 4, 5, 6}));
        const auto badStart = m_client->send("GET", u"/v1/sandboxes/%1/events/stream"_s.arg(id), {},
                                             {{"Last-Event-ID", "nope"}});
        QCOMPARE(badStart.status, 400);
        QCOMPARE(badStart.error().value(u"field"_s).toString(), u"Last-Event-ID"_s);
    }

    void attachReplaysThenFollows()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        // Interleaved stdout and stderr, with a UTF-8 character split across writes.
        std::unique_ptr<QNetworkReply> exec(m_client->start(
            "POST", u"/v1/sandboxes/%1/exec/stream"_s.arg(id),
            QJsonObject {
                {u"command"_s,
                 uR"(echo one; echo warn >&2; printf '\303'; sleep 1; printf '\251\n'; echo two; exit 5)"_s}}));
        QString execId;
        QVERIFY(waitUntil([&] {
            const auto list = m_client->get(u"/v1/sandboxes/%1/execs?status=running"_s.arg(id));
            execId = list.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
            return !execId.isEmpty();
        }));
        const QString path = u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(id, execId);
        // A read-only token may attach.
        const QString readOnly
            = createToken(m_server->dataDir.path(), {u"--read-only"_s, u"--name"_s, u"support"_s});
        std::unique_ptr<QNetworkReply> whileRunning(m_client->start("GET", path, {}, {}, readOnly));
        std::unique_ptr<QNetworkReply> liveOnly(m_client->start("GET", path + u"?from=live"_s));
        QVERIFY(waitUntil(
            [&] { return exec->isFinished() && whileRunning->isFinished() && liveOnly->isFinished(); },
            15000));
        QCOMPARE(whileRunning->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        const auto running = attached(whileRunning->readAll());
        QCOMPARE(running.stdoutText, QByteArray("one\n\xc3\xa9\ntwo\n"));
        QCOMPARE(running.stderrText, QByteArray("warn\n"));
        QVERIFY(running.contiguous);
        QVERIFY(running.gaps.isEmpty());
        QCOMPARE(running.last, QByteArray("exit"));
        QCOMPARE(running.lastData.value(u"exit_code"_s).toInt(), 5);
        const auto live = attached(liveOnly->readAll());
        QCOMPARE(live.last, QByteArray("exit"));
        QVERIFY(!live.stdoutText.contains("one"));
        QVERIFY(live.stdoutText.endsWith("two\n"));

        // Finished: the same output from the record, then the end; live-only is the end alone.
        const auto replay = attached(m_client->get(path).body);
        QCOMPARE(replay.stdoutText, running.stdoutText);
        QCOMPARE(replay.stderrText, running.stderrText);
        QCOMPARE(replay.last, QByteArray("exit"));
        const auto afterEnd = parseSse(m_client->get(path + u"?from=live"_s).body);
        QCOMPARE(afterEnd.events.size(), 1);
        QCOMPARE(afterEnd.events.first().event, QByteArray("exit"));

        const auto badFrom = m_client->get(path + u"?from=middle"_s);
        QCOMPARE(badFrom.status, 400);
        QCOMPARE(badFrom.error().value(u"field"_s).toString(), u"from"_s);
        const auto unknown
            = m_client->get(u"/v1/sandboxes/%1/execs/exe_01JD3Q8W6ZK1T9V4N2M7XR5B0C/stream"_s.arg(id));
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorType(), u"exec_not_found"_s);
        m_client->del(u"/v1/sandboxes/"_s + id);
    }

    // Starts an exec stream and returns its reply, with its exec_id once it is recorded.
    QNetworkReply *startStream(const QString &id, const QString &command, QString *execId)
    {
        QNetworkReply *reply = m_client->start("POST", u"/v1/sandboxes/%1/exec/stream"_s.arg(id),
                                               QJsonObject {{u"command"_s, command}});
        waitUntil([&] {
            const auto list = m_client->get(u"/v1/sandboxes/%1/execs?status=running"_s.arg(id));
            *execId = list.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
            return !execId->isEmpty();
        });
        return reply;
    }

    void fiftyAttachers()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        QString execId;
        std::unique_ptr<QNetworkReply> exec(startStream(
            id, u"for i in $(seq 1 40); do seq 1 6000; echo \"err $i\" >&2; sleep 0.05; done"_s, &execId));
        QVERIFY(!execId.isEmpty());
        const QString path = u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(id, execId);
        QHttp1Configuration http1;
        http1.setNumberOfConnectionsPerHost(60);
        QList<QNetworkReply *> attachers;
        QList<QByteArray> bodies(50);
        for (int i = 0; i < 50; ++i) {
            QNetworkRequest request(m_client->base.resolved(QUrl(path)));
            request.setRawHeader("Authorization", "Bearer " + m_client->token.toUtf8());
            request.setHttp1Configuration(http1);
            QNetworkReply *reply = m_client->network.get(request);
            connect(reply, &QNetworkReply::readyRead, this,
                    [&bodies, reply, i] { bodies[i] += reply->readAll(); });
            attachers.append(reply);
        }
        QVERIFY(waitUntil(
            [&] {
                return exec->isFinished() && std::all_of(attachers.cbegin(), attachers.cend(), [](auto *r) {
                           return r->isFinished();
                       });
            },
            60000));
        const auto own = attached(exec->readAll());
        QCOMPARE(own.last, QByteArray("exit"));
        for (int i = 0; i < 50; ++i) {
            bodies[i] += attachers[i]->readAll();
            const auto out = attached(bodies[i]);
            QVERIFY2(out.contiguous, qPrintable(QString::number(i)));
            QVERIFY(out.gaps.isEmpty());
            QCOMPARE(out.last, QByteArray("exit"));
            QCOMPARE(out.stdoutText, own.stdoutText);
            QCOMPARE(out.stderrText, own.stderrText);
        }
        qDeleteAll(attachers);
        m_client->del(u"/v1/sandboxes/"_s + id);
    }

    void retentionAndAStalledAttacher()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        constexpr qint64 Total = 40LL * 1024 * 1024; // more than this server's 16 MiB budget
        QString execId;
        std::unique_ptr<QNetworkReply> exec(startStream(
            id,
            u"sleep 0.5; for i in $(seq 1 40); do head -c 1048576 /dev/zero | tr '\\0' 'a'; done; echo done >&2"_s,
            &execId));
        QVERIFY(!execId.isEmpty());
        const QString path = u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(id, execId);
        // An attacher that reads nothing until the exec has ended.
        QTcpSocket stalled;
        stalled.setReadBufferSize(16 * 1024);
        stalled.setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, 16 * 1024);
        stalled.connectToHost(m_client->base.host(), quint16(m_client->base.port()));
        QVERIFY(stalled.waitForConnected(5000));
        stalled.write("GET " + path.toUtf8() + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                      + m_client->token.toUtf8() + "\r\n\r\n");
        QByteArray execBody;
        connect(exec.get(), &QNetworkReply::readyRead, this, [&] { execBody += exec->readAll(); });
        QVERIFY(waitUntil([&] { return exec->isFinished(); }, 60000));
        execBody += exec->readAll();
        // The stalled attacher never slowed the exec: its own stream has everything.
        QCOMPARE(attached(execBody).stdoutText.size(), Total);

        // The record counts every byte and keeps at least the last 8 MiB within the budget.
        const auto record = m_client->get(u"/v1/sandboxes/%1/execs/%2"_s.arg(id, execId)).json;
        QCOMPARE(record.value(u"stdout_bytes"_s).toInteger(), Total);
        const qint64 from = record.value(u"retained_from"_s).toObject().value(u"stdout"_s).toInteger();
        QVERIFY2(from >= Total - 16 * 1024 * 1024 && from <= Total - 8 * 1024 * 1024,
                 qPrintable(QString::number(from)));
        QCOMPARE(record.value(u"retained_from"_s).toObject().value(u"stderr"_s).toInteger(), 0);
        // From the start: one gap for what was dropped, then the rest.
        const auto replay = attached(m_client->get(path).body);
        QCOMPARE(replay.gaps.size(), 1);
        QCOMPARE(replay.gaps.first().value(u"stream"_s).toString(), u"stdout"_s);
        QCOMPARE(replay.gaps.first().value(u"from"_s).toInteger(), 0);
        QCOMPARE(replay.gaps.first().value(u"to"_s).toInteger(), from);
        QCOMPARE(replay.stdoutText.size(), Total - from);
        QVERIFY(replay.contiguous);
        QCOMPARE(replay.stderrText, QByteArray("done\n"));

        // The stalled attacher, read now: it fell behind what was dropped and skipped ahead.
        stalled.setReadBufferSize(0);
        QByteArray raw;
        QVERIFY(waitUntil(
            [&] {
                raw += stalled.readAll();
                return raw.endsWith("0\r\n\r\n");
            },
            30000));
        QVERIFY(raw.startsWith("HTTP/1.1 200"));
        QVERIFY(raw.contains("event: gap"));
        QVERIFY(raw.contains("event: exit"));
        m_client->del(u"/v1/sandboxes/"_s + id);
    }
};

QTEST_GUILESS_MAIN(TestServerActivity)
#include "tst_server_activity.moc"
