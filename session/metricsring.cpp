#include "session/metricsring.h"

#include <algorithm>

namespace OrkestrSession {

bool MetricsRing::append(const MetricsPoint &point, qint64 windowMs)
{
    if (!isEmpty() && point.atMs <= last().atMs)
        return false;
    m_points.append(point);
    const qint64 oldest = point.atMs - windowMs;
    while (m_first < m_points.size() - 1 && m_points.at(m_first).atMs < oldest)
        ++m_first;
    // Compacting only once half of the storage is dropped keeps appends amortized O(1).
    if (m_first > 16 && m_first * 2 > m_points.size()) {
        m_points.remove(0, m_first);
        m_first = 0;
    }
    return true;
}

double MetricsRing::maxCpuPercent() const
{
    double best = 0;
    for (qsizetype i = m_first; i < m_points.size(); ++i)
        best = std::max(best, m_points.at(i).cpuPercent);
    return best;
}

qint64 MetricsRing::maxMemoryBytes() const
{
    qint64 best = 0;
    for (qsizetype i = m_first; i < m_points.size(); ++i)
        best = std::max(best, m_points.at(i).memoryBytes);
    return best;
}

} // namespace OrkestrSession
