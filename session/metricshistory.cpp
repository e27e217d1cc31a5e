#include "session/metricshistory.h"

#include "core/client.h"
#include "core/metricsjobs.h"

namespace OrkestrSession {

SandboxMetricsHistory::SandboxMetricsHistory(Orkestr::Client *client, const QString &sandboxId,
                                             QObject *parent)
    : PolledStore(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
}

Orkestr::Job *SandboxMetricsHistory::startRequest()
{
    // The server answers the samples at or after `since`: the newest held comes again and is dropped.
    const QDateTime since = m_samples.isEmpty() ? QDateTime() : m_samples.last().at;
    auto *job = m_client->call<Orkestr::GetSandboxMetricsJob>(m_sandboxId, since);
    job->then(this, [this](Orkestr::GetSandboxMetricsJob *done) { accept(done->takeMetrics()); });
    return job;
}

void SandboxMetricsHistory::accept(Orkestr::SandboxMetrics metrics)
{
    if (metrics.intervalMs > 0) {
        m_intervalMs = metrics.intervalMs;
        setInterval(std::chrono::milliseconds(m_intervalMs));
    }
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

} // namespace OrkestrSession
