// Sandbox actions against a real orkestr-local (free plan: one snapshot slot): a batch with one
// combined result that names a failure with its request id, the snapshot-cap rule, and
// confirmations (a refused one sends nothing).

#include "session/sandboxactions.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "sessiontesting.h"
#include "testprompter.h"
#include "testserver.h"

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;
using OrkestrSession::SandboxActions;
using OrkestrSession::Session;
using Action = SandboxActions::Action;

class TestSandboxActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"free"_s}));
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_a = SessionTest::create(&m_client, u"fsn1"_s);
        m_b = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!m_a.isEmpty() && !m_b.isEmpty());
    }

    void batchHasOneResultWithEachFailure()
    {
        Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->count() == 2, 10000);
        // Two pauses for one free slot: the rule holds the button back...
        QVERIFY(!session.actions()->pauseFitsQuota(2));
        QVERIFY(!session.actions()->canRun(Action::Pause, {m_a, m_b}));
        QVERIFY(session.actions()->canRun(Action::Pause, {m_a}));

        // ...and run() lets the server decide: one pause succeeds, the other is refused.
        QSignalSpy started(session.actions(), &SandboxActions::started);
        QSignalSpy finished(session.actions(), &SandboxActions::finished);
        QSignalSpy capReached(session.actions(), &SandboxActions::snapshotCapReached);
        session.actions()->run(Action::Pause, {m_a, m_b});
        QCOMPARE(started.size(), 1);
        QCOMPARE(started.first().at(1).toInt(), 2);
        QVERIFY(session.actions()->isBusy());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.size(), 1);
        QVERIFY(!session.actions()->isBusy());
        const auto result = finished.first().first().value<SandboxActions::Result>();
        QCOMPARE(result.action, Action::Pause);
        QCOMPARE(result.outcomes.size(), 2);
        QCOMPARE(result.successes(), 1);
        QCOMPARE(result.failures(), 1);
        const auto failure = std::find_if(result.outcomes.cbegin(), result.outcomes.cend(),
                                          [](const auto &outcome) { return outcome.error.isError(); });
        QCOMPARE(failure->error.kind(), Orkestr::ApiError::Kind::SnapshotCapReached);
        QVERIFY(failure->error.requestId().startsWith(u"req_"_s));
        QVERIFY(result.summary().startsWith(u"Paused 1 of 2."_s));
        QVERIFY2(result.summary().contains(failure->sandboxId + u": "_s), qPrintable(result.summary()));
        QVERIFY(result.summary().contains(failure->error.requestId()));
        QCOMPARE(capReached.size(), 1);
        // The paused one is in the store at once, from the action's answer.
        const QString paused = failure->sandboxId == m_a ? m_b : m_a;
        QCOMPARE(session.sandboxes()->sandbox(paused)->status, Sandbox::Status::Paused);
        // It is what could free the slot.
        const auto candidates = session.actions()->pausedOldestFirst();
        QCOMPARE(candidates.size(), 1);
        QCOMPARE(candidates.first().id, paused);

        // With the account fetched again, the rule holds back even one more pause.
        QTRY_COMPARE_WITH_TIMEOUT(session.account().snapshots.used, 1, 10000);
        QVERIFY(!session.actions()->pauseFitsQuota(1));
        QVERIFY(!session.actions()->canRun(Action::Pause, {failure->sandboxId}));
        QVERIFY(session.actions()->canRun(Action::Resume, {paused}));
        // Nothing to do: nothing sent, no result.
        finished.clear();
        session.actions()->run(Action::Resume, {failure->sandboxId}); // running, not paused
        QVERIFY(!finished.wait(300));

        session.actions()->run(Action::Resume, {paused});
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<SandboxActions::Result>().summary(), u"Resumed 1 of 1."_s);
        QCOMPARE(session.sandboxes()->sandbox(paused)->status, Sandbox::Status::Running);
    }

    void terminateAsksFirstAndARefusalSendsNothing()
    {
        Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->contains(m_b), 10000);
        QTest::qWait(100); // the first list's requests are done

        QSignalSpy requests(&m_client, &Orkestr::Client::requestLogged);
        QSignalSpy finished(session.actions(), &SandboxActions::finished);
        prompter.accept = false;
        session.actions()->run(Action::Terminate, {m_b});
        QCOMPARE(prompter.asked.size(), 1);
        QVERIFY(prompter.asked.first().text.contains(m_b));
        QVERIFY(prompter.asked.first().destructive);
        QVERIFY(!finished.wait(500));
        for (const auto &request : requests)
            QCOMPARE(request.first().value<Orkestr::RequestLogEntry>().method, QByteArray("GET"));

        // Without anyone to ask, nothing destructive goes out either.
        session.actions()->setPrompter(nullptr);
        session.actions()->run(Action::Terminate, {m_b});
        QVERIFY(!finished.wait(300));
        for (const auto &request : requests)
            QCOMPARE(request.first().value<Orkestr::RequestLogEntry>().method, QByteArray("GET"));

        session.actions()->setPrompter(&prompter);
        prompter.accept = true;
        session.actions()->run(Action::Terminate, {m_b});
        QCOMPARE(prompter.asked.size(), 2);
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.first().first().value<SandboxActions::Result>().successes(), 1);
        QCOMPARE(session.sandboxes()->sandbox(m_b)->status, Sandbox::Status::Terminated);
        QVERIFY(!session.actions()->canRun(Action::Terminate, {m_b}));
    }

    void readOnlySendsNoWrite()
    {
        Session session(&m_client);
        TestPrompter prompter;
        prompter.accept = true;
        session.actions()->setPrompter(&prompter);
        session.setInspectOnly(true);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->contains(m_a), 10000);
        QVERIFY(!session.actions()->canRun(Action::Pause, {m_a}));
        QVERIFY(!session.actions()->canRun(Action::Terminate, {m_a}));
        QSignalSpy requests(&m_client, &Orkestr::Client::requestLogged);
        session.actions()->run(Action::Terminate, {m_a});
        session.actions()->run(Action::Pause, {m_a});
        QTest::qWait(300);
        QVERIFY(prompter.asked.isEmpty());
        for (const auto &request : requests)
            QCOMPARE(request.first().value<Orkestr::RequestLogEntry>().method, QByteArray("GET"));
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_a;
    QString m_b;
};

QTEST_MAIN(TestSandboxActions)
#include "tst_sandboxactions.moc"
