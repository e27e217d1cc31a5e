// bench_metrics (issue 17): what orkestr-local's metrics cost.
//  1. The sampler with N really running sandboxes (default 200; `bench_metrics 100` for fewer):
//     a real orkestr-local, N ubuntu-24.04 sandboxes, then the CPU time of its "metrics sampler"
//     thread and of the whole server over 30 s of readings (target: at most 3 % of one core).
//  2. GET /v1/metrics with 1,000 running sandboxes, simulated in this process (the machine cannot
//     run 1,000): the server's own units (ApiServer, SandboxStore, MetricsSampler with readings
//     recorded for each sandbox) answering over loopback HTTP; the first request after a reading
//     (the answer is built again), later ones (cached), and 304 with If-None-Match (target: 20 ms).
//  3. The event loop's share of a reading: recording 1,000 readings.

#include "benchsupport.h"
#include "inprocessmonitor.h"
#include "server/ids.h"
#include "server/metricssampler.h"
#include "server/samplerworker.h"

#include <QDir>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>

#include <unistd.h>

using namespace Bench;
using namespace Qt::StringLiterals;

namespace {

// utime + stime of a process, or of one of its threads by name (/proc/<pid>/task/*/comm).
qint64 cpuTicks(qint64 pid, const QByteArray &thread = {})
{
    QString statPath = u"/proc/%1/stat"_s.arg(pid);
    if (!thread.isEmpty()) {
        statPath.clear();
        const auto tasks = QDir(u"/proc/%1/task"_s.arg(pid)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const auto &task : tasks) {
            QFile comm(u"/proc/%1/task/%2/comm"_s.arg(pid).arg(task));
            if (comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == thread)
                statPath = u"/proc/%1/task/%2/stat"_s.arg(pid).arg(task);
        }
        if (statPath.isEmpty())
            return -1;
    }
    QFile stat(statPath);
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray line = stat.readAll();
    const QList<QByteArray> fields = line.mid(line.lastIndexOf(')') + 2).split(' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

QList<Row> samplerWithRunningSandboxes(int count)
{
    BenchServer local(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                      {u"--max-running"_s, QString::number(count + 5)});
    Orkestr::LocalServerProcess &server = local.server;
    Orkestr::Client &client = local.client;
    QElapsedTimer creating;
    creating.start();
    for (int i = 0; i < count; ++i)
        createSandbox(client);
    out() << "created " << count << " sandboxes in " << creating.elapsed() << " ms; load " << loadAverage()
          << Qt::endl;
    wait(6000); // the first readings (and the disk use of each) are behind us
    const qint64 pid = server.processId();
    const qint64 samplerBefore = cpuTicks(pid, "metrics sampler");
    const qint64 serverBefore = cpuTicks(pid);
    QElapsedTimer window;
    window.start();
    wait(30000);
    const double seconds = double(window.elapsed()) / 1000;
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    const double samplerPercent
        = 100.0 * double(cpuTicks(pid, "metrics sampler") - samplerBefore) / ticks / seconds;
    const double serverPercent = 100.0 * double(cpuTicks(pid) - serverBefore) / ticks / seconds;
    out() << "load after: " << loadAverage() << Qt::endl;
    // The /proc work of a process listing (and of a network.denied lookup, which makes the same
    // pass) with all of these running: the inits are the bwrap processes in a PID namespace of
    // their own.
    const quint64 ownNamespace = OrkestrLocal::ProcFs::pidNamespace(QCoreApplication::applicationPid());
    qint64 initPid = 0;
    const auto entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &entry : entries) {
        QFile comm(u"/proc/%1/comm"_s.arg(entry));
        const qint64 candidate = entry.toLongLong();
        if (candidate > 0 && comm.open(QIODevice::ReadOnly) && comm.readAll().trimmed() == "bwrap"
            && OrkestrLocal::ProcFs::pidNamespace(candidate) != ownNamespace) {
            initPid = candidate;
            break;
        }
    }
    QList<double> listing;
    OrkestrLocal::SamplerWorker worker;
    OrkestrLocal::SandboxTarget target;
    target.initPid = initPid;
    for (int i = 0; initPid > 0 && i < 50; ++i) {
        QElapsedTimer timer;
        timer.start();
        worker.processes(target);
        listing.append(double(timer.nsecsElapsed()) / 1e6);
    }
    server.stop();
    const QString label = u"%1 running sandboxes"_s.arg(count);
    return {{u"listing one sandbox's processes (its /proc entries), "_s + label + u", p50 (p95)"_s,
             ms(percentile(listing, 0.5)) + u" ("_s + ms(percentile(listing, 0.95)) + u")"_s, u""_s, u""_s},
            {u"sampler thread CPU, "_s + label, QString::number(samplerPercent, 'f', 2) + u" % of a core"_s,
             u"≤ 3 %"_s, verdict(samplerPercent <= 3)},
            {u"whole idle server CPU, "_s + label, QString::number(serverPercent, 'f', 2) + u" % of a core"_s,
             u""_s, u""_s}};
}

QList<Row> latestWithSimulatedSandboxes(int count)
{
    InProcessMonitor server;
    QString error;
    if (!server.start(&error))
        die(error);
    QStringList ids;
    for (int i = 0; i < count; ++i) {
        ids.append(u"sbx_"_s + OrkestrLocal::newUlid());
        server.addRunning(ids.constLast());
    }
    qint64 round = 0;
    // Readings as the sampler's thread delivers them (sample and its JSON made there); only
    // recording them is timed, which is what the event loop does.
    const auto readingsOfRound = [&] {
        ++round;
        QList<OrkestrLocal::SandboxReading> readings;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            OrkestrLocal::SandboxReading reading;
            reading.id = ids.at(i);
            reading.sample = {QDateTime::currentMSecsSinceEpoch(),
                              double((i + round) % 400) / 3,
                              123456789 + i * 4096,
                              int(i % 9) + 1,
                              52428800 + i,
                              0,
                              0};
            reading.json = reading.sample.toJsonBytes();
            readings.append(reading);
        }
        return readings;
    };
    const auto recordAll = [&](const QList<OrkestrLocal::SandboxReading> &readings) {
        for (const auto &reading : readings)
            server.sampler().record(reading);
    };
    QList<double> recording;
    for (int i = 0; i < 20; ++i) {
        const auto readings = readingsOfRound();
        QElapsedTimer timer;
        timer.start();
        recordAll(readings);
        recording.append(double(timer.nsecsElapsed()) / 1e6);
    }

    QNetworkAccessManager network;
    const QUrl url(u"http://127.0.0.1:%1/v1/metrics"_s.arg(server.port()));
    qsizetype bodyBytes = 0;
    const auto get = [&](const QByteArray &ifNoneMatch, int *status, QByteArray *etag) {
        QNetworkRequest request(url);
        request.setRawHeader("Authorization", "Bearer " + server.token().toUtf8());
        if (!ifNoneMatch.isEmpty())
            request.setRawHeader("If-None-Match", ifNoneMatch);
        QElapsedTimer timer;
        timer.start();
        std::unique_ptr<QNetworkReply> reply(network.get(request));
        QEventLoop loop;
        QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
        loop.exec();
        const double elapsed = double(timer.nsecsElapsed()) / 1e6;
        *status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        *etag = reply->rawHeader("ETag");
        const QByteArray body = reply->readAll();
        if (*status == 200)
            bodyBytes = body.size();
        return elapsed;
    };
    QList<double> fresh;
    QList<double> cached;
    QList<double> notModified;
    int status = 0;
    QByteArray etag;
    get({}, &status, &etag); // a first connection
    for (int i = 0; i < 30; ++i) {
        recordAll(readingsOfRound());
        fresh.append(get({}, &status, &etag));
        if (status != 200)
            die(u"GET /v1/metrics answered %1"_s.arg(status));
        cached.append(get({}, &status, &etag));
        notModified.append(get(etag, &status, &etag));
        if (status != 304)
            die(u"If-None-Match answered %1"_s.arg(status));
    }
    const QString label = u"%1 sandboxes"_s.arg(count);
    return {
        {u"GET /v1/metrics after a reading, "_s + label + u", p50 (p95)"_s,
         ms(percentile(fresh, 0.5)) + u" ("_s + ms(percentile(fresh, 0.95)) + u"), "_s
             + QString::number(double(bodyBytes) / 1024, 'f', 0) + u" KiB"_s,
         u"≤ 20 ms"_s, verdict(percentile(fresh, 0.95) <= 20)},
        {u"GET /v1/metrics again (cached answer), p50 (p95)"_s,
         ms(percentile(cached, 0.5)) + u" ("_s + ms(percentile(cached, 0.95)) + u")"_s, u"≤ 20 ms"_s,
         verdict(percentile(cached, 0.95) <= 20)},
        {u"GET /v1/metrics with If-None-Match (304), p50 (p95)"_s,
         ms(percentile(notModified, 0.5)) + u" ("_s + ms(percentile(notModified, 0.95)) + u")"_s, u""_s,
         u""_s},
        {u"recording one reading of each of "_s + label + u" on the event loop, p50 (max)"_s,
         ms(percentile(recording, 0.5)) + u" ("_s + ms(percentile(recording, 1.0)) + u")"_s, u""_s, u""_s},
    };
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int running = argc > 1 ? QByteArray(argv[1]).toInt() : 200;
    out() << "bench_metrics; load average " << loadAverage() << Qt::endl;
    QList<Row> rows = latestWithSimulatedSandboxes(1000);
    if (running > 0)
        rows += samplerWithRunningSandboxes(running);
    printTable(rows);
    return 0;
}
