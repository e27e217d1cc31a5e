// The session's MetricsPoller against a real orkestr-local: it polls GET /v1/metrics only while a
// view demands it (counted on the client's request log), keeps its data across 304s, fills a busy
// sandbox's ring, drops sandboxes that stop running, backs off while the server is away, and says
// Unsupported (and stops) on a server without metrics. MetricsDelta, the comparison of two answers
// it runs on a worker, on its own.

#include "../core/metricstesting.h"
#include "core/client.h"
#include "core/processjobs.h"
#include "session/metricspoller.h"
#include "session/session.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using namespace MetricsTesting;
using OrkestrSession::MetricsDelta;
using OrkestrSession::MetricsPoller;
using OrkestrSession::MetricsRing;

namespace {
// Counts the answered requests to GET /v1/metrics, and the 304s among them.
struct MetricsRequests
{
    int answered = 0;
    int notModified = 0;
    QMetaObject::Connection connection;

    explicit MetricsRequests(Orkestr::Client *client)
    {
        connection = QObject::connect(client, &Orkestr::Client::requestLogged,
                                      [this](const Orkestr::RequestLogEntry &entry) {
                                          if (entry.path != u"/v1/metrics"_s || entry.httpStatus == 0)
                                              return;
                                          ++answered;
                                          notModified += entry.httpStatus == 304;
                                      });
    }
    ~MetricsRequests() { QObject::disconnect(connection); }
};
} // namespace

class TestMetricsPoller : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_sandbox = SessionTest::create(&m_client, u"fsn1"_s, u"python-3.12"_s);
        QVERIFY(!m_sandbox.isEmpty());
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(m_sandbox));
    }

    void ringKeepsItsWindow()
    {
        MetricsRing ring;
        QVERIFY(ring.isEmpty());
        // 2 s apart for an hour, in a 5-minute window: 151 points at the most, oldest first.
        for (qint64 i = 0; i < 1800; ++i) {
            QVERIFY(ring.append({i * 2000, double(i % 100), i * 1024}, 300000));
            QVERIFY(ring.size() <= 151);
            QCOMPARE(ring.last().atMs, i * 2000);
            QVERIFY(ring.at(0).atMs >= i * 2000 - 300000);
        }
        QCOMPARE(ring.size(), 151);
        const auto points = ring.points();
        QCOMPARE(points.size(), 151);
        for (qsizetype i = 0; i < points.size(); ++i)
            QCOMPARE(points[i].atMs, (1800 - 151 + i) * 2000);
        QCOMPARE(ring.maxCpuPercent(), 99.0);
        QCOMPARE(ring.maxMemoryBytes(), 1799 * 1024);
        // Not newer than the last: ignored.
        QVERIFY(!ring.append({1799 * 2000, 500, 0}, 300000));
        QVERIFY(!ring.append({0, 500, 0}, 300000));
        QCOMPARE(ring.size(), 151);
        QCOMPARE(ring.maxCpuPercent(), 99.0);
        // A long pause leaves only the newest point in the window.
        QVERIFY(ring.append({10'000'000, 1, 1}, 300000));
        QCOMPARE(ring.size(), 1);
        QCOMPARE(ring.at(0).atMs, 10'000'000);
    }

    void deltaHoldsOnlyTheChanges()
    {
        const auto sample = [](qint64 second, double cpu) {
            Orkestr::MetricsSample made;
            made.at = QDateTime::fromSecsSinceEpoch(second, QTimeZone::UTC);
            made.cpuPercent = cpu;
            made.memoryBytes = 1 << 20;
            return made;
        };
        Orkestr::LatestMetrics before;
        before.sandboxes = {{u"sbx_same"_s, sample(10, 5)},
                            {u"sbx_busier"_s, sample(10, 5)},
                            {u"sbx_later"_s, sample(10, 5)},
                            {u"sbx_gone"_s, sample(10, 5)}};
        Orkestr::LatestMetrics after;
        after.sandboxes = {{u"sbx_same"_s, sample(10, 5)},
                           {u"sbx_busier"_s, sample(10, 90)},
                           {u"sbx_later"_s, sample(12, 5)},
                           {u"sbx_new"_s, sample(12, 1)}};
        const MetricsDelta delta = MetricsDelta::between(before, after);
        QCOMPARE(delta.dropped, QStringList {u"sbx_gone"_s});
        QHash<QString, Orkestr::MetricsSample> changed;
        for (const auto &change : delta.changed)
            changed.insert(change.sandboxId, change.sample);
        QCOMPARE(int(delta.changed.size()), 3);
        QCOMPARE(changed.value(u"sbx_busier"_s), sample(10, 90));
        QCOMPARE(changed.value(u"sbx_later"_s), sample(12, 5));
        QCOMPARE(changed.value(u"sbx_new"_s), sample(12, 1));
        QVERIFY(!changed.contains(u"sbx_same"_s));

        // The first answer is all new; the same answer twice changes nothing; none drops all.
        const MetricsDelta first = MetricsDelta::between({}, after);
        QCOMPARE(int(first.changed.size()), 4);
        QVERIFY(first.dropped.isEmpty());
        QVERIFY(MetricsDelta::between(after, after).isEmpty());
        QStringList dropped = MetricsDelta::between(after, {}).dropped;
        dropped.sort();
        QCOMPARE(dropped, (QStringList {u"sbx_busier"_s, u"sbx_later"_s, u"sbx_new"_s, u"sbx_same"_s}));
    }

    void demandStartsAndReleaseStops()
    {
        OrkestrSession::Session session(&m_client);
        MetricsPoller *poller = session.metrics();
        QVERIFY(poller);
        MetricsRequests requests(&m_client);
        // Nobody demands: nothing is asked.
        QTest::qWait(2500);
        QCOMPARE(requests.answered, 0);
        QCOMPARE(poller->state(), MetricsPoller::State::Idle);

        QSignalSpy changed(poller, &MetricsPoller::sandboxesChanged);
        auto lease = poller->demand();
        QVERIFY(lease.isHeld());
        QCOMPARE(poller->demandCount(), 1);
        // The first poll goes out at once.
        QTRY_VERIFY_WITH_TIMEOUT(poller->contains(m_sandbox), 3000);
        QCOMPARE(poller->state(), MetricsPoller::State::Fresh);
        QVERIFY(changed.size() >= 1);
        QVERIFY(changed.first().first().toStringList().contains(m_sandbox));
        // Every 2 s while demanded.
        QTest::qWait(4500);
        QVERIFY2(requests.answered >= 3 && requests.answered <= 4,
                 qPrintable(QString::number(requests.answered)));

        // A second demand adds no polls; releasing one of two keeps polling.
        auto second = poller->demand();
        QCOMPARE(poller->demandCount(), 2);
        lease.release();
        QVERIFY(!lease.isHeld());
        lease.release(); // harmless
        QCOMPARE(poller->demandCount(), 1);
        const int before = requests.answered;
        QTest::qWait(2500);
        QVERIFY(requests.answered > before);

        // A moved demand is still one demand; releasing the last stops polling.
        MetricsPoller::Demand moved = std::move(second);
        QVERIFY(!second.isHeld());
        QCOMPARE(poller->demandCount(), 1);
        moved = {};
        QCOMPARE(poller->demandCount(), 0);
        QCOMPARE(poller->state(), MetricsPoller::State::Idle);
        const int stopped = requests.answered;
        QTest::qWait(4500);
        QCOMPARE(requests.answered, stopped);
        // The data stays for a view that comes back.
        QVERIFY(poller->contains(m_sandbox));

        // Coming back after the interval polls at once...
        QSignalSpy polled(poller, &MetricsPoller::polled);
        auto again = poller->demand();
        QVERIFY(polled.wait(3000));
        QCOMPARE(requests.answered, stopped + 1);
        // ...coming back within it waits for the rest of it instead.
        again.release();
        const int answered = requests.answered;
        again = poller->demand();
        QTest::qWait(500);
        QCOMPARE(requests.answered, answered);
        QVERIFY(polled.wait(3000));
        QCOMPARE(requests.answered, answered + 1);
    }

    void notModifiedKeepsData()
    {
        MetricsPoller poller(&m_client);
        // Faster than the server's readings, so that most polls find nothing new.
        poller.setInterval(300ms);
        MetricsRequests requests(&m_client);
        QSignalSpy polled(&poller, &MetricsPoller::polled);
        QSignalSpy changed(&poller, &MetricsPoller::sandboxesChanged);
        auto lease = poller.demand();
        QTRY_VERIFY_WITH_TIMEOUT(poller.contains(m_sandbox), 3000);
        int changes = int(changed.size());
        int notModified = 0;
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 8000 && notModified < 3) {
            const auto sample = poller.latest(m_sandbox);
            const int seen = requests.notModified;
            QVERIFY(polled.wait(3000));
            if (requests.notModified > seen) {
                // A 304: the same sample, still there, and no change announced.
                ++notModified;
                QCOMPARE(poller.latest(m_sandbox), sample);
                QCOMPARE(int(changed.size()), changes);
                QCOMPARE(poller.state(), MetricsPoller::State::Fresh);
            }
            changes = int(changed.size());
        }
        QVERIFY2(notModified >= 3, qPrintable(QString::number(notModified)));
        QVERIFY(requests.answered > requests.notModified); // and new readings came in between
    }

    void busySandboxFillsItsRing()
    {
        MetricsPoller poller(&m_client);
        auto lease = poller.demand();
        const qint64 pid = startBackground(&m_client, m_sandbox, u"while :; do :; done"_s);
        QVERIFY(pid > 0);
        const qint64 ticksBefore = cpuTicks(&m_client, m_sandbox, pid);
        QElapsedTimer window;
        window.start();
        const auto busy = [&] {
            return poller.ring(m_sandbox) && poller.ring(m_sandbox)->size() >= 3
                && poller.ring(m_sandbox)->maxCpuPercent() > 50;
        };
        while (window.elapsed() < 8000 && !busy())
            QTest::qWait(100);
        QVERIFY(poller.ring(m_sandbox) && poller.ring(m_sandbox)->size() >= 3);
        const double share
            = double(cpuTicks(&m_client, m_sandbox, pid) - ticksBefore) / (double(window.elapsed()) / 1000);
        const MetricsRing *ring = poller.ring(m_sandbox);
        QVERIFY2(showsBusyLoop(ring->maxCpuPercent(), share),
                 qPrintable(u"ring %1 %, the loop had %2 %"_s.arg(ring->maxCpuPercent()).arg(share)));
        // Oldest first, one point per reading, the newest the latest sample.
        const auto points = poller.recent(m_sandbox);
        for (qsizetype i = 1; i < points.size(); ++i)
            QVERIFY(points[i - 1].atMs < points[i].atMs);
        QCOMPARE(points.last().atMs, poller.latest(m_sandbox)->at.toMSecsSinceEpoch());
        QCOMPARE(points.last().cpuPercent, poller.latest(m_sandbox)->cpuPercent);
        QVERIFY(points.last().memoryBytes > 0);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::SignalProcessJob>(m_sandbox, pid, 9)));

        // The window bounds the ring.
        poller.setWindow(3s);
        const int size = int(poller.ring(m_sandbox)->size());
        QTRY_VERIFY_WITH_TIMEOUT(poller.ring(m_sandbox)->size() < size || size <= 2, 6000);
        const auto bounded = poller.recent(m_sandbox);
        QVERIFY(bounded.last().atMs - bounded.first().atMs <= 3000);
    }

    void sandboxesThatStopRunningAreDropped()
    {
        const QString other = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!other.isEmpty());
        MetricsPoller poller(&m_client);
        QSignalSpy changed(&poller, &MetricsPoller::sandboxesChanged);
        // samplesApplied carries the samples themselves, as the poller then holds them.
        QStringList appliedDrops;
        int appliedSamples = 0;
        connect(&poller, &MetricsPoller::samplesApplied, this,
                [&](const QList<MetricsDelta::Change> &samples, const QStringList &dropped) {
                    for (const auto &change : samples) {
                        QCOMPARE(poller.latest(change.sandboxId), change.sample);
                        ++appliedSamples;
                    }
                    appliedDrops += dropped;
                });
        auto lease = poller.demand();
        QTRY_VERIFY_WITH_TIMEOUT(poller.contains(other) && poller.contains(m_sandbox), 6000);
        QVERIFY(appliedSamples >= 2);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(other)));
        changed.clear();
        QTRY_VERIFY_WITH_TIMEOUT(!poller.contains(other), 6000);
        QVERIFY(!poller.latest(other).has_value());
        QVERIFY(poller.recent(other).isEmpty());
        QVERIFY(poller.ring(other) == nullptr);
        bool announced = false;
        for (const auto &signal : changed)
            announced = announced || signal.first().toStringList().contains(other);
        QVERIFY(announced);
        QCOMPARE(appliedDrops, QStringList {other});
        QVERIFY(poller.contains(m_sandbox));
    }

    void unsupportedStops()
    {
        // A base URL one level off stands in for an older server: its /v1/metrics is unknown.
        Orkestr::Client older;
        QUrl base = m_server.url();
        base.setPath(u"/older"_s);
        older.setBaseUrl(base);
        older.setToken(m_server.token());
        MetricsPoller poller(&older);
        MetricsRequests requests(&older);
        auto lease = poller.demand();
        QTRY_COMPARE_WITH_TIMEOUT(poller.state(), MetricsPoller::State::Unsupported, 5000);
        QVERIFY(poller.lastError().isUnsupportedEndpoint());
        QTest::qWait(2500);
        QCOMPARE(requests.answered, 1);
        poller.refreshNow();
        auto another = poller.demand();
        QTest::qWait(300);
        QCOMPARE(requests.answered, 1);
    }

    void backsOffWhileTheServerIsAway()
    {
        // A port that refuses connections.
        QTcpServer placeholder;
        QVERIFY(placeholder.listen(QHostAddress::LocalHost));
        const quint16 port = placeholder.serverPort();
        placeholder.close();
        Orkestr::Client away;
        away.setBaseUrl(QUrl(u"http://127.0.0.1:%1"_s.arg(port)));
        away.setToken(m_server.token());
        MetricsPoller poller(&away);
        poller.setInterval(200ms);
        QSignalSpy polled(&poller, &MetricsPoller::polled);
        auto lease = poller.demand();
        QVERIFY(polled.wait(15000));
        QCOMPARE(poller.state(), MetricsPoller::State::Offline);
        QCOMPARE(poller.lastError().kind(), Orkestr::ApiError::Kind::Connection);
        QVERIFY(polled.wait(15000));
        QVERIFY(polled.wait(15000));
        // Doubling from the interval (with jitter between half and the whole step).
        QVERIFY2(poller.currentDelay() >= 400ms, qPrintable(QString::number(poller.currentDelay().count())));
        QCOMPARE(poller.count(), 0);
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_sandbox;
};

QTEST_MAIN(TestMetricsPoller)
#include "tst_metricspoller.moc"
