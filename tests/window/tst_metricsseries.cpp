// What the Metrics charts draw, from plain lists: lines broken where samples are missing (a pause),
// network rates from cumulative counters, the journal's markers, the readout of a hovered time,
// and one chart series per run.

#include "ui/metrics/metricchart.h"
#include "ui/metrics/metricsseries.h"

#include <QApplication>
#include <QDateTimeAxis>
#include <QJsonObject>
#include <QLineSeries>
#include <QTest>
#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using Points = MetricsSeries::Points;
using Marker = MetricsSeries::Marker;

namespace {
constexpr qint64 T0 = 1'790'000'000'000;

// Samples every 2 s at the given offsets (in samples), values as given.
Points sampled(const QList<std::pair<int, double>> &at)
{
    Points points;
    for (const auto &[step, value] : at)
        points.append(QPointF(double(T0 + step * 2000), value));
    return points;
}

Orkestr::ActivityEvent journalEvent(const QString &kind, qint64 atMs, const QJsonObject &data = {})
{
    Orkestr::ActivityEvent e;
    e.kind = kind;
    e.at = QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::UTC);
    e.data = data;
    return e;
}
} // namespace

class TestMetricsSeries : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void segmentsBreakAtGaps()
    {
        // Steady samples: one run.
        QCOMPARE(MetricsSeries::segments(sampled({{0, 1}, {1, 2}, {2, 3}}), 2000).size(), 1);
        // A sample 2 intervals late stays in the run; one 3 intervals late starts a new one.
        const auto runs = MetricsSeries::segments(sampled({{0, 1}, {1, 2}, {3, 3}, {6, 4}, {7, 5}}), 2000);
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[0].size(), 3);
        QCOMPARE(runs[1].size(), 2);
        QCOMPARE(runs[1][0].y(), 4.0);
    }

    void segmentsOfNothing() { QVERIFY(MetricsSeries::segments({}, 2000).isEmpty()); }

    void chartsFromSamples()
    {
        // Five samples with a pause (20 s without samples) after the second.
        Orkestr::SandboxMetrics metrics;
        metrics.intervalMs = 2000;
        metrics.limits.memoryMb = 512;
        const QList<int> steps {0, 1, 11, 12, 13};
        for (int i = 0; i < steps.size(); ++i) {
            Orkestr::MetricsSample sample;
            sample.at = QDateTime::fromMSecsSinceEpoch(T0 + steps[i] * 2000, QTimeZone::UTC);
            sample.cpuPercent = 10.0 * (i + 1);
            sample.memoryBytes = (i + 1) * 1024 * 1024;
            sample.processes = i + 1;
            sample.diskBytes = 4096;
            sample.netRxBytes = 1000 * i * i;
            sample.netTxBytes = 500 * i;
            metrics.samples.append(sample);
        }
        const auto charts = MetricsSeries::charts(metrics.samples, metrics.intervalMs, metrics.limits);
        QCOMPARE(charts.cpu.size(), 2);
        QCOMPARE(charts.cpu[0].size(), 2);
        QCOMPARE(charts.cpu[1].size(), 3);
        QCOMPARE(charts.cpu[1][0], QPointF(double(T0 + 11 * 2000), 30.0));
        QCOMPARE(charts.memory[1][2].y(), 5.0 * 1024 * 1024);
        QCOMPARE(charts.processes[0][1].y(), 2.0);
        QCOMPARE(charts.disk.size(), 2);
        // Rates within each run only (none across the pause): 1 in the first, 2 in the second.
        QCOMPARE(charts.received.size(), 2);
        QCOMPARE(charts.received[0].size(), 1);
        QCOMPARE(charts.received[0][0].y(), 500.0); // 1000 bytes in 2 s
        QCOMPARE(charts.received[1].size(), 2);
        QCOMPARE(charts.received[1][1].y(), (16000.0 - 9000.0) / 2); // samples 3 and 4
        QCOMPARE(charts.sent[1][0].y(), 250.0);
        QCOMPARE(charts.memoryLimit, 512.0 * 1024 * 1024);
        // No samples, no limit: nothing to draw.
        const auto empty = MetricsSeries::charts({}, 0, {});
        QVERIFY(empty.cpu.isEmpty() && empty.received.isEmpty() && !empty.memoryLimit);
    }

    void ratesFromCounters()
    {
        // 0, 2000, 6000 bytes at 2 s steps: 1000 B/s, then 2000 B/s; a run of one gives none.
        const QList<Points> counters {sampled({{0, 0}, {1, 2000}, {2, 6000}}), sampled({{10, 50}})};
        const auto rates = MetricsSeries::rates(counters);
        QCOMPARE(rates.size(), 1);
        QCOMPARE(rates[0].size(), 2);
        QCOMPARE(rates[0][0], QPointF(double(T0 + 2000), 1000.0));
        QCOMPARE(rates[0][1], QPointF(double(T0 + 4000), 2000.0));
        // A counter that went back (the server restarted) gives no rate for that step.
        const auto reset = MetricsSeries::rates({sampled({{0, 5000}, {1, 100}, {2, 2100}})});
        QCOMPARE(reset.size(), 1);
        QCOMPARE(reset[0].size(), 1);
        QCOMPARE(reset[0][0].y(), 1000.0);
    }

    void nearestIndex()
    {
        const Points points = sampled({{0, 1}, {1, 2}, {2, 3}});
        QCOMPARE(MetricsSeries::nearestIndex({}, 0), std::nullopt);
        QCOMPARE(MetricsSeries::nearestIndex(points, double(T0 - 10'000)), 0);
        QCOMPARE(MetricsSeries::nearestIndex(points, double(T0 + 2900)), 1);
        QCOMPARE(MetricsSeries::nearestIndex(points, double(T0 + 3100)), 2);
        QCOMPARE(MetricsSeries::nearestIndex(points, double(T0 + 99'000)), 2);
    }

    void markersFromTheJournal()
    {
        const QList<Orkestr::ActivityEvent> events {
            journalEvent(u"sandbox.paused"_s, T0 - 1000), // before the window: left out
            journalEvent(u"exec.finished"_s, T0 + 3000,
                         {{u"exec_id"_s, u"exe_ok"_s}, {u"status"_s, u"exited"_s}, {u"exit_code"_s, 0}}),
            journalEvent(u"exec.finished"_s, T0 + 4000,
                         {{u"exec_id"_s, u"exe_bad"_s}, {u"status"_s, u"exited"_s}, {u"exit_code"_s, 2}}),
            journalEvent(u"sandbox.resumed"_s, T0 + 2000, {{u"duration_ms"_s, 40}}),
            journalEvent(u"process.signalled"_s, T0 + 5000,
                         {{u"pid"_s, 12},
                          {u"signal"_s, 9},
                          {u"command"_s, u"python hog.py"_s},
                          {u"reason"_s, u"memory_limit"_s}}),
            journalEvent(u"sandbox.paused"_s, T0 + 6000,
                         {{u"snapshot_bytes"_s, 1024}, {u"duration_ms"_s, 10}}),
            journalEvent(u"file.written"_s, T0 + 7000, {{u"path"_s, u"/workspace/a"_s}, {u"size"_s, 1}}),
        };
        const auto markers = MetricsSeries::markers(
            events, T0, [](const QString &id) { return id == u"exe_bad" ? u"make test"_s : QString(); });
        QCOMPARE(markers.size(), 4);
        // Oldest first, whatever order the events came in.
        QCOMPARE(markers[0].kind, Marker::Kind::Resumed);
        QCOMPARE(markers[0].atMs, T0 + 2000);
        QCOMPARE(markers[1].kind, Marker::Kind::Failure);
        QVERIFY2(markers[1].text.contains(u"make test"_s), qPrintable(markers[1].text));
        QVERIFY(markers[1].text.contains(u"2"_s));
        QCOMPARE(markers[2].kind, Marker::Kind::Killed);
        QVERIFY2(markers[2].text.contains(u"memory limit"_s), qPrintable(markers[2].text));
        QVERIFY(markers[2].text.contains(u"python hog.py"_s));
        QCOMPARE(markers[3].kind, Marker::Kind::Paused);

        QCOMPARE(MetricsSeries::nearestMarker(markers, double(T0 + 4100), 200), 1);
        QCOMPARE(MetricsSeries::nearestMarker(markers, double(T0 + 4500), 200), std::nullopt);
    }

    void scalesAndValues()
    {
        QCOMPARE(MetricsSeries::scaleFor(MetricsSeries::Quantity::Bytes, 300 * 1024.0 * 1024).unit, u"MiB"_s);
        QCOMPARE(MetricsSeries::scaleFor(MetricsSeries::Quantity::Bytes, 300 * 1024.0 * 1024).divisor,
                 1024.0 * 1024);
        QCOMPARE(MetricsSeries::scaleFor(MetricsSeries::Quantity::BytesPerSecond, 2048).unit, u"KiB/s"_s);
        QCOMPARE(MetricsSeries::scaleFor(MetricsSeries::Quantity::Percent, 350).divisor, 1.0);
        QCOMPARE(MetricsSeries::valueText(MetricsSeries::Quantity::Percent, 87.54), u"87.5 %"_s);
        QCOMPARE(MetricsSeries::valueText(MetricsSeries::Quantity::Count, 7), u"7"_s);
    }

    void chartHasOneSeriesPerRun()
    {
        MetricChart chart(u"Memory"_s, MetricsSeries::Quantity::Bytes);
        chart.setTimeRange(T0 - 60'000, T0 + 60'000);
        const auto runs = MetricsSeries::segments(
            sampled({{0, 100 << 20}, {1, 120 << 20}, {6, 130 << 20}, {7, 140 << 20}}), 2000);
        chart.setLines({{u"Resident"_s, MetricChart::Tone::Purple, runs}});
        chart.setLimit(512.0 * 1024 * 1024, u"Limit"_s);
        // Two runs and the limit: three series; the values scaled to the axis' unit.
        const auto series = chart.chart()->series();
        QCOMPARE(series.size(), 3);
        QCOMPARE(chart.chart()->title(), u"Memory (MiB)"_s);
        auto *first = qobject_cast<QLineSeries *>(series[0]);
        QVERIFY(first);
        QCOMPARE(first->count(), 2);
        QCOMPARE(first->at(1).y(), 120.0);

        // Fewer runs later: the extra series go.
        chart.setLines({{u"Resident"_s, MetricChart::Tone::Purple, {runs[0]}}});
        QCOMPARE(chart.chart()->series().size(), 2);
        chart.setLimit(std::nullopt);
        QCOMPARE(chart.chart()->series().size(), 1);
    }

    void timeAxisFollowsTheLocaleAndTheRange()
    {
        constexpr qint64 Minute = 60'000;
        constexpr qint64 Day = 24 * 60 * Minute;
        const QLocale german(QLocale::German, QLocale::Germany);
        QCOMPARE(MetricsSeries::timeAxisFormat(german, T0, T0 + 5 * Minute), u"HH:mm:ss"_s);
        QCOMPARE(MetricsSeries::timeAxisFormat(german, T0, T0 + 60 * Minute), u"HH:mm"_s);
        QCOMPARE(MetricsSeries::timeAxisFormat(german, T0, T0 + 2 * Day), u"dd.MM.yy HH:mm"_s);
        QCOMPARE(MetricsSeries::timeAxisFormat(german, T0, T0 + 10 * Day), u"dd.MM.yy"_s);
        // A 12-hour locale keeps its own notation, and no axis label names a time zone.
        const QLocale american(QLocale::English, QLocale::UnitedStates);
        const QString hour = MetricsSeries::timeAxisFormat(american, T0, T0 + 60 * Minute);
        QVERIFY2(hour.contains(u"ap"_s, Qt::CaseInsensitive) && !hour.contains(u"HH"_s), qPrintable(hour));
        const QString seconds = MetricsSeries::timeAxisFormat(american, T0, T0 + 5 * Minute);
        QVERIFY2(seconds.contains(u"ss"_s) && !seconds.contains(u't'), qPrintable(seconds));

        // The chart's axis follows its range and its locale.
        MetricChart chart(u"CPU"_s, MetricsSeries::Quantity::Percent);
        chart.setLocale(german);
        auto *axis = qobject_cast<QDateTimeAxis *>(chart.chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        chart.setTimeRange(T0, T0 + 5 * Minute);
        QCOMPARE(axis->format(), u"HH:mm:ss"_s);
        chart.setTimeRange(T0, T0 + 2 * Day);
        QCOMPARE(axis->format(), u"dd.MM.yy HH:mm"_s);
        chart.setLocale(american);
        QCOMPARE(axis->format(), MetricsSeries::timeAxisFormat(american, T0, T0 + 2 * Day));
        QVERIFY(axis->format() != u"dd.MM.yy HH:mm"_s);
    }

    void readoutNamesTheNearestValuesAndMarkers()
    {
        MetricChart chart(u"Network"_s, MetricsSeries::Quantity::BytesPerSecond);
        chart.setLines({{u"Received"_s, MetricChart::Tone::Green, {sampled({{0, 1024}, {1, 2048}})}},
                        {u"Sent"_s, MetricChart::Tone::Blue, {sampled({{0, 0}, {1, 512}})}}});
        const QString text = chart.readoutAt(T0 + 1900);
        QVERIFY2(text.contains(u"Received: 2 KiB/s"_s) || text.contains(u"Received: 2.0 KiB/s"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"Sent: 512 bytes/s"_s), qPrintable(text));
        chart.setMarkers({{T0 + 1000, Marker::Kind::Paused, u"paused (snapshot 1 KiB, 10 ms)"_s}});
        QVERIFY(chart.readoutAt(T0 + 1100, 500).contains(u"paused (snapshot"_s));
        QVERIFY(!chart.readoutAt(T0 + 1900, 500).contains(u"paused"_s));
        // Nothing drawn, nothing to read.
        MetricChart empty(u"CPU"_s, MetricsSeries::Quantity::Percent);
        QVERIFY(empty.readoutAt(T0).isEmpty());
    }

    void hoveringShowsTheReadout()
    {
        MetricChart chart(u"CPU"_s, MetricsSeries::Quantity::Percent);
        chart.resize(600, 240);
        chart.setTimeRange(T0, T0 + 10 * 2000);
        chart.setLines({{u"CPU"_s, MetricChart::Tone::Blue, {sampled({{0, 10}, {5, 60}, {10, 20}})}}});
        chart.show();
        QVERIFY(QTest::qWaitForWindowExposed(&chart));
        const QRectF plot = chart.chart()->plotArea();
        const QPoint middle = chart.mapFromScene(chart.chart()->mapToScene(plot.center()));
        QTest::mouseMove(chart.viewport(), middle);
        QTRY_VERIFY(!chart.readout().isEmpty());
        QVERIFY2(chart.readout().contains(u"60.0 %"_s), qPrintable(chart.readout()));
    }
};

QTEST_MAIN(TestMetricsSeries)
#include "tst_metricsseries.moc"
