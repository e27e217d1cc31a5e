#pragma once

#include "core/activity.h"
#include "core/metrics.h"
#include "session/activityeventlist.h"

#include <QCoreApplication>
#include <QList>
#include <QLocale>
#include <QPointF>
#include <QString>

#include <functional>
#include <optional>

namespace OrkestrUi {

// What the Metrics charts draw, computed from plain lists without a widget: points are
// (milliseconds since the epoch, value).
class MetricsSeries
{
    Q_DECLARE_TR_FUNCTIONS(OrkestrUi::MetricsSeries)
public:
    using Points = QList<QPointF>;

    // Samples further apart than this many intervals have a gap between them (the sandbox was paused,
    // or the server did not sample it): the line breaks there.
    static constexpr double GapIntervals = 2.5;

    // The points split into runs without gaps, oldest first; empty runs are left out.
    static QList<Points> segments(const Points &points, qint64 intervalMs);

    // Per-second rates of a cumulative counter (network bytes), one run per run of counters: each rate
    // is placed at the later of its two samples, so a run of n counters gives n - 1 rates. A counter
    // that goes back (a restarted server counts from zero again) gives no rate for that step.
    static QList<Points> rates(const QList<Points> &counters);

    // What the Metrics tab draws of a sandbox's samples: each quantity as runs without gaps (CPU in
    // percent of one core, bytes, counts; network as bytes per second), and the memory limit.
    struct Charts
    {
        QList<Points> cpu;
        QList<Points> memory;
        QList<Points> processes;
        QList<Points> disk;
        QList<Points> received;
        QList<Points> sent;
        std::optional<double> memoryLimit; // bytes; none when the server gave no limit
    };
    static Charts charts(const QList<Orkestr::MetricsSample> &samples, qint64 intervalMs,
                         const Orkestr::MetricsLimits &limits);

    // The index of the point nearest to x in a run sorted by x; nullopt for an empty one.
    static std::optional<qsizetype> nearestIndex(const Points &points, double x);

    // The largest value of all runs (0 when there is none).
    static double maxValue(const QList<Points> &runs);

    // An event of the journal worth marking on the charts' time axis.
    struct Marker
    {
        enum class Kind : quint8 {
            Paused,
            Resumed,
            Failure, // an exec that did not exit 0, a failed sandbox
            Killed, // a process signalled (through the API or by the memory limit)
            Ended, // the sandbox was terminated
        };
        qint64 atMs = 0;
        Kind kind = Kind::Paused;
        QString text; // the timeline's one-line summary
    };

    // The markers of the events at or after sinceMs, oldest first. `commandOf` gives an exec's
    // command for its exec.finished (empty when not known).
    static QList<Marker> markers(const QList<Orkestr::ActivityEvent> &events, qint64 sinceMs,
                                 const std::function<QString(const QString &execId)> &commandOf = {});
    // The same from a store's compact list (oldest first): only the events that can be markers
    // are made whole.
    static QList<Marker> markers(const OrkestrSession::ActivityEventList &events, qint64 sinceMs,
                                 const std::function<QString(const QString &execId)> &commandOf = {});

    // The index of the marker nearest to x (within maxDistance), nullopt when none is that close.
    static std::optional<qsizetype> nearestMarker(const QList<Marker> &markers, double x, double maxDistance);

    // How values of a chart read: a unit for its axis chosen from the largest value, and the text of
    // one value for the hover readout.
    struct Scale
    {
        double divisor = 1;
        QString unit;
    };
    enum class Quantity : quint8 { Percent, Bytes, Count, BytesPerSecond };
    static Scale scaleFor(Quantity quantity, double maxValue);
    static QString valueText(Quantity quantity, double value);

    // The pattern (QDateTime::toString) of a time axis's labels over a range, in the locale's own
    // notation: its short time; with seconds over a few minutes; with the date over more than a
    // day; the date alone over several days.
    static QString timeAxisFormat(const QLocale &locale, qint64 fromMs, qint64 toMs);
};

} // namespace OrkestrUi
