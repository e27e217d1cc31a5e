// The activity value types (core/activity.h) against the contract's JSON: actors, events and
// their typed data, exec records, gaps and pages.

#include "core/activity.h"

#include "jsontesting.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
// The contract's example event, verbatim.
const char *const ExampleEvent = R"({"seq": 42, "id": "evt_01JD3Q9B0Y3M8Q6W1K2T5V7X9Z",
          "sandbox_id": "sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C", "at": "2026-11-21T20:33:10.512Z",
          "kind": "exec.finished",
          "actor": {"type": "token", "token_prefix": "ork_3fA9", "token_name": "agent-runner"},
          "data": {"exec_id": "exe_01JD3Q9A", "status": "exited", "exit_code": 1, "duration_ms": 412,
                   "stdout_bytes": 1290, "stderr_bytes": 88}})";

// The contract's example exec record, with its placeholders filled in.
const char *const ExampleRecord
    = R"({"exec_id": "exe_01JD3Q9A", "sandbox_id": "sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C",
          "command": "python main.py", "cwd": "/workspace", "mode": "stream",
          "actor": {"type": "system", "reason": "timeout"},
          "started_at": "2026-11-21T20:33:10.100Z", "finished_at": null,
          "status": "running", "exit_code": null, "signal": null, "duration_ms": null,
          "stdout_bytes": 1048576, "stderr_bytes": 0, "retained_from": {"stdout": 524288, "stderr": 0}})";

ActivityEvent eventOf(const QString &kind, const QJsonObject &data)
{
    ActivityEvent event;
    event.kind = kind;
    event.data = data;
    return event;
}
} // namespace

class TestActivity : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void eventFromContractExample()
    {
        const auto event = ActivityEvent::fromJson(parseTestObject(ExampleEvent));
        QCOMPARE(event.seq, 42);
        QCOMPARE(event.id, u"evt_01JD3Q9B0Y3M8Q6W1K2T5V7X9Z"_s);
        QCOMPARE(event.sandboxId, u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QCOMPARE(event.at, QDateTime(QDate(2026, 11, 21), QTime(20, 33, 10, 512), QTimeZone::UTC));
        QCOMPARE(event.at.timeSpec(), Qt::UTC);
        QCOMPARE(event.kind, u"exec.finished"_s);
        QCOMPARE(event.knownKind(), ActivityEvent::Kind::ExecFinished);
        QCOMPARE(event.family(), u"exec"_s);
        QVERIFY(event.actor.isToken());
        QCOMPARE(event.actor.tokenPrefix, u"ork_3fA9"_s);
        QCOMPARE(event.actor.tokenName, u"agent-runner"_s);
        QCOMPARE(event.actor.displayName(), u"agent-runner"_s);
        QCOMPARE(event.execId(), u"exe_01JD3Q9A"_s);
        QCOMPARE(event.execStatus(), ExecRecord::Status::Exited);
        QCOMPARE(event.exitCode(), std::optional<int>(1));
        QCOMPARE(event.signal(), std::nullopt);
        QCOMPARE(event.durationMs(), std::optional<qint64>(412));
        QCOMPARE(event.stdoutBytes(), std::optional<qint64>(1290));
        QCOMPARE(event.stderrBytes(), std::optional<qint64>(88));
        QVERIFY(event.isFailure()); // exited 1
        QVERIFY(!event.endsSandbox());
        // Every field survives a round trip.
        QCOMPARE(ActivityEvent::fromJson(event.toJson()), event);
    }

    void actors()
    {
        const auto unnamed = Actor::fromJson(
            parseTestObject(R"({"type":"token","token_prefix":"ork_3fA9","token_name":null})"));
        QVERIFY(unnamed.isToken());
        QVERIFY(unnamed.tokenName.isEmpty());
        QCOMPARE(unnamed.displayName(), u"ork_3fA9"_s); // no name: the prefix
        QVERIFY(unnamed.toJson().value(u"token_name"_s).isNull());
        QCOMPARE(unnamed, Actor::token(u"ork_3fA9"_s));

        const auto system = Actor::fromJson(parseTestObject(R"({"type":"system","reason":"restart"})"));
        QVERIFY(system.isSystem());
        QCOMPARE(system.reason, u"restart"_s);
        QCOMPARE(system.displayName(), u"restart"_s);
        QCOMPARE(system, Actor::system(u"restart"_s));
        QCOMPARE(system.toJson(), parseTestObject(R"({"type":"system","reason":"restart"})"));

        // A type from a newer server is kept as text and survives a round trip.
        const auto future = Actor::fromJson(parseTestObject(R"({"type":"schedule","reason":"cron"})"));
        QCOMPARE(future.type, Actor::Type::Unknown);
        QCOMPARE(future.displayName(), u"schedule"_s);
        QCOMPARE(Actor::fromJson(future.toJson()), future);
    }

    void execRecordFromContractExample()
    {
        const auto record = ExecRecord::fromJson(parseTestObject(ExampleRecord));
        QCOMPARE(record.execId, u"exe_01JD3Q9A"_s);
        QCOMPARE(record.sandboxId, u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QCOMPARE(record.command, u"python main.py"_s);
        QCOMPARE(record.cwd, u"/workspace"_s);
        QCOMPARE(record.mode, u"stream"_s);
        QCOMPARE(record.actor, Actor::system(u"timeout"_s));
        QCOMPARE(record.startedAt, QDateTime(QDate(2026, 11, 21), QTime(20, 33, 10, 100), QTimeZone::UTC));
        QVERIFY(!record.finishedAt.isValid());
        QCOMPARE(record.status, ExecRecord::Status::Running);
        QVERIFY(record.isRunning());
        QVERIFY(!record.isFailure());
        QCOMPARE(record.exitCode, std::nullopt);
        QCOMPARE(record.signal, std::nullopt);
        QCOMPARE(record.durationMs, std::nullopt);
        QCOMPARE(record.stdoutBytes, 1048576);
        QCOMPARE(record.stderrBytes, 0);
        QCOMPARE(record.retainedFrom.stdoutOffset, 524288);
        QCOMPARE(record.retainedFrom.stderrOffset, 0);
        QVERIFY(record.hasDroppedOutput());
        QCOMPARE(ExecRecord::fromJson(record.toJson()), record);
        // Nulls stay null on the way out.
        QVERIFY(record.toJson().value(u"exit_code"_s).isNull());
        QVERIFY(record.toJson().value(u"finished_at"_s).isNull());
    }

    void execStatuses_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<ExecRecord::Status>("status");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<bool>("failure");
        QTest::newRow("exited 0") << u"exited"_s << ExecRecord::Status::Exited << 0 << false;
        QTest::newRow("exited 2") << u"exited"_s << ExecRecord::Status::Exited << 2 << true;
        QTest::newRow("timeout") << u"timeout"_s << ExecRecord::Status::Timeout << -1 << true;
        QTest::newRow("killed") << u"killed"_s << ExecRecord::Status::Killed << -1 << true;
        QTest::newRow("lost") << u"lost"_s << ExecRecord::Status::Lost << -1 << true;
        QTest::newRow("running") << u"running"_s << ExecRecord::Status::Running << -1 << false;
        QTest::newRow("newer") << u"paused"_s << ExecRecord::Status::Unknown << -1 << false;
    }
    void execStatuses()
    {
        QFETCH(QString, text);
        QFETCH(ExecRecord::Status, status);
        QFETCH(int, exitCode);
        QFETCH(bool, failure);
        QJsonObject json {{u"status"_s, text}};
        if (exitCode >= 0)
            json.insert(u"exit_code"_s, exitCode);
        const auto record = ExecRecord::fromJson(json);
        QCOMPARE(record.status, status);
        QCOMPARE(record.statusText, text);
        QCOMPARE(record.isFailure(), failure);
        // The unknown status keeps its text on the way out.
        QCOMPARE(record.toJson().value(u"status"_s).toString(), text);
        // exec.finished carries the same status and the same rule.
        QCOMPARE(eventOf(u"exec.finished"_s, json).isFailure(), failure);
    }

    void kindsRoundTrip()
    {
        const auto kinds = ActivityEvent::knownKinds();
        QCOMPARE(kinds.size(), 12);
        QCOMPARE(kinds.first(), u"sandbox.created"_s);
        QCOMPARE(kinds.last(), u"request.failed"_s);
        for (const auto &kind : kinds) {
            const auto known = ActivityEvent::kindFromString(kind);
            QVERIFY2(known != ActivityEvent::Kind::Unknown, qPrintable(kind));
            QCOMPARE(ActivityEvent::kindToString(known), kind);
        }
        QCOMPARE(ActivityEvent::kindFromString(u"sandbox.snapshotted"_s), ActivityEvent::Kind::Unknown);
        QCOMPARE(ActivityEvent::kindFromString(QString()), ActivityEvent::Kind::Unknown);
        // An unknown kind is kept as text.
        const auto future
            = ActivityEvent::fromJson(parseTestObject(R"({"seq":1,"kind":"sandbox.snapshotted"})"));
        QCOMPARE(future.kind, u"sandbox.snapshotted"_s);
        QCOMPARE(future.knownKind(), ActivityEvent::Kind::Unknown);
        QCOMPARE(future.family(), u"sandbox"_s);
    }

    void kindFilters()
    {
        QVERIFY(ActivityEvent::kindMatches(u"exec.started"_s, u"exec.*"_s));
        QVERIFY(ActivityEvent::kindMatches(u"exec.finished"_s, u"exec.*"_s));
        QVERIFY(!ActivityEvent::kindMatches(u"execs.started"_s, u"exec.*"_s));
        QVERIFY(!ActivityEvent::kindMatches(u"exec."_s, u"exec.*"_s));
        QVERIFY(!ActivityEvent::kindMatches(u"file.written"_s, u"exec.*"_s));
        QVERIFY(ActivityEvent::kindMatches(u"file.written"_s, u"file.written"_s));
        QVERIFY(!ActivityEvent::kindMatches(u"file.written"_s, u"file.deleted"_s));
        QVERIFY(!ActivityEvent::kindMatches(u"file.written"_s, u"file"_s));
    }

    void typedData()
    {
        const auto created = eventOf(u"sandbox.created"_s,
                                     parseTestObject(R"({"env_keys":["A","B"],"template":"node-22"})"));
        QCOMPARE(created.envKeys(), (QStringList {u"A"_s, u"B"_s}));
        QVERIFY(!created.isFailure());

        const auto started
            = eventOf(u"exec.started"_s,
                      parseTestObject(R"({"exec_id":"exe_1","command":"ls -l","cwd":"/tmp","mode":"pty"})"));
        QCOMPARE(started.command(), u"ls -l"_s);
        QCOMPARE(started.cwd(), u"/tmp"_s);
        QCOMPARE(started.mode(), u"pty"_s);

        const auto written
            = eventOf(u"file.written"_s, parseTestObject(R"({"path":"/workspace/out.csv","size":2662})"));
        QCOMPARE(written.path(), u"/workspace/out.csv"_s);
        QCOMPARE(written.size(), std::optional<qint64>(2662));

        const auto denied = eventOf(u"network.denied"_s,
                                    parseTestObject(R"({"host":"example.com","port":443,"exec_id":null})"));
        QCOMPARE(denied.host(), u"example.com"_s);
        QCOMPARE(denied.port(), std::optional<int>(443));
        QVERIFY(denied.execId().isEmpty());
        QVERIFY(denied.isFailure());

        const auto failed
            = eventOf(u"request.failed"_s,
                      parseTestObject(R"({"method":"GET","path":"/v1/sandboxes/x/files","status":404,
                                              "error_type":"file_not_found","request_id":"req_1"})"));
        QCOMPARE(failed.httpStatus(), std::optional<int>(404));
        QCOMPARE(failed.errorType(), u"file_not_found"_s);
        QCOMPARE(failed.requestId(), u"req_1"_s);
        QVERIFY(failed.isFailure());
        // exec.finished's status is text, not an HTTP status.
        QCOMPARE(eventOf(u"exec.finished"_s, parseTestObject(R"({"status":"exited"})")).httpStatus(),
                 std::nullopt);

        const auto signalled
            = eventOf(u"process.signalled"_s, parseTestObject(R"({"pid":12,"signal":15,"command":"sleep"})"));
        QCOMPARE(signalled.signal(), std::optional<int>(15));
        QVERIFY(!signalled.isFailure());

        const auto requested = eventOf(u"sandbox.terminated"_s, parseTestObject(R"({"reason":"requested"})"));
        QVERIFY(requested.endsSandbox());
        QVERIFY(!requested.isFailure());
        QCOMPARE(requested.reason(), u"requested"_s);
        const auto crashed
            = eventOf(u"sandbox.terminated"_s, parseTestObject(R"({"reason":"error","detail":"oom"})"));
        QVERIFY(crashed.isFailure());
        QCOMPARE(crashed.detail(), u"oom"_s);
        const auto sandboxFailed = eventOf(u"sandbox.failed"_s, parseTestObject(R"({"detail":"init died"})"));
        QVERIFY(sandboxFailed.endsSandbox());
        QVERIFY(sandboxFailed.isFailure());

        // Mistyped fields read as absent, never as zero.
        const auto odd = eventOf(u"exec.finished"_s,
                                 parseTestObject(R"({"exit_code":"1","duration_ms":null,"size":true})"));
        QCOMPARE(odd.exitCode(), std::nullopt);
        QCOMPARE(odd.durationMs(), std::nullopt);
        QCOMPARE(odd.size(), std::nullopt);
    }

    void gaps()
    {
        const auto events = EventGap::fromJson(parseTestObject(R"({"from_seq":1,"to_seq":99})"));
        QCOMPARE(events, (EventGap {1, 99}));
        QCOMPARE(events.count(), 99);
        QCOMPARE(EventGap::fromJson(events.toJson()), events);
        QCOMPARE((EventGap {5, 4}).count(), 0);

        const auto output
            = OutputGap::fromJson(parseTestObject(R"({"stream":"stdout","from":0,"to":1048576})"));
        QCOMPARE(output, (OutputGap {u"stdout"_s, 0, 1048576}));
        QCOMPARE(output.bytes(), 1048576);
        QCOMPARE(OutputGap::fromJson(output.toJson()), output);
    }

    void pages()
    {
        const QByteArray json
            = "{\"events\":[" + QByteArray(ExampleEvent) + "],\"has_more\":true,\"latest_seq\":317}";
        const auto page = EventPage::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(page.events.size(), 1);
        QCOMPARE(page.events.first().seq, 42);
        QVERIFY(page.hasMore);
        QCOMPARE(page.latestSeq, 317);
        QCOMPARE(EventPage::fromJson(page.toJson()), page);

        const QByteArray execs = "{\"execs\":[" + QByteArray(ExampleRecord) + "],\"has_more\":false}";
        const auto execPage = ExecPage::fromJson(QJsonDocument::fromJson(execs).object());
        QCOMPARE(execPage.execs.size(), 1);
        QCOMPARE(execPage.execs.first().execId, u"exe_01JD3Q9A"_s);
        QVERIFY(!execPage.hasMore);
        QCOMPARE(ExecPage::fromJson(execPage.toJson()), execPage);
    }
};

QTEST_GUILESS_MAIN(TestActivity)
#include "tst_activity.moc"
