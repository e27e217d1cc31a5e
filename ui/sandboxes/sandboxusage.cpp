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

} // namespace OrkestrUi
