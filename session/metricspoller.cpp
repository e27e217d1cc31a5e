#include "session/metricspoller.h"

#include "core/assignandnotify.h"
#include "core/client.h"
#include "core/metricsjobs.h"
#include "session/logging.h"
#include "session/polledstore.h"

#include <QThreadPool>

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
    if (m_entries.isEmpty())
        return;
    const QStringList dropped = m_entries.keys();
    m_entries.clear();
    Q_EMIT sandboxesChanged(dropped);
}

void MetricsPoller::poll()
{
    if (m_demands == 0 || isRequesting() || m_state == State::Unsupported)
        return;
    m_lastPollStartMs = steadyNowMs();
    m_job = m_client->call<Orkestr::ListLatestMetricsJob>(m_etag);
    m_job->then(
        this,
        [this](Orkestr::ListLatestMetricsJob *job) {
            m_lastFresh = QDateTime::currentDateTimeUtc();
            m_lastError = {};
            m_failures = 0;
            m_delay = m_interval;
            if (!job->notModified()) {
                m_etag = job->etag();
                merge(job->takeLatest());
            }
            setState(State::Fresh);
        },
        [this](Orkestr::ListLatestMetricsJob *job) { onFailure(job->error()); });
    m_job->whenFinished(this, [this](Orkestr::ListLatestMetricsJob *job) {
        if (job->status() == Orkestr::Job::Status::Cancelled)
            return;
        Q_EMIT polled();
        if (m_demands > 0 && m_state != State::Failed && m_state != State::Unsupported)
            m_timer.start(m_delay);
    });
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
    const qint64 windowMs = m_window.count();
    QStringList changed;
    // Sandboxes that left the answer (paused, ended) are dropped.
    for (auto it = m_entries.begin(); it != m_entries.end();) {
        if (latest.sandboxes.contains(it.key())) {
            ++it;
        } else {
            changed.append(it.key());
            it = m_entries.erase(it);
        }
    }
    for (auto it = latest.sandboxes.cbegin(); it != latest.sandboxes.cend(); ++it) {
        Entry &entry = m_entries[it.key()];
        const Orkestr::MetricsSample &sample = it.value();
        const bool isNew = entry.ring.isEmpty() && !entry.latest.at.isValid();
        if (!isNew && entry.latest == sample)
            continue;
        entry.latest = sample;
        if (sample.at.isValid())
            entry.ring.append({sample.at.toMSecsSinceEpoch(), sample.cpuPercent, sample.memoryBytes},
                              windowMs);
        changed.append(it.key());
    }
    // Freeing thousands of samples is left to a worker thread, not to the GUI thread.
    QThreadPool::globalInstance()->start([dropped = std::move(latest)]() mutable { dropped = {}; });
    if (!changed.isEmpty())
        Q_EMIT sandboxesChanged(changed);
}

bool MetricsPoller::isRequesting() const
{
    return m_job && !m_job->isFinished();
}

void MetricsPoller::setState(State state)
{
    Orkestr::assignAndNotify(this, m_state, state, &MetricsPoller::stateChanged);
}

} // namespace OrkestrSession
