// The Shell terminal (issue 18) offscreen against a real orkestr-local: keys typed into the
// QTermWidget reach a pty in the sandbox and its output the screen (vim, a python REPL, Ctrl+C),
// the pty follows the view's size, copy and paste, the exit shown in the view, ten shells at once,
// pause and resume with a shell open; the tabs fall back to Commands on a server without the
// endpoint, and a read-only window opens no shell.

#include "core/client.h"
#include "core/ptysession.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "jobtesting.h"
#include "session/session.h"
#include "session/shellsession.h"
#include "testserver.h"
#include "ui/mainwindow.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxview/sandboxtabs.h"
#include "ui/sandboxview/sandboxview.h"
#include "ui/terminal/shellwidget.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"

#include <QApplication>
#include <QClipboard>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>

#include <qtermwidget.h>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using OrkestrSession::ShellSession;
using OrkestrTest::waitUntil;

class TestShell : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;

    QString createSandbox()
    {
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *job = m_client.call<Orkestr::CreateSandboxJob>(params);
        if (!runToEnd(job, 20000)) {
            qWarning() << "create failed:" << job->error().displayText();
            return {};
        }
        return job->sandbox().id;
    }

    static QWidget *view(ShellWidget *shell)
    {
        QWidget *display = shell->terminal()->focusProxy();
        return display ? display : shell->terminal();
    }
    // Types a line into the terminal view as a keyboard would, then Return.
    static void typeLine(ShellWidget *shell, const QString &line)
    {
        QTest::keyClicks(view(shell), line);
        QTest::keyClick(view(shell), Qt::Key_Return);
    }
    static bool screenShows(ShellWidget *shell, const QString &text, int timeoutMs = 20000)
    {
        if (waitUntil([&] { return shell->screenText().contains(text); }, timeoutMs))
            return true;
        qWarning().noquote() << "screen without" << text << ":\n" << shell->screenText().right(1500);
        return false;
    }
    static bool running(ShellWidget *shell)
    {
        if (waitUntil([&] { return shell->session()->state() == ShellSession::State::Running; }, 20000))
            return true;
        qWarning().noquote() << "shell not running:" << int(shell->session()->state())
                             << shell->session()->lastError().displayText();
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(u"terminal"_s);
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_id = createSandbox();
        QVERIFY(!m_id.isEmpty());
    }

    void keysReachTheShellAndCtrlCStopsASleep()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(800, 500);
        shell.show();
        QVERIFY(running(&shell));
        QVERIFY(shell.isBusy());
        typeLine(&shell, u"echo typed-$((6*7))"_s);
        QVERIFY(screenShows(&shell, u"typed-42"_s));
        // Tab completion is the shell's own.
        QTest::keyClicks(view(&shell), u"echo /etc/hostn"_s);
        QTest::keyClick(view(&shell), Qt::Key_Tab);
        QTest::keyClick(view(&shell), Qt::Key_Return);
        QVERIFY(screenShows(&shell, u"\n/etc/hostname"_s));

        QElapsedTimer clock;
        clock.start();
        typeLine(&shell, u"sleep 60; echo sl$((0))ept"_s);
        QTest::qWait(500);
        QTest::keyClick(view(&shell), Qt::Key_C, Qt::ControlModifier);
        typeLine(&shell, u"echo after-$((2*4))"_s);
        QVERIFY(screenShows(&shell, u"after-8"_s));
        QVERIFY(clock.elapsed() < 20000);
        QVERIFY(!shell.screenText().contains(u"sl0ept"_s));
    }

    void vimOpensAndQuits()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(800, 500);
        shell.show();
        QVERIFY(running(&shell));
        typeLine(&shell, u"cd /tmp && vi shelltest.txt"_s);
        // vi's empty buffer: a column of tildes on its own screen.
        QVERIFY(waitUntil([&] { return shell.screenText().count(u"\n~"_s) >= 5; }, 20000));
        QTest::keyClicks(view(&shell), u"ihello from vi"_s);
        QTest::keyClick(view(&shell), Qt::Key_Escape);
        typeLine(&shell, u":wq"_s);
        QVERIFY(waitUntil([&] { return shell.screenText().count(u"\n~"_s) < 5; }, 20000));
        typeLine(&shell, u"cat shelltest.txt; echo done-$((1+2))"_s);
        QVERIFY(screenShows(&shell, u"done-3"_s));
        QVERIFY(shell.screenText().contains(u"\nhello from vi"_s));
    }

    void pythonReplEvaluates()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(800, 500);
        shell.show();
        QVERIFY(running(&shell));
        typeLine(&shell, u"python3 -q"_s);
        QVERIFY(screenShows(&shell, u">>>"_s));
        typeLine(&shell, u"6*7"_s);
        QVERIFY(screenShows(&shell, u"\n42"_s));
        // Ctrl+D ends the REPL; what is typed before the shell's next prompt may be flushed.
        const qsizetype prompts = shell.screenText().count(u"@sandbox"_s);
        QTest::keyClick(view(&shell), Qt::Key_D, Qt::ControlModifier);
        QVERIFY(waitUntil([&] { return shell.screenText().count(u"@sandbox"_s) > prompts; }, 20000));
        typeLine(&shell, u"echo back-$((9*9))"_s);
        QVERIFY(screenShows(&shell, u"back-81"_s));
    }

    void resizeReachesSttySize()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(700, 400);
        shell.show();
        QVERIFY(running(&shell));
        auto sizeShown = [&](const QString &marker) {
            const int lines = shell.terminal()->screenLinesCount();
            const int columns = shell.terminal()->screenColumnsCount();
            typeLine(&shell, u"echo %1 $(stty size)"_s.arg(marker));
            return screenShows(&shell, u"%1 %2 %3"_s.arg(marker).arg(lines).arg(columns));
        };
        QVERIFY(sizeShown(u"first"_s));
        shell.resize(1100, 700);
        // The view settles, then the pty follows.
        QVERIFY(waitUntil(
            [&] {
                return shell.session()->size()
                    == QSize(shell.terminal()->screenColumnsCount(), shell.terminal()->screenLinesCount());
            },
            5000));
        QVERIFY(shell.terminal()->screenColumnsCount() > 100);
        QVERIFY(sizeShown(u"bigger"_s));
        shell.resize(500, 300);
        QTest::qWait(200);
        QVERIFY(sizeShown(u"smaller"_s));
    }

    void copyAndPaste()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(800, 500);
        shell.show();
        shell.activateWindow();
        QVERIFY(running(&shell));
        QGuiApplication::clipboard()->setText(u"echo pasted-$((3*3))"_s);
        view(&shell)->setFocus();
        QTest::keyClick(view(&shell), Qt::Key_V, Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(view(&shell), Qt::Key_Return);
        QVERIFY(screenShows(&shell, u"pasted-9"_s));

        typeLine(&shell, u"clear; echo copy-$((5*5))"_s);
        QVERIFY(screenShows(&shell, u"copy-25"_s));
        QTermWidget *terminal = shell.terminal();
        terminal->setSelectionStart(0, 0);
        terminal->setSelectionEnd(terminal->screenLinesCount() - 1, terminal->screenColumnsCount() - 1);
        QGuiApplication::clipboard()->clear();
        QTest::keyClick(view(&shell), Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
        QVERIFY2(QGuiApplication::clipboard()->text().contains(u"copy-25"_s),
                 qPrintable(QGuiApplication::clipboard()->text()));
    }

    void theExitIsShownAndRestartOpensANewShell()
    {
        ShellWidget shell(&m_client, m_id);
        shell.resize(800, 500);
        shell.show();
        QVERIFY(running(&shell));
        QSignalSpy busy(&shell, &ShellWidget::busyChanged);
        typeLine(&shell, u"exit 4"_s);
        QVERIFY(screenShows(&shell, u"[shell ended: exit 4 · "_s));
        QVERIFY(!shell.isBusy());
        QVERIFY(!busy.isEmpty() && !busy.last().first().toBool());
        auto *button = shell.findChild<QPushButton *>(u"shellBannerButton"_s);
        QVERIFY(button && button->isVisible());
        button->click();
        QVERIFY(running(&shell));
        QVERIFY(!button->isVisible());
        typeLine(&shell, u"echo again-$((8*8))"_s);
        QVERIFY(screenShows(&shell, u"again-64"_s));

        // Killing the shell from inside ends the session with the signal shown.
        typeLine(&shell, u"kill -9 $$"_s);
        QVERIFY(screenShows(&shell, u"killed by signal 9 (SIGKILL)"_s));
        QCOMPARE(shell.session()->state(), ShellSession::State::Exited);
    }

    void tenShellsAtOnce()
    {
        QWidget window;
        auto *grid = new QGridLayout(&window);
        QList<ShellWidget *> shells;
        for (int i = 0; i < 10; ++i) {
            shells.append(new ShellWidget(&m_client, m_id, &window));
            grid->addWidget(shells.last(), i / 5, i % 5);
        }
        window.resize(1600, 600);
        window.show();
        for (auto *shell : std::as_const(shells))
            QVERIFY(running(shell));
        for (int i = 0; i < 10; ++i)
            typeLine(shells[i], u"echo n$((%1+100))"_s.arg(i));
        for (int i = 0; i < 10; ++i) {
            QVERIFY(screenShows(shells[i], u"n%1"_s.arg(i + 100)));
            for (int j = 0; j < 10; ++j) {
                if (j != i)
                    QVERIFY(!shells[i]->screenText().contains(u"n%1"_s.arg(j + 100)));
            }
        }
    }

    void pauseAndResumeWithAShellOpen()
    {
        const QString id = createSandbox();
        QVERIFY(!id.isEmpty());
        TerminalTabs tabs(&m_client);
        tabs.resize(800, 500);
        tabs.show();
        Orkestr::Sandbox sandbox;
        sandbox.id = id;
        sandbox.status = Orkestr::Sandbox::Status::Running;
        tabs.showSandbox(sandbox);
        ShellWidget *shell = tabs.currentShell();
        QVERIFY(shell);
        QVERIFY(running(shell));
        QVERIFY(runToEnd(m_client.call<Orkestr::PauseSandboxJob>(id), 30000));
        sandbox.status = Orkestr::Sandbox::Status::Paused;
        tabs.updateSandbox(sandbox);
        auto *banner = shell->findChild<QWidget *>(u"shellBanner"_s);
        QVERIFY(banner && banner->isVisible());
        QSignalSpy resume(&tabs, &TerminalTabs::resumeRequested);
        shell->findChild<QPushButton *>(u"shellBannerButton"_s)->click();
        QCOMPARE(resume.size(), 1);
        typeLine(shell, u"echo during-$((6*6))"_s);
        QTest::qWait(1000);
        QVERIFY(!shell->screenText().contains(u"during-36"_s));

        // A second shell while paused waits, and starts once the sandbox runs.
        ShellWidget *second = tabs.newShellTab();
        QVERIFY(second);
        QVERIFY(waitUntil([&] { return second->session()->state() == ShellSession::State::Failed; }, 20000));
        QCOMPARE(second->session()->lastError().kind(), Orkestr::ApiError::Kind::SandboxNotReady);

        QVERIFY(runToEnd(m_client.call<Orkestr::ResumeSandboxJob>(id), 30000));
        sandbox.status = Orkestr::Sandbox::Status::Running;
        tabs.updateSandbox(sandbox);
        QVERIFY(running(second));
        tabs.showSandbox(sandbox);
        QVERIFY(screenShows(shell, u"during-36"_s));
        QVERIFY(!banner->isVisible());
    }

    void shellIsTheDefaultAndReadOnlyGetsNone()
    {
        // Writable: the first tab is a Shell, and it runs.
        {
            TerminalTabs tabs(&m_client);
            tabs.resize(800, 500);
            tabs.show();
            Orkestr::Sandbox sandbox;
            sandbox.id = m_id;
            sandbox.status = Orkestr::Sandbox::Status::Running;
            tabs.showSandbox(sandbox);
            QVERIFY(tabs.currentShell());
            QVERIFY(!tabs.currentTerminal());
            QVERIFY(running(tabs.currentShell()));
        }
        // A read-only window (an inspect-only profile) opens no pty at all.
        MainWindow window(&m_client);
        QStringList paths;
        connect(&m_client, &Orkestr::Client::requestLogged, &window,
                [&](const Orkestr::RequestLogEntry &entry) { paths.append(entry.path); });
        window.session()->setInspectOnly(true);
        window.show();
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QVERIFY(waitUntil([&] { return page->model()->indexForId(m_id).isValid(); }, 10000));
        QVERIFY(window.isReadOnly());
        window.openSandbox(m_id);
        window.sandboxView()->showPlace(SandboxView::Place::Terminal);
        QVERIFY(waitUntil([&] { return window.terminals()->tabCount(m_id) == 1; }, 5000));
        QVERIFY(!window.terminals()->currentShell());
        QVERIFY(window.terminals()->currentTerminal());
        QVERIFY(!window.terminals()->isEnabled());
        QTest::qWait(500);
        for (const QString &path : std::as_const(paths))
            QVERIFY2(!path.endsWith(u"/pty"_s), qPrintable(path));

        // Writable again: a new tab is a Shell.
        window.session()->setInspectOnly(false);
        QVERIFY(waitUntil([&] { return window.terminals()->isEnabled(); }, 5000));
        QVERIFY(window.terminals()->newShellTab());
        QVERIFY(running(window.terminals()->currentShell()));
    }

    void controlKeysReachTheShellInTheWindow()
    {
        MainWindow window(&m_client);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.refreshAccount();
        QVERIFY(
            waitUntil([&] { return window.sandboxesPage()->model()->indexForId(m_id).isValid(); }, 10000));
        window.openSandbox(m_id);
        window.sandboxView()->focusPlace(SandboxView::Place::Terminal);
        ShellWidget *shell = window.terminals()->currentShell();
        QVERIFY(shell);
        QVERIFY(running(shell));
        QVERIFY(waitUntil([&] { return view(shell)->hasFocus(); }, 5000));
        // Ctrl+W is the window's "Close tab" elsewhere; in the shell it deletes a word.
        QTest::keyClicks(view(shell), u"echo w-$((1+1)) gone"_s);
        QTest::keyClick(view(shell), Qt::Key_W, Qt::ControlModifier);
        QTest::keyClick(view(shell), Qt::Key_Return);
        QVERIFY(screenShows(shell, u"\nw-2\n"_s));
        QVERIFY(!shell->screenText().contains(u"w-2 gone"_s));
        QVERIFY(window.sandboxTabs()->openedIds().contains(m_id));
    }

    void aServerWithoutThePtyGetsCommands()
    {
        ShellSession::forgetSupport();
        FaultServer fake;
        QVERIFY(fake.listen());
        fake.responder = [](const RecordedRequest &request) {
            if (request.path().endsWith(u"/pty"_s))
                return FaultResponse::error(404, u"invalid_request"_s);
            return FaultResponse::json(200, QJsonObject {{u"id"_s, u"sbx_1"_s}, {u"status"_s, u"running"_s}});
        };
        Orkestr::Client client;
        client.setBaseUrl(fake.url());
        client.setToken(u"ork_fake"_s);
        TerminalTabs tabs(&client);
        tabs.resize(800, 500);
        tabs.show();
        Orkestr::Sandbox sandbox;
        sandbox.id = u"sbx_1"_s;
        sandbox.status = Orkestr::Sandbox::Status::Running;
        tabs.showSandbox(sandbox);
        QVERIFY(tabs.currentShell());
        // The Shell finds no endpoint and turns into a Commands tab in its place.
        QVERIFY(waitUntil([&] { return tabs.currentTerminal() != nullptr; }, 10000));
        QCOMPARE(tabs.tabCount(u"sbx_1"_s), 1);
        QVERIFY(ShellSession::isKnownUnsupported(fake.url()));
        QCOMPARE(tabs.kindForNewTab(), TerminalTabs::Kind::Commands);
        QVERIFY(!tabs.newShellTab());
        QVERIFY(!ShellSession::isKnownUnsupported(m_server.url()));
        ShellSession::forgetSupport();
    }
};

QTEST_MAIN(TestShell)
#include "tst_shell.moc"
