// bench_replay: replaying a finished exec's retained output (issue 16). An exec writes 64 MiB of
// text to stdout (base64 lines) and ends; then its output is read back through
// GET …/execs/{exec_id}/stream, alternately by Orkestr::AttachExecJob (SSE decoding, chunk
// signals, the client's whole path; output not collected, as the exec view reads it) and by curl
// writing the same stream to /dev/null, --runs times each, in the same run against the same
// server. The figure is the attach job's throughput against curl's (medians): at least 0.8.
// Not a ctest test: it prints a table; docs/benchmarks.md records it.
//
// Options: --mib N (64), --runs N (5), --server PATH.

#include "core/activityjobs.h"
#include "core/attachexecjob.h"
#include "core/execstreamjob.h"

#include "benchsupport.h"

#include <QCommandLineParser>
#include <QProcess>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>

using namespace Orkestr;
using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

struct Replay
{
    double seconds = 0;
    qint64 bytes = 0;
};

Replay attach(Client &client, const QString &sandbox, const QString &execId)
{
    auto *job = new AttachExecJob(sandbox, execId);
    job->setCollectOutput(false);
    Replay replay;
    QObject::connect(job, &ExecOutputJob::chunk, job, [&](const ExecChunk &chunk) {
        if (!chunk.isFinal())
            replay.bytes += chunk.data.size(); // ASCII: one byte per character
    });
    QElapsedTimer timer;
    timer.start();
    const auto error = runJob<AttachExecJob>(client, job);
    replay.seconds = double(timer.nsecsElapsed()) / 1e9;
    if (error.isError())
        die(u"attach failed: "_s + error.displayText());
    return replay;
}

Replay curl(const QString &url, const QString &headers)
{
    QProcess process;
    process.start(u"curl"_s,
                  {u"-sS"_s, u"-N"_s, u"-H"_s, u"@"_s + headers, u"-o"_s, u"/dev/null"_s, u"-w"_s,
                   u"%{http_code} %{time_total} %{size_download}"_s, url});
    if (!process.waitForFinished(600000) || process.exitCode() != 0)
        die(u"curl failed: "_s + QString::fromUtf8(process.readAllStandardError()));
    const auto fields = QString::fromUtf8(process.readAllStandardOutput()).trimmed().split(u' ');
    if (fields.value(0) != u"200"_s)
        die(u"curl answered "_s + fields.join(u' '));
    return {fields.value(1).toDouble(), fields.value(2).toLongLong()};
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    CommandLine parser(u"Replaying 64 MiB of a finished exec's output: attach job vs curl."_s);
    const QCommandLineOption serverOption = localServerOption();
    QCommandLineOption mibOption(u"mib"_s, u"MiB of output (default 64)."_s, u"n"_s, u"64"_s);
    QCommandLineOption runsOption(u"runs"_s, u"Replays of each reader (default 5)."_s, u"n"_s, u"5"_s);
    parser.addOptions({mibOption, runsOption, serverOption});
    parser.process(app);
    const qint64 mibs = std::max<qint64>(1, parser.value(mibOption).toLongLong());
    const int runs = std::max(1, parser.value(runsOption).toInt());

    // The whole output is retained (the default keeps 256 MiB per sandbox).
    BenchServer local(parser.value(serverOption),
                      {u"--output-retention-mib"_s, QString::number(std::max<qint64>(256, 2 * mibs))});
    LocalServerProcess &server = local.server;
    Client &client = local.client;
    const QString sandbox = createSandbox(client);
    out() << "bench_replay: " << mibs << " MiB, " << runs << " runs, " << QThread::idealThreadCount()
          << " cores, " << QSysInfo::prettyProductName() << ", load " << loadAverage() << Qt::endl;

    // 3 bytes of random data are 4 of base64: 76 characters and a newline per line.
    const qint64 bytes = mibs * 1024 * 1024;
    const QString command
        = u"head -c %1 /dev/urandom | base64 -w 76 | head -c %2"_s.arg(bytes * 3 / 4 + 4096).arg(bytes);
    auto *exec = new ExecStreamJob(sandbox, command);
    exec->setCollectOutput(false);
    if (const auto error = runJob<ExecStreamJob>(client, exec); error.isError())
        die(u"the exec failed: "_s + error.displayText());
    // The sandbox's only exec, newest first.
    ListExecsParams params;
    params.limit = 1;
    ExecRecord record;
    runJob<ListExecsJob>(client, new ListExecsJob(sandbox, params),
                         [&](auto *job) { record = job->execs().value(0); });
    if (record.execId.isEmpty() || record.stdoutBytes != bytes || record.hasDroppedOutput())
        die(u"the exec's record: %1, %2 bytes of stdout, retained from %3"_s.arg(record.execId)
                .arg(record.stdoutBytes)
                .arg(record.retainedFrom.stdoutOffset));
    const QString execId = record.execId;

    QTemporaryDir curlDir;
    const QString headers = curlDir.filePath(u"headers"_s);
    writeCurlHeaders(headers, server.token());
    const QString url = server.url().toString() + u"/v1/sandboxes/%1/execs/%2/stream"_s.arg(sandbox, execId);

    QList<double> jobMiBs, curlMiBs;
    for (int run = 0; run < runs; ++run) {
        const Replay byJob = attach(client, sandbox, execId);
        const Replay byCurl = curl(url, headers);
        if (byJob.bytes != bytes)
            die(u"the attach job read %1 bytes, not %2"_s.arg(byJob.bytes).arg(bytes));
        jobMiBs.append(double(bytes) / 1048576.0 / byJob.seconds);
        curlMiBs.append(double(byCurl.bytes) / 1048576.0 / byCurl.seconds);
        out() << "run " << run + 1 << ": attach job " << byJob.seconds << " s, curl " << byCurl.seconds
              << " s (" << byCurl.bytes << " bytes of SSE)" << Qt::endl;
    }
    const double job = percentile(jobMiBs, 0.5), reference = percentile(curlMiBs, 0.5);
    printTable({
        {u"replay of %1 MiB: attach job (median of %2)"_s.arg(mibs).arg(runs),
         u"%1 MiB/s"_s.arg(job, 0, 'f', 1), u"—"_s, u""_s},
        {u"the same stream by curl (median)"_s, u"%1 MiB/s"_s.arg(reference, 0, 'f', 1), u"—"_s, u""_s},
        {u"attach job / curl"_s, QString::number(job / reference, 'f', 2), u"≥ 0.8"_s,
         verdict(job / reference >= 0.8)},
    });
    out() << "load after: " << loadAverage() << Qt::endl;
    return 0;
}
