#pragma once

// What every benchmark in bench/ needs: printing, percentiles, /proc readings, running a job to
// its end, starting orkestr-local, curl's header file, and a probe of the GUI thread's latency.

#include "core/client.h"
#include "core/job.h"
#include "core/localserverprocess.h"
#include "core/sandboxjobs.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QList>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <ctime>
#include <functional>

namespace Bench {

using namespace Qt::StringLiterals;

// GUI benchmarks draw offscreen unless the caller chose a platform; call it before the QApplication.
inline void preferOffscreen()
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
}

// A benchmark's command line: its description (where it has one) and --help.
class CommandLine : public QCommandLineParser
{
public:
    explicit CommandLine(const QString &description = {})
    {
        if (!description.isEmpty())
            setApplicationDescription(description);
        addHelpOption();
    }
};

#ifdef ORKESTR_LOCAL_PROGRAM
// --server: the orkestr-local to run, by default the one built with the benchmark.
inline QCommandLineOption localServerOption()
{
    return {u"server"_s, u"orkestr-local program."_s, u"path"_s, QStringLiteral(ORKESTR_LOCAL_PROGRAM)};
}
#endif

// CPU time of the calling thread so far (user and system), in ms: what a piece of work costs on
// its thread, apart from the machine's load.
inline double threadCpuMs()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

inline QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

[[noreturn]] inline void die(const QString &message)
{
    QTextStream(stderr) << QCoreApplication::applicationName() << ": " << message << Qt::endl;
    std::exit(1);
}

// Nearest rank; 0 for no values.
inline double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype rank
        = std::clamp<qsizetype>(qsizetype(std::ceil(p * double(values.size()))), 1, values.size());
    return values[rank - 1];
}

inline QString ms(double value)
{
    return QString::number(value, 'f', 1) + u" ms"_s;
}

inline QString mib(qint64 kb)
{
    return QString::number(double(kb) / 1024.0, 'f', 1) + u" MiB"_s;
}

// One line of a benchmark's table: what was measured, the figure, the target and met/MISSED.
struct Row
{
    QString figure;
    QString result;
    QString target;
    QString verdict;
};

inline void printTable(const QList<Row> &rows)
{
    out() << Qt::endl << "| figure | result | target | |" << Qt::endl << "|---|---|---|---|" << Qt::endl;
    for (const auto &row : rows)
        out() << "| " << row.figure << " | " << row.result << " | " << row.target << " | " << row.verdict
              << " |" << Qt::endl;
}

inline QString verdict(bool met)
{
    return met ? u"met"_s : u"MISSED"_s;
}

inline QByteArray loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    return file.open(QIODevice::ReadOnly) ? file.readAll().trimmed() : QByteArray();
}

// A field of /proc/<pid>/status in kB (VmRSS, VmHWM), or -1.
inline qint64 procStatusKb(qint64 pid, QByteArrayView field)
{
    QFile file(u"/proc/%1/status"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const auto lines = file.readAll().split('\n');
    for (const auto &line : lines) {
        if (line.startsWith(field) && line.size() > field.size() && line[field.size()] == ':')
            return line.mid(field.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// Resets the peak RSS (VmHWM) of a process to its current RSS; false when not permitted.
inline bool resetPeakRss(qint64 pid)
{
    QFile file(u"/proc/%1/clear_refs"_s.arg(pid));
    if (!file.open(QIODevice::WriteOnly))
        return false;
    return file.write("5") == 1;
}

// Runs the job to its end, calling `extract` with it while it is alive; returns its error.
template<class JobT>
Orkestr::ApiError runJob(Orkestr::Client &client, JobT *job, const std::function<void(JobT *)> &extract = {})
{
    QEventLoop loop;
    Orkestr::ApiError error;
    QObject::connect(job, &Orkestr::Job::finished, &loop, [&](Orkestr::Job *) {
        error = job->error();
        if (extract)
            extract(job);
        loop.quit();
    });
    client.run(job);
    loop.exec();
    return error;
}

// Creates a running sandbox (ubuntu-24.04) and returns its id; dies when that fails.
inline QString createSandbox(Orkestr::Client &client)
{
    Orkestr::CreateSandboxParams params;
    params.templateName = u"ubuntu-24.04"_s;
    QString id;
    const auto error = runJob<Orkestr::CreateSandboxJob>(client, new Orkestr::CreateSandboxJob(params),
                                                         [&](auto *job) { id = job->sandbox().id; });
    if (error.isError() || id.isEmpty())
        die(u"create failed: "_s + error.displayText());
    return id;
}

// Starts orkestr-local and waits until it answers; dies when it does not within `timeoutMs`.
inline void startServer(Orkestr::LocalServerProcess &server, int timeoutMs = 60000)
{
    QEventLoop loop;
    QString failure;
    QObject::connect(&server, &Orkestr::LocalServerProcess::ready, &loop, &QEventLoop::quit);
    QObject::connect(&server, &Orkestr::LocalServerProcess::failed, &loop, [&](const QString &message) {
        failure = message;
        loop.quit();
    });
    QTimer::singleShot(timeoutMs, &loop, [&] {
        failure = u"orkestr-local did not start within %1 s"_s.arg(timeoutMs / 1000);
        loop.quit();
    });
    server.start();
    loop.exec();
    if (!failure.isEmpty() || !server.isReady())
        die(failure);
}

// orkestr-local in a temporary data directory, on the team plan without a rate limit, started, and
// a client of it with its token. Dies when the server does not start.
struct BenchServer
{
    explicit BenchServer(const QString &program, const QStringList &moreArguments = {}, int timeoutMs = 60000)
    {
        if (!dataDir.isValid())
            die(u"cannot create a temporary data dir"_s);
        server.setProgram(program);
        server.setDataDir(dataDir.path());
        server.setExtraArguments(QStringList {u"--plan"_s, u"team"_s, u"--rate-limit"_s, u"1000000/s"_s}
                                 + moreArguments);
        startServer(server, timeoutMs);
        client.setBaseUrl(server.url());
        client.setToken(server.token());
    }

    QTemporaryDir dataDir;
    Orkestr::LocalServerProcess server;
    Orkestr::Client client;
};

// A BenchServer with one running sandbox (createSandbox) and a scratch directory for the
// benchmark's own files. Dies when any of them cannot be made.
struct BenchSandbox : BenchServer
{
    explicit BenchSandbox(const QString &program)
        : BenchServer(program)
        , sandbox(createSandbox(client))
    {
        if (!scratch.isValid())
            die(u"cannot create a temporary dir"_s);
    }

    QString sandbox;
    QTemporaryDir scratch;
};

// The token goes to curl in a header file (`-H @file`), never on its command line.
inline void writeCurlHeaders(const QString &path, const QString &token)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        die(u"cannot write "_s + path);
    file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    file.write("Authorization: Bearer " + token.toUtf8() + "\nContent-Type: application/json\n");
}

// Measures how long the event loop of this thread was kept from running: a precise timer fires
// every `intervalMs`, and each gap beyond the interval is a stall. stalls() lists one per tick.
class LatencyProbe
{
public:
    explicit LatencyProbe(int intervalMs = 5)
        : m_intervalMs(intervalMs)
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(intervalMs);
        QObject::connect(&m_timer, &QTimer::timeout, &m_timer, [this] {
            m_stalls.append(std::max(0.0, double(m_sinceTick.nsecsElapsed()) / 1e6 - m_intervalMs));
            m_sinceTick.restart();
        });
    }
    void start()
    {
        m_stalls.clear();
        m_sinceTick.start();
        m_timer.start();
    }
    // Stops, counting the time since the last tick as a stall too.
    void stop()
    {
        m_stalls.append(std::max(0.0, double(m_sinceTick.nsecsElapsed()) / 1e6 - m_intervalMs));
        m_timer.stop();
    }
    const QList<double> &stalls() const { return m_stalls; }
    double longest() const
    {
        return m_stalls.isEmpty() ? 0 : *std::max_element(m_stalls.begin(), m_stalls.end());
    }

private:
    int m_intervalMs;
    QTimer m_timer;
    QElapsedTimer m_sinceTick;
    QList<double> m_stalls;
};

} // namespace Bench
