// bench_pty (issue 18): the interactive terminal's pty over a WebSocket, against a local pty in
// the same run.
//
// Starts its own orkestr-local and a sandbox, then:
//  - echo latency: one byte to `cat` in a pty and back (the pty's echo), 500 times, through
//    PtySession (WebSocket to the sandbox's pty) and through a local pty (forkpty + cat) read with a
//    QSocketNotifier in the same event loop: median and p99;
//  - throughput: `cat` of the same 64 MiB file (coloured build lines) into a QTermWidget of
//    1200×800 with 10,000 lines of scrollback: through a Shell tab (ShellWidget: the pty over the
//    WebSocket, fed into the emulation), and in the same QTermWidget running the command on a
//    local pty of its own; the time until the end marker after the file has been through the
//    emulation, the GUI thread's stalls (a precise 5 ms timer) and peak RSS growth.
//
// Options: --mib N (64), --echoes N (500), --server PATH.

#include "core/client.h"
#include "core/localserverprocess.h"
#include "core/ptysession.h"
#include "core/sandboxjobs.h"
#include "session/shellsession.h"
#include "ui/terminal/ptywriter.h"
#include "ui/terminal/shellwidget.h"

#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QProcess>
#include <QSettings>
#include <QSocketNotifier>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <qtermwidget.h>

#include <csignal>
#include <fcntl.h>
#include <pty.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace Orkestr;
using namespace OrkestrUi;
using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

QString preciseMs(double value)
{
    return QString::number(value, 'f', 3) + u" ms"_s;
}

// The same file in the sandbox and here: coloured lines, as a build prints them.
QString makeFileCommand(const QString &path, qint64 bytes)
{
    return u"yes \"$(printf '\\033[32m[ok]\\033[0m building module \\033[1mcore\\033[0m step 1234 of 9999 "
           u"...')\" | head -c %1 > %2"_s.arg(bytes)
               .arg(path);
}

// What the terminal runs; the marker is computed, so the echo of the typed line never matches.
QString catCommand(const QString &path)
{
    return u"cat %1; echo END-$((40+2))"_s.arg(path);
}
constexpr QByteArrayView EndMarker = "END-42";

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

// Runs the event loop until done() or the timeout; false on the timeout.
bool spinUntil(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
    }
    return true;
}

// A local program on a pty of its own (forkpty), read with a QSocketNotifier.
class LocalPty : public QObject
{
public:
    explicit LocalPty(const QStringList &argv)
    {
        winsize size {24, 80, 0, 0};
        m_pid = ::forkpty(&m_master, nullptr, nullptr, &size);
        if (m_pid < 0)
            die(u"forkpty failed"_s);
        if (m_pid == 0) {
            QList<QByteArray> args;
            for (const auto &arg : argv)
                args.append(arg.toLocal8Bit());
            std::vector<char *> raw;
            for (auto &arg : args)
                raw.push_back(arg.data());
            raw.push_back(nullptr);
            ::execvp(raw[0], raw.data());
            ::_exit(127);
        }
        ::fcntl(m_master, F_SETFL, ::fcntl(m_master, F_GETFL) | O_NONBLOCK);
        m_notifier = new QSocketNotifier(qintptr(m_master), QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, [this] {
            char buffer[65536];
            ssize_t n;
            while ((n = ::read(m_master, buffer, sizeof buffer)) > 0)
                received.append(buffer, n);
        });
    }
    ~LocalPty() override
    {
        delete m_notifier;
        ::close(m_master);
        ::kill(m_pid, SIGKILL);
        ::waitpid(m_pid, nullptr, 0);
    }
    void write(QByteArrayView bytes) { (void)!::write(m_master, bytes.data(), size_t(bytes.size())); }

    QByteArray received;

private:
    int m_master = -1;
    pid_t m_pid = -1;
    QSocketNotifier *m_notifier = nullptr;
};

struct Latency
{
    double medianMs = 0;
    double p99Ms = 0;
};

// Sends one byte at a time and waits for its echo in `received`.
Latency measureEcho(int count, const std::function<void(QByteArrayView)> &send, const QByteArray &received)
{
    QList<double> samples;
    for (int i = 0; i < count + 20; ++i) {
        const char byte = char('a' + i % 26);
        const qsizetype before = received.size();
        QElapsedTimer clock;
        clock.start();
        send(QByteArrayView(&byte, 1));
        if (!spinUntil([&] { return received.size() > before && received.indexOf(byte, before) >= 0; }, 5000))
            die(u"no echo within 5 s"_s);
        if (i >= 20) // the first ones warm up both paths
            samples.append(double(clock.nsecsElapsed()) / 1e6);
    }
    return {percentile(samples, 0.5), percentile(samples, 0.99)};
}

struct ThroughputRun
{
    double seconds = 0;
    double p99StallMs = 0;
    double longestStallMs = 0;
    qint64 peakGrowthKb = 0;
};

// Waits for the end marker in what the emulation received, with the GUI probe running.
ThroughputRun timeUntilMarker(QTermWidget *terminal, const std::function<void()> &start)
{
    ThroughputRun run;
    QByteArray tail;
    bool done = false;
    QObject::connect(terminal, &QTermWidget::receivedData, terminal, [&](const QString &text) {
        tail = (tail + text.toLatin1()).right(64);
        if (tail.contains(EndMarker))
            done = true;
    });
    const qint64 rssBefore = procStatusKb(QCoreApplication::applicationPid(), "VmRSS");
    resetPeakRss(QCoreApplication::applicationPid());
    LatencyProbe probe(5);
    QElapsedTimer clock;
    probe.start();
    clock.start();
    start();
    if (!spinUntil([&] { return done; }, 600000))
        die(u"the cat did not end within 10 minutes"_s);
    run.seconds = double(clock.nsecsElapsed()) / 1e9;
    probe.stop();
    settle();
    run.p99StallMs = percentile(probe.stalls(), 0.99);
    run.longestStallMs = probe.longest();
    run.peakGrowthKb = procStatusKb(QCoreApplication::applicationPid(), "VmHWM") - rssBefore;
    return run;
}

ThroughputRun throughShell(Client &client, const QString &sandbox, const QString &file)
{
    ShellWidget shell(&client, sandbox);
    shell.terminal()->setHistorySize(10000);
    shell.resize(1200, 800);
    shell.show();
    settle();
    if (!spinUntil([&] { return shell.session()->state() == OrkestrSession::ShellSession::State::Running; },
                   20000))
        die(u"the shell did not start: "_s + shell.session()->lastError().displayText());
    QTest::qWait(300); // the login shell's prompt
    return timeUntilMarker(shell.terminal(),
                           [&] { shell.session()->type(catCommand(file).toUtf8() + '\r'); });
}

ThroughputRun throughLocalPty(const QString &file)
{
    QTermWidget terminal(0);
    terminal.setScrollBarPosition(QTermWidget::ScrollBarRight);
    terminal.setFlowControlEnabled(false);
    terminal.setHistorySize(10000);
    terminal.resize(1200, 800);
    terminal.setShellProgram(u"/bin/sh"_s);
    terminal.setArgs({u"-c"_s, catCommand(file)});
    terminal.show();
    settle();
    return timeUntilMarker(&terminal, [&] { terminal.startShellProgram(); });
}

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bench_pty"_s);
    QStandardPaths::setTestModeEnabled(true);
    QSettings().remove(u"terminal"_s);
    CommandLine parser;
    QCommandLineOption mibOption(u"mib"_s, u"File size in MiB (default 64)."_s, u"n"_s, u"64"_s);
    QCommandLineOption echoOption(u"echoes"_s, u"Echo round trips (default 500)."_s, u"n"_s, u"500"_s);
    const QCommandLineOption serverOption = localServerOption();
    parser.addOptions({mibOption, echoOption, serverOption});
    parser.process(app);
    const qint64 bytes = std::max<qint64>(1, parser.value(mibOption).toLongLong()) * 1024 * 1024;
    const int echoes = std::max(10, parser.value(echoOption).toInt());

    BenchSandbox orkestr(parser.value(serverOption));
    const QTemporaryDir &scratch = orkestr.scratch;
    Client &client = orkestr.client;
    const QString &sandbox = orkestr.sandbox;

    out() << "bench_pty: " << bytes / (1024 * 1024) << " MiB, " << echoes << " echoes, "
          << QThread::idealThreadCount() << " cores, " << QSysInfo::prettyProductName() << ", load "
          << loadAverage() << Qt::endl;

    // Echo latency: the WebSocket pty, then a local one, each running cat.
    PtySession pty(&client, sandbox);
    QByteArray remoteReceived;
    QObject::connect(&pty, &PtySession::output, &pty, [&](const QByteArray &b) { remoteReceived += b; });
    PtyOptions options;
    options.command = u"cat"_s;
    pty.open(options);
    if (!spinUntil([&] { return pty.isOpen() || pty.state() == PtySession::State::Closed; }, 20000)
        || !pty.isOpen())
        die(u"the pty did not open: "_s + pty.error().displayText());
    QTest::qWait(300);
    const Latency remote = measureEcho(
        echoes, [&](QByteArrayView b) { pty.write(b.toByteArray()); }, remoteReceived);
    pty.close();
    LocalPty local({u"cat"_s});
    QTest::qWait(300);
    const Latency localEcho = measureEcho(
        echoes, [&](QByteArrayView b) { local.write(b); }, local.received);
    out() << "echo: websocket median " << preciseMs(remote.medianMs) << " p99 " << preciseMs(remote.p99Ms)
          << "; local median " << preciseMs(localEcho.medianMs) << " p99 " << preciseMs(localEcho.p99Ms)
          << Qt::endl;

    // Throughput: the same file in the sandbox and here.
    const QString remoteFile = u"/tmp/bench_pty.txt"_s;
    const QString localFile = scratch.filePath(u"bench_pty.txt"_s);
    ExecOptions execOptions;
    execOptions.timeoutSeconds = 600;
    const auto made
        = runJob<ExecJob>(client, new ExecJob(sandbox, makeFileCommand(remoteFile, bytes), execOptions));
    if (made.isError())
        die(u"cannot make the file in the sandbox: "_s + made.displayText());
    if (QProcess::execute(u"/bin/sh"_s, {u"-c"_s, makeFileCommand(localFile, bytes)}) != 0)
        die(u"cannot make the local file"_s);

    const double mibs = double(bytes) / (1024.0 * 1024.0);
    QList<double> shellRates, localRates;
    ThroughputRun worst;
    for (int round = 0; round < 3; ++round) {
        const ThroughputRun viaLocal = throughLocalPty(localFile);
        const ThroughputRun viaShell = throughShell(client, sandbox, remoteFile);
        localRates.append(mibs / viaLocal.seconds);
        shellRates.append(mibs / viaShell.seconds);
        out() << "round " << round + 1 << ": local pty " << QString::number(mibs / viaLocal.seconds, 'f', 1)
              << " MiB/s (stall p99 " << ms(viaLocal.p99StallMs) << "), shell "
              << QString::number(mibs / viaShell.seconds, 'f', 1) << " MiB/s (stall p99 "
              << ms(viaShell.p99StallMs) << ", longest " << ms(viaShell.longestStallMs)
              << ", peak RSS growth " << mib(viaShell.peakGrowthKb) << ")" << Qt::endl;
        if (round == 0 || viaShell.p99StallMs > worst.p99StallMs)
            worst = viaShell;
    }
    const double ratio = percentile(shellRates, 0.5) / percentile(localRates, 0.5);

    QList<Row> rows;
    rows.append({u"echo latency, WebSocket pty: median"_s, preciseMs(remote.medianMs), u"≤ 2 ms"_s,
                 verdict(remote.medianMs <= 2.0)});
    rows.append({u"echo latency, WebSocket pty: p99"_s, preciseMs(remote.p99Ms), QString(), QString()});
    rows.append({u"echo latency, local pty: median / p99"_s,
                 preciseMs(localEcho.medianMs) + u" / "_s + preciseMs(localEcho.p99Ms), QString(),
                 QString()});
    rows.append({u"cat %1 MiB into QTermWidget: local pty, median of 3"_s.arg(mibs),
                 QString::number(percentile(localRates, 0.5), 'f', 1) + u" MiB/s"_s, QString(), QString()});
    rows.append(
        {u"cat %1 MiB into QTermWidget: Shell (WebSocket pty), median of 3"_s.arg(mibs),
         QString::number(percentile(shellRates, 0.5), 'f', 1) + u" MiB/s (%1×)"_s.arg(ratio, 0, 'f', 2),
         u"≥ 0.8×"_s, verdict(ratio >= 0.8)});
    rows.append({u"GUI stall p99 during the Shell's cat (worse round)"_s, ms(worst.p99StallMs), u"≤ 50 ms"_s,
                 verdict(worst.p99StallMs <= 50.0)});
    rows.append({u"longest GUI stall / peak RSS growth (same round)"_s,
                 ms(worst.longestStallMs) + u" / "_s + mib(worst.peakGrowthKb), QString(), QString()});
    printTable(rows);
    out() << Qt::endl << "load after: " << loadAverage() << Qt::endl;
    return 0;
}
