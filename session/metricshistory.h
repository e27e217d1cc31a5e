#pragma once

#include "core/apierror.h"
#include "core/metrics.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Orkestr {
class Client;
class GetSandboxMetricsJob;
} // namespace Orkestr

namespace OrkestrSession {

// One sandbox's metrics while its view is open: first the last hour (GET …/metrics), then, every
// interval (the server's interval_ms, 2 s), the samples since the newest one held, appended
// without duplicates. Keeps at most a window (an hour) of samples, the sandbox's limits, and the
// gaps: where consecutive samples lie further apart than 2.5 intervals (the sandbox was paused,
// or the server down). Polls only while active; reactivated, it fetches what it missed.
class SandboxMetricsHistory : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // inactive
        Loading, // the first answer is on its way
        Live, // the last request was answered
        Offline, // it failed; retrying with a growing delay
        Failed, // the sandbox is unknown or the token refused: no more requests until refreshNow()
        Unsupported, // the server has no metrics
    };
    Q_ENUM(State)

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
    ~SandboxMetricsHistory() override;

    QString sandboxId() const { return m_sandboxId; }

    // Starts (or stops) fetching; a view sets it while it is shown.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    // How far back samples are kept, counted from the newest.
    void setWindow(std::chrono::milliseconds window) { m_window = window; }
    std::chrono::milliseconds window() const { return m_window; }
    // Fetches now (also after Failed).
    void refreshNow();

    bool hasLoaded() const { return m_loaded; }
    // Oldest first, each `at` later than the one before.
    const QList<Orkestr::MetricsSample> &samples() const { return m_samples; }
    Orkestr::MetricsLimits limits() const { return m_limits; }
    // The server's sampling interval (2000 until it said otherwise).
    qint64 intervalMs() const { return m_intervalMs; }
    // Oldest first.
    const QList<Gap> &gaps() const { return m_gaps; }

    State state() const { return m_state; }
    Orkestr::ApiError lastError() const { return m_lastError; }

Q_SIGNALS:
    // The first answer replaced everything (samples, gaps, limits).
    void loaded();
    // Samples [first, first + count) are new; gaps() may have grown.
    void samplesAppended(qsizetype first, qsizetype count);
    // The oldest `count` samples (and the gaps before the new first one) left the window.
    void samplesDropped(qsizetype count);
    void limitsChanged(const Orkestr::MetricsLimits &limits);
    void stateChanged(OrkestrSession::SandboxMetricsHistory::State state);

private:
    void fetch();
    // A request is on its way (a finished job waits for its deletion a while: not that).
    bool isRequesting() const;
    void schedule(std::chrono::milliseconds delay);
    void accept(Orkestr::SandboxMetrics metrics);
    void append(const QList<Orkestr::MetricsSample> &samples);
    void trim();
    void onFailure(const Orkestr::ApiError &error);
    void setState(State state);

    Orkestr::Client *m_client;
    QString m_sandboxId;
    QPointer<Orkestr::GetSandboxMetricsJob> m_job;
    QTimer m_timer;
    bool m_active = false;
    bool m_loaded = false;
    int m_failures = 0;
    std::chrono::milliseconds m_window {std::chrono::hours(1)};
    QList<Orkestr::MetricsSample> m_samples;
    QList<Gap> m_gaps;
    Orkestr::MetricsLimits m_limits;
    qint64 m_intervalMs = 2000;
    State m_state = State::Idle;
    Orkestr::ApiError m_lastError;
};

} // namespace OrkestrSession
