#include "ui/metrics/metricsseries.h"

#include "session/activitytext.h"

#include <QLocale>

#include <algorithm>
#include <array>
#include <cmath>
#include <utility>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;

namespace {
using Marker = MetricsSeries::Marker;

// The marker an event of this kind may be (an exec.finished or a failed sandbox only if it failed).
std::optional<Marker::Kind> markerKindOf(ActivityEvent::Kind kind)
{
    using Kind = ActivityEvent::Kind;
    static constexpr std::array<std::pair<Kind, Marker::Kind>, 6> Kinds {{
        {Kind::SandboxPaused, Marker::Kind::Paused},
        {Kind::SandboxResumed, Marker::Kind::Resumed},
        {Kind::ExecFinished, Marker::Kind::Failure},
        {Kind::SandboxFailed, Marker::Kind::Failure},
        {Kind::ProcessSignalled, Marker::Kind::Killed},
        {Kind::SandboxTerminated, Marker::Kind::Ended},
    }};
    for (const auto &[event, marker] : Kinds) {
        if (event == kind)
            return marker;
    }
    return std::nullopt;
}

std::optional<Marker::Kind> markerKind(const ActivityEvent &event)
{
    const auto kind = markerKindOf(event.knownKind());
    if (kind == Marker::Kind::Failure && !event.isFailure())
        return std::nullopt;
    return kind;
}
} // namespace

QList<MetricsSeries::Points> MetricsSeries::segments(const Points &points, qint64 intervalMs)
{
    const double maxStep = GapIntervals * double(std::max<qint64>(intervalMs, 1));
    QList<Points> runs;
    for (const QPointF &point : points) {
        if (runs.isEmpty() || point.x() - runs.last().last().x() > maxStep)
            runs.append(Points());
        runs.last().append(point);
    }
    return runs;
}

MetricsSeries::Charts MetricsSeries::charts(const QList<Orkestr::MetricsSample> &samples, qint64 intervalMs,
                                            const Orkestr::MetricsLimits &limits)
{
    // The runs are found once, on the sample times, and every quantity follows them.
    Points times;
    times.reserve(samples.size());
    for (qsizetype i = 0; i < samples.size(); ++i) {
        if (samples[i].at.isValid())
            times.append(QPointF(double(samples[i].at.toMSecsSinceEpoch()), double(i)));
    }
    const qint64 interval = intervalMs > 0 ? intervalMs : 2000;
    Charts charts;
    QList<Points> rx;
    QList<Points> tx;
    for (const Points &run : segments(times, interval)) {
        Points cpu, memory, processes, disk, received, sent;
        for (const QPointF &time : run) {
            const Orkestr::MetricsSample &sample = samples[qsizetype(time.y())];
            const double x = time.x();
            cpu.append(QPointF(x, sample.cpuPercent));
            memory.append(QPointF(x, double(sample.memoryBytes)));
            processes.append(QPointF(x, double(sample.processes)));
            disk.append(QPointF(x, double(sample.diskBytes)));
            received.append(QPointF(x, double(sample.netRxBytes)));
            sent.append(QPointF(x, double(sample.netTxBytes)));
        }
        charts.cpu.append(cpu);
        charts.memory.append(memory);
        charts.processes.append(processes);
        charts.disk.append(disk);
        rx.append(received);
        tx.append(sent);
    }
    charts.received = rates(rx);
    charts.sent = rates(tx);
    if (limits.memoryMb > 0)
        charts.memoryLimit = double(limits.memoryBytes());
    return charts;
}

QList<MetricsSeries::Points> MetricsSeries::rates(const QList<Points> &counters)
{
    QList<Points> runs;
    for (const Points &run : counters) {
        Points rates;
        for (qsizetype i = 1; i < run.size(); ++i) {
            const double seconds = (run[i].x() - run[i - 1].x()) / 1000.0;
            const double bytes = run[i].y() - run[i - 1].y();
            if (seconds > 0 && bytes >= 0)
                rates.append(QPointF(run[i].x(), bytes / seconds));
        }
        if (!rates.isEmpty())
            runs.append(rates);
    }
    return runs;
}

std::optional<qsizetype> MetricsSeries::nearestIndex(const Points &points, double x)
{
    if (points.isEmpty())
        return std::nullopt;
    const auto after = std::lower_bound(points.cbegin(), points.cend(), x,
                                        [](const QPointF &point, double value) { return point.x() < value; });
    if (after == points.cbegin())
        return 0;
    if (after == points.cend())
        return points.size() - 1;
    const auto before = after - 1;
    return (x - before->x() <= after->x() - x) ? before - points.cbegin() : after - points.cbegin();
}

double MetricsSeries::maxValue(const QList<Points> &runs)
{
    double max = 0;
    for (const Points &run : runs) {
        for (const QPointF &point : run)
            max = std::max(max, point.y());
    }
    return max;
}

QList<MetricsSeries::Marker> MetricsSeries::markers(const QList<ActivityEvent> &events, qint64 sinceMs,
                                                    const std::function<QString(const QString &)> &commandOf)
{
    QList<Marker> found;
    for (const ActivityEvent &event : events) {
        const qint64 at = event.at.toMSecsSinceEpoch();
        if (!event.at.isValid() || at < sinceMs)
            continue;
        const std::optional<Marker::Kind> kind = markerKind(event);
        if (!kind)
            continue;
        const QString command = commandOf && event.knownKind() == ActivityEvent::Kind::ExecFinished
            ? commandOf(event.execId())
            : QString();
        QString text = OrkestrSession::ActivityText::summary(event, command);
        if (event.data.value(u"reason"_s).toString() == u"memory_limit")
            text = tr("memory limit: %1").arg(text);
        found.append({at, *kind, text});
    }
    std::stable_sort(found.begin(), found.end(),
                     [](const Marker &a, const Marker &b) { return a.atMs < b.atMs; });
    return found;
}

QList<MetricsSeries::Marker> MetricsSeries::markers(const OrkestrSession::ActivityEventList &events,
                                                    qint64 sinceMs,
                                                    const std::function<QString(const QString &)> &commandOf)
{
    QList<ActivityEvent> recent;
    for (int index = events.size() - 1; index >= 0; --index) {
        const QDateTime at = events.at(index);
        if (at.isValid() && at.toMSecsSinceEpoch() < sinceMs)
            break; // oldest first: everything before is older still
        if (markerKindOf(events.knownKind(index)))
            recent.prepend(events.event(index));
    }
    return markers(recent, sinceMs, commandOf);
}

std::optional<qsizetype> MetricsSeries::nearestMarker(const QList<Marker> &markers, double x,
                                                      double maxDistance)
{
    std::optional<qsizetype> nearest;
    double best = maxDistance;
    for (qsizetype i = 0; i < markers.size(); ++i) {
        const double distance = std::abs(double(markers[i].atMs) - x);
        if (distance <= best) {
            best = distance;
            nearest = i;
        }
    }
    return nearest;
}

MetricsSeries::Scale MetricsSeries::scaleFor(Quantity quantity, double maxValue)
{
    switch (quantity) {
    case Quantity::Percent:
        return {1, u"%"_s};
    case Quantity::Count:
        return {1, QString()};
    case Quantity::Bytes:
    case Quantity::BytesPerSecond:
        break;
    }
    const bool perSecond = quantity == Quantity::BytesPerSecond;
    if (maxValue >= 1024.0 * 1024 * 1024)
        return {1024.0 * 1024 * 1024, perSecond ? tr("GiB/s") : tr("GiB")};
    if (maxValue >= 1024.0 * 1024)
        return {1024.0 * 1024, perSecond ? tr("MiB/s") : tr("MiB")};
    if (maxValue >= 1024.0)
        return {1024.0, perSecond ? tr("KiB/s") : tr("KiB")};
    return {1, perSecond ? tr("B/s") : tr("bytes")};
}

QString MetricsSeries::valueText(Quantity quantity, double value)
{
    const QLocale locale;
    switch (quantity) {
    case Quantity::Percent:
        return u"%1 %"_s.arg(locale.toString(value, 'f', 1));
    case Quantity::Count:
        return locale.toString(qint64(std::llround(value)));
    case Quantity::Bytes:
        return OrkestrSession::ActivityText::size(qint64(std::llround(value)));
    case Quantity::BytesPerSecond:
        return tr("%1/s").arg(OrkestrSession::ActivityText::size(qint64(std::llround(value))));
    }
    return {};
}

namespace {
// A locale's time pattern without its time zone ("t" outside quotes): an axis label names none.
QString withoutTimeZone(const QString &pattern)
{
    QString kept;
    bool quoted = false;
    for (const QChar c : pattern) {
        if (c == u'\'')
            quoted = !quoted;
        if (quoted || c != u't')
            kept.append(c);
    }
    return kept.simplified();
}
} // namespace

QString MetricsSeries::timeAxisFormat(const QLocale &locale, qint64 fromMs, qint64 toMs)
{
    constexpr qint64 Minute = 60 * 1000;
    constexpr qint64 Day = 24 * 60 * Minute;
    const qint64 span = toMs - fromMs;
    const QString time = locale.timeFormat(QLocale::ShortFormat);
    if (span < 10 * Minute) {
        // Minutes would repeat along the axis: the locale's long time carries the seconds.
        const QString seconds = withoutTimeZone(locale.timeFormat(QLocale::LongFormat));
        return seconds.contains(u's') ? seconds : time;
    }
    if (span <= Day)
        return time;
    const QString date = locale.dateFormat(QLocale::ShortFormat);
    return span <= 4 * Day ? date + u' ' + time : date;
}

} // namespace OrkestrUi
