// The Metrics tab of the sandbox view against a real orkestr-local (issue 17): a busy loop's CPU
// shows above 50 %, an allocation shows in memory under the limit line, a pause breaks the lines
// into two runs with the pause and the resume marked, hovering reads a value, and nothing is
// fetched while the tab is hidden.

#include "core/sandboxjobs.h"
#include "session/metricshistory.h"
#include "session/session.h"
#include "testprompter.h"
#include "testserver.h"
#include "ui/metrics/metricchart.h"
#include "ui/metrics/metricstab.h"
#include "ui/sandboxview/sandboxview.h"
#include "windowtesting.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using namespace WindowTesting;
using Chart = MetricsTab::Chart;
using Marker = MetricsSeries::Marker;

class TestMetricsTab : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;
    OrkestrSession::Session *m_session = nullptr;
    TestPrompter m_prompter;
    SandboxView *m_view = nullptr;

    bool exec(const QString &command)
    {
        return SessionTest::finish(m_client.call<Orkestr::ExecJob>(m_id, command));
    }

    MetricsTab *tab() const { return m_view->metrics(); }

    double maxOf(Chart which) const
    {
        const auto &lines = tab()->chart(which)->lines();
        return lines.isEmpty() ? 0 : MetricsSeries::maxValue(lines.first().runs);
    }

    qsizetype runsOf(Chart which) const
    {
        const auto &lines = tab()->chart(which)->lines();
        return lines.isEmpty() ? 0 : lines.first().runs.size();
    }

    bool hasMarker(Marker::Kind kind) const
    {
        const auto &markers = tab()->chart(Chart::Cpu)->markers();
        return std::any_of(markers.cbegin(), markers.cend(),
                           [kind](const Marker &m) { return m.kind == kind; });
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_id = startFresh(&m_server, &m_client, u"r_17m"_s);
        QVERIFY(!m_id.isEmpty());
        m_session = new OrkestrSession::Session(&m_client, this);
        m_view = new SandboxView(m_session, &m_prompter);
        m_view->resize(1000, 760);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view));
        m_view->showSandbox(m_id);
    }

    void cleanupTestCase() { delete m_view; }

    void nothingFetchedWhileHidden()
    {
        int metricsRequests = 0;
        auto counter = connect(&m_client, &Orkestr::Client::requestLogged, this,
                               [&metricsRequests](const Orkestr::RequestLogEntry &entry) {
                                   if (entry.path.endsWith(u"/metrics"_s))
                                       ++metricsRequests;
                               });
        m_view->showPlace(SandboxView::Place::Overview);
        QTest::qWait(3000);
        QCOMPARE(metricsRequests, 0);
        QVERIFY(!tab()->history()->isActive());
        m_view->showPlace(SandboxView::Place::Metrics);
        QVERIFY(tab()->history()->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(metricsRequests >= 2, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tab()->stateText().isEmpty(), 10000);
        m_view->showPlace(SandboxView::Place::Files);
        QVERIFY(!tab()->history()->isActive());
        QTest::qWait(200);
        const int atHide = metricsRequests;
        QTest::qWait(4500);
        QCOMPARE(metricsRequests, atHide);
        disconnect(counter);
    }

    void busyLoopShowsAboveHalfACore()
    {
        m_view->showPlace(SandboxView::Place::Metrics);
        QElapsedTimer clock;
        clock.start();
        // A busy loop of 8 s that prints the share of a core it got: on a machine other work keeps
        // busy it gets less than half of one, and the chart is held to what it got (as the server's
        // own test is).
        auto *loop = m_client.call<Orkestr::ExecJob>(
            m_id,
            u"python3 -c 'import time\nt = time.time(); c = time.process_time()\n"
            u"while time.time() - t < 8: pass\n"
            u"print(round(100 * (time.process_time() - c) / (time.time() - t), 1))'"_s);
        std::optional<double> share;
        bool failed = false;
        loop->then(
            this, [&share](Orkestr::ExecJob *job) { share = job->result().stdoutText.trimmed().toDouble(); },
            [&failed](Orkestr::ExecJob *) { failed = true; });
        QTRY_VERIFY_WITH_TIMEOUT(maxOf(Chart::Cpu) > 50 || share || failed, 30000);
        const double best = maxOf(Chart::Cpu);
        const qint64 shownAfter = clock.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(share || failed, 30000);
        QVERIFY(!failed);
        qInfo("the busy loop showed %.1f %% CPU after %lld ms (it had %.1f %% of a core)", best, shownAfter,
              *share);
        QVERIFY2(best > 50 || (*share < 60 && best >= 0.6 * *share),
                 qPrintable(u"the chart showed %1 %, the loop had %2 %"_s.arg(best).arg(*share)));
        QVERIFY(best <= 100.0 * 1.2);
        QCOMPARE(runsOf(Chart::Cpu), 1);
        QVERIFY(maxOf(Chart::Processes) >= 1);
        // The limit is drawn on the memory chart: the sandbox's memory_mb.
        int memoryMb = 0;
        QVERIFY(SessionTest::finish(
            m_client.call<Orkestr::GetSandboxJob>(m_id),
            [&memoryMb](Orkestr::GetSandboxJob *job) { memoryMb = job->sandbox().memoryMb; }));
        QCOMPARE(tab()->chart(Chart::Memory)->limit(), double(memoryMb) * 1024 * 1024);
        QVERIFY(QTest::qWaitForWindowExposed(tab()->chart(Chart::Cpu)));

        // Hovering the newest part of the CPU chart reads a percentage.
        MetricChart *cpu = tab()->chart(Chart::Cpu);
        const QRectF plot = cpu->chart()->plotArea();
        const QPoint right
            = cpu->mapFromScene(cpu->chart()->mapToScene(QPointF(plot.right() - 2, plot.center().y())));
        QTest::mouseMove(cpu->viewport(), right);
        QTRY_VERIFY(!cpu->readout().isEmpty());
        QVERIFY2(cpu->readout().contains(u" %"_s), qPrintable(cpu->readout()));
    }

    void allocationShowsInMemory()
    {
        m_view->showPlace(SandboxView::Place::Metrics);
        // 200 MiB held for 30 s, in the background.
        QVERIFY(exec(u"nohup python3 -c \"import time; x = chr(32) * (200 * 1024 * 1024); time.sleep(30)\" "
                     u">/dev/null 2>&1 &"_s));
        QTRY_VERIFY_WITH_TIMEOUT(maxOf(Chart::Memory) > 200.0 * 1024 * 1024, 20000);
        // Below the limit line, which is the sandbox's memory_mb.
        QVERIFY(maxOf(Chart::Memory) < *tab()->chart(Chart::Memory)->limit());
    }

    void pauseMakesAGap()
    {
        m_view->showPlace(SandboxView::Place::Metrics);
        QTRY_VERIFY_WITH_TIMEOUT(runsOf(Chart::Cpu) >= 1, 10000);
        QCOMPARE(runsOf(Chart::Cpu), 1);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::PauseSandboxJob>(m_id)));
        // More than 2.5 intervals (5 s) without samples.
        QTest::qWait(7000);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::ResumeSandboxJob>(m_id)));
        QTRY_VERIFY_WITH_TIMEOUT(runsOf(Chart::Cpu) == 2, 15000);
        const auto &runs = tab()->chart(Chart::Cpu)->lines().first().runs;
        QVERIFY(runs[1].first().x() - runs[0].last().x() > 5000);
        // Every chart breaks at the same place.
        QCOMPARE(runsOf(Chart::Memory), 2);
        QCOMPARE(runsOf(Chart::Processes), 2);
        // The journal marks the pause and the resume, on every chart.
        QTRY_VERIFY_WITH_TIMEOUT(hasMarker(Marker::Kind::Paused) && hasMarker(Marker::Kind::Resumed), 10000);
        QCOMPARE(tab()->chart(Chart::Network)->markers().size(), tab()->chart(Chart::Cpu)->markers().size());
        const auto &markers = tab()->chart(Chart::Cpu)->markers();
        const auto paused = std::find_if(markers.cbegin(), markers.cend(),
                                         [](const Marker &m) { return m.kind == Marker::Kind::Paused; });
        QVERIFY(paused->atMs >= qint64(runs[0].last().x()) - 2000);
        QVERIFY(paused->atMs <= qint64(runs[1].first().x()));
    }
};

QTEST_MAIN(TestMetricsTab)
#include "tst_metricstab.moc"
