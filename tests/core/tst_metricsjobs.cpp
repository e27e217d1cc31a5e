// The metrics and process jobs (core/metricsjobs.h, core/processjobs.h) against a real
// orkestr-local over loopback: a busy loop's CPU and an allocation's memory in both the history and
// the latest samples, the ETag of GET /v1/metrics, the process list with each process's exec, and
// signals with the errors a client must tell apart.

#include "activitytesting.h"
#include "core/activityjobs.h"
#include "core/client.h"
#include "core/metricsjobs.h"
#include "core/processjobs.h"
#include "core/sandboxjobs.h"
#include "jobtesting.h"
#include "metricstesting.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QProcess>
#include <QTest>

using namespace Orkestr;
using namespace ActivityTesting;
using namespace MetricsTesting;
using namespace Qt::StringLiterals;

class TestMetricsJobs : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    Client m_client;
    QString m_sandbox;

    std::optional<ProcessInfo> process(qint64 pid)
    {
        auto *job = m_client.call<ListProcessesJob>(m_sandbox);
        if (!runToEnd(job, 20000))
            return std::nullopt;
        for (const auto &process : job->processes())
            if (process.pid == pid)
                return process;
        return std::nullopt;
    }
    std::optional<MetricsSample> latestOf(const QString &sandbox)
    {
        auto *job = m_client.call<ListLatestMetricsJob>();
        if (!runToEnd(job, 20000) || !job->latest().sandboxes.contains(sandbox))
            return std::nullopt;
        return job->latest().sandboxes.value(sandbox);
    }
    QList<MetricsSample> history(const QDateTime &since = {})
    {
        auto *job = m_client.call<GetSandboxMetricsJob>(m_sandbox, since);
        return runToEnd(job, 20000) ? job->samples() : QList<MetricsSample>();
    }
    bool kill(qint64 pid) { return runToEnd(m_client.call<SignalProcessJob>(m_sandbox, pid, 9), 20000); }
    static ApiError failure(Job *job)
    {
        if (runToEnd(job, 20000))
            qWarning() << "unexpected success";
        return job->error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        pointAt(&m_client, m_server.url(), m_server.token());
        CreateSandboxParams params;
        params.templateName = u"python-3.12"_s;
        auto *create = m_client.call<CreateSandboxJob>(params);
        QVERIFY(runToEnd(create, 30000));
        m_sandbox = create->sandbox().id;
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            runToEnd(m_client.call<TerminateSandboxJob>(m_sandbox));
    }

    void historyHasLimitsAndOrderedSamples()
    {
        QTRY_VERIFY_WITH_TIMEOUT(history().size() >= 3, 10000);
        auto *job = m_client.call<GetSandboxMetricsJob>(m_sandbox);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->intervalMs(), 2000);
        QCOMPARE(job->limits().cpu, 1.0);
        QCOMPARE(job->limits().memoryMb, 2048);
        QCOMPARE(job->limits().memoryBytes(), 2048 * MiB);
        const auto samples = job->samples();
        for (qsizetype i = 1; i < samples.size(); ++i)
            QVERIFY(samples[i - 1].at < samples[i].at);
        QVERIFY(samples.last().at.isValid());
        QCOMPARE(samples.last().at.timeSpec(), Qt::UTC);
        QVERIFY(samples.last().at.secsTo(QDateTime::currentDateTimeUtc()) < 10);
        QCOMPARE(samples.last().netRxBytes, 0); // network off

        // since: the samples at or after it.
        const QDateTime middle = samples.at(samples.size() / 2).at;
        const auto later = history(middle);
        QVERIFY(!later.isEmpty());
        QCOMPARE(later.first().at, middle);
        QVERIFY(later.size() < samples.size() + 3);
    }

    void busyLoopShowsCpu()
    {
        const qint64 pid = startBackground(&m_client, m_sandbox, u"while :; do :; done"_s);
        QVERIFY(pid > 0);
        const qint64 ticksBefore = cpuTicks(&m_client, m_sandbox, pid);
        QElapsedTimer window;
        window.start();
        const QDateTime started = QDateTime::currentDateTimeUtc();
        double latestBest = 0;
        double historyBest = 0;
        while (window.elapsed() < 6000 && (latestBest <= 50 || historyBest <= 50)) {
            if (const auto latest = latestOf(m_sandbox))
                latestBest = std::max(latestBest, latest->cpuPercent);
            for (const auto &sample : history(started))
                historyBest = std::max(historyBest, sample.cpuPercent);
            QTest::qWait(250);
        }
        const double share
            = double(cpuTicks(&m_client, m_sandbox, pid) - ticksBefore) / (double(window.elapsed()) / 1000);
        QVERIFY2(showsBusyLoop(latestBest, share),
                 qPrintable(u"latest %1 %, the loop had %2 %"_s.arg(latestBest).arg(share)));
        QVERIFY2(showsBusyLoop(historyBest, share),
                 qPrintable(u"history %1 %, the loop had %2 %"_s.arg(historyBest).arg(share)));
        // The process list shows it busy too, in state R.
        const auto loop = process(pid);
        QVERIFY(loop.has_value());
        QVERIFY2(loop->cpuPercent > 0, qPrintable(QString::number(loop->cpuPercent)));
        QVERIFY(kill(pid));
    }

    void allocationShowsInMemory()
    {
        const qint64 pid = startBackground(&m_client, m_sandbox, holdMemory(200, 60));
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(latestOf(m_sandbox).value_or(MetricsSample()).memoryBytes >= 200 * MiB,
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!history().isEmpty() && history().last().memoryBytes >= 200 * MiB, 6000);
        QVERIFY(history().last().processes >= 1);
        const auto holder = process(pid);
        QVERIFY(holder.has_value());
        QVERIFY(holder->memoryBytes >= 200 * MiB);
        QVERIFY(kill(pid));
        QTRY_VERIFY_WITH_TIMEOUT(latestOf(m_sandbox).value_or(MetricsSample()).memoryBytes < 100 * MiB, 8000);
    }

    void etagGivesNotModified()
    {
        bool notModified = false;
        for (int attempt = 0; attempt < 5 && !notModified; ++attempt) {
            auto *first = m_client.call<ListLatestMetricsJob>();
            QVERIFY(runToEnd(first));
            QVERIFY(!first->notModified());
            QVERIFY(first->latest().sandboxes.contains(m_sandbox));
            const QByteArray etag = first->etag();
            QVERIFY(!etag.isEmpty());
            auto *again = m_client.call<ListLatestMetricsJob>(etag);
            QVERIFY(runToEnd(again));
            QCOMPARE(again->httpStatus(), again->notModified() ? 304 : 200);
            if (again->notModified()) {
                // A success without samples, and the same tag for the next poll.
                QVERIFY(again->latest().sandboxes.isEmpty());
                QCOMPARE(again->etag(), etag);
                notModified = true;
            } else {
                QVERIFY(again->etag() != etag); // a reading came in between
            }
        }
        QVERIFY(notModified);
    }

    void processesShowTheirExec()
    {
        const qint64 pid = startBackground(&m_client, m_sandbox, u"sleep 300"_s);
        QVERIFY(pid > 0);
        auto *execs = m_client.call<ListExecsJob>(m_sandbox, ListExecsParams {{}, 1, {}});
        QVERIFY(runToEnd(execs));
        const QString execId = execs->execs().value(0).execId;
        QVERIFY(execId.startsWith(u"exe_"_s));

        // The shell prints the pid when it forks; the child shows as the shell until it execs sleep.
        const auto commandOf = [this](qint64 id) {
            const auto found = process(id);
            return found ? found->command : QString();
        };
        QTRY_COMPARE_WITH_TIMEOUT(commandOf(pid), u"sleep 300"_s, 10000);
        const auto sleeper = process(pid);
        QVERIFY(sleeper.has_value());
        QCOMPARE(sleeper->execId, execId);
        QVERIFY(sleeper->hasExec());
        QCOMPARE(sleeper->state, u"S"_s);
        QVERIFY(sleeper->memoryBytes > 0);
        QVERIFY(sleeper->startedAt.isValid());
        QVERIFY(qAbs(sleeper->startedAt.secsTo(QDateTime::currentDateTimeUtc())) < 30);

        // A signal ends it: it is gone from the next list.
        auto *signal = m_client.call<SignalProcessJob>(m_sandbox, pid, 15);
        QVERIFY(runToEnd(signal));
        QCOMPARE(signal->httpStatus(), 204);
        QTRY_VERIFY_WITH_TIMEOUT(!process(pid).has_value(), 5000);
        // ...and it is journaled.
        ListEventsParams params;
        params.kinds = {u"process.signalled"_s};
        auto *events = m_client.call<ListEventsJob>(m_sandbox, params);
        QVERIFY(runToEnd(events));
        QVERIFY(!events->events().isEmpty());
        QCOMPARE(events->events().first().data.value(u"pid"_s).toInteger(), pid);
        QCOMPARE(events->events().first().signal(), 15);
    }

    void signalErrors()
    {
        // No such process: process_not_found, an OrkestrError with the pid; not "unsupported".
        const ApiError missing = failure(m_client.call<SignalProcessJob>(m_sandbox, 99999, 9));
        QCOMPARE(missing.type(), u"process_not_found"_s);
        QCOMPARE(missing.kind(), ApiError::Kind::Orkestr);
        QCOMPARE(missing.httpStatus(), 404);
        QCOMPARE(missing.pid(), 99999);
        QVERIFY(!missing.isUnsupportedEndpoint());
        QVERIFY(missing.requestId().startsWith(u"req_"_s));

        // Out of range: refused before anything is sent (the log shows no answer, no request id).
        int sent = 0;
        connect(&m_client, &Client::requestLogged, this, [&](const RequestLogEntry &entry) {
            sent += entry.httpStatus != 0 || !entry.requestId.isEmpty();
        });
        const ApiError badSignal = failure(m_client.call<SignalProcessJob>(m_sandbox, 5, 32));
        QCOMPARE(badSignal.type(), u"invalid_request"_s);
        QCOMPARE(badSignal.field(), u"signal"_s);
        const ApiError badPid = failure(m_client.call<SignalProcessJob>(m_sandbox, 0, 9));
        QCOMPARE(badPid.field(), u"pid"_s);
        QCOMPARE(sent, 0);
        disconnect(&m_client, &Client::requestLogged, this, nullptr);

        // An unknown sandbox is sandbox_not_found, also for the lists.
        const QString unknown = u"sbx_00000000000000000000000000"_s;
        QCOMPARE(failure(m_client.call<SignalProcessJob>(unknown, 5, 9)).kind(),
                 ApiError::Kind::SandboxNotFound);
        QCOMPARE(failure(m_client.call<ListProcessesJob>(unknown)).kind(), ApiError::Kind::SandboxNotFound);
        QCOMPARE(failure(m_client.call<GetSandboxMetricsJob>(unknown)).kind(),
                 ApiError::Kind::SandboxNotFound);
    }

    void readOnlyTokenIsForbiddenToSignal()
    {
        const qint64 pid = startBackground(&m_client, m_sandbox, u"sleep 300"_s);
        QVERIFY(pid > 0);
        QProcess tool;
        tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                   {u"token"_s, u"create"_s, u"--read-only"_s, u"--name"_s, u"viewer"_s, u"--data-dir"_s,
                    m_server.dataDir.path()});
        QVERIFY(tool.waitForFinished(20000));
        QCOMPARE(tool.exitCode(), 0);
        Client reader;
        pointAt(&reader, m_server.url(), QString::fromUtf8(tool.readAllStandardOutput()).trimmed());

        // Reading is allowed...
        auto *list = reader.call<ListProcessesJob>(m_sandbox);
        QVERIFY(runToEnd(list));
        QVERIFY(!list->processes().isEmpty());
        QVERIFY(runToEnd(reader.call<ListLatestMetricsJob>()));
        // ...a signal is not, and the process lives on.
        auto *signal = reader.call<SignalProcessJob>(m_sandbox, pid, 9);
        const ApiError refused = failure(signal);
        QCOMPARE(refused.kind(), ApiError::Kind::Auth);
        QCOMPARE(refused.type(), u"forbidden"_s);
        QCOMPARE(refused.requiredScope(), u"sandboxes:write"_s);
        QVERIFY(process(pid).has_value());
        QVERIFY(kill(pid));
    }

    void notReadyAndUnsupported()
    {
        // A terminated sandbox has no processes (409), but its metrics stay readable.
        const QString ended = createSandbox(&m_client);
        QVERIFY(!ended.isEmpty());
        QVERIFY(runToEnd(m_client.call<TerminateSandboxJob>(ended), 20000));
        const ApiError notReady = failure(m_client.call<ListProcessesJob>(ended));
        QCOMPARE(notReady.kind(), ApiError::Kind::SandboxNotReady);
        QCOMPARE(notReady.sandboxStatus(), u"terminated"_s);
        QVERIFY(runToEnd(m_client.call<GetSandboxMetricsJob>(ended)));

        // A server without the extension: every 404 about the endpoint reads as "not supported".
        // orkestr-local answers a path it does not have so; a base URL one level off stands in for
        // an older server (its /v1/... paths are unknown).
        Client older;
        QUrl base = m_server.url();
        base.setPath(u"/older"_s);
        pointAt(&older, base, m_server.token());
        QVERIFY(failure(older.call<ListLatestMetricsJob>()).isUnsupportedEndpoint());
        QVERIFY(failure(older.call<GetSandboxMetricsJob>(m_sandbox)).isUnsupportedEndpoint());
        QVERIFY(failure(older.call<ListProcessesJob>(m_sandbox)).isUnsupportedEndpoint());
        QVERIFY(failure(older.call<SignalProcessJob>(m_sandbox, 5, 9)).isUnsupportedEndpoint());
    }
};

QTEST_MAIN(TestMetricsJobs)
#include "tst_metricsjobs.moc"
