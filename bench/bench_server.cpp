// bench_server: orkestr-local over HTTP on loopback, measured through OrkestrCore and curl.
//
// Starts its own orkestr-local (a fresh data dir, team plan, a rate limit high enough not to
// interfere) and prints a table: create-to-running latency, `exec true` round trip, exec-stream
// throughput of 256 MiB read by curl and by OrkestrCore's ExecStreamJob (with the ratio), the
// server's peak RSS during each stream, and 20 concurrent streams. Not a ctest test: it prints
// figures; docs/benchmarks.md records them.
//
// Options: --creates N (50), --execs N (100), --stream-mib N (256), --stream-output yes|lines
// (yes), --stream-rounds N (2), --compare-qnam (each round also reads the stream through the
// client's QNetworkAccessManager instead of the lean stream transport), --compare-stream-qnam (each
// round also reads it through a second QNetworkAccessManager kept for streams), --concurrent N (20),
// --concurrent-mib N (8 MiB per concurrent stream), --server PATH.
//
// --journal-overhead (issue 16) measures only the activity journal's cost instead: two servers,
// one recording everything and one started with --benchmark-without-journal, each with a sandbox;
// after a warm-up stream on each, --stream-rounds rounds (5 here), each running `exec true`
// --execs times on both (alternating one round trip at a time) and four --stream-mib exec
// streams read by curl, two per server in the order A B B A (which server is A alternates from
// round to round), the file system's dirty pages written back before each stream. The figures
// are the medians of the rounds' ratios, so that the load, which moves from minute to minute on
// a shared machine, compares each server with the other at the same time; also the server's CPU
// time per MiB streamed.

#include "core/client.h"
#include "core/execstreamjob.h"
#include "core/job.h"
#include "core/localserverprocess.h"
#include "core/sandboxjobs.h"

#include "benchsupport.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <functional>

using namespace Orkestr;
using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

// User plus system CPU seconds of this process (all threads), or of its waited-for children.
double cpuSeconds(int who)
{
    rusage usage {};
    if (getrusage(who, &usage) != 0)
        return -1;
    const auto seconds = [](const timeval &t) {
        return double(t.tv_sec) + double(t.tv_usec) / 1e6;
    };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

struct StreamRun
{
    bool ok = false;
    qint64 outputBytes = 0; // command output received (UTF-8 text in the events)
    qint64 wireBytes = 0; // bytes of the event stream (curl only)
    double seconds = 0;
    qint64 serverPeakKb = -1;
    qint64 clientPeakKb = -1;
    double readerCpuSeconds = -1; // user + system time of the reader (curl, or this process)
    QString error;
    double mibPerSecond() const
    {
        return seconds > 0 ? double(outputBytes) / (1024.0 * 1024.0) / seconds : 0;
    }
};

} // namespace

class ServerBench
{
public:
    ServerBench(LocalServerProcess &server, Client &client)
        : m_server(server)
        , m_client(client)
    {
    }

    QString createSandbox(QString *error = nullptr)
    {
        CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        QString id;
        const auto result = runJob<CreateSandboxJob>(m_client, new CreateSandboxJob(params), [&](auto *job) {
            if (job->sandbox().isRunning())
                id = job->sandbox().id;
        });
        if (error)
            *error = result.isError() ? result.message() : QString();
        return id;
    }
    void terminate(const QString &id) { runJob<TerminateSandboxJob>(m_client, new TerminateSandboxJob(id)); }

    QList<double> createLatencies(int count)
    {
        QList<double> latencies;
        for (int i = 0; i < count; ++i) {
            QElapsedTimer timer;
            timer.start();
            QString error;
            const QString id = createSandbox(&error);
            const double elapsed = double(timer.nsecsElapsed()) / 1e6;
            if (id.isEmpty())
                die(u"create failed: "_s + error);
            latencies.append(elapsed);
            terminate(id);
        }
        return latencies;
    }

    QList<double> execLatencies(const QString &id, int count, int warmUp = 5)
    {
        for (int i = 0; i < warmUp; ++i)
            runJob<ExecJob>(m_client, new ExecJob(id, u"true"_s));
        QList<double> latencies;
        for (int i = 0; i < count; ++i) {
            QElapsedTimer timer;
            timer.start();
            int exitCode = -1;
            const auto error = runJob<ExecJob>(m_client, new ExecJob(id, u"true"_s),
                                               [&](auto *job) { exitCode = job->result().exitCode; });
            const double elapsed = double(timer.nsecsElapsed()) / 1e6;
            if (error.isError() || exitCode != 0)
                die(u"exec true failed: "_s + error.message());
            latencies.append(elapsed);
        }
        return latencies;
    }

    // "yes" writes "y\n": a JSON escape every two bytes, the worst case for the stream's decoding.
    // "lines" writes 80-byte lines of log text, like a build's output.
    QString streamOutput = u"yes"_s;
    QString streamCommand(qint64 bytes) const
    {
        if (streamOutput == u"lines"_s)
            return u"yes 'orkestr build: compiling module 0042 of 0100 (src/core/client.cpp), 0 errors' | head -c %1"_s
                .arg(bytes);
        return u"yes | head -c %1"_s.arg(bytes);
    }

    StreamRun curlStream(const QString &id, qint64 bytes, const QString &headerFile)
    {
        StreamRun run;
        resetPeakRss(m_server.processId());
        const QByteArray body = QJsonDocument(QJsonObject {{u"command"_s, streamCommand(bytes)}})
                                    .toJson(QJsonDocument::Compact);
        QProcess curl;
        const QString url = m_server.url().toString() + sandboxPath(id, u"/exec/stream"_s);
        curl.start(u"curl"_s,
                   {u"-sN"_s, u"-X"_s, u"POST"_s, u"-H"_s, u"@"_s + headerFile, u"-H"_s,
                    u"Accept: text/event-stream"_s, u"--data-binary"_s, QString::fromUtf8(body), u"-o"_s,
                    u"/dev/null"_s, u"-w"_s, u"%{http_code} %{size_download} %{time_total}"_s, url});
        if (!curl.waitForStarted(10000)) {
            run.error = u"curl did not start: "_s + curl.errorString();
            return run;
        }
        const double childCpuBefore = cpuSeconds(RUSAGE_CHILDREN);
        QElapsedTimer timer;
        timer.start();
        curl.waitForFinished(600000);
        run.readerCpuSeconds = cpuSeconds(RUSAGE_CHILDREN) - childCpuBefore;
        const double wall = double(timer.nsecsElapsed()) / 1e9;
        run.serverPeakKb = procStatusKb(m_server.processId(), "VmHWM");
        const auto fields = QString::fromUtf8(curl.readAllStandardOutput()).split(u' ');
        if (curl.exitCode() != 0 || fields.value(0) != u"200"_s) {
            run.error = u"curl exit %1, %2"_s.arg(curl.exitCode()).arg(fields.join(u' '));
            return run;
        }
        run.wireBytes = fields.value(1).toLongLong();
        run.seconds = fields.value(2).toDouble();
        if (run.seconds <= 0)
            run.seconds = wall;
        // curl does not parse the events: the output is the stream less its framing. Each
        // event carries at most 64 KiB, so the framing is under 0.2 %; count the output as the
        // command's, and check the wire carried at least that much.
        run.outputBytes = bytes;
        run.ok = run.wireBytes >= bytes;
        if (!run.ok)
            run.error = u"curl received only %1 bytes"_s.arg(run.wireBytes);
        return run;
    }

    StreamRun coreStream(const QString &id, qint64 bytes, Client::StreamTransport transport)
    {
        StreamRun run;
        const auto previousTransport = m_client.streamTransport();
        m_client.setStreamTransport(transport);
        resetPeakRss(m_server.processId());
        resetPeakRss(QCoreApplication::applicationPid());
        auto *job = new ExecStreamJob(id, streamCommand(bytes));
        job->setCollectOutput(false);
        int exitCode = -1;
        const double cpuBefore = cpuSeconds(RUSAGE_SELF);
        QElapsedTimer timer;
        timer.start();
        const auto error = runJob<ExecStreamJob>(m_client, job, [&](auto *j) {
            run.outputBytes = j->stdoutBytes() + j->stderrBytes();
            exitCode = j->exitCode();
        });
        run.seconds = double(timer.nsecsElapsed()) / 1e9;
        run.readerCpuSeconds = cpuSeconds(RUSAGE_SELF) - cpuBefore;
        m_client.setStreamTransport(previousTransport);
        run.serverPeakKb = procStatusKb(m_server.processId(), "VmHWM");
        run.clientPeakKb = procStatusKb(QCoreApplication::applicationPid(), "VmHWM");
        run.ok = !error.isError() && exitCode == 0 && run.outputBytes == bytes;
        if (!run.ok)
            run.error = u"%1 (exit %2, %3 bytes)"_s.arg(error.message()).arg(exitCode).arg(run.outputBytes);
        return run;
    }

    struct Concurrent
    {
        int streams = 0;
        int errors = 0;
        double seconds = 0;
        qint64 totalBytes = 0;
        qint64 serverPeakKb = -1;
        QStringList messages;
    };
    Concurrent concurrentStreams(const QStringList &ids, int count, qint64 bytesEach)
    {
        Concurrent result;
        result.streams = count;
        resetPeakRss(m_server.processId());
        QEventLoop loop;
        int done = 0;
        QElapsedTimer timer;
        timer.start();
        for (int i = 0; i < count; ++i) {
            auto *job = new ExecStreamJob(ids[i % ids.size()], streamCommand(bytesEach));
            job->setCollectOutput(false);
            QObject::connect(job, &Job::finished, &loop, [&, job](Job *) {
                const qint64 received = job->stdoutBytes();
                result.totalBytes += received;
                if (job->error().isError() || job->exitCode() != 0 || received != bytesEach) {
                    ++result.errors;
                    result.messages.append(u"%1 (exit %2, %3 bytes)"_s.arg(job->error().message())
                                               .arg(job->exitCode())
                                               .arg(received));
                }
                if (++done == count)
                    loop.quit();
            });
            m_client.run(job);
        }
        loop.exec();
        result.seconds = double(timer.nsecsElapsed()) / 1e9;
        result.serverPeakKb = procStatusKb(m_server.processId(), "VmHWM");
        return result;
    }

private:
    LocalServerProcess &m_server;
    Client &m_client;
};

namespace {
// Bytes of the files under dir (the journal and the exec output a server kept).
qint64 bytesUnder(const QString &dir)
{
    qint64 total = 0;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        total += it.nextFileInfo().size();
    return total;
}

// User plus system CPU seconds from /proc/<pid>/stat (all the process's threads) or
// /proc/<pid>/task/<pid>/stat (its main thread: the server's event loop), or -1.
double processCpuSeconds(qint64 pid, bool mainThread = false)
{
    QFile file(mainThread ? u"/proc/%1/task/%1/stat"_s.arg(pid) : u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = file.readAll();
    // After the command name: the state, then utime and stime are the 12th and 13th fields.
    const auto fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return double(fields.value(11).toLongLong() + fields.value(12).toLongLong())
        / double(::sysconf(_SC_CLK_TCK));
}

// Writes back the dirty pages of the file system that holds dir, so that one stream's writeback
// does not fall on the next stream (the other server's).
void settleDisk(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return;
    ::syncfs(fd);
    ::close(fd);
}

QString joined(const QList<double> &values, int decimals)
{
    QStringList each;
    for (const double value : values)
        each.append(QString::number(value, 'f', decimals));
    return each.join(u", "_s);
}

// A figure measured on / off: its verdict is the median of the rounds' ratios; beside it, the ratios
// of all the measurements pooled (what `pooledWhat` says).
Row onOffRow(const QString &figure, const QList<double> &roundRatios, const QString &pooledWhat,
             const QList<double> &pooled, const QString &target, const std::function<bool(double)> &meets)
{
    const double ratio = percentile(roundRatios, 0.5);
    return {u"%1 on / off: median of the rounds' ratios (rounds: %2); of %3"_s.arg(
                figure, joined(roundRatios, 2), pooledWhat),
            u"**%1** (%2)"_s.arg(ratio, 0, 'f', 2).arg(joined(pooled, 2)), target, verdict(meets(ratio))};
}

int journalOverhead(const QString &program, int execs, qint64 streamBytes, int rounds)
{
    struct Side
    {
        const char *name;
        QTemporaryDir dir;
        LocalServerProcess server;
        Client client;
        std::unique_ptr<ServerBench> bench;
        QString sandbox;
        QList<double> latencies;
        QList<double> mibPerSecond;
        QList<double> cpuMsPerMib; // the server's CPU time per MiB streamed
        QList<double> loopCpuMsPerMib; // of that, its event loop's
        qint64 peakKb = -1;

        double stream(qint64 bytes)
        {
            settleDisk(dir.path());
            const double cpuBefore = processCpuSeconds(server.processId());
            const double loopBefore = processCpuSeconds(server.processId(), true);
            const StreamRun run = bench->curlStream(sandbox, bytes, dir.filePath(u"curl-headers"_s));
            if (!run.ok)
                die(u"curl stream failed: "_s + run.error);
            const double mebibytes = double(bytes) / (1024.0 * 1024.0);
            cpuMsPerMib.append((processCpuSeconds(server.processId()) - cpuBefore) * 1000.0 / mebibytes);
            loopCpuMsPerMib.append((processCpuSeconds(server.processId(), true) - loopBefore) * 1000.0
                                   / mebibytes);
            mibPerSecond.append(run.mibPerSecond());
            peakKb = std::max(peakKb, run.serverPeakKb);
            return run.mibPerSecond();
        }
    };
    std::array<Side, 2> sides;
    sides[0].name = "journal on";
    sides[1].name = "journal off";
    for (int i = 0; i < 2; ++i) {
        Side &side = sides[i];
        side.server.setProgram(program);
        side.server.setDataDir(side.dir.path());
        QStringList arguments {u"--plan"_s, u"team"_s, u"--rate-limit"_s, u"1000000/s"_s};
        if (i == 1)
            arguments.append(u"--benchmark-without-journal"_s);
        side.server.setExtraArguments(arguments);
        startServer(side.server);
        side.client.setBaseUrl(side.server.url());
        side.client.setToken(side.server.token());
        side.bench = std::make_unique<ServerBench>(side.server, side.client);
        side.sandbox = side.bench->createSandbox();
        if (side.sandbox.isEmpty())
            die(u"create failed"_s);
        writeCurlHeaders(side.dir.filePath(u"curl-headers"_s), side.server.token());
    }
    const QByteArray loadBefore = loadAverage();
    out() << "bench_server --journal-overhead: " << program << ", " << QThread::idealThreadCount()
          << " cores, load " << loadBefore << Qt::endl;
    // Warm-up (not counted): each server's first stream pays for its first allocations.
    for (auto &side : sides) {
        side.stream(std::min<qint64>(streamBytes, 32LL * 1024 * 1024));
        side.mibPerSecond.clear();
        side.cpuMsPerMib.clear();
        side.loopCpuMsPerMib.clear();
    }
    QList<double> latencyRatios, throughputRatios;
    for (int round = 0; round < rounds; ++round) {
        // exec true alternates between the servers one round trip at a time, so that the other
        // builds' load, which changes from second to second, falls on both alike.
        QList<double> latencies[2];
        for (auto &side : sides)
            side.bench->execLatencies(side.sandbox, 0);
        for (int i = 0; i < execs; ++i) {
            for (int k = 0; k < 2; ++k) {
                const int which = (k + i + round) % 2;
                latencies[which] += sides[which].bench->execLatencies(sides[which].sandbox, 1, 0);
            }
        }
        double median[2] = {0, 0};
        for (int which = 0; which < 2; ++which) {
            sides[which].latencies += latencies[which];
            median[which] = percentile(latencies[which], 0.5);
        }
        latencyRatios.append(median[0] / median[1]);
        // Four streams in the order A B B A (on first in even rounds, off first in odd ones): a
        // load that rises or falls through the round falls on both alike. The round's ratio
        // compares the sums of its two streams on each side.
        double sum[2] = {0, 0};
        for (const int k : {0, 1, 1, 0}) {
            const int which = (k + round) % 2;
            sum[which] += sides[which].stream(streamBytes);
        }
        throughputRatios.append(sum[0] / sum[1]);
        out() << "round " << round + 1 << ": exec true median on " << ms(median[0]) << ", off "
              << ms(median[1]) << " (" << QString::number(latencyRatios.last(), 'f', 2) << "); streams on "
              << joined(sides[0].mibPerSecond.mid(2 * round), 1) << ", off "
              << joined(sides[1].mibPerSecond.mid(2 * round), 1) << " MiB/s ("
              << QString::number(throughputRatios.last(), 'f', 2) << "); load " << loadAverage() << Qt::endl;
    }
    // On over off, of all the measurements of both sides (p: the percentile of each side).
    const auto pooledRatio = [&sides](const QList<double> Side::*figure, double p) {
        return percentile(sides[0].*figure, p) / percentile(sides[1].*figure, p);
    };
    QList<Row> rows;
    for (const auto &side : sides) {
        rows.append(
            {u"`exec true` round trip, %1: median (p99) of %2"_s.arg(QLatin1StringView(side.name))
                 .arg(side.latencies.size()),
             u"%1 (%2)"_s.arg(ms(percentile(side.latencies, 0.5)), ms(percentile(side.latencies, 0.99))),
             QString(), QString()});
    }
    rows.append(onOffRow(u"latency"_s, latencyRatios, u"all round trips: median, p99"_s,
                         {pooledRatio(&Side::latencies, 0.5), pooledRatio(&Side::latencies, 0.99)},
                         u"≤ 1.15"_s, [](double ratio) { return ratio <= 1.15; }));
    for (const auto &side : sides) {
        rows.append(
            {u"exec stream of %1 MiB read by curl, %2: median of %3 (%4); server CPU per MiB (of it, its event loop's); peak RSS"_s
                 .arg(streamBytes / (1024 * 1024))
                 .arg(QLatin1StringView(side.name))
                 .arg(side.mibPerSecond.size())
                 .arg(joined(side.mibPerSecond, 1)),
             u"%1 MiB/s; %2 ms (%3 ms); %4"_s.arg(percentile(side.mibPerSecond, 0.5), 0, 'f', 1)
                 .arg(percentile(side.cpuMsPerMib, 0.5), 0, 'f', 2)
                 .arg(percentile(side.loopCpuMsPerMib, 0.5), 0, 'f', 2)
                 .arg(mib(side.peakKb)),
             QString(), QString()});
    }
    rows.append(onOffRow(u"throughput"_s, throughputRatios, u"the medians of all streams"_s,
                         {pooledRatio(&Side::mibPerSecond, 0.5)}, u"≥ 0.9"_s,
                         [](double ratio) { return ratio >= 0.9; }));
    rows.append({u"server CPU per MiB streamed, on / off (medians)"_s,
                 QString::number(pooledRatio(&Side::cpuMsPerMib, 0.5), 'f', 2), QString(), QString()});
    for (const auto &side : sides) {
        rows.append({u"data dir after the runs, %1"_s.arg(QLatin1StringView(side.name)),
                     mib(bytesUnder(side.dir.path()) / 1024), QString(), QString()});
    }
    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
    for (auto &side : sides)
        side.server.stop();
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CommandLine parser(u"Benchmarks orkestr-local over HTTP on loopback."_s);
    QCommandLineOption createsOption(u"creates"_s, u"Sandboxes to create (50)."_s, u"n"_s, u"50"_s);
    QCommandLineOption execsOption(u"execs"_s, u"exec true round trips (100)."_s, u"n"_s, u"100"_s);
    QCommandLineOption streamOption(u"stream-mib"_s, u"MiB of output for the stream (256)."_s, u"n"_s,
                                    u"256"_s);
    QCommandLineOption outputOption(
        u"stream-output"_s,
        u"What the stream prints: yes (\"y\\n\", an escape every 2 bytes) or lines "
        u"(80-byte log lines)."_s,
        u"kind"_s, u"yes"_s);
    QCommandLineOption roundsOption(u"stream-rounds"_s, u"Rounds of the stream comparison (2)."_s, u"n"_s,
                                    u"2"_s);
    QCommandLineOption compareQnamOption(
        u"compare-qnam"_s,
        u"Each round also reads the stream through QNetworkAccessManager instead of the lean stream "
        u"transport."_s);
    QCommandLineOption concurrentOption(u"concurrent"_s, u"Concurrent streams (20)."_s, u"n"_s, u"20"_s);
    QCommandLineOption concurrentMibOption(u"concurrent-mib"_s, u"MiB per concurrent stream (8)."_s, u"n"_s,
                                           u"8"_s);
    QCommandLineOption serverOption(u"server"_s, u"The orkestr-local to run."_s, u"path"_s,
                                    QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    QCommandLineOption compareStreamQnamOption(
        u"compare-stream-qnam"_s,
        u"Each round also reads the stream through a second QNetworkAccessManager kept for streams "
        u"only."_s);
    QCommandLineOption overheadOption(
        u"journal-overhead"_s,
        u"Only compare a server with the activity journal and one without (--benchmark-without-journal)."_s);
    parser.addOptions({createsOption, execsOption, streamOption, outputOption, roundsOption,
                       compareQnamOption, compareStreamQnamOption, concurrentOption, concurrentMibOption,
                       serverOption, overheadOption});
    parser.process(app);
    if (parser.isSet(overheadOption)) {
        const int rounds = parser.isSet(roundsOption) ? parser.value(roundsOption).toInt() : 5;
        return journalOverhead(parser.value(serverOption), parser.value(execsOption).toInt(),
                               parser.value(streamOption).toLongLong() * 1024 * 1024, std::max(1, rounds));
    }
    const int creates = parser.value(createsOption).toInt();
    const int execs = parser.value(execsOption).toInt();
    const qint64 streamBytes = parser.value(streamOption).toLongLong() * 1024 * 1024;
    const int concurrent = parser.value(concurrentOption).toInt();
    const qint64 concurrentBytes = parser.value(concurrentMibOption).toLongLong() * 1024 * 1024;

    BenchServer local(parser.value(serverOption));
    const QTemporaryDir &dataDir = local.dataDir;
    LocalServerProcess &server = local.server;
    Client &client = local.client;
    ServerBench bench(server, client);
    bench.streamOutput = parser.value(outputOption);
    if (bench.streamOutput != u"yes"_s && bench.streamOutput != u"lines"_s)
        die(u"--stream-output is yes or lines"_s);

    const QByteArray loadBefore = loadAverage();

    out() << "bench_server: orkestr-local " << server.url().toString() << ", pid " << server.processId()
          << ", " << QThread::idealThreadCount() << " cores, " << QSysInfo::prettyProductName() << ", load "
          << loadBefore << Qt::endl;

    QList<Row> rows;

    out() << "create-to-running: " << creates << " creates..." << Qt::endl;
    const auto createTimes = bench.createLatencies(creates);
    const double createMedian = percentile(createTimes, 0.5);
    rows.append({u"create-to-running, median (p90) of %1"_s.arg(creates),
                 u"%1 (%2)"_s.arg(ms(createMedian), ms(percentile(createTimes, 0.9))), u"median ≤ 50 ms"_s,
                 verdict(createMedian <= 50)});

    QString error;
    const QString sandbox = bench.createSandbox(&error);
    if (sandbox.isEmpty())
        die(u"create failed: "_s + error);
    out() << "exec true: " << execs << " round trips..." << Qt::endl;
    const auto execTimes = bench.execLatencies(sandbox, execs);
    const double execMedian = percentile(execTimes, 0.5);
    rows.append({u"`exec true` round trip, median (p90) of %1"_s.arg(execs),
                 u"%1 (%2)"_s.arg(ms(execMedian), ms(percentile(execTimes, 0.9))), u"median ≤ 15 ms"_s,
                 verdict(execMedian <= 15)});

    // The token goes to curl in a header file, not on its command line.
    const QString headerFile = dataDir.filePath(u"curl-headers"_s);
    writeCurlHeaders(headerFile, server.token());
    const bool canResetPeak = resetPeakRss(server.processId());
    const double mib = double(streamBytes) / (1024.0 * 1024.0);
    // Rounds, alternating, so that a burst of load elsewhere hits both readers alike.
    const int rounds = std::max(1, parser.value(roundsOption).toInt());
    const bool compareQnam = parser.isSet(compareQnamOption);
    const bool compareStreamQnam = parser.isSet(compareStreamQnamOption);
    using Transport = Client::StreamTransport;
    QList<StreamRun> curlRuns, coreRuns, qnamRuns, streamQnamRuns;
    QList<Transport> transports {Transport::Lean};
    if (compareQnam)
        transports.append(Transport::SharedManager);
    if (compareStreamQnam)
        transports.append(Transport::DedicatedManager);
    // Indexed by the transport.
    QList<StreamRun> *const runsByTransport[] = {&coreRuns, &qnamRuns, &streamQnamRuns};
    const auto runsOf = [&](Transport transport) -> QList<StreamRun> & {
        return *runsByTransport[int(transport)];
    };
    const auto transportName = [](Transport transport) {
        constexpr const char *names[]
            = {"OrkestrCore (lean transport)", "OrkestrCore through QNetworkAccessManager",
               "OrkestrCore through a second QNetworkAccessManager for streams"};
        return names[int(transport)];
    };
    QStringList roundRatios;
    for (int round = 0; round < rounds; ++round) {
        out() << "stream " << mib << " MiB, round " << round + 1 << ": curl..." << Qt::endl;
        curlRuns.append(bench.curlStream(sandbox, streamBytes, headerFile));
        if (!curlRuns.last().ok)
            die(u"curl stream failed: "_s + curlRuns.last().error);
        out() << "  " << QString::number(curlRuns.last().mibPerSecond(), 'f', 1) << " MiB/s, CPU "
              << QString::number(curlRuns.last().readerCpuSeconds, 'f', 2) << " s" << Qt::endl;
        // The readers' order rotates from round to round, so that none always follows another.
        for (qsizetype i = 0; i < transports.size(); ++i) {
            const Transport transport = transports[(i + round) % transports.size()];
            auto &runs = runsOf(transport);
            out() << "  " << transportName(transport) << "..." << Qt::endl;
            runs.append(bench.coreStream(sandbox, streamBytes, transport));
            if (!runs.last().ok)
                die(u"OrkestrCore stream failed: "_s + runs.last().error);
            out() << "  " << QString::number(runs.last().mibPerSecond(), 'f', 1) << " MiB/s, CPU "
                  << QString::number(runs.last().readerCpuSeconds, 'f', 2) << " s" << Qt::endl;
        }
        QStringList ratios;
        for (const auto transport : std::as_const(transports)) {
            ratios.append(QString::number(
                runsOf(transport).last().mibPerSecond() / curlRuns.last().mibPerSecond(), 'f', 2));
        }
        roundRatios.append(ratios.join(u" / "_s));
        out() << "  round ratio " << roundRatios.last() << Qt::endl;
    }
    const auto best = [](const QList<StreamRun> &runs) {
        return *std::max_element(runs.cbegin(), runs.cend(), [](const StreamRun &a, const StreamRun &b) {
            return a.mibPerSecond() < b.mibPerSecond();
        });
    };
    const auto maxPeak = [](const QList<StreamRun> &runs) {
        qint64 peak = -1;
        for (const auto &run : runs)
            peak = std::max(peak, run.serverPeakKb);
        return peak;
    };
    const StreamRun curlBest = best(curlRuns);
    const StreamRun coreBest = best(coreRuns);
    const auto runsText = [](const QList<StreamRun> &runs) {
        QStringList parts;
        for (const auto &run : runs)
            parts.append(u"%1 s"_s.arg(run.seconds, 0, 'f', 2));
        return parts.join(u", "_s);
    };
    rows.append({u"exec stream of %1 MiB (%3) read by curl, best of %4 (%2)"_s.arg(mib).arg(
                     runsText(curlRuns), bench.streamOutput, QString::number(rounds)),
                 u"%1 MiB/s"_s.arg(curlBest.mibPerSecond(), 0, 'f', 1), QString(), QString()});
    rows.append({u"exec stream of %1 MiB (%3) read by OrkestrCore, best of %4 (%2)"_s.arg(mib).arg(
                     runsText(coreRuns), bench.streamOutput, QString::number(rounds)),
                 u"%1 MiB/s"_s.arg(coreBest.mibPerSecond(), 0, 'f', 1), QString(), QString()});
    if (compareQnam) {
        rows.append({u"… the same through QNetworkAccessManager, best of %2 (%1)"_s.arg(runsText(qnamRuns))
                         .arg(rounds),
                     u"%1 MiB/s"_s.arg(best(qnamRuns).mibPerSecond(), 0, 'f', 1), QString(), QString()});
    }
    if (compareStreamQnam) {
        rows.append({u"… the same through a second QNetworkAccessManager for streams, best of %2 (%1)"_s
                         .arg(runsText(streamQnamRuns))
                         .arg(rounds),
                     u"%1 MiB/s"_s.arg(best(streamQnamRuns).mibPerSecond(), 0, 'f', 1), QString(),
                     QString()});
    }
    const auto cpuText = [](const QList<StreamRun> &runs) {
        QList<double> values;
        for (const auto &run : runs)
            values.append(run.readerCpuSeconds);
        return u"%1 s"_s.arg(percentile(values, 0.5), 0, 'f', 2);
    };
    QStringList readerNames {u"curl"_s, u"OrkestrCore"_s};
    QStringList cpuFigures {cpuText(curlRuns), cpuText(coreRuns)};
    QStringList ratioNames {u"OrkestrCore"_s};
    if (compareQnam) {
        readerNames.append(u"through QNetworkAccessManager"_s);
        cpuFigures.append(cpuText(qnamRuns));
        ratioNames.append(u"through QNetworkAccessManager"_s);
    }
    if (compareStreamQnam) {
        readerNames.append(u"through a second manager for streams"_s);
        cpuFigures.append(cpuText(streamQnamRuns));
        ratioNames.append(u"through a second manager"_s);
    }
    rows.append({u"reader CPU (user + system) per stream, median: "_s + readerNames.join(u" / "_s),
                 cpuFigures.join(u" / "_s), QString(), QString()});
    rows.append({u"throughput ratio to curl per round: "_s + ratioNames.join(u" / "_s),
                 roundRatios.join(u", "_s), QString(), QString()});
    const double ratio = curlBest.mibPerSecond() > 0 ? coreBest.mibPerSecond() / curlBest.mibPerSecond() : 0;
    rows.append({u"throughput ratio OrkestrCore / curl"_s, QString::number(ratio, 'f', 2), u"≥ 0.8"_s,
                 verdict(ratio >= 0.8)});
    const qint64 peakKb = std::max(maxPeak(curlRuns), maxPeak(coreRuns));
    const double peakMb = double(peakKb) / 1024.0;
    rows.append({u"server peak RSS (VmHWM) during the streams%1"_s.arg(
                     canResetPeak ? u", reset before each"_s : u", since its start (clear_refs refused)"_s),
                 u"%1 MiB"_s.arg(peakMb, 0, 'f', 1), u"≤ 100 MB"_s,
                 verdict(peakKb >= 0 && peakKb * 1024 <= 100000000)});
    qint64 clientPeakKb = -1;
    for (const auto &run : coreRuns)
        clientPeakKb = std::max(clientPeakKb, run.clientPeakKb);
    rows.append({u"bench process (OrkestrCore reader) peak RSS during its stream"_s,
                 u"%1 MiB"_s.arg(double(clientPeakKb) / 1024.0, 0, 'f', 1), QString(), QString()});

    // Concurrent streams over a few sandboxes.
    QStringList ids {sandbox};
    for (int i = 0; i < 3; ++i) {
        const QString id = bench.createSandbox(&error);
        if (id.isEmpty())
            die(u"create failed: "_s + error);
        ids.append(id);
    }
    out() << concurrent << " concurrent streams of " << concurrentBytes / (1024 * 1024) << " MiB..."
          << Qt::endl;
    const auto parallel = bench.concurrentStreams(ids, concurrent, concurrentBytes);
    for (const auto &message : parallel.messages)
        out() << "  stream error: " << message << Qt::endl;
    rows.append({u"%1 concurrent streams of %2 MiB over %3 sandboxes"_s.arg(concurrent)
                     .arg(concurrentBytes / (1024 * 1024))
                     .arg(ids.size()),
                 u"%1 errors; %2 s, %3 MiB/s total; server peak RSS %4 MiB"_s.arg(parallel.errors)
                     .arg(parallel.seconds, 0, 'f', 2)
                     .arg(double(parallel.totalBytes) / (1024.0 * 1024.0) / parallel.seconds, 0, 'f', 1)
                     .arg(double(parallel.serverPeakKb) / 1024.0, 0, 'f', 1),
                 u"no error"_s, verdict(parallel.errors == 0)});
    for (const auto &id : std::as_const(ids))
        bench.terminate(id);

    const QByteArray loadAfter = loadAverage();

    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAfter << Qt::endl;
    server.stop();
    return 0;
}
