// orkestr-local's processes and metrics over HTTP: the process list (pids as seen inside, the exec
// that started each one, also after its shell ended), signals (journaled, errors), the sampler's
// CPU, memory and gaps while paused, GET /v1/metrics with its ETag, the whole-sandbox memory
// limit, and network.denied with the exec that was refused.

#include "memoryholders.h"
#include "serverfixture.h"

#include <QDateTime>
#include <QUrlQuery>

using namespace Qt::StringLiterals;
using MemoryHolders::holdMemory;
using MemoryHolders::holdTwoInBackground;

namespace {
QList<QJsonObject> objects(const QJsonArray &array)
{
    QList<QJsonObject> list;
    for (const auto &value : array)
        list.append(value.toObject());
    return list;
}

constexpr qint64 MiB = 1024 * 1024;

} // namespace

class TestServerMonitor : public ServerTestCase
{
    Q_OBJECT

    QJsonObject processWithPid(const QString &sandbox, qint64 pid)
    {
        const auto result = m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(sandbox));
        for (const auto &process : objects(result.json.value(u"processes"_s).toArray()))
            if (process.value(u"pid"_s).toInteger() == pid)
                return process;
        return {};
    }
    QString latestExecId(const QString &sandbox)
    {
        const auto execs = m_client->get(u"/v1/sandboxes/%1/execs?limit=1"_s.arg(sandbox));
        return execs.json.value(u"execs"_s).toArray().first().toObject().value(u"exec_id"_s).toString();
    }
    QList<QJsonObject> events(const QString &sandbox, const QString &kind)
    {
        const auto result = m_client->get(u"/v1/sandboxes/%1/events?kind=%2"_s.arg(sandbox, kind));
        return objects(result.json.value(u"events"_s).toArray());
    }
    QList<QJsonObject> samples(const QString &sandbox, const QString &query = {})
    {
        const auto result = m_client->get(u"/v1/sandboxes/%1/metrics%2"_s.arg(sandbox, query));
        return objects(result.json.value(u"samples"_s).toArray());
    }
    // Starts a command in the background and returns its pid inside the sandbox.
    qint64 background(const QString &sandbox, const QString &command)
    {
        const auto result = m_client->exec(sandbox, command + u" > /dev/null 2>&1 & echo $!"_s);
        return result.json.value(u"stdout"_s).toString().trimmed().toLongLong();
    }
    // CPU ticks the process used so far, read inside the sandbox.
    qint64 cpuTicks(const QString &sandbox, qint64 pid)
    {
        const auto stat
            = m_client->exec(sandbox, u"cat /proc/%1/stat"_s.arg(pid)).json.value(u"stdout"_s).toString();
        const QStringList fields = stat.mid(stat.lastIndexOf(u')') + 2).split(u' ');
        return fields.value(11).toLongLong() + fields.value(12).toLongLong();
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(startServer({u"--plan"_s, u"team"_s})); }
    void cleanupTestCase() { stopServer(); }

    void backgroundProcessKeepsItsExec()
    {
        const qint64 pid = background(m_id, u"sleep 300"_s);
        QVERIFY(pid > 2);
        const QString execId = latestExecId(m_id);
        QVERIFY(execId.startsWith(u"exe_"_s));
        const auto result = m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(m_id));
        QCOMPARE(result.status, 200);
        const auto processes = objects(result.json.value(u"processes"_s).toArray());
        QJsonObject sleep;
        for (const auto &process : processes) {
            // The sandbox's init (PID 1) and its placeholder command are not listed.
            QVERIFY(process.value(u"pid"_s).toInteger() > 2);
            if (process.value(u"pid"_s).toInteger() == pid)
                sleep = process;
        }
        QVERIFY2(!sleep.isEmpty(), result.body.constData());
        // The shell prints the pid when it forks; the child shows as the shell until it execs sleep.
        QVERIFY(waitUntil([&] {
            sleep = processWithPid(m_id, pid);
            return sleep.value(u"command"_s).toString() == u"sleep 300"_s;
        }));
        // Its shell ended: it was re-parented to the init, and still belongs to its exec.
        QCOMPARE(sleep.value(u"ppid"_s).toInteger(), 1);
        QCOMPARE(sleep.value(u"exec_id"_s).toString(), execId);
        QCOMPARE(sleep.value(u"state"_s).toString(), u"S"_s);
        QVERIFY(sleep.value(u"memory_bytes"_s).toInteger() > 0);
        const QDateTime started
            = QDateTime::fromString(sleep.value(u"started_at"_s).toString(), Qt::ISODateWithMs);
        QVERIFY(qAbs(started.secsTo(QDateTime::currentDateTimeUtc())) < 30);
        m_sleepPid = pid;
    }

    void processOfARunningExecBelongsToIt()
    {
        std::unique_ptr<QNetworkReply> exec(
            m_client->start("POST", u"/v1/sandboxes/%1/exec"_s.arg(m_id),
                            QJsonObject {{u"command"_s, u"sleep 3; echo done"_s}}));
        QString execId;
        QVERIFY(waitUntil([&] {
            execId = latestExecId(m_id);
            const auto processes = objects(m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(m_id))
                                               .json.value(u"processes"_s)
                                               .toArray());
            return std::any_of(processes.cbegin(), processes.cend(), [&](const QJsonObject &process) {
                return process.value(u"command"_s).toString() == u"sleep 3"_s
                    && process.value(u"exec_id"_s).toString() == execId;
            });
        }));
        QVERIFY(waitUntil([&] { return exec->isFinished(); }, 10000));
    }

    void signalEndsAProcessAndIsJournaled()
    {
        QVERIFY(m_sleepPid > 0);
        const auto signalled = m_client->post(
            u"/v1/sandboxes/%1/processes/%2/signal"_s.arg(m_id).arg(m_sleepPid), {{u"signal"_s, 15}});
        QCOMPARE(signalled.status, 204);
        QVERIFY(waitUntil([&] { return processWithPid(m_id, m_sleepPid).isEmpty(); }));
        const auto journaled = events(m_id, u"process.signalled"_s);
        QVERIFY(!journaled.isEmpty());
        const auto data = journaled.first().value(u"data"_s).toObject();
        QCOMPARE(data.value(u"pid"_s).toInteger(), m_sleepPid);
        QCOMPARE(data.value(u"signal"_s).toInt(), 15);
        QCOMPARE(data.value(u"command"_s).toString(), u"sleep 300"_s);
        QCOMPARE(journaled.first().value(u"actor"_s).toObject().value(u"type"_s).toString(), u"token"_s);
    }

    void signalErrors()
    {
        const auto path = [this](qint64 pid) {
            return u"/v1/sandboxes/%1/processes/%2/signal"_s.arg(m_id).arg(pid);
        };
        const auto missing = m_client->post(path(99999), {{u"signal"_s, 9}});
        QCOMPARE(missing.status, 404);
        QCOMPARE(missing.errorType(), u"process_not_found"_s);
        QCOMPARE(missing.error().value(u"pid"_s).toInteger(), 99999);
        // The sandbox's own init cannot be signalled: it is not one of its processes.
        QCOMPARE(m_client->post(path(1), {{u"signal"_s, 9}}).errorType(), u"process_not_found"_s);
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1"_s.arg(m_id)).json.value(u"status"_s).toString(),
                 u"running"_s);
        const qint64 pid = background(m_id, u"sleep 60"_s);
        for (const auto &bad :
             {QJsonValue(0), QJsonValue(32), QJsonValue(u"9"_s), QJsonValue(1.5), QJsonValue()}) {
            const auto refused = m_client->post(path(pid), {{u"signal"_s, bad}});
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.errorType(), u"invalid_request"_s);
            QCOMPARE(refused.error().value(u"field"_s).toString(), u"signal"_s);
        }
        QVERIFY(!processWithPid(m_id, pid).isEmpty());
        QCOMPARE(m_client->post(path(pid), {{u"signal"_s, 9}}).status, 204);
    }

    void pausedHasFrozenProcessesAndAMetricsGap()
    {
        const QString id = m_client->create();
        QVERIFY(!id.isEmpty());
        const qint64 pid = background(id, u"sleep 300"_s);
        QVERIFY(waitUntil([&] { return samples(id).size() >= 2; }, 8000));
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        const qint64 pausedAt = QDateTime::currentMSecsSinceEpoch();
        const auto frozen = processWithPid(id, pid);
        QCOMPARE(frozen.value(u"state"_s).toString(), u"T"_s);
        // Not in the latest samples while paused.
        QTest::qWait(4500);
        QVERIFY(!m_client->get(u"/v1/metrics"_s).json.value(u"sandboxes"_s).toObject().contains(id));
        const qint64 resumedAt = QDateTime::currentMSecsSinceEpoch();
        QCOMPARE(m_client->post(u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 200);
        const auto atMs = [](const QJsonObject &sample) {
            return QDateTime::fromString(sample.value(u"at"_s).toString(), Qt::ISODateWithMs)
                .toMSecsSinceEpoch();
        };
        QVERIFY(waitUntil([&] { return atMs(samples(id).last()) > resumedAt; }, 8000));
        for (const auto &sample : samples(id)) {
            const qint64 at = atMs(sample);
            QVERIFY2(at < pausedAt || at > resumedAt, qPrintable(sample.value(u"at"_s).toString()));
        }
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        const auto ended = m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(id));
        QCOMPARE(ended.status, 409);
        QCOMPARE(ended.errorType(), u"sandbox_not_ready"_s);
        QCOMPARE(ended.error().value(u"status"_s).toString(), u"terminated"_s);
        QCOMPARE(
            m_client->post(u"/v1/sandboxes/%1/processes/%2/signal"_s.arg(id).arg(pid), {{u"signal"_s, 9}})
                .status,
            409);
        // Its history stays readable after the end.
        QVERIFY(waitUntil([&] { return samples(id).size() >= 2; }));
    }

    void busyLoopShowsCpu()
    {
        const qint64 pid = background(m_id, u"while :; do :; done"_s);
        QVERIFY(pid > 0);
        const qint64 ticksBefore = cpuTicks(m_id, pid);
        QElapsedTimer window;
        window.start();
        double best = 0;
        waitUntil(
            [&] {
                const auto latest = m_client->get(u"/v1/metrics"_s).json.value(u"sandboxes"_s).toObject();
                best = std::max(best, latest.value(m_id).toObject().value(u"cpu_percent"_s).toDouble());
                return best > 50;
            },
            6000);
        // The loop's own share of a core over the same time, for a machine other work keeps busy.
        const double share
            = 100.0 * double(cpuTicks(m_id, pid) - ticksBefore) / 100.0 / (double(window.elapsed()) / 1000);
        QVERIFY2(best > 50 || (share < 60 && best >= 0.6 * share),
                 qPrintable(u"sampled %1 %, the loop had %2 %"_s.arg(best).arg(share)));
        QCOMPARE(
            m_client->post(u"/v1/sandboxes/%1/processes/%2/signal"_s.arg(m_id).arg(pid), {{u"signal"_s, 9}})
                .status,
            204);
    }

    void allocationShowsInMemory()
    {
        const qint64 pid = background(m_id, holdMemory(200, 60));
        QVERIFY(pid > 0);
        QVERIFY(waitUntil(
            [&] {
                return m_client->get(u"/v1/metrics"_s)
                           .json.value(u"sandboxes"_s)
                           .toObject()
                           .value(m_id)
                           .toObject()
                           .value(u"memory_bytes"_s)
                           .toInteger()
                    >= 200 * MiB;
            },
            8000));
        QVERIFY(processWithPid(m_id, pid).value(u"memory_bytes"_s).toInteger() >= 200 * MiB);
        const auto history = samples(m_id);
        QVERIFY(history.last().value(u"processes"_s).toInt() >= 1);
        QCOMPARE(
            m_client->post(u"/v1/sandboxes/%1/processes/%2/signal"_s.arg(m_id).arg(pid), {{u"signal"_s, 9}})
                .status,
            204);
    }

    void metricsAnswers()
    {
        const auto result = m_client->get(u"/v1/sandboxes/%1/metrics"_s.arg(m_id));
        QCOMPARE(result.status, 200);
        QCOMPARE(result.json.value(u"interval_ms"_s).toInt(), 2000);
        QCOMPARE(result.json.value(u"limits"_s).toObject().value(u"memory_mb"_s).toInt(), 2048);
        QCOMPARE(result.json.value(u"limits"_s).toObject().value(u"cpu"_s).toDouble(), 1.0);
        const auto all = objects(result.json.value(u"samples"_s).toArray());
        QVERIFY(all.size() >= 5);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all.at(i - 1).value(u"at"_s).toString() < all.at(i).value(u"at"_s).toString());
        for (const auto &key : {u"cpu_percent"_s, u"memory_bytes"_s, u"processes"_s, u"disk_bytes"_s,
                                u"net_rx_bytes"_s, u"net_tx_bytes"_s})
            QVERIFY2(all.last().contains(key), qPrintable(key));
        QCOMPARE(all.last().value(u"net_rx_bytes"_s).toInteger(), 0); // network "off"
        // since: later samples only; not a timestamp is 400 naming the field.
        const QString middle = all.at(all.size() / 2).value(u"at"_s).toString();
        QUrlQuery since;
        since.addQueryItem(u"since"_s, QString::fromLatin1(QUrl::toPercentEncoding(middle)));
        const auto later = samples(m_id, u"?"_s + since.toString(QUrl::FullyEncoded));
        QVERIFY(!later.isEmpty() && later.size() < all.size() + 3);
        QCOMPARE(later.first().value(u"at"_s).toString(), middle);
        // The latest sample of GET /v1/metrics is the history's last one, field for field.
        bool same = false;
        for (int attempt = 0; attempt < 5 && !same; ++attempt) {
            const auto latest = m_client->get(u"/v1/metrics"_s)
                                    .json.value(u"sandboxes"_s)
                                    .toObject()
                                    .value(m_id)
                                    .toObject();
            const auto last = samples(m_id).last();
            if (last.value(u"at"_s) != latest.value(u"at"_s))
                continue; // a reading came in between
            QCOMPARE(latest, last);
            same = true;
        }
        QVERIFY(same);
        for (const auto &bad : {u"yesterday"_s, u"2026-11-21"_s, u"2026-11-21T20:32:00"_s}) {
            const auto refused = m_client->get(u"/v1/sandboxes/%1/metrics?since=%2"_s.arg(m_id, bad));
            QCOMPARE(refused.status, 400);
            QCOMPARE(refused.error().value(u"field"_s).toString(), u"since"_s);
        }
    }

    void diskUseShowsInMetrics()
    {
        QCOMPARE(m_client->exec(m_id, u"head -c 3000000 /dev/urandom > /workspace/blob"_s).status, 200);
        // Disk use is refreshed at most every 20 s.
        QVERIFY(waitUntil([&] { return samples(m_id).last().value(u"disk_bytes"_s).toInteger() >= 3000000; },
                          30000));
    }

    void latestMetricsHaveAnEtag()
    {
        bool notModified = false;
        for (int attempt = 0; attempt < 5 && !notModified; ++attempt) {
            const auto first = m_client->get(u"/v1/metrics"_s);
            QCOMPARE(first.status, 200);
            QVERIFY(first.json.value(u"sandboxes"_s).toObject().contains(m_id));
            const QByteArray etag = first.header("ETag");
            QVERIFY(!etag.isEmpty());
            const auto again = m_client->send("GET", u"/v1/metrics"_s, {}, {{"If-None-Match", etag}});
            if (again.status == 304) {
                QVERIFY(again.body.isEmpty());
                notModified = true;
            } else {
                // A reading came in between: the answer is new, and so is its tag.
                QCOMPARE(again.status, 200);
                QVERIFY(again.header("ETag") != etag);
            }
        }
        QVERIFY(notModified);
        // Readings change it.
        const QByteArray before = m_client->get(u"/v1/metrics"_s).header("ETag");
        QVERIFY(waitUntil([&] { return m_client->get(u"/v1/metrics"_s).header("ETag") != before; }, 6000));
    }

    void networkDeniedNamesTheExec()
    {
        const QString id
            = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"network"_s, u"restricted"_s}});
        QVERIFY(!id.isEmpty());
        QElapsedTimer sinceFirst;
        sinceFirst.start();
        const auto refused = m_client->exec(
            id,
            u"python3 -c \"import urllib.request; urllib.request.urlopen('http://blocked.invalid:81/')\" || true"_s);
        QCOMPARE(refused.errorType(), u"network_policy"_s);
        const QString execId = latestExecId(id);
        const auto denied = events(id, u"network.denied"_s);
        QCOMPARE(denied.size(), 1);
        const auto data = denied.first().value(u"data"_s).toObject();
        QCOMPARE(data.value(u"host"_s).toString(), u"blocked.invalid"_s);
        QCOMPARE(data.value(u"port"_s).toInt(), 81);
        QCOMPARE(data.value(u"exec_id"_s).toString(), execId);
        QCOMPARE(denied.first().value(u"actor"_s).toObject().value(u"type"_s).toString(), u"token"_s);
        // An agent retrying in a loop: repeats of a host:port within 10 s are counted, not each
        // journaled (at most one per 10 s since the first; 31 without the limit).
        m_client->exec(id,
                       u"python3 -c \"import urllib.request\nfor i in range(30):\n try: "
                       "urllib.request.urlopen('http://blocked.invalid:81/')\n except Exception: pass\""_s);
        const auto after = events(id, u"network.denied"_s);
        QVERIFY2(after.size() <= 1 + sinceFirst.elapsed() / 10000, qPrintable(QString::number(after.size())));
        if (after.size() > 1) // newest first: a later one counts what was left out
            QVERIFY(after.first().value(u"data"_s).toObject().value(u"suppressed"_s).toInt() > 0);
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
    }

    void memoryLimitAppliesToTheWholeSandbox()
    {
        const qint64 bystander = background(m_id, u"sleep 300"_s);
        const QString id = m_client->create({{u"template"_s, u"python-3.12"_s}, {u"memory_mb"_s, 256}});
        QVERIFY(!id.isEmpty());
        // Three processes, each under the limit (RLIMIT_DATA would stop one alone), together over it.
        QCOMPARE(m_client->exec(id, holdTwoInBackground(100, 60)).status, 200);
        QElapsedTimer timer;
        timer.start();
        const auto killed = m_client->exec(id, holdMemory(150, 60), 90);
        QCOMPARE(killed.status, 422);
        QCOMPARE(killed.errorType(), u"exec_killed"_s);
        QCOMPARE(killed.error().value(u"reason"_s).toString(), u"memory_limit"_s);
        QCOMPARE(killed.error().value(u"signal"_s).toInt(), 9);
        QVERIFY(timer.elapsed() < 30000);
        const QString execId = latestExecId(id);
        const auto finished = events(id, u"exec.finished"_s);
        QCOMPARE(finished.first().value(u"data"_s).toObject().value(u"exec_id"_s).toString(), execId);
        QCOMPARE(finished.first().value(u"data"_s).toObject().value(u"status"_s).toString(), u"killed"_s);
        QCOMPARE(finished.first().value(u"data"_s).toObject().value(u"reason"_s).toString(),
                 u"memory_limit"_s);
        const auto kills = events(id, u"process.signalled"_s);
        QVERIFY(!kills.isEmpty());
        for (const auto &kill : kills) {
            QCOMPARE(kill.value(u"actor"_s).toObject().value(u"reason"_s).toString(), u"memory_limit"_s);
            QCOMPARE(kill.value(u"data"_s).toObject().value(u"signal"_s).toInt(), 9);
            QVERIFY(kill.value(u"data"_s).toObject().value(u"command"_s).toString().startsWith(u"python3"_s));
        }
        // What is left fits; the sandbox, the server and the other sandbox go on.
        qint64 total = 0;
        for (const auto &process : objects(
                 m_client->get(u"/v1/sandboxes/%1/processes"_s.arg(id)).json.value(u"processes"_s).toArray()))
            total += process.value(u"memory_bytes"_s).toInteger();
        QVERIFY2(total <= 256 * MiB, qPrintable(QString::number(total)));
        QCOMPARE(m_client->get(u"/v1/sandboxes/%1"_s.arg(id)).json.value(u"status"_s).toString(),
                 u"running"_s);
        QCOMPARE(m_client->exec(id, u"echo alive"_s).json.value(u"stdout"_s).toString(), u"alive\n"_s);
        QVERIFY(!processWithPid(m_id, bystander).isEmpty());
        QVERIFY(events(m_id, u"process.signalled"_s).size() >= 1);
        for (const auto &kill : events(m_id, u"process.signalled"_s))
            QCOMPARE(kill.value(u"actor"_s).toObject().value(u"type"_s).toString(), u"token"_s);
        QCOMPARE(m_client->del(u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
    }

private:
    qint64 m_sleepPid = 0;
};

QTEST_GUILESS_MAIN(TestServerMonitor)
#include "tst_server_monitor.moc"
