#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <deque>

namespace OrkestrLocal {

// One sample of a sandbox, as GET /v1/sandboxes/{id}/metrics and GET /v1/metrics show it.
struct MetricsSample
{
    qint64 atMs = 0; // since the epoch
    double cpuPercent = 0; // of one core
    qint64 memoryBytes = 0;
    int processes = 0;
    qint64 diskBytes = 0;
    qint64 netRxBytes = 0; // cumulative since creation
    qint64 netTxBytes = 0;

    QJsonObject toJson() const;
    // The same object as compact JSON, written directly (GET /v1/metrics joins a thousand of these).
    QByteArray toJsonBytes() const;
};

// The recent samples of every sandbox in memory, oldest first, at most an hour of them each
// (a ring: the oldest go as new ones come). Saved to a small binary file when a sandbox ends, so
// that its history stays readable as long as the sandbox (its directory) is kept.
class MetricsHistory
{
public:
    static constexpr qint64 KeepMs = 3600LL * 1000 + 60 * 1000; // an hour, and a minute of slack

    void append(const QString &id, const MetricsSample &sample);
    bool contains(const QString &id) const { return m_samples.contains(id); }
    // Samples at or after sinceMs, oldest first.
    QList<MetricsSample> since(const QString &id, qint64 sinceMs) const;
    // Takes a sandbox's samples out (to save them).
    QList<MetricsSample> take(const QString &id);
    qsizetype sandboxCount() const { return m_samples.size(); }

    static QByteArray serialize(const QList<MetricsSample> &samples);
    static QList<MetricsSample> deserialize(const QByteArray &bytes);
    static QList<MetricsSample> filterSince(const QList<MetricsSample> &samples, qint64 sinceMs);

private:
    QHash<QString, std::deque<MetricsSample>> m_samples;
};

} // namespace OrkestrLocal
