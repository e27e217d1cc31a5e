// The Activity timeline's words and model: a one-line summary for every kind, who did it, and a
// model over a real orkestr-local's journal that filters by family and failures, searches commands
// and paths, and counts new rows while the user is not following, all under
// QAbstractItemModelTester.

#include "core/activityjobs.h"
#include "core/filejobs.h"
#include "eventwait.h"
#include "session/activitystore.h"
#include "session/activitytext.h"
#include "session/activitytimelinemodel.h"
#include "session/terminalcommand.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;
using OrkestrSession::ActivityStore;
using OrkestrSession::ActivityText;
using OrkestrSession::ActivityTimelineModel;
using OrkestrTest::waitUntil;

namespace {

ActivityEvent makeEvent(const QString &kind, const QByteArray &data,
                        const QByteArray &actor
                        = R"({"type":"token","token_prefix":"ork_3fA9","token_name":"agent-runner"})")
{
    const QByteArray json
        = R"({"seq":1,"id":"evt_1","sandbox_id":"sbx_1","at":"2026-11-21T20:33:10.512Z","kind":")"
        + kind.toUtf8() + R"(","actor":)" + actor + R"(,"data":)" + data + "}";
    return ActivityEvent::fromJson(QJsonDocument::fromJson(json).object());
}

QStringList kindsOf(const ActivityTimelineModel &model)
{
    QStringList kinds;
    for (int row = 0; row < model.rowCount(); ++row)
        kinds.append(model.data(model.index(row), ActivityTimelineModel::KindRole).toString());
    return kinds;
}

} // namespace

class TestActivityTimeline : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void summaries_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QString>("command"); // known from elsewhere (exec.finished)
        QTest::addColumn<QString>("summary");
        QTest::addColumn<bool>("failure");

        QTest::newRow("created") << u"sandbox.created"_s
                                 << QByteArray(
                                        R"({"template":"ubuntu-24.04","region":"fsn1","env_keys":["A"]})")
                                 << QString() << u"created from ubuntu-24.04 in fsn1"_s << false;
        QTest::newRow("paused") << u"sandbox.paused"_s
                                << QByteArray(R"({"snapshot_bytes":12582912,"duration_ms":1200})")
                                << QString() << u"paused (snapshot 12.0 MiB, 1.2 s)"_s << false;
        QTest::newRow("resumed") << u"sandbox.resumed"_s << QByteArray(R"({"duration_ms":350})") << QString()
                                 << u"resumed (350 ms)"_s << false;
        QTest::newRow("terminated") << u"sandbox.terminated"_s << QByteArray(R"({"reason":"requested"})")
                                    << QString() << u"terminated"_s << false;
        QTest::newRow("timed out") << u"sandbox.terminated"_s << QByteArray(R"({"reason":"timeout"})")
                                   << QString() << u"terminated: timed out"_s << false;
        QTest::newRow("terminated by error")
            << u"sandbox.terminated"_s << QByteArray(R"({"reason":"error","detail":"init died"})")
            << QString() << u"terminated after an error: init died"_s << true;
        QTest::newRow("failed") << u"sandbox.failed"_s << QByteArray(R"({"detail":"no such template"})")
                                << QString() << u"failed: no such template"_s << true;
        QTest::newRow("started")
            << u"exec.started"_s
            << QByteArray(
                   R"({"exec_id":"exe_1","command":"python main.py","cwd":"/workspace","mode":"stream"})")
            << QString() << u"ran python main.py"_s << false;
        QTest::newRow("pty") << u"exec.started"_s
                             << QByteArray(R"({"exec_id":"exe_1","command":"bash -l","mode":"pty"})")
                             << QString() << u"opened interactive shell (bash -l)"_s << false;
        QTest::newRow("pty finished")
            << u"exec.finished"_s
            << QByteArray(R"({"exec_id":"exe_1","status":"exited","exit_code":0,"duration_ms":5100})")
            << u"interactive shell (bash -l)"_s << u"interactive shell (bash -l) → exit 0 in 5.1 s"_s
            << false;
        // The Commands terminal's exec reads as the line typed, without its bookkeeping trailer.
        QTest::newRow("terminal line")
            << u"exec.started"_s
            << QJsonDocument(
                   QJsonObject {
                       {u"exec_id"_s, u"exe_1"_s},
                       {u"command"_s, OrkestrSession::TerminalCommand::wrap(u"ls -la"_s, 0x1234abcd5678ef90)},
                       {u"mode"_s, u"stream"_s}})
                   .toJson(QJsonDocument::Compact)
            << QString() << u"ran ls -la"_s << false;
        QTest::newRow("exit 1")
            << u"exec.finished"_s
            << QByteArray(R"({"exec_id":"exe_1","status":"exited","exit_code":1,"duration_ms":412})")
            << u"python main.py"_s << u"python main.py → exit 1 in 412 ms"_s << true;
        QTest::newRow("exit 0, long")
            << u"exec.finished"_s
            << QByteArray(R"({"exec_id":"exe_1","status":"exited","exit_code":0,"duration_ms":65000})")
            << u"make"_s << u"make → exit 0 in 1 min 5 s"_s << false;
        QTest::newRow("command unknown")
            << u"exec.finished"_s
            << QByteArray(R"({"exec_id":"exe_1","status":"exited","exit_code":0,"duration_ms":5})")
            << QString() << u"exe_1 → exit 0 in 5 ms"_s << false;
        QTest::newRow("timeout")
            << u"exec.finished"_s
            << QByteArray(R"({"exec_id":"exe_1","status":"timeout","exit_code":null,"duration_ms":30000})")
            << u"sleep 60"_s << u"sleep 60 → timed out after 30.0 s"_s << true;
        QTest::newRow("killed")
            << u"exec.finished"_s
            << QByteArray(
                   R"({"exec_id":"exe_1","status":"killed","exit_code":null,"signal":9,"duration_ms":2500})")
            << u"yes"_s << u"yes → killed by signal 9 after 2.5 s"_s << true;
        QTest::newRow("lost") << u"exec.finished"_s
                              << QByteArray(R"({"exec_id":"exe_1","status":"lost","duration_ms":10})")
                              << u"server"_s << u"server → lost when the server restarted"_s << true;
        QTest::newRow("written")
            << u"file.written"_s
            << QByteArray(R"({"path":"/workspace/out.csv","size":2662,"mode":420,"sha256":"ab"})")
            << QString() << u"wrote /workspace/out.csv (2.6 KiB)"_s << false;
        QTest::newRow("written small")
            << u"file.written"_s << QByteArray(R"({"path":"/workspace/a","size":12})") << QString()
            << u"wrote /workspace/a (12 bytes)"_s << false;
        QTest::newRow("deleted") << u"file.deleted"_s
                                 << QByteArray(R"({"path":"/workspace/a","recursive":false})") << QString()
                                 << u"deleted /workspace/a"_s << false;
        QTest::newRow("deleted tree")
            << u"file.deleted"_s << QByteArray(R"({"path":"/workspace/d","recursive":true})") << QString()
            << u"deleted /workspace/d and its contents"_s << false;
        QTest::newRow("network") << u"network.denied"_s
                                 << QByteArray(R"({"host":"example.com","port":443,"exec_id":null})")
                                 << QString() << u"network denied: example.com:443"_s << true;
        QTest::newRow("signalled") << u"process.signalled"_s
                                   << QByteArray(R"({"pid":12,"signal":15,"command":"python main.py"})")
                                   << QString() << u"signal 15 to process 12 (python main.py)"_s << false;
        QTest::newRow("request")
            << u"request.failed"_s
            << QByteArray(
                   R"({"method":"POST","path":"/v1/sandboxes/sbx_1/exec","status":409,"error_type":"sandbox_not_ready","request_id":"req_01J"})")
            << QString() << u"POST /v1/sandboxes/sbx_1/exec → 409 sandbox_not_ready (req_01J)"_s << true;
        QTest::newRow("unknown kind")
            << u"quota.warned"_s << QByteArray("{}") << QString() << u"quota.warned"_s << false;
    }

    void summaries()
    {
        QFETCH(QString, kind);
        QFETCH(QByteArray, data);
        QFETCH(QString, command);
        QFETCH(QString, summary);
        QFETCH(bool, failure);
        const ActivityEvent e = makeEvent(kind, data);
        QCOMPARE(ActivityText::summary(e, command), summary);
        QCOMPARE(e.isFailure(), failure);
        QVERIFY(!ActivityText::iconName(e).isEmpty());
        if (failure)
            QCOMPARE(ActivityText::iconName(e),
                     kind == u"request.failed"       ? u"dialog-warning"_s
                         : kind == u"network.denied" ? u"network-error"_s
                                                     : u"dialog-error"_s);
        const auto family = ActivityText::family(e);
        QCOMPARE(ActivityText::familyName(family),
                 kind == u"quota.warned" ? u"other"_s : kind.section(u'.', 0, 0));
    }

    void actors()
    {
        const QByteArray data = "{}";
        QCOMPARE(ActivityText::actor(makeEvent(u"file.deleted"_s, data).actor), u"agent-runner"_s);
        QCOMPARE(
            ActivityText::actor(makeEvent(u"file.deleted"_s, data,
                                          R"({"type":"token","token_prefix":"ork_3fA9","token_name":null})")
                                    .actor),
            u"ork_3fA9"_s);
        QCOMPARE(ActivityText::actor(
                     makeEvent(u"file.deleted"_s, data, R"({"type":"system","reason":"timeout"})").actor),
                 u"system: timeout"_s);
        // The session's own token (the account's prefix) is "You (name)", or "You (prefix)".
        QCOMPARE(ActivityText::actor(makeEvent(u"file.deleted"_s, data).actor, u"ork_3fA9"_s),
                 u"You (agent-runner)"_s);
        QCOMPARE(ActivityText::actor(makeEvent(u"file.deleted"_s, data).actor, u"ork_other"_s),
                 u"agent-runner"_s);
        QCOMPARE(
            ActivityText::actor(makeEvent(u"file.deleted"_s, data,
                                          R"({"type":"token","token_prefix":"ork_3fA9","token_name":null})")
                                    .actor,
                                u"ork_3fA9"_s),
            u"You (ork_3fA9)"_s);
        QCOMPARE(ActivityText::actor(
                     makeEvent(u"file.deleted"_s, data, R"({"type":"system","reason":"timeout"})").actor,
                     u"ork_3fA9"_s),
                 u"system: timeout"_s);
    }

    void durationsAndSizes()
    {
        QCOMPARE(ActivityText::duration(0), u"0 ms"_s);
        QCOMPARE(ActivityText::duration(999), u"999 ms"_s);
        QCOMPARE(ActivityText::duration(1000), u"1.0 s"_s);
        QCOMPARE(ActivityText::duration(59999), u"60.0 s"_s);
        QCOMPARE(ActivityText::duration(3599000), u"59 min 59 s"_s);
        QCOMPARE(ActivityText::duration(7800000), u"2 h 10 min"_s);
        QCOMPARE(ActivityText::size(2662), u"2.6 KiB"_s);
    }

    void filtersSearchAndNewRows()
    {
        TestServer server;
        QVERIFY(server.start());
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        const QString sandbox = SessionTest::create(&client, u"fsn1"_s);
        QVERIFY(!sandbox.isEmpty());
        QVERIFY(SessionTest::exec(&client, sandbox, u"echo hello"_s));
        QVERIFY(SessionTest::exec(&client, sandbox, u"cat /workspace/NoSuchFile"_s)); // exit 1
        QVERIFY(SessionTest::finish(
            client.call<Orkestr::WriteFileJob>(sandbox, u"/workspace/report.csv"_s, u"a,b\n"_s)));
        QVERIFY(
            SessionTest::finish(client.call<Orkestr::DeleteFileJob>(sandbox, u"/workspace/report.csv"_s)));
        QVERIFY(!SessionTest::finish(
            client.call<Orkestr::GetExecJob>(sandbox, u"exe_00000000000000000000000000"_s)));

        auto store = std::make_shared<ActivityStore>(&client, sandbox);
        store->start();
        QVERIFY(waitUntil([&] { return store->isFollowing(); }, 10000));
        // A model made over a store that has its events already shows them.
        ActivityTimelineModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QStringList all
            = {u"sandbox.created"_s, u"exec.started"_s, u"exec.finished"_s, u"exec.started"_s,
               u"exec.finished"_s,   u"file.written"_s, u"file.deleted"_s,  u"request.failed"_s};
        QCOMPARE(kindsOf(model), all);
        QCOMPARE(model.data(model.index(5), ActivityTimelineModel::PathRole).toString(),
                 u"/workspace/report.csv"_s);
        QVERIFY(model.data(model.index(7), ActivityTimelineModel::RequestIdRole)
                    .toString()
                    .startsWith(u"req_"_s));
        QVERIFY(
            model.data(model.index(2), ActivityTimelineModel::ExecIdRole).toString().startsWith(u"exe_"_s));
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::CommandRole).toString(), u"echo hello"_s);
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::ActorRole).toString(),
                 store->at(2).actor.tokenName.isEmpty() ? store->at(2).actor.tokenPrefix
                                                        : store->at(2).actor.tokenName);
        // Once the session's own token is known, its rows read "You (name)"; another token's do not.
        const Orkestr::Actor own = store->at(2).actor;
        const QString ownName = own.tokenName.isEmpty() ? own.tokenPrefix : own.tokenName;
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        store->setOwnTokenPrefix(own.tokenPrefix);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::ActorRole).toString(),
                 u"You (%1)"_s.arg(ownName));
        store->setOwnTokenPrefix(u"ork_other"_s);
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::ActorRole).toString(), ownName);
        store->setOwnTokenPrefix({});
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::FamilyRole).toString(), u"exec"_s);
        QCOMPARE(model.data(model.index(2), ActivityTimelineModel::TimeRole).toDateTime(), store->at(2).at);
        QCOMPARE(model.rowOfSeq(6), 5);

        model.setFamilies(ActivityTimelineModel::FileFamily);
        QCOMPARE(kindsOf(model), QStringList({u"file.written"_s, u"file.deleted"_s}));
        model.setFamilies(ActivityTimelineModel::FileFamily | ActivityTimelineModel::RequestFamily);
        QCOMPARE(kindsOf(model), QStringList({u"file.written"_s, u"file.deleted"_s, u"request.failed"_s}));
        QCOMPARE(model.rowOfSeq(2), -1); // hidden
        model.setFamilies(ActivityTimelineModel::AllFamilies);
        QCOMPARE(kindsOf(model), all);

        model.setFailuresOnly(true);
        QCOMPARE(kindsOf(model), QStringList({u"exec.finished"_s, u"request.failed"_s}));
        QVERIFY(model.data(model.index(0), ActivityTimelineModel::SummaryRole)
                    .toString()
                    .startsWith(u"cat /workspace/NoSuchFile → exit 1"_s));
        model.setFailuresOnly(false);

        model.setSearchText(u"REPORT"_s); // case-insensitive, in paths
        QCOMPARE(kindsOf(model), QStringList({u"file.written"_s, u"file.deleted"_s}));
        model.setSearchText(u"nosuchfile"_s); // in commands, also of exec.finished
        QCOMPARE(kindsOf(model), QStringList({u"exec.started"_s, u"exec.finished"_s}));
        model.setSearchText(u"hello"_s);
        QCOMPARE(model.rowCount(), 2);
        model.setSearchText({});
        QCOMPARE(kindsOf(model), all);

        // Not following: new rows are counted, not jumped to.
        QSignalSpy newRows(&model, &ActivityTimelineModel::newRowCountChanged);
        model.setFollowing(false);
        QVERIFY(SessionTest::exec(&client, sandbox, u"echo one"_s));
        QVERIFY(waitUntil([&] { return model.rowCount() == 10; }, 10000));
        QCOMPARE(model.newRowCount(), 2);
        QCOMPARE(model.firstNewRow(), 8);
        QCOMPARE(newRows.last().first().toInt(), 2);
        // Only shown rows count: under "failures only" the new rows so far are not shown, and a
        // successful exec adds none.
        model.setFailuresOnly(true);
        QCOMPARE(model.newRowCount(), 0);
        QCOMPARE(newRows.last().first().toInt(), 0);
        QVERIFY(SessionTest::exec(&client, sandbox, u"echo two"_s));
        QVERIFY(waitUntil([&] { return store->count() == 12; }, 10000));
        QCOMPARE(model.newRowCount(), 0);
        QVERIFY(SessionTest::exec(&client, sandbox, u"exit 3"_s));
        QVERIFY(waitUntil([&] { return model.newRowCount() == 1; }, 10000));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.firstNewRow(), 2);
        model.setFailuresOnly(false); // the count follows the filter
        QCOMPARE(model.newRowCount(), 6);
        QCOMPARE(model.firstNewRow(), 8);
        model.setFailuresOnly(true);
        model.setFollowing(true);
        QCOMPARE(model.newRowCount(), 0);
        QCOMPARE(model.firstNewRow(), -1);
        QCOMPARE(newRows.last().first().toInt(), 0);
        QVERIFY(SessionTest::exec(&client, sandbox, u"exit 4"_s));
        QVERIFY(waitUntil([&] { return model.rowCount() == 4; }, 10000));
        QCOMPARE(model.newRowCount(), 0); // following: nothing to mark
    }
};

QTEST_GUILESS_MAIN(TestActivityTimeline)
#include "tst_activitytimeline.moc"
