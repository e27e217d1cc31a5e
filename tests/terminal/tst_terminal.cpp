// The terminal of issue 6 against a real orkestr-local, offscreen: output reaches the
// QTermWidget's screen with ANSI sequences interpreted, cd and export persist between commands,
// exit codes, timeouts and Ctrl+C are reported inline, and history survives a restart.

#include "core/activityjobs.h"
#include "core/client.h"
#include "core/sandboxjobs.h"
#include "jobtesting.h"
#include "session/terminalcommand.h"
#include "testserver.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/ptywriter.h"
#include "ui/terminal/terminalsession.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>

#include <qtermwidget.h>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;

class TestTerminal : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;

    // A finished command's result, waiting for it.
    static CommandResult waitForResult(TerminalSession *session, int timeoutMs = 30000)
    {
        QSignalSpy finished(session, &TerminalSession::finished);
        if (!finished.wait(timeoutMs))
            return {CommandResult::Outcome::Failed, -1, 0, 0, {}, u"no result in time"_s};
        return finished.first().first().value<CommandResult>();
    }

    QString createSandbox()
    {
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *job = new Orkestr::CreateSandboxJob(params);
        m_client.run(job);
        if (!runToEnd(job, 20000)) {
            qWarning() << "create failed:" << job->error().displayText();
            return {};
        }
        return job->sandbox().id;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_id = createSandbox();
        QVERIFY(!m_id.isEmpty());
    }

    void sessionKeepsDirectoryAndExports()
    {
        TerminalSession session(&m_client, m_id);
        QCOMPARE(session.workingDirectory(), u"/workspace"_s);
        QString shown;
        connect(&session, &TerminalSession::output, this, [&](const QString &text) { shown += text; });

        QVERIFY(session.run(u"mkdir -p '/tmp/a dir/sub' && cd '/tmp/a dir/sub'"_s));
        QVERIFY(!session.run(u"echo busy"_s)); // one command at a time
        CommandResult result = waitForResult(&session);
        QVERIFY2(result.succeeded(),
                 qPrintable(u"outcome %1, exit %2, %3; shown: %4"_s.arg(int(result.outcome))
                                .arg(result.exitCode)
                                .arg(result.message, shown)));
        QCOMPARE(session.workingDirectory(), u"/tmp/a dir/sub"_s);

        QVERIFY(session.run(u"export GREETING=\"it's here\"; UNEXPORTED=no"_s));
        QVERIFY(waitForResult(&session).succeeded());
        shown.clear();
        QVERIFY(session.run(u"echo \"$GREETING|$UNEXPORTED\"; pwd"_s));
        result = waitForResult(&session);
        QVERIFY(result.succeeded());
        QCOMPARE(shown, u"it's here|\n/tmp/a dir/sub\n"_s);

        // Output without a final newline, a failing command and a syntax error keep the state.
        shown.clear();
        QVERIFY(session.run(u"printf 'no newline'; false"_s));
        result = waitForResult(&session);
        QCOMPARE(result.outcome, CommandResult::Outcome::Exited);
        QCOMPARE(result.exitCode, 1);
        QCOMPARE(shown, u"no newline"_s);
        QVERIFY(session.run(u"if then"_s));
        result = waitForResult(&session);
        QVERIFY(result.exitCode != 0);
        QCOMPARE(session.workingDirectory(), u"/tmp/a dir/sub"_s);
        QVERIFY(session.exportedVariables().contains(u"GREETING"_s));
        QVERIFY(!session.exportedVariables().contains(u"UNEXPORTED"_s));
    }

    // Each typed line is exactly one exec in the sandbox's journal, whose command starts with the
    // line as typed (the Activity timeline shows that part); the directory and variables go as
    // the exec's cwd and env, so a value exported earlier is not journaled again.
    void oneExecPerCommandLine()
    {
        const QString id = createSandbox();
        QVERIFY(!id.isEmpty());
        TerminalSession session(&m_client, id);
        const QStringList lines {u"cd /tmp"_s, u"export PASSPHRASE=hunter2-xyz"_s,
                                 u"echo ${#PASSPHRASE} && pwd"_s, u"unset PASSPHRASE; cd /workspace && pwd"_s,
                                 u"echo \"[$PASSPHRASE]\""_s};
        QString shown;
        connect(&session, &TerminalSession::output, this, [&](const QString &text) { shown += text; });
        for (const QString &line : lines) {
            QVERIFY(session.run(line));
            const CommandResult result = waitForResult(&session);
            QVERIFY2(result.succeeded(), qPrintable(line + u": "_s + result.message + shown));
        }
        QCOMPARE(shown, u"11\n/tmp\n/workspace\n[]\n"_s);
        QCOMPARE(session.workingDirectory(), u"/workspace"_s);

        Orkestr::ListEventsParams params;
        params.afterSeq = 0;
        params.kinds = {u"exec.started"_s};
        params.limit = Orkestr::ListEventsParams::MaxLimit;
        auto *job = new Orkestr::ListEventsJob(id, params);
        QSignalSpy finished(job, &Orkestr::Job::finished);
        m_client.run(job);
        QVERIFY(finished.wait(20000));
        QVERIFY2(job->status() == Orkestr::Job::Status::Succeeded, qPrintable(job->error().displayText()));
        const auto events = job->events();
        QCOMPARE(events.size(), lines.size());
        for (int i = 0; i < lines.size(); ++i) {
            const auto &event = events.at(i);
            QCOMPARE(OrkestrSession::TerminalCommand::commandTyped(event.command()), lines.at(i));
            QVERIFY(event.command().startsWith(lines.at(i) + u'\n'));
            QCOMPARE(event.mode(), u"stream"_s);
        }
        QCOMPARE(events.at(0).cwd(), u"/workspace"_s);
        QCOMPARE(events.at(2).cwd(), u"/tmp"_s);
        QVERIFY(events.at(2).envKeys().contains(u"PASSPHRASE"_s));
        QVERIFY(!events.at(4).envKeys().contains(u"PASSPHRASE"_s));
        for (int i = 2; i < lines.size(); ++i)
            QVERIFY2(!events.at(i).command().contains(u"hunter2"_s), qPrintable(events.at(i).command()));
        // A command that is not the terminal's reads as itself.
        QCOMPARE(OrkestrSession::TerminalCommand::commandTyped(u"ls\n\n__orkestr_rc=$?; echo"_s),
                 u"ls\n\n__orkestr_rc=$?; echo"_s);
    }

    // The trailer's state: the variables that changed, were set or unset are carried, the shell's
    // own and names an exec's env cannot hold are not; a trailer cut short says nothing.
    void trailerStateCarriesWhatChanged()
    {
        using OrkestrSession::TerminalCommand;
        const auto environment = [](const QStringList &entries) {
            return entries.join(QChar(0)) + QChar(0);
        };
        const QString trailer = u"/tmp\n"_s + environment({u"HOME=/root"_s, u"PATH=/bin"_s, u"KEEP=1"_s})
            + QChar(0x1e)
            + environment({u"HOME=/root"_s, u"PATH=/usr/bin"_s, u"NEW=a\nb"_s, u"PWD=/tmp"_s,
                           u"bad.name=x"_s});
        const auto state = TerminalCommand::parseTrailer(trailer);
        QVERIFY(state);
        QCOMPARE(state->cwd, u"/tmp"_s);
        const QMap<QString, QString> sent {{u"KEEP"_s, u"1"_s}, {u"OTHER"_s, u"x"_s}};
        QCOMPARE(TerminalCommand::nextEnv(sent, *state),
                 (QMap<QString, QString> {{u"PATH"_s, u"/usr/bin"_s}, {u"NEW"_s, u"a\nb"_s}}));
        QVERIFY(!TerminalCommand::parseTrailer(u"/tmp\nHOME=/root"_s));
        QVERIFY(!TerminalCommand::parseTrailer(u"/tmp\nHOME=/root"_s + QChar(0x1e)));
    }

    // A directory removed under the terminal: the command runs nowhere (env cannot enter it), the
    // prompt goes back to /workspace and the next command runs there.
    void goneDirectoryFallsBackToWorkspace()
    {
        TerminalSession session(&m_client, m_id);
        QVERIFY(session.run(u"mkdir -p /tmp/gone && cd /tmp/gone"_s));
        QVERIFY(waitForResult(&session).succeeded());
        QCOMPARE(session.workingDirectory(), u"/tmp/gone"_s);
        QVERIFY(session.run(u"rmdir /tmp/gone"_s));
        QVERIFY(waitForResult(&session).succeeded());
        QVERIFY(session.run(u"pwd"_s));
        QVERIFY(!waitForResult(&session).succeeded());
        QCOMPARE(session.workingDirectory(), u"/workspace"_s);
        QString shown;
        connect(&session, &TerminalSession::output, this, [&](const QString &text) { shown += text; });
        QVERIFY(session.run(u"pwd"_s));
        QVERIFY(waitForResult(&session).succeeded());
        QCOMPARE(shown, u"/workspace\n"_s);
    }

    void outputReachesTheScreenWithColoursInterpreted()
    {
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.resize(800, 500);
        terminal.show();
        // The command line itself must not contain "[31m", or its echo would match.
        terminal.runCommand(
            u"e=$(printf '\\033'); c=31; echo \"${e}[${c}mred${e}[0m plain\"; echo oops >&2"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"red plain"_s), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"exit 0"_s), 30000);
        const QString screen = terminal.screenText();
        QVERIFY2(!screen.contains(u"[31m"_s), qPrintable(screen));
        QVERIFY(!screen.contains(u"[2;31m"_s));
        QVERIFY(screen.contains(u"oops"_s));
        QVERIFY(!screen.contains(QChar(0x1e))); // the session's trailer is not shown
        // The command is echoed after the prompt with the directory.
        QVERIFY(screen.contains(u"/workspace$ e=$(printf"_s));

        // Saving the transcript writes what the screen shows.
        const QString path = dir.filePath(u"transcript.txt"_s);
        QVERIFY(terminal.saveTranscript(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(QString::fromUtf8(file.readAll()).contains(u"red plain"_s));
    }

    void cdAndExportShowInPromptAndScreen()
    {
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.show();
        auto *label = terminal.findChild<QLabel *>(u"terminalPromptLabel"_s);
        QVERIFY(label);
        QCOMPARE(label->text(), u"/workspace $"_s);
        terminal.runCommand(u"cd /tmp && export COLOUR=blue"_s);
        QTRY_COMPARE_WITH_TIMEOUT(label->text(), u"/tmp $"_s, 30000);
        QTRY_VERIFY(!terminal.isBusy());
        // Typing into the terminal view goes to the prompt: there is no shell behind the view.
        QWidget *display = nullptr;
        for (auto *child : terminal.terminal()->findChildren<QWidget *>()) {
            if (child->inherits("Konsole::TerminalDisplay"))
                display = child;
        }
        QVERIFY(display);
        QTest::keyClicks(display, u"echo \"colour=$COLOUR in $(pwd)\""_s);
        QCOMPARE(terminal.prompt()->command(), u"echo \"colour=$COLOUR in $(pwd)\""_s);
        QTest::keyClick(terminal.prompt(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"colour=blue in /tmp"_s), 30000);
    }

    void nonZeroExitAndTimeoutAreShown()
    {
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.show();
        terminal.runCommand(u"sh -c 'exit 3'"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"exit 3"_s), 30000);
        QTRY_VERIFY(!terminal.isBusy());

        terminal.setTimeoutSeconds(1);
        QSignalSpy finished(terminal.session(), &TerminalSession::finished);
        terminal.runCommand(u"echo before; sleep 30"_s);
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<CommandResult>();
        QCOMPARE(result.outcome, CommandResult::Outcome::TimedOut);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"timed out after"_s), 10000);
        QVERIFY(terminal.screenText().contains(u"before"_s));
    }

    void ctrlCDetaches()
    {
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.show();
        terminal.setTimeoutSeconds(20);
        terminal.runCommand(u"echo started; sleep 15"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"started"_s), 30000);
        QVERIFY(terminal.isBusy());
        QSignalSpy finished(terminal.session(), &TerminalSession::finished);
        QTest::keyClick(terminal.prompt(), Qt::Key_C, Qt::ControlModifier);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<CommandResult>().outcome, CommandResult::Outcome::Detached);
        QVERIFY(!terminal.isBusy());
        QTRY_VERIFY(terminal.screenText().contains(u"keeps running in the sandbox"_s));
        // The tab stays usable.
        terminal.runCommand(u"echo after"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"\nafter"_s), 30000);
    }

    void historyPersistsAndIsSearchable()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"sub/history.json"_s);
        {
            CommandHistory history(path);
            TerminalWidget terminal(&m_client, m_id, &history);
            terminal.show();
            QTest::keyClicks(terminal.prompt(), u"echo first"_s);
            QTest::keyClick(terminal.prompt(), Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(!terminal.isBusy(), 30000);
            // Shift+Enter makes a second line; the whole text is one command.
            QTest::keyClicks(terminal.prompt(), u"echo second"_s);
            QTest::keyClick(terminal.prompt(), Qt::Key_Return, Qt::ShiftModifier);
            QTest::keyClicks(terminal.prompt(), u"echo third"_s);
            QTest::keyClick(terminal.prompt(), Qt::Key_Return);
            QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"second\nthird"_s), 30000);
            QTRY_VERIFY(!terminal.isBusy());
        }
        // A restart: a new history reads the same file.
        CommandHistory history(path);
        QCOMPARE(history.entries(), (QStringList {u"echo first"_s, u"echo second\necho third"_s}));
        PromptEdit prompt;
        prompt.setHistory(&history);
        QTest::keyClick(&prompt, Qt::Key_Up);
        QCOMPARE(prompt.command(), u"echo second\necho third"_s);
        QTest::keyClick(&prompt, Qt::Key_Up); // the cursor is on the last line: Up moves in the text
        QTest::keyClick(&prompt, Qt::Key_Up);
        QCOMPARE(prompt.command(), u"echo first"_s);
        QTest::keyClick(&prompt, Qt::Key_Down);
        QCOMPARE(prompt.command(), u"echo second\necho third"_s);
        QTest::keyClick(&prompt, Qt::Key_Down);
        QCOMPARE(prompt.command(), QString());

        // Ctrl+R finds the newest match; Enter runs it.
        QSignalSpy submitted(&prompt, &PromptEdit::submitted);
        QTest::keyClick(&prompt, Qt::Key_R, Qt::ControlModifier);
        QVERIFY(prompt.isSearching());
        QTest::keyClicks(&prompt, u"fir"_s);
        QCOMPARE(prompt.command(), u"echo first"_s);
        QTest::keyClick(&prompt, Qt::Key_Return);
        QCOMPARE(submitted.size(), 1);
        QCOMPARE(submitted.first().first().toString(), u"echo first"_s);
        // Esc leaves the search with the old text.
        prompt.setPlainText(u"draft"_s);
        QTest::keyClick(&prompt, Qt::Key_R, Qt::ControlModifier);
        QTest::keyClicks(&prompt, u"echo"_s);
        QCOMPARE(prompt.command(), u"echo second\necho third"_s);
        QTest::keyClick(&prompt, Qt::Key_R, Qt::ControlModifier);
        QCOMPARE(prompt.command(), u"echo first"_s);
        QTest::keyClick(&prompt, Qt::Key_Escape);
        QCOMPARE(prompt.command(), u"draft"_s);
    }

    void tabsSurviveSwitchingAndAskBeforeClosing()
    {
        const QString other = createSandbox();
        QVERIFY(!other.isEmpty());
        QTemporaryDir dir;
        TerminalTabs tabs(&m_client);
        tabs.setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        tabs.setHistoryDirectory(dir.path());
        tabs.show();
        Orkestr::Sandbox a;
        a.id = m_id;
        a.status = Orkestr::Sandbox::Status::Running;
        Orkestr::Sandbox b = a;
        b.id = other;
        tabs.showSandbox(a);
        QCOMPARE(tabs.tabCount(m_id), 1);
        TerminalWidget *first = tabs.currentTerminal();
        TerminalWidget *second = tabs.newTab();
        QCOMPARE(tabs.tabCount(m_id), 2);
        second->runCommand(u"echo in-a"_s);
        tabs.showSandbox(b);
        QCOMPARE(tabs.currentSandboxId(), other);
        QCOMPARE(tabs.tabCount(other), 1);
        tabs.showSandbox(a);
        QCOMPARE(tabs.terminal(m_id, 0), first);
        QCOMPARE(tabs.terminal(m_id, 1), second);
        QTRY_VERIFY_WITH_TIMEOUT(second->screenText().contains(u"\nin-a"_s), 30000);
        QTRY_VERIFY(!second->isBusy());

        // Closing a tab with a running command asks; "no" keeps it.
        int asked = 0;
        bool answer = false;
        tabs.setCloseConfirmation([&](TerminalWidget *) {
            ++asked;
            return answer;
        });
        second->setTimeoutSeconds(5);
        second->runCommand(u"sleep 3"_s);
        QVERIFY(second->isBusy());
        QVERIFY(!tabs.closeTab(1));
        QCOMPARE(asked, 1);
        QCOMPARE(tabs.tabCount(m_id), 2);
        answer = true;
        QVERIFY(tabs.closeTab(1));
        QCOMPARE(asked, 2);
        QCOMPARE(tabs.tabCount(m_id), 1);
        // An idle tab closes without a question.
        QVERIFY(tabs.closeTab(0));
        QCOMPARE(asked, 2);
        QCOMPARE(tabs.tabCount(m_id), 0);
    }

    void settingsPersistAcrossTabsAndRuns()
    {
        QSettings().remove(u"terminal"_s);
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        {
            TerminalWidget first(&m_client, m_id, &history);
            QCOMPARE(first.scrollbackLines(), 10000);
            QCOMPARE(first.stderrStyle(), QByteArray("2;31"));
            QCOMPARE(first.timeoutSeconds(), TerminalSession::DefaultTimeoutSeconds);
            first.setScrollbackLines(2500);
            first.setStderrStyle("1;31");
            first.setTimeoutSeconds(45);
            QFont font(u"DejaVu Sans Mono"_s, 15);
            first.setTerminalFont(font);
            first.setColorScheme(u"GreenOnBlack"_s);
        }
        // A new tab (and the next run, which reads the same settings) starts with them.
        TerminalWidget second(&m_client, m_id, &history);
        QCOMPARE(second.scrollbackLines(), 2500);
        QCOMPARE(second.stderrStyle(), QByteArray("1;31"));
        QCOMPARE(second.timeoutSeconds(), 45);
        QCOMPARE(second.session()->timeoutSeconds(), 45);
        QCOMPARE(second.findChild<QTermWidget *>()->getTerminalFont().pointSize(), 15);
        QCOMPARE(QSettings().value(u"terminal/colorScheme"_s).toString(), u"GreenOnBlack"_s);
        QSettings().remove(u"terminal"_s);
    }

    void floodIsThrottledNotBuffered()
    {
        // 12 MiB of output as fast as the sandbox can print it: the writer's queue in front of the
        // emulation stays near its high-water mark (4 MiB) because the stream is paused meanwhile,
        // and every byte still arrives (the line count at the end is right).
        QSettings().remove(u"terminal"_s);
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.setScrollbackLines(1000);
        terminal.show();
        qint64 maxPending = 0;
        bool paused = false;
        auto *writer = terminal.findChild<PtyWriter *>();
        QVERIFY(writer);
        connect(terminal.session(), &TerminalSession::output, this, [&] {
            maxPending = std::max(maxPending, writer->pendingBytes());
            paused = paused || terminal.session()->isOutputPaused();
        });
        qint64 stdoutBytes = 0;
        connect(terminal.session(), &TerminalSession::output, this,
                [&](const QString &text) { stdoutBytes += text.toUtf8().size(); });
        // 131,072 lines of 95 characters plus newline: exactly 12 MiB.
        terminal.runCommand(
            u"yes 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
            u"incididunt ut la' | head -n 131072"_s);
        const auto result = waitForResult(terminal.session(), 600000);
        QCOMPARE(result.outcome, CommandResult::Outcome::Exited);
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(stdoutBytes, qint64(12) * 1024 * 1024);
        QVERIFY2(paused,
                 "the stream was never paused: the emulation kept up with 12 MiB, or no flow control");
        QVERIFY2(maxPending < 6 * 1024 * 1024, QByteArray::number(maxPending).constData());
        QSettings().remove(u"terminal"_s);
    }

    void killedAndStderrAreReported()
    {
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.show();
        QList<TerminalSession::Stream> streams;
        connect(terminal.session(), &TerminalSession::output, this,
                [&](const QString &, TerminalSession::Stream stream) { streams.append(stream); });
        QSignalSpy finished(terminal.session(), &TerminalSession::finished);
        terminal.runCommand(u"echo to-stderr >&2; kill -KILL $$"_s);
        QVERIFY(finished.wait(30000));
        const auto result = finished.first().first().value<CommandResult>();
        QCOMPARE(result.outcome, CommandResult::Outcome::Killed);
        QCOMPARE(result.signal, 9);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"killed by signal 9 (SIGKILL)"_s), 10000);
        QVERIFY(terminal.screenText().contains(u"to-stderr"_s));
        QCOMPARE(streams, QList<TerminalSession::Stream> {TerminalSession::Stream::Stderr});
    }

    void lostConnectionIsShownInline()
    {
        TestServer server;
        QVERIFY(server.start());
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        client.setMaxRetries(0);
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = new Orkestr::CreateSandboxJob(params);
        QSignalSpy created(create, &Orkestr::Job::finished);
        client.run(create);
        QVERIFY(created.wait(20000));
        QCOMPARE(create->status(), Orkestr::Job::Status::Succeeded);
        const QString id = create->sandbox().id;

        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&client, id, &history);
        terminal.show();
        terminal.runCommand(u"echo waiting; sleep 20"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal.screenText().contains(u"\nwaiting"_s), 30000);
        QSignalSpy finished(terminal.session(), &TerminalSession::finished);
        server.process->stop();
        QVERIFY(finished.wait(30000));
        QCOMPARE(finished.first().first().value<CommandResult>().outcome,
                 CommandResult::Outcome::ConnectionLost);
        QTRY_VERIFY(terminal.screenText().contains(u"connection lost"_s));
        QVERIFY(!terminal.isBusy());
    }

    // Not a check: with ORKESTR_TERMINAL_SCREENSHOT=file.png (under a real X server such as
    // xvfb) it saves a picture of a tab with some real output for the docs.
    void screenshot()
    {
        const QString path = qEnvironmentVariable("ORKESTR_TERMINAL_SCREENSHOT");
        if (path.isEmpty())
            QSKIP("ORKESTR_TERMINAL_SCREENSHOT is not set");
        QTemporaryDir dir;
        CommandHistory history(dir.filePath(u"h.json"_s));
        TerminalWidget terminal(&m_client, m_id, &history);
        terminal.resize(900, 520);
        terminal.show();
        const QStringList commands {
            u"mkdir -p project/src && cd project && export MODE=release"_s,
            u"printf '\\033[1;32mok\\033[0m  \\033[33mwarn\\033[0m  \\033[34mblue\\033[0m  mode=%s\\n' \"$MODE\""_s,
            u"for i in 1 2 3 4 5; do printf '\\rprogress %d/5 [%-5s]' $i $(printf '%*s' $i '' | tr ' ' '#'); "
            "sleep 0.1; done; echo"_s,
            u"ls -la /workspace/project; echo 'something went wrong' >&2; false"_s,
        };
        for (const QString &command : commands) {
            terminal.runCommand(command);
            QTRY_VERIFY_WITH_TIMEOUT(!terminal.isBusy(), 30000);
        }
        terminal.prompt()->setPlainText(u"echo next"_s);
        QTRY_VERIFY(terminal.screenText().contains(u"exit 1"_s));
        QTest::qWait(300);
        QVERIFY(terminal.grab().save(path));
    }

    void pausedSandboxSaysSoAndOffersResume()
    {
        const QString id = createSandbox();
        QVERIFY(!id.isEmpty());
        auto *pause = new Orkestr::PauseSandboxJob(id);
        QSignalSpy paused(pause, &Orkestr::Job::finished);
        m_client.run(pause);
        QVERIFY(paused.wait(30000));

        QTemporaryDir dir;
        TerminalTabs tabs(&m_client);
        tabs.setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        tabs.setHistoryDirectory(dir.path());
        tabs.show();
        Orkestr::Sandbox sandbox;
        sandbox.id = id;
        sandbox.status = Orkestr::Sandbox::Status::Running; // stale: the list has not caught up
        tabs.showSandbox(sandbox);
        TerminalWidget *terminal = tabs.currentTerminal();
        auto *banner = terminal->findChild<QWidget *>(u"terminalBanner"_s);
        QVERIFY(banner && !banner->isVisible());
        terminal->runCommand(u"echo hi"_s);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screenText().contains(u"the sandbox is paused"_s), 30000);
        QVERIFY(banner->isVisible());
        QSignalSpy resume(&tabs, &TerminalTabs::resumeRequested);
        auto *button = terminal->findChild<QPushButton *>(u"terminalResume"_s);
        QVERIFY(button && button->isVisible());
        button->click();
        QCOMPARE(resume.size(), 1);
        QCOMPARE(resume.first().first().toString(), id);

        // Once the list says running again, the banner goes away.
        sandbox.status = Orkestr::Sandbox::Status::Running;
        tabs.updateSandbox(sandbox);
        QVERIFY(!banner->isVisible());
        sandbox.status = Orkestr::Sandbox::Status::Terminated;
        tabs.updateSandbox(sandbox);
        QVERIFY(banner->isVisible());
        QVERIFY(!button->isVisible());
    }
};

QTEST_MAIN(TestTerminal)
#include "tst_terminal.moc"
