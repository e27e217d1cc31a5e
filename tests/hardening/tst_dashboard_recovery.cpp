// The dashboard (MainWindow, offscreen) connected to a real orkestr-local that is killed with
// SIGKILL and started again on the same port, data dir and token (issue "Hardening"): the window
// keeps the last list and says it is offline, the GUI thread is never blocked, and without any user
// action it reconnects and shows the truth: running sandboxes are now failed, the paused one is
// still paused, and one created by another client after the restart appears.

#include "core/client.h"
#include "guiprobe.h"
#include "killableserver.h"
#include "session/sandboxactions.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/mainwindow.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTimer>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestDashboardRecovery : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void reconnectsAfterSigkillAndShowsTheTruth();
};

void TestDashboardRecovery::reconnectsAfterSigkillAndShowsTheTruth()
{
    QTemporaryDir dataDir;
    QVERIFY(dataDir.isValid());
    KillableServer server;
    server.dataDir = dataDir.path();
    server.extraArguments = {u"--plan"_s, u"team"_s};
    QVERIFY(server.start());

    SyncClient other(&server); // "a second client", e.g. a script using the API
    const QString running1 = other.create();
    const QString running2 = other.create();
    const QString paused = other.create();
    QVERIFY(!running1.isEmpty() && !running2.isEmpty() && !paused.isEmpty());
    QCOMPARE(other.post(u"/v1/sandboxes/%1/pause"_s.arg(paused)).status, 200);

    Orkestr::Client client;
    client.setBaseUrl(server.url());
    client.setToken(server.token);
    client.setBackoff(100ms, 1s);
    OrkestrUi::MainWindow window(&client);
    auto *page = window.sandboxesPage();
    auto *store = window.session()->sandboxes();
    page->poller()->setInterval(300ms);
    window.show();
    QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
    window.refreshAccount();
    QVERIFY(changed.wait(15000));
    const auto statusOf = [&](const QString &id) {
        const auto sandbox = store->sandbox(id);
        return sandbox ? sandbox->status : Orkestr::Sandbox::Status::Unknown;
    };
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(running1), Orkestr::Sandbox::Status::Running, 10000);
    QCOMPARE(statusOf(running2), Orkestr::Sandbox::Status::Running);
    QCOMPARE(statusOf(paused), Orkestr::Sandbox::Status::Paused);
    QCOMPARE(window.quotaText(), u"Snapshots 1 of 10 (team)"_s);

    OrkestrTest::GuiProbe probe;
    probe.start();
    QElapsedTimer outage;
    outage.start();
    server.kill();

    // Offline: the list stays, the window says so, the poller keeps trying.
    QTRY_COMPARE_WITH_TIMEOUT(page->poller()->state(), OrkestrSession::SandboxPoller::State::Offline, 10000);
    QVERIFY(page->isVisible());
    QVERIFY(store->sandbox(running1).has_value());
    QVERIFY2(window.networkText().startsWith(u"Offline"_s), qPrintable(window.networkText()));
    QVERIFY2(page->freshnessText().contains(u"Offline"_s), qPrintable(page->freshnessText()));
    QTest::qWait(1500); // a few failed polls, with backoff

    QVERIFY(server.start());
    const qint64 downMs = outage.elapsed();
    const QString createdAfter = other.create();
    QVERIFY(!createdAfter.isEmpty());

    // No user action from here on: the dashboard finds its way back by itself.
    QElapsedTimer recovery;
    recovery.start();
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(createdAfter), Orkestr::Sandbox::Status::Running, 30000);
    const qint64 listBackMs = recovery.elapsed();
    QCOMPARE(statusOf(running1), Orkestr::Sandbox::Status::Failed);
    QCOMPARE(statusOf(running2), Orkestr::Sandbox::Status::Failed);
    QCOMPARE(statusOf(paused), Orkestr::Sandbox::Status::Paused);
    QCOMPARE(store->sandbox(running1)->terminationReason, u"error"_s);
    QCOMPARE(page->poller()->state(), OrkestrSession::SandboxPoller::State::Fresh);
    // The account (status bar, quota, usage) is fetched again as soon as the list answers, not
    // at the next periodic refresh (15 s): one running sandbox now, the one made after the restart.
    QTRY_COMPARE_WITH_TIMEOUT(window.account().usage.running, 1, 5000);
    const qint64 connectedMs = recovery.elapsed();
    QVERIFY(window.isConnected());
    QVERIFY2(window.statusText().startsWith(u"Connected to"_s), qPrintable(window.statusText()));
    QCOMPARE(window.quotaText(), u"Snapshots 1 of 10 (team)"_s);
    QVERIFY(window.networkText().isEmpty());
    probe.stop();

    qInfo("server down %lld ms; list true again %lld ms after the restart, connected %lld ms after; %s",
          downMs, listBackMs, connectedMs, probe.describe().constData());
    // Not blocked for the length of a network wait (the outage lasted over 1.5 s of failed polls).
    QVERIFY2(!probe.wasBlocked(), probe.describe().constData());
    QVERIFY(probe.ticks() > int(downMs / 10 / 4));

    // The recovered dashboard acts on the restarted server: resume the paused sandbox.
    window.session()->actions()->run(OrkestrUi::SandboxesPage::Action::Resume, {paused});
    QTRY_COMPARE_WITH_TIMEOUT(statusOf(paused), Orkestr::Sandbox::Status::Running, 20000);
}

QTEST_MAIN(TestDashboardRecovery)
#include "tst_dashboard_recovery.moc"
