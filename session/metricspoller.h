#pragma once

#include "core/apierror.h"
#include "core/metrics.h"
#include "session/metricsdelta.h"
#include "session/metricsring.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

namespace Orkestr {
class Client;
class ListLatestMetricsJob;
} // namespace Orkestr

namespace OrkestrSession {

// The latest CPU and memory of every running sandbox, for the list: one poller per session polls
// GET /v1/metrics with the last ETag (a 304 costs nothing), every 2 s, but only while someone
// demands it (a Demand handle held by each view that shows the figures). It keeps each running
// sandbox's latest sample and its recent points (5 minutes by default) for sparklines; a sandbox
// that leaves the answer (paused, ended) is dropped. It backs off on errors, stops on a refused
// token, and says Unsupported (and stops) when the server has no metrics. Never blocks: the answer
// is parsed, and compared with the last one, on a worker thread; the GUI thread applies only the
// changed samples (MetricsDelta).
class MetricsPoller : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // nobody demands, or not polled yet
        Fresh, // the last poll was answered
        Offline, // it failed; retrying with a growing delay
        RateLimited,
        Failed, // the token was refused: no more polls until refreshNow() or a new demand
        Unsupported, // the server has no GET /v1/metrics: no more polls until reset()
    };
    Q_ENUM(State)

    // Keeps the poller polling while it is held (several may be: polling stops when the last goes).
    // Move-only; releasing twice, or after the poller is gone, is harmless.
    class Demand
    {
    public:
        Demand() = default;
        Demand(Demand &&other) noexcept;
        Demand &operator=(Demand &&other) noexcept;
        Demand(const Demand &) = delete;
        Demand &operator=(const Demand &) = delete;
        ~Demand();

        void release();
        bool isHeld() const { return !m_poller.isNull(); }

    private:
        friend class MetricsPoller;
        explicit Demand(MetricsPoller *poller);
        QPointer<MetricsPoller> m_poller;
    };

    explicit MetricsPoller(Orkestr::Client *client, QObject *parent = nullptr);
    ~MetricsPoller() override;

    // Starts polling (at once, or when the interval since the last poll is over) until released.
    [[nodiscard]] Demand demand();
    int demandCount() const { return m_demands; }

    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // How far back each sandbox's points reach.
    void setWindow(std::chrono::milliseconds window) { m_window = window; }
    std::chrono::milliseconds window() const { return m_window; }
    // The delay before the next poll: the interval when all is well, longer after failures.
    std::chrono::milliseconds currentDelay() const { return m_delay; }

    State state() const { return m_state; }
    Orkestr::ApiError lastError() const { return m_lastError; }
    QDateTime lastFresh() const { return m_lastFresh; }

    // The running sandboxes of the last answer.
    QStringList sandboxIds() const { return m_entries.keys(); }
    bool contains(const QString &sandboxId) const { return m_entries.contains(sandboxId); }
    int count() const { return int(m_entries.size()); }
    // The sandbox's latest sample; none when it does not run (or was not polled yet).
    std::optional<Orkestr::MetricsSample> latest(const QString &sandboxId) const;
    // Its recent points, oldest first (empty when it does not run); ring() without a copy.
    QList<MetricsPoint> recent(const QString &sandboxId) const;
    const MetricsRing *ring(const QString &sandboxId) const;

    // Polls now (if demanded), also after Failed.
    void refreshNow();
    // Another server or token: forgets every sample and the ETag, and Unsupported; polls again at
    // once if demanded.
    void reset();

Q_SIGNALS:
    // The sandboxes with a new sample, new ones, and those dropped (no longer running).
    void sandboxesChanged(const QStringList &sandboxIds);
    // Just before sandboxesChanged, the same change for a follower that keeps its own copy: the new
    // samples themselves (no look-up by id), and the sandboxes dropped.
    void samplesApplied(const QList<OrkestrSession::MetricsDelta::Change> &changed,
                        const QStringList &dropped);
    void stateChanged(OrkestrSession::MetricsPoller::State state);
    // Every answered poll (a 304 too; its samples applied), and every failed one.
    void polled();

private:
    struct Entry
    {
        Orkestr::MetricsSample latest;
        MetricsRing ring;
    };

    void addDemand();
    void releaseDemand();
    void poll();
    // A request, or the comparison of its answer, is on its way (a finished job waits for its
    // deletion a while: not that).
    bool isRequesting() const;
    void onAnswered(Orkestr::ListLatestMetricsJob *job);
    // Compares the answer with the last one on a worker, then applies what changed.
    void merge(Orkestr::LatestMetrics latest);
    void apply(const MetricsDelta &delta);
    void pollFinished();
    void onFailure(const Orkestr::ApiError &error);
    void clear();
    void setState(State state);

    Orkestr::Client *m_client;
    QPointer<Orkestr::ListLatestMetricsJob> m_job;
    QTimer m_timer;
    int m_demands = 0;
    int m_failures = 0;
    std::chrono::milliseconds m_interval {2000};
    std::chrono::milliseconds m_window {std::chrono::minutes(5)};
    std::chrono::milliseconds m_delay {2000};
    QByteArray m_etag;
    QHash<QString, Entry> m_entries;
    // The last answer, to compare the next with; while a comparison runs, the worker holds it.
    Orkestr::LatestMetrics m_answer;
    bool m_merging = false;
    // Bumped by reset(): a comparison started before it is dropped.
    quint64 m_generation = 0;
    State m_state = State::Idle;
    QDateTime m_lastFresh;
    qint64 m_lastPollStartMs = 0;
    Orkestr::ApiError m_lastError;
};

} // namespace OrkestrSession
