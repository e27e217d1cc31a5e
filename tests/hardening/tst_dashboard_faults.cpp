// The dashboard under each fault of the fault-injecting server (issue "Hardening"): connection
// resets (before the answer and in the middle of it), 429 with Retry-After, 500, 503, a malformed
// JSON body, a truncated body and a stall. For each: the GUI thread is never blocked for a network wait (a
// latency probe), the list page keeps the last list and shows an offline or rate-limited state, and an editor
// tab with an unsaved edit whose save fails keeps the edit, stays marked modified and shows the error with
// the request id (when the server sent one). After the fault the same save works.
//
// The fault server runs on a thread of its own, so that the probe measures the dashboard only.

#include "core/client.h"
#include "core/faultserver.h"
#include "files/answeringprompter.h"
#include "guiprobe.h"
#include "session/remotefiles.h"
#include "session/sandboxactions.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/files/editortab.h"
#include "ui/mainwindow.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <atomic>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

enum class Fault {
    None,
    ResetBeforeAnswer,
    ResetMidBody,
    RateLimited,
    Internal,
    Unavailable,
    MalformedJson,
    TruncatedBody,
    Stall,
};

const QString SandboxId = u"sbx_01JHARDENING0000000000001"_s;
const QString OtherId = u"sbx_01JHARDENING0000000000002"_s;

QJsonObject sandboxJson(const QString &id, const QString &status)
{
    return {{u"id"_s, id},
            {u"template"_s, u"python-3.12"_s},
            {u"status"_s, status},
            {u"region"_s, u"fsn1"_s},
            {u"cpu"_s, 1},
            {u"memory_mb"_s, 2048},
            {u"network"_s, u"off"_s},
            {u"timeout_seconds"_s, 600},
            {u"env_keys"_s, QJsonArray()},
            {u"metadata"_s, QJsonObject()},
            {u"created_at"_s, u"2026-11-21T10:00:00.000Z"_s},
            {u"expires_at"_s, u"2026-11-21T10:10:00.000Z"_s},
            {u"paused_at"_s, QJsonValue::Null},
            {u"terminated_at"_s, QJsonValue::Null},
            {u"termination_reason"_s, QJsonValue::Null},
            {u"snapshot"_s, QJsonValue::Null}};
}

// What a healthy server answers.
FaultResponse healthy(const RecordedRequest &request)
{
    const QString path = request.path();
    if (path == u"/v1/account"_s)
        return FaultResponse::json(
            200,
            QJsonObject {
                {u"account_id"_s, u"acc_fault"_s},
                {u"name"_s, u"fault"_s},
                {u"plan"_s, u"team"_s},
                {u"token"_s,
                 QJsonObject {{u"prefix"_s, u"ork_fault"_s},
                              {u"scopes"_s, QJsonArray {u"sandboxes:read"_s, u"sandboxes:write"_s}}}},
                {u"snapshots"_s, QJsonObject {{u"used"_s, 0}, {u"cap"_s, 10}}},
                {u"limits"_s,
                 QJsonObject {{u"max_cpu"_s, 8},
                              {u"max_memory_mb"_s, 16384},
                              {u"max_timeout_seconds"_s, 86400},
                              {u"max_running_sandboxes"_s, 100}}},
                {u"usage"_s, QJsonObject {{u"running_sandboxes"_s, 2}, {u"paused_sandboxes"_s, 0}}}});
    if (path == u"/v1/sandboxes"_s && request.method == "GET")
        return FaultResponse::json(200,
                                   QJsonObject {{u"sandboxes"_s,
                                                 QJsonArray {sandboxJson(OtherId, u"running"_s),
                                                             sandboxJson(SandboxId, u"running"_s)}},
                                                {u"next_cursor"_s, QJsonValue::Null}},
                                   {{"ETag", "\"fault-list-1\""}});
    if (path == u"/v1/sandboxes/%1/files"_s.arg(SandboxId) && request.method == "PUT") {
        const auto body = QJsonDocument::fromJson(request.body).object();
        const auto size = QByteArray::fromBase64(body.value(u"content"_s).toString().toLatin1()).size();
        return FaultResponse::json(200,
                                   QJsonObject {{u"name"_s, u"main.py"_s},
                                                {u"is_dir"_s, false},
                                                {u"size"_s, size},
                                                {u"mode"_s, 420},
                                                {u"modified_at"_s, u"2026-11-21T10:01:00.000Z"_s}});
    }
    return FaultResponse::error(404, u"sandbox_not_found"_s);
}

FaultResponse faulty(Fault fault, const RecordedRequest &request)
{
    const FaultResponse good = healthy(request);
    const qsizetype headerEnd = good.all().indexOf("\r\n\r\n") + 4;
    switch (fault) {
    case Fault::None:
        return good;
    case Fault::ResetBeforeAnswer: {
        FaultResponse reset;
        reset.end = FaultResponse::End::Reset;
        return reset;
    }
    case Fault::ResetMidBody:
        return good.cutAfter(headerEnd + 5, FaultResponse::End::Reset);
    case Fault::RateLimited:
        return FaultResponse::error(429, u"rate_limited"_s, {{u"retry_after"_s, 3}}, {{"Retry-After", "3"}});
    case Fault::Internal:
        return FaultResponse::error(500, u"internal"_s);
    case Fault::Unavailable:
        return FaultResponse::error(503, u"unavailable"_s, {{u"retry_after"_s, 3}}, {{"Retry-After", "3"}});
    case Fault::MalformedJson:
        return FaultResponse::json(200, "{\"sandboxes\": [{\"id\": tru"_ba);
    case Fault::TruncatedBody:
        return good.cutAfter(headerEnd + (good.all().size() - headerEnd) / 2, FaultResponse::End::Close);
    case Fault::Stall: {
        // Silence after the headers. File transfers allow 120 s of silence (core/filejobs.cpp),
        // so the save would wait that long; here the connection is reset after 4 s instead, as
        // a proxy would. Shorter requests (the list) hit the client's 1.5 s timeout first.
        FaultResponse stall = good.cutAfter(headerEnd, FaultResponse::End::Stall);
        stall.stallMs = 4000;
        return stall;
    }
    }
    return good;
}

} // namespace

class TestDashboardFaults : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void underFault_data();
    void underFault();

private:
    QThread m_thread;
    FaultServer *m_server = nullptr;
    std::atomic<Fault> m_fault {Fault::None};
    QUrl m_url;
};

void TestDashboardFaults::initTestCase()
{
    m_thread.start();
    QObject context;
    context.moveToThread(&m_thread);
    bool listening = false;
    // Made on its thread, so that its listening socket and connections live there.
    QMetaObject::invokeMethod(
        &context,
        [this, &listening] {
            m_server = new FaultServer;
            m_server->responder = [this](const RecordedRequest &request) {
                return faulty(m_fault.load(), request);
            };
            listening = m_server->listen();
            m_url = m_server->url();
        },
        Qt::BlockingQueuedConnection);
    QVERIFY(listening);
}

void TestDashboardFaults::cleanupTestCase()
{
    if (m_server)
        QMetaObject::invokeMethod(
            m_server, [this] { delete m_server; }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TestDashboardFaults::underFault_data()
{
    QTest::addColumn<Fault>("fault");
    QTest::addColumn<bool>("hasRequestId");
    QTest::addColumn<OrkestrSession::SandboxPoller::State>("listState");
    using State = OrkestrSession::SandboxPoller::State;
    QTest::newRow("reset before the answer") << Fault::ResetBeforeAnswer << false << State::Offline;
    QTest::newRow("reset in the middle of the body") << Fault::ResetMidBody << true << State::Offline;
    QTest::newRow("429 with Retry-After") << Fault::RateLimited << true << State::RateLimited;
    QTest::newRow("500") << Fault::Internal << true << State::Offline;
    QTest::newRow("503 with Retry-After") << Fault::Unavailable << true << State::Offline;
    QTest::newRow("malformed JSON") << Fault::MalformedJson << true << State::Offline;
    QTest::newRow("truncated body") << Fault::TruncatedBody << true << State::Offline;
    QTest::newRow("stall after the headers") << Fault::Stall << true << State::Offline;
}

void TestDashboardFaults::underFault()
{
    QFETCH(Fault, fault);
    QFETCH(bool, hasRequestId);
    QFETCH(OrkestrSession::SandboxPoller::State, listState);

    m_fault = Fault::None;
    Orkestr::Client client;
    client.setBaseUrl(m_url);
    client.setToken(u"ork_faulttoken0000000000000000000000000000"_s);
    client.setBackoff(50ms, 200ms);
    client.setTimeout(1500ms); // the stall ends in a timeout this long
    OrkestrUi::MainWindow window(&client);
    auto *page = window.sandboxesPage();
    page->poller()->setInterval(200ms);
    window.show();
    QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
    window.refreshAccount();
    QVERIFY(changed.wait(10000));
    QTRY_VERIFY_WITH_TIMEOUT(window.session()->sandboxes()->sandbox(SandboxId).has_value(), 10000);

    // An editor with an unsaved edit.
    AnsweringPrompter prompter;
    OrkestrSession::RemoteFiles files(&client, SandboxId, &prompter);
    OrkestrUi::EditorTab tab(&files, u"/workspace/main.py"_s, "print('hello')\n");
    tab.show();
    QCOMPARE(tab.kind(), OrkestrUi::EditorTab::Kind::Text);
    tab.editor()->moveCursor(QTextCursor::End);
    tab.editor()->insertPlainText(u"print('unsaved edit')\n"_s);
    QVERIFY(tab.isModified());
    const QString edited = tab.text();

    OrkestrTest::GuiProbe probe;
    probe.start();
    QElapsedTimer clock;
    clock.start();
    m_fault = fault;

    QSignalSpy failed(&tab, &OrkestrUi::EditorTab::saveFailed);
    QSignalSpy saved(&tab, &OrkestrUi::EditorTab::saved);
    tab.save();
    // A stalled save is retried (an in-memory write is safe to resend): 4 tries of 4 s each.
    QVERIFY(failed.wait(40000));
    const qint64 failedAfterMs = clock.elapsed();
    QCOMPARE(saved.size(), 0);
    // The edit is still there, still marked unsaved, and the error says which request failed.
    QVERIFY(tab.isModified());
    QCOMPARE(tab.text(), edited);
    QVERIFY(tab.title().contains(u'*'));
    const auto error = tab.saveError();
    QVERIFY(error.isError());
    QVERIFY2(tab.messageText().contains(u"main.py"_s), qPrintable(tab.messageText()));
    if (hasRequestId) {
        QVERIFY2(!error.requestId().isEmpty(), qPrintable(error.displayText()));
        QVERIFY2(tab.messageText().contains(error.requestId()), qPrintable(tab.messageText()));
    } else {
        QCOMPARE(error.kind(), Orkestr::ApiError::Kind::Connection);
    }

    // The list: the last one stays, and the page and the status bar say what is going on.
    QTRY_COMPARE_WITH_TIMEOUT(page->poller()->state(), listState, 15000);
    QVERIFY(page->isVisible());
    QVERIFY(window.session()->sandboxes()->sandbox(SandboxId).has_value());
    QVERIFY(window.session()->sandboxes()->sandbox(OtherId).has_value());
    QVERIFY2(!window.networkText().isEmpty(), "the status bar shows no offline or rate-limited state");
    const QString freshness = page->freshnessText();
    QVERIFY2(freshness.contains(listState == OrkestrSession::SandboxPoller::State::RateLimited
                                    ? u"Rate limited"_s
                                    : u"Offline"_s),
             qPrintable(freshness));
    // While the fault lasts the dashboard keeps working: the editor takes more typing.
    tab.editor()->insertPlainText(u"# more\n"_s);
    const QString editedMore = tab.text();
    QTest::qWait(300);
    const QByteArray duringFault = probe.describe();

    // The fault ends: the list comes back by itself, and saving again keeps the whole edit.
    m_fault = Fault::None;
    QTRY_COMPARE_WITH_TIMEOUT(page->poller()->state(), OrkestrSession::SandboxPoller::State::Fresh, 30000);
    tab.save();
    QTRY_VERIFY_WITH_TIMEOUT(!saved.isEmpty() || failed.size() > 1, 20000);
    QCOMPARE(saved.size(), 1);
    QVERIFY(!tab.isModified());
    QCOMPARE(tab.text(), editedMore);
    QVERIFY(tab.messageText().isEmpty());
    qInfo("%s: save failed after %lld ms with \"%s\"; during the fault: %s; in all: %s",
          QTest::currentDataTag(), failedAfterMs, qPrintable(error.displayText()), duringFault.constData(),
          probe.describe().constData());
    // Never blocked for the length of a network wait (a Retry-After of 3 s, a stall of 4 s).
    QVERIFY2(!probe.wasBlocked(), probe.describe().constData());
}

QTEST_MAIN(TestDashboardFaults)
#include "tst_dashboard_faults.moc"
