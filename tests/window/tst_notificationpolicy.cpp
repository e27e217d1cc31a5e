// Which sandbox changes and terminal commands raise a desktop notification, and switching each
// kind off.

#include "session/notificationpolicy.h"

#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrSession::Notification;
using OrkestrSession::NotificationPolicy;
using Status = Orkestr::Sandbox::Status;

namespace {

Orkestr::Sandbox sandbox(Status status, const QDateTime &createdAt, const QString &reason = {})
{
    Orkestr::Sandbox s;
    s.id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;
    s.status = status;
    s.createdAt = createdAt;
    s.terminationReason = reason;
    s.timeoutSeconds = 600;
    s.metadata.insert(u"agent_run"_s, u"r_42"_s);
    return s;
}

} // namespace

class TestNotificationPolicy : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void failedAndTimedOutSandboxes()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc();
        const QDateTime old = since.addSecs(-3600);
        NotificationPolicy policy(since);
        const auto running = sandbox(Status::Running, old);
        const std::optional<Status> wasRunning = Status::Running;

        const auto failed = policy.forChange(wasRunning, sandbox(Status::Failed, old));
        QVERIFY(failed);
        QCOMPARE(failed->kind, Notification::Kind::SandboxFailed);
        QCOMPARE(failed->sandboxId, running.id);
        QVERIFY2(failed->text.contains(u"agent_run=r_42"_s), qPrintable(failed->text));

        const auto timedOut = policy.forChange(wasRunning, sandbox(Status::Terminated, old, u"timeout"_s));
        QVERIFY(timedOut);
        QCOMPARE(timedOut->kind, Notification::Kind::SandboxTimedOut);
        QVERIFY(timedOut->text.contains(u"600"_s));

        // Terminated on request: the user (or agent) asked for it, nothing to tell.
        QVERIFY(!policy.forChange(wasRunning, sandbox(Status::Terminated, old, u"requested"_s)));
        // No change of status: nothing new.
        QVERIFY(!policy.forChange(Status::Failed, sandbox(Status::Failed, old)));
        QVERIFY(!policy.forChange(wasRunning, sandbox(Status::Paused, old)));
    }

    void oldSandboxesSeenForTheFirstTimeRaiseNothing()
    {
        const QDateTime since = QDateTime::currentDateTimeUtc();
        NotificationPolicy policy(since);
        QVERIFY(!policy.forChange(std::nullopt, sandbox(Status::Failed, since.addSecs(-60))));
        // One created after connecting that failed before the list saw it running does.
        QVERIFY(policy.forChange(std::nullopt, sandbox(Status::Failed, since.addSecs(5))));
    }

    void kindsCanBeSwitchedOff()
    {
        const QDateTime old = QDateTime::currentDateTimeUtc().addSecs(-3600);
        NotificationPolicy policy;
        policy.setEnabled(Notification::Kind::SandboxFailed, false);
        QVERIFY(!policy.isEnabled(Notification::Kind::SandboxFailed));
        QVERIFY(!policy.forChange(Status::Running, sandbox(Status::Failed, old)));
        QVERIFY(policy.forChange(Status::Running, sandbox(Status::Terminated, old, u"timeout"_s)));
        policy.setEnabled(Notification::Kind::SandboxFailed, true);
        QVERIFY(policy.forChange(Status::Running, sandbox(Status::Failed, old)));
        QVERIFY(NotificationPolicy::settingsKey(Notification::Kind::SandboxFailed)
                != NotificationPolicy::settingsKey(Notification::Kind::CommandFinished));
    }

    void longCommandsInTerminalsOutOfView()
    {
        NotificationPolicy policy;
        policy.setLongCommandMs(10000);
        const auto done = policy.forCommand(u"sbx_1"_s, u"make -j2 all"_s, 0, 12000, false);
        QVERIFY(done);
        QCOMPARE(done->kind, Notification::Kind::CommandFinished);
        QVERIFY(done->text.contains(u"make -j2 all"_s));
        QVERIFY(done->text.contains(u"12"_s));
        const auto failed = policy.forCommand(u"sbx_1"_s, u"pytest"_s, 1, 12000, false);
        QVERIFY(failed && failed->title != done->title);
        // In view, or short: the user saw it.
        QVERIFY(!policy.forCommand(u"sbx_1"_s, u"make"_s, 0, 12000, true));
        QVERIFY(!policy.forCommand(u"sbx_1"_s, u"ls"_s, 0, 900, false));
        policy.setEnabled(Notification::Kind::CommandFinished, false);
        QVERIFY(!policy.forCommand(u"sbx_1"_s, u"make"_s, 0, 12000, false));
    }
};

QTEST_GUILESS_MAIN(TestNotificationPolicy)
#include "tst_notificationpolicy.moc"
