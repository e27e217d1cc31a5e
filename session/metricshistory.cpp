#include "session/metricshistory.h"

#include "core/backoff.h"
#include "core/client.h"
#include "core/metricsjobs.h"
#include "session/logging.h"

namespace OrkestrSession {

using namespace std::chrono_literals;

namespace {
constexpr std::chrono::milliseconds MaxBackoff = 60s;
}

SandboxMetricsHistory::SandboxMetricsHistory(Orkestr::Client *client, const QString &sandboxId,
                                             QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SandboxMetricsHistory::fetch);
}

SandboxMetricsHistory::~SandboxMetricsHistory()
{
    if (m_job)
        m_job->abort();
}

void SandboxMetricsHistory::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        m_timer.stop();
        if (m_job)
            m_job->abort();
        setState(State::Idle);
        return;
    }
    if (m_state == State::Unsupported)
        return;
    m_failures = 0;
    fetch();
}

void SandboxMetricsHistory::refreshNow()
{
    if (!m_active || isRequesting())
        return;
    m_timer.stop();
    m_failures = 0;
    fetch();
}

void SandboxMetricsHistory::fetch()
{
    if (!m_active || isRequesting())
        return;
    if (!m_loaded)
        setState(State::Loading);
    // The server answers the samples at or after `since`: the newest held comes again and is dropped.
    const QDateTime since = m_samples.isEmpty() ? QDateTime() : m_samples.last().at;
    m_job = m_client->call<Orkestr::GetSandboxMetricsJob>(m_sandboxId, since);
    m_job->then(
        this,
        [this](Orkestr::GetSandboxMetricsJob *job) {
            m_lastError = {};
            m_failures = 0;
            accept(job->takeMetrics());
            setState(State::Live);
            schedule(std::chrono::milliseconds(m_intervalMs));
        },
        [this](Orkestr::GetSandboxMetricsJob *job) { onFailure(job->error()); });
}

void SandboxMetricsHistory::accept(Orkestr::SandboxMetrics metrics)
{
    if (metrics.intervalMs > 0)
        m_intervalMs = metrics.intervalMs;
    if (metrics.limits != m_limits) {
        m_limits = metrics.limits;
        Q_EMIT limitsChanged(m_limits);
    }
    if (!m_loaded) {
        m_loaded = true;
        m_samples.clear();
        m_gaps.clear();
        append(metrics.samples);
        trim();
        Q_EMIT loaded();
        return;
    }
    const qsizetype first = m_samples.size();
    append(metrics.samples);
    if (m_samples.size() > first)
        Q_EMIT samplesAppended(first, m_samples.size() - first);
    trim();
}

void SandboxMetricsHistory::append(const QList<Orkestr::MetricsSample> &samples)
{
    const qint64 gapMs = qint64(GapIntervals * double(m_intervalMs));
    for (const auto &sample : samples) {
        if (!sample.at.isValid())
            continue;
        if (!m_samples.isEmpty()) {
            const QDateTime &previous = m_samples.last().at;
            if (sample.at <= previous)
                continue; // held already
            if (previous.msecsTo(sample.at) > gapMs)
                m_gaps.append({previous, sample.at});
        }
        m_samples.append(sample);
    }
}

void SandboxMetricsHistory::trim()
{
    if (m_samples.isEmpty())
        return;
    const QDateTime oldest = m_samples.last().at.addMSecs(-m_window.count());
    qsizetype count = 0;
    while (count < m_samples.size() && m_samples.at(count).at < oldest)
        ++count;
    if (count == 0)
        return;
    m_samples.remove(0, count);
    const QDateTime first = m_samples.first().at;
    m_gaps.removeIf([&first](const Gap &gap) { return gap.to <= first; });
    Q_EMIT samplesDropped(count);
}

void SandboxMetricsHistory::onFailure(const Orkestr::ApiError &error)
{
    m_lastError = error;
    qCDebug(lcSession) << "metrics history failed:" << error.type() << error.httpStatus()
                       << error.requestId();
    if (error.isUnsupportedEndpoint()) {
        setState(State::Unsupported);
        return;
    }
    switch (error.kind()) {
    case Orkestr::ApiError::Kind::Auth:
    case Orkestr::ApiError::Kind::SandboxNotFound:
        setState(State::Failed);
        return;
    case Orkestr::ApiError::Kind::RateLimit:
        schedule(std::chrono::milliseconds(qint64(error.retryAfterSeconds().value_or(5) * 1000)));
        setState(State::Offline);
        return;
    default: {
        const std::chrono::milliseconds interval(m_intervalMs);
        schedule(std::max(interval, Orkestr::exponentialBackoff(m_failures++, interval, MaxBackoff)));
        setState(State::Offline);
        return;
    }
    }
}

bool SandboxMetricsHistory::isRequesting() const
{
    return m_job && !m_job->isFinished();
}

void SandboxMetricsHistory::schedule(std::chrono::milliseconds delay)
{
    if (m_active)
        m_timer.start(delay);
}

void SandboxMetricsHistory::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace OrkestrSession
