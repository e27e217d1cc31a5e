// The session against a real orkestr-local: the one write policy (from the token's scopes and
// from the profile's inspect switch), the account fetched and fetched again after actions, and a
// reset that forgets what belonged to the previous connection.

#include "session/sandboxactions.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QProcess>

using namespace Qt::StringLiterals;
using OrkestrSession::SandboxActions;
using OrkestrSession::SandboxPoller;
using OrkestrSession::SandboxStore;
using OrkestrSession::Session;
using Reason = Session::ReadOnlyReason;

class TestSession : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"free"_s}));
        QProcess tool;
        tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                   {u"token"_s, u"create"_s, u"--read-only"_s, u"--name"_s, u"support"_s, u"--data-dir"_s,
                    m_server.dataDir.path()});
        QVERIFY(tool.waitForFinished(10000));
        m_readOnlyToken = QString::fromUtf8(tool.readAllStandardOutput().trimmed());
        QVERIFY(m_readOnlyToken.startsWith(u"ork_"_s));
    }

    void writePolicyFollowsTheTokensScopes()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_readOnlyToken);
        Session session(&client);
        QCOMPARE(session.readOnlyReason(), Reason::None); // nothing known yet: the server decides
        QSignalSpy policy(&session, &Session::writePolicyChanged);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QVERIFY(session.isConnected());
        QCOMPARE(session.readOnlyReason(), Reason::TokenScopes);
        QVERIFY(session.isReadOnly());
        QCOMPARE(policy.size(), 1);
        QCOMPARE(policy.first().first().toBool(), true);

        // The same session with a full token, after a reset (another profile): writable again.
        session.reset();
        QCOMPARE(policy.size(), 2);
        QCOMPARE(policy.last().first().toBool(), false);
        client.setToken(m_server.token());
        account.clear();
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QCOMPARE(session.readOnlyReason(), Reason::None);
        QCOMPARE(policy.size(), 2); // no change, no signal
    }

    void writePolicyFollowsTheInspectSwitch()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        Session session(&client);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QVERIFY(session.account().canWrite());
        QSignalSpy policy(&session, &Session::writePolicyChanged);
        session.setInspectOnly(true);
        QCOMPARE(session.readOnlyReason(), Reason::InspectOnly);
        QCOMPARE(policy.size(), 1);
        QCOMPARE(policy.first().first().toBool(), true);
        // Inspect only wins over a token that could write, and an account fetched again keeps it.
        account.clear();
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QCOMPARE(session.readOnlyReason(), Reason::InspectOnly);
        session.setInspectOnly(false);
        QCOMPARE(session.readOnlyReason(), Reason::None);
        QCOMPARE(policy.size(), 2);
        QCOMPARE(policy.last().first().toBool(), false);
    }

    void accountIsFetchedAgainAfterAnAction()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        const QString id = SessionTest::create(&client, u"fsn1"_s);
        QVERIFY(!id.isEmpty());
        Session session(&client);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        const int pausedBefore = session.account().usage.paused;
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->contains(id), 10000);

        QSignalSpy finished(session.actions(), &SandboxActions::finished);
        account.clear();
        session.actions()->run(SandboxActions::Action::Pause, {id});
        QVERIFY(finished.wait(20000));
        // The action's answer asks for the account again: its usage now counts the pause.
        QTRY_VERIFY_WITH_TIMEOUT(!account.isEmpty(), 10000);
        QCOMPARE(session.account().usage.paused, pausedBefore + 1);
        QCOMPARE(session.account().snapshots.used, 1);

        auto *terminate = client.call<Orkestr::TerminateSandboxJob>(id);
        QVERIFY(SessionTest::finish(terminate));
    }

    void failureKeepsAKnownAccountAndResetForgetsIt()
    {
        TestServer server;
        QVERIFY(server.start());
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        client.setMaxRetries(0);
        const QString id = SessionTest::create(&client, u"hel1"_s);
        QVERIFY(!id.isEmpty());
        Session session(&client);
        QSignalSpy account(&session, &Session::accountChanged);
        session.refreshAccount();
        QVERIFY(account.wait(10000));
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->contains(id), 10000);

        // The server goes away: the account stays known (a connection that worked retries).
        server.process->stop();
        QSignalSpy failed(&session, &Session::accountFailed);
        QTest::qWait(50);
        session.refreshAccount();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<Orkestr::ApiError>().kind(),
                 Orkestr::ApiError::Kind::Connection);
        QVERIFY(!session.isConnected());
        QVERIFY(session.hasAccount());
        QVERIFY(session.sandboxes()->contains(id));

        // Another server or token: nothing of this one stays, and the list stops updating.
        QSignalSpy removed(session.sandboxes(), &SandboxStore::sandboxesRemoved);
        session.reset();
        QVERIFY(!session.hasAccount());
        QCOMPARE(session.sandboxes()->count(), 0);
        QCOMPARE(removed.size(), 1);
        QVERIFY(removed.first().first().toStringList().contains(id));
        QCOMPARE(session.sandboxes()->poller()->state(), SandboxPoller::State::Idle);
    }

private:
    TestServer m_server;
    QString m_readOnlyToken;
};

QTEST_MAIN(TestSession)
#include "tst_session.moc"
