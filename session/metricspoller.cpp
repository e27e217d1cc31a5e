#include "session/metricspoller.h"

#include "core/assignandnotify.h"
#include "core/client.h"
#include "core/metricsjobs.h"
#include "session/logging.h"
#include "session/polledstore.h"

#include <QFutureWatcher>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentRun>

namespace OrkestrSession {

namespace {
qint64 steadyNowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}
} // namespace

MetricsPoller::Demand::Demand(MetricsPoller *poller)
    : m_poller(poller)
{
    poller->addDemand();
}

MetricsPoller::Demand::Demand(Demand &&other) noexcept
    : m_poller(std::exchange(other.m_poller, nullptr))
{
}

MetricsPoller::Demand &MetricsPoller::Demand::operator=(Demand &&other) noexcept
{
    if (this != &other) {
        release();
        m_poller = std::exchange(other.m_poller, nullptr);
    }
    return *this;
}

MetricsPoller::Demand::~Demand()
{
    release();
}

void MetricsPoller::Demand::release()
{
    if (auto *poller = m_poller.data()) {
        m_poller = nullptr;
        poller->releaseDemand();
    }
}

MetricsPoller::MetricsPoller(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &MetricsPoller::poll);
}

MetricsPoller::~MetricsPoller()
{
    if (m_job)
        m_job->abort();
}

MetricsPoller::Demand MetricsPoller::demand()
{
    return Demand(this);
}

void MetricsPoller::addDemand()
{
    if (m_demands++ > 0 || m_state == State::Unsupported)
        return;
    m_delay = m_interval;
    m_failures = 0;
    // A view that comes back soon after another left does not poll before the interval is over.
    const qint64 since = steadyNowMs() - m_lastPollStartMs;
    if (m_lastPollStartMs == 0 || since >= m_interval.count())
        poll();
    else
        m_timer.start(std::chrono::milliseconds(m_interval.count() - since));
}

void MetricsPoller::releaseDemand()
{
    if (--m_demands > 0)
        return;
    m_timer.stop();
    if (m_job)
        m_job->abort();
    if (m_state != State::Unsupported)
        setState(State::Idle);
}

std::optional<Orkestr::MetricsSample> MetricsPoller::latest(const QString &sandboxId) const
{
    const auto it = m_entries.constFind(sandboxId);
    if (it == m_entries.cend())
        return std::nullopt;
    return it->latest;
}

QList<MetricsPoint> MetricsPoller::recent(const QString &sandboxId) const
{
    const MetricsRing *points = ring(sandboxId);
    return points ? points->points() : QList<MetricsPoint>();
}

const MetricsRing *MetricsPoller::ring(const QString &sandboxId) const
{
    const auto it = m_entries.constFind(sandboxId);
    return it == m_entries.cend() ? nullptr : &it->ring;
}

void MetricsPoller::refreshNow()
{
    if (m_demands == 0 || m_state == State::Unsupported || isRequesting())
        return;
    m_timer.stop();
    poll();
}

void MetricsPoller::reset()
{
    m_timer.stop();
    if (m_job)
        m_job->abort();
    m_etag.clear();
    // A comparison under way belongs to the old server: its result is dropped when it comes.
    ++m_generation;
    m_merging = false;
    m_answer = {};
    m_lastError = {};
    m_lastFresh = {};
    m_lastPollStartMs = 0;
    m_failures = 0;
    m_delay = m_interval;
    clear();
    setState(State::Idle);
    if (m_demands > 0)
        poll();
}

void MetricsPoller::clear()
{
    m_answer = {};
    if (m_entries.isEmpty())
        return;
    const QStringList dropped = m_entries.keys();
    m_entries.clear();
    Q_EMIT samplesApplied({}, dropped);
    Q_EMIT sandboxesChanged(dropped);
}

void MetricsPoller::poll()
{
    if (m_demands == 0 || isRequesting() || m_state == State::Unsupported)
        return;
    m_lastPollStartMs = steadyNowMs();
    m_job = m_client->call<Orkestr::ListLatestMetricsJob>(m_etag);
    m_job->then(
        this, [this](Orkestr::ListLatestMetricsJob *job) { onAnswered(job); },
        [this](Orkestr::ListLatestMetricsJob *job) { onFailure(job->error()); });
    m_job->whenFinished(this, [this](Orkestr::ListLatestMetricsJob *job) {
        // An answer being compared ends the poll when it is applied.
        if (job->status() == Orkestr::Job::Status::Cancelled || m_merging)
            return;
        pollFinished();
    });
}

void MetricsPoller::onAnswered(Orkestr::ListLatestMetricsJob *job)
{
    m_lastFresh = QDateTime::currentDateTimeUtc();
    m_lastError = {};
    m_failures = 0;
    m_delay = m_interval;
    if (job->notModified()) {
        setState(State::Fresh);
        return;
    }
    m_etag = job->etag();
    merge(job->takeLatest());
}

void MetricsPoller::pollFinished()
{
    Q_EMIT polled();
    if (m_demands > 0 && m_state != State::Failed && m_state != State::Unsupported)
        m_timer.start(m_delay);
}

void MetricsPoller::onFailure(const Orkestr::ApiError &error)
{
    m_lastError = error;
    qCDebug(lcSession) << "metrics poll failed:" << error.type() << error.httpStatus() << error.requestId();
    const RetryDecision decision = RetryDecision::after(error, m_failures++, m_interval);
    if (decision.action == RetryDecision::Action::Unsupported)
        clear();
    else if (decision.action == RetryDecision::Action::Retry)
        m_delay = decision.delay;
    setState(decision.pollerState<State>());
}

void MetricsPoller::merge(Orkestr::LatestMetrics latest)
{
    struct Merged
    {
        MetricsDelta delta;
        Orkestr::LatestMetrics answer;
    };
    m_merging = true;
    // The last answer goes to the worker, which also frees it: thousands of samples are not
    // compared, nor freed, on the GUI thread.
    auto compare = [before = std::exchange(m_answer, {}), after = std::move(latest)]() mutable {
        Merged merged {MetricsDelta::between(before, after), std::move(after)};
        before = {};
        return merged;
    };
    auto *watcher = new QFutureWatcher<Merged>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation = m_generation] {
        watcher->deleteLater();
        Merged merged = watcher->future().takeResult();
        if (generation != m_generation) {
            QThreadPool::globalInstance()->start([dropped = std::move(merged)]() mutable { dropped = {}; });
            return;
        }
        m_merging = false;
        m_answer = std::move(merged.answer);
        apply(merged.delta);
        // Released meanwhile: Idle it stays.
        if (m_demands > 0)
            setState(State::Fresh);
        pollFinished();
        QThreadPool::globalInstance()->start([dropped = std::move(merged.delta)]() mutable { dropped = {}; });
    });
    watcher->setFuture(QtConcurrent::run(std::move(compare)));
}

void MetricsPoller::apply(const MetricsDelta &delta)
{
    if (delta.isEmpty())
        return;
    const qint64 windowMs = m_window.count();
    QStringList changed;
    changed.reserve(delta.dropped.size() + delta.changed.size());
    QStringList dropped;
    for (const auto &id : delta.dropped) {
        if (m_entries.remove(id))
            dropped.append(id);
    }
    changed.append(dropped);
    if (m_entries.isEmpty())
        m_entries.reserve(delta.changed.size());
    for (const auto &change : delta.changed) {
        Entry &entry = m_entries[change.sandboxId];
        entry.latest = change.sample;
        if (change.sample.at.isValid())
            entry.ring.append(
                {change.sample.at.toMSecsSinceEpoch(), change.sample.cpuPercent, change.sample.memoryBytes},
                windowMs);
        changed.append(change.sandboxId);
    }
    Q_EMIT samplesApplied(delta.changed, dropped);
    Q_EMIT sandboxesChanged(changed);
}

bool MetricsPoller::isRequesting() const
{
    return m_merging || (m_job && !m_job->isFinished());
}

void MetricsPoller::setState(State state)
{
    Orkestr::assignAndNotify(this, m_state, state, &MetricsPoller::stateChanged);
}

} // namespace OrkestrSession
