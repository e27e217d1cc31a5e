// bench_terminal (issue 6): 64 MiB of command output streamed into a real terminal tab.
//
// Starts its own orkestr-local and a sandbox, then:
//  - curl reads the exec stream of the same command (the reference: what the server and the
//    loopback deliver with nothing drawing it);
//  - a real TerminalWidget (QTermWidget fed through its pty, offscreen, 1200×800) runs it: the
//    time until the last byte is in the emulation, the GUI thread's stalls (a precise 5 ms timer:
//    every gap beyond 5 ms is a stall; p99 and longest), and this process's peak RSS growth;
//  - the same with a scrollback of 1,000 and of 20,000 lines, to show that memory follows the
//    scrollback limit and not the amount of output.
// The output is coloured lines, as build tools and pip print them.
//
// Options: --mib N (64), --server PATH.

#include "core/client.h"
#include "core/localserverprocess.h"
#include "core/sandboxjobs.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/ptywriter.h"
#include "ui/terminal/terminalwidget.h"

#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

using namespace Orkestr;
using namespace OrkestrUi;
using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

// Coloured lines, as a build prints them, `bytes` in all.
QString floodCommand(qint64 bytes)
{
    return u"yes \"$(printf '\\033[32m[ok]\\033[0m building module \\033[1mcore\\033[0m step 1234 of 9999 "
           u"...')\" "
           u"| head -c %1"_s.arg(bytes);
}

struct TerminalRun
{
    double seconds = 0;
    double p99StallMs = 0;
    double longestStallMs = 0;
    qint64 rssBeforeKb = 0;
    qint64 peakKb = 0;
    qint64 rssAfterKb = 0;
    qint64 outputBytes = 0;
};

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

TerminalRun runInTerminal(Client &client, const QString &sandbox, qint64 bytes, int scrollback,
                          const QString &historyDir)
{
    TerminalRun run;
    CommandHistory history(QDir(historyDir).filePath(u"history.json"_s));
    auto terminal = std::make_unique<TerminalWidget>(&client, sandbox, &history);
    terminal->setScrollbackLines(scrollback);
    terminal->setTimeoutSeconds(3600);
    terminal->resize(1200, 800);
    terminal->show();
    settle();
    auto *writer = terminal->findChild<PtyWriter *>();
    if (!writer)
        die(u"the terminal has no PtyWriter"_s);
    QObject::connect(terminal->session(), &TerminalSession::output, terminal.get(),
                     [&](const QString &text) { run.outputBytes += text.toUtf8().size(); });

    run.rssBeforeKb = procStatusKb(QCoreApplication::applicationPid(), "VmRSS");
    resetPeakRss(QCoreApplication::applicationPid());
    LatencyProbe probe(5);
    QElapsedTimer timer;
    QEventLoop loop;
    CommandResult result;
    bool finished = false;
    QObject::connect(terminal->session(), &TerminalSession::finished, &loop, [&](const CommandResult &r) {
        result = r;
        finished = true;
        if (writer->pendingBytes() == 0)
            loop.quit();
    });
    // Done when the command has ended and the last byte has gone into the emulation.
    QObject::connect(writer, &PtyWriter::drained, &loop, [&] {
        if (finished)
            loop.quit();
    });
    QTimer::singleShot(600000, &loop, [&] { die(u"the terminal run did not end within 10 minutes"_s); });
    probe.start();
    timer.start();
    terminal->runCommand(floodCommand(bytes));
    loop.exec();
    settle(); // the emulation reads what is still in the pty, and the screen is painted
    run.seconds = double(timer.nsecsElapsed()) / 1e9;
    probe.stop();
    if (!result.succeeded())
        die(u"the command failed in the terminal: %1"_s.arg(result.message));
    run.p99StallMs = percentile(probe.stalls(), 0.99);
    run.longestStallMs = probe.longest();
    run.peakKb = procStatusKb(QCoreApplication::applicationPid(), "VmHWM");
    run.rssAfterKb = procStatusKb(QCoreApplication::applicationPid(), "VmRSS");
    if (!terminal->screenText().contains(u"step 1234 of 9999"_s))
        die(u"the output is not on the terminal's screen"_s);
    return run;
}

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"bench_terminal"_s);
    QStandardPaths::setTestModeEnabled(true); // the terminal's settings stay out of the user's
    QSettings().remove(u"terminal"_s);
    CommandLine parser(u"Streams command output into a terminal tab."_s);
    QCommandLineOption mibOption(u"mib"_s, u"Output size in MiB (default 64)."_s, u"n"_s, u"64"_s);
    const QCommandLineOption serverOption = localServerOption();
    parser.addOptions({mibOption, serverOption});
    parser.process(app);
    const qint64 bytes = std::max<qint64>(1, parser.value(mibOption).toLongLong()) * 1024 * 1024;

    BenchSandbox bench(parser.value(serverOption));
    const QTemporaryDir &scratch = bench.scratch;
    Client &client = bench.client;
    const QString &sandbox = bench.sandbox;

    const QByteArray loadBefore = loadAverage();
    out() << "bench_terminal: " << bytes / (1024 * 1024) << " MiB, " << QThread::idealThreadCount()
          << " cores, " << QSysInfo::prettyProductName() << ", load " << loadBefore << Qt::endl;

    // The reference: curl reads the same stream and throws it away.
    const QString headerFile = scratch.filePath(u"curl-headers"_s);
    writeCurlHeaders(headerFile, bench.server.token());
    const auto curlSeconds = [&] {
        const QByteArray body
            = QJsonDocument(QJsonObject {{u"command"_s, floodCommand(bytes)}}).toJson(QJsonDocument::Compact);
        QProcess curl;
        curl.start(u"curl"_s,
                   {u"-sN"_s, u"-X"_s, u"POST"_s, u"-H"_s, u"@"_s + headerFile, u"--data-binary"_s,
                    QString::fromUtf8(body), u"-o"_s, u"/dev/null"_s, u"-w"_s,
                    u"%{http_code} %{size_download} %{time_total}"_s,
                    bench.server.url().toString() + sandboxPath(sandbox, u"/exec/stream"_s)});
        if (!curl.waitForFinished(600000) || curl.exitCode() != 0)
            die(u"curl failed: "_s + QString::fromUtf8(curl.readAllStandardError()));
        const auto fields = QString::fromUtf8(curl.readAllStandardOutput()).split(u' ');
        if (fields.value(0) != u"200"_s || fields.value(1).toLongLong() < bytes)
            die(u"curl got "_s + fields.join(u' '));
        return fields.value(2).toDouble();
    };

    QList<Row> rows;
    const double mibs = double(bytes) / (1024.0 * 1024.0);
    QList<double> curlRates, terminalRates;
    TerminalRun standard;
    for (int round = 0; round < 2; ++round) {
        const double curlTime = curlSeconds();
        curlRates.append(mibs / curlTime);
        out() << "round " << round + 1 << ": curl " << QString::number(mibs / curlTime, 'f', 1) << " MiB/s"
              << Qt::endl;
        const TerminalRun run = runInTerminal(client, sandbox, bytes, 10000, scratch.path());
        if (run.outputBytes != bytes)
            die(u"the terminal received %1 bytes of %2"_s.arg(run.outputBytes).arg(bytes));
        terminalRates.append(mibs / run.seconds);
        out() << "round " << round + 1 << ": terminal " << QString::number(mibs / run.seconds, 'f', 1)
              << " MiB/s, stall p99 " << ms(run.p99StallMs) << ", longest " << ms(run.longestStallMs)
              << ", RSS " << mib(run.rssBeforeKb) << " -> peak " << mib(run.peakKb) << Qt::endl;
        if (round == 0 || run.p99StallMs > standard.p99StallMs)
            standard = run; // the worse round
    }
    const TerminalRun small = runInTerminal(client, sandbox, bytes, 1000, scratch.path());
    const TerminalRun large = runInTerminal(client, sandbox, bytes, 20000, scratch.path());

    const double curlRate = percentile(curlRates, 0.5);
    const double terminalRate = percentile(terminalRates, 0.5);
    rows.append({u"curl reading the exec stream, %1 MiB, median of 2"_s.arg(mibs),
                 u"%1 MiB/s"_s.arg(curlRate, 0, 'f', 1), QString(), QString()});
    rows.append(
        {u"terminal tab (10,000 lines of scrollback): output to last byte in the emulation, median of 2"_s,
         u"%1 MiB/s (%2 of curl)"_s.arg(terminalRate, 0, 'f', 1).arg(terminalRate / curlRate, 0, 'f', 2),
         QString(), QString()});
    rows.append({u"GUI thread stall while streaming, p99 (longest), worse of 2"_s,
                 u"%1 (%2)"_s.arg(ms(standard.p99StallMs), ms(standard.longestStallMs)), u"p99 ≤ 50 ms"_s,
                 verdict(standard.p99StallMs <= 50)});
    const auto growth = [](const TerminalRun &run) {
        return run.peakKb - run.rssBeforeKb;
    };
    rows.append({u"peak RSS growth for %1 MiB: scrollback 1,000 / 10,000 / 20,000 lines"_s.arg(mibs),
                 u"%1 / %2 / %3"_s.arg(mib(growth(small)), mib(growth(standard)), mib(growth(large))),
                 u"follows the scrollback, not the output"_s,
                 verdict(growth(small) <= 16 * 1024 && growth(small) < growth(large)
                         && growth(large) * 1024 < bytes)});

    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
    QSettings().remove(u"terminal"_s);
    bench.server.stop();
    return 0;
}
