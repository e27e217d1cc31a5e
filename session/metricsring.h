#pragma once

#include <QList>
#include <QtGlobal>

namespace OrkestrSession {

// What a list's sparkline needs of one sample: when, CPU and memory.
struct MetricsPoint
{
    qint64 atMs = 0; // milliseconds since the epoch, the server's clock
    double cpuPercent = 0; // of one core
    qint64 memoryBytes = 0;

    friend bool operator==(const MetricsPoint &, const MetricsPoint &) = default;
};

// A sandbox's recent points, oldest first, at most a time window long: appending drops the points
// that fell out of it. Amortized constant time (the dropped front is compacted away now and then),
// so thousands of sandboxes can be fed every 2 s.
class MetricsRing
{
public:
    // Appends a point newer than the last (an older or equal one is ignored: false), then drops
    // what lies more than windowMs before it.
    bool append(const MetricsPoint &point, qint64 windowMs);

    qsizetype size() const { return m_points.size() - m_first; }
    bool isEmpty() const { return size() == 0; }
    const MetricsPoint &at(qsizetype i) const { return m_points.at(m_first + i); }
    const MetricsPoint &last() const { return m_points.last(); }
    QList<MetricsPoint> points() const { return m_points.mid(m_first); }
    double maxCpuPercent() const;
    qint64 maxMemoryBytes() const;

private:
    QList<MetricsPoint> m_points;
    qsizetype m_first = 0; // points before it are dropped
};

} // namespace OrkestrSession
