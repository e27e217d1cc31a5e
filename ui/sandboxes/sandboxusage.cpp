#include "ui/sandboxes/sandboxusage.h"

#include <algorithm>

namespace OrkestrUi {

void SparkSeries::append(float value)
{
    m_values[size_t(m_next)] = value;
    m_next = (m_next + 1) % Capacity;
    m_size = std::min(m_size + 1, Capacity);
}

float SparkSeries::maximum() const
{
    float highest = 0;
    for (int i = 0; i < m_size; ++i)
        highest = std::max(highest, at(i));
    return highest;
}

SandboxUsage::SandboxUsage(QObject *parent)
    : QObject(parent)
{
}

const SandboxUsage::Trace *SandboxUsage::trace(const QString &sandboxId) const
{
    const auto it = m_traces.constFind(sandboxId);
    return it == m_traces.cend() ? nullptr : &it.value();
}

void SandboxUsage::record(const QList<Sample> &samples)
{
    if (samples.isEmpty())
        return;
    QStringList ids;
    ids.reserve(samples.size());
    for (const auto &sample : samples) {
        Trace &trace = m_traces[sample.sandboxId];
        trace.cpuPercent.append(float(sample.cpuPercent));
        trace.memoryBytes.append(float(sample.memoryBytes));
        ids.append(sample.sandboxId);
    }
    Q_EMIT changed(ids);
}

void SandboxUsage::forget(const QStringList &sandboxIds)
{
    QStringList gone;
    for (const auto &id : sandboxIds) {
        if (m_traces.remove(id))
            gone.append(id);
    }
    if (!gone.isEmpty())
        Q_EMIT changed(gone);
}

void SandboxUsage::follow(OrkestrSession::MetricsPoller *poller)
{
    if (m_poller)
        disconnect(m_poller, nullptr, this, nullptr);
    m_demand.release();
    m_poller = poller;
    connect(poller, &OrkestrSession::MetricsPoller::samplesApplied, this, &SandboxUsage::takeFromPoller);
}

void SandboxUsage::setDemanded(bool demanded)
{
    if (demanded == isDemanded() || !m_poller)
        return;
    m_demand = demanded ? m_poller->demand() : OrkestrSession::MetricsPoller::Demand();
}

void SandboxUsage::takeFromPoller(const QList<OrkestrSession::MetricsDelta::Change> &samples,
                                  const QStringList &dropped)
{
    forget(dropped);
    // Thousands of sandboxes change on every poll: the samples come with the change, and each
    // sandbox is looked up once, its sample appended in place.
    QStringList sampled;
    sampled.reserve(samples.size());
    for (const auto &change : samples) {
        const QString &id = change.sandboxId;
        auto it = m_traces.find(id);
        if (it == m_traces.end()) {
            it = m_traces.insert(id, Trace());
            // New to the list (shown again, say): its recent points, but for the latest one.
            const OrkestrSession::MetricsRing *ring = m_poller->ring(id);
            for (qsizetype i = ring ? std::max<qsizetype>(0, ring->size() - SparkSeries::Capacity) : 0;
                 ring && i < ring->size() - 1; ++i) {
                it->cpuPercent.append(float(ring->at(i).cpuPercent));
                it->memoryBytes.append(float(ring->at(i).memoryBytes));
            }
        }
        it->cpuPercent.append(float(change.sample.cpuPercent));
        it->memoryBytes.append(float(change.sample.memoryBytes));
        sampled.append(id);
    }
    if (!sampled.isEmpty())
        Q_EMIT changed(sampled);
}

} // namespace OrkestrUi
