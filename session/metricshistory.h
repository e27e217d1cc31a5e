#pragma once

#include "core/metrics.h"
#include "session/polledstore.h"

#include <QDateTime>

#include <chrono>

namespace Orkestr {
class Client;
}

namespace OrkestrSession {

// One sandbox's metrics while its view is open (setActive): first the last hour (GET …/metrics),
// then, every interval (the server's interval_ms, 2 s), the samples since the newest one held,
// appended without duplicates. Keeps at most a window (an hour) of samples, the sandbox's limits,
// and the gaps: where consecutive samples lie further apart than 2.5 intervals (the sandbox was
// paused, or the server down). Polls only while active; reactivated, it fetches what it missed.
class SandboxMetricsHistory : public PolledStore
{
    Q_OBJECT
public:
    // Samples further apart than this many intervals have a gap between them.
    static constexpr double GapIntervals = 2.5;

    // A time without samples: from the last sample before it to the first after it.
    struct Gap
    {
        QDateTime from;
        QDateTime to;
        friend bool operator==(const Gap &, const Gap &) = default;
    };

    SandboxMetricsHistory(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }

    // How far back samples are kept, counted from the newest.
    void setWindow(std::chrono::milliseconds window) { m_window = window; }
    std::chrono::milliseconds window() const { return m_window; }

    bool hasLoaded() const { return m_loaded; }
    // Oldest first, each `at` later than the one before.
    const QList<Orkestr::MetricsSample> &samples() const { return m_samples; }
    Orkestr::MetricsLimits limits() const { return m_limits; }
    // The server's sampling interval (2000 until it said otherwise).
    qint64 intervalMs() const { return m_intervalMs; }
    // Oldest first.
    const QList<Gap> &gaps() const { return m_gaps; }

Q_SIGNALS:
    // The first answer replaced everything (samples, gaps, limits).
    void loaded();
    // Samples [first, first + count) are new; gaps() may have grown.
    void samplesAppended(qsizetype first, qsizetype count);
    // The oldest `count` samples (and the gaps before the new first one) left the window.
    void samplesDropped(qsizetype count);
    void limitsChanged(const Orkestr::MetricsLimits &limits);

protected:
    Orkestr::Job *startRequest() override;

private:
    void accept(Orkestr::SandboxMetrics metrics);
    void append(const QList<Orkestr::MetricsSample> &samples);
    void trim();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    bool m_loaded = false;
    std::chrono::milliseconds m_window {std::chrono::hours(1)};
    QList<Orkestr::MetricsSample> m_samples;
    QList<Gap> m_gaps;
    Orkestr::MetricsLimits m_limits;
    qint64 m_intervalMs = 2000;
};

} // namespace OrkestrSession
