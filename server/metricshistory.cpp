#include "server/metricshistory.h"

#include "server/sandbox.h"

#include <QDataStream>
#include <QIODevice>
#include <QTimeZone>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
constexpr quint32 FileMagic = 0x6f6d7431; // "omt1"
}

QJsonObject MetricsSample::toJson() const
{
    return {{u"at"_s, timestamp(QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::UTC))},
            {u"cpu_percent"_s, qRound(cpuPercent * 10) / 10.0},
            {u"memory_bytes"_s, memoryBytes},
            {u"processes"_s, processes},
            {u"disk_bytes"_s, diskBytes},
            {u"net_rx_bytes"_s, netRxBytes},
            {u"net_tx_bytes"_s, netTxBytes}};
}

QByteArray MetricsSample::toJsonBytes() const
{
    // The samples of one reading share their time: it is formatted once.
    thread_local qint64 formattedMs = -1;
    thread_local QByteArray formatted;
    if (formattedMs != atMs) {
        formatted = timestamp(QDateTime::fromMSecsSinceEpoch(atMs, QTimeZone::UTC)).toLatin1();
        formattedMs = atMs;
    }
    QByteArray json;
    json.reserve(200);
    json += "{\"at\":\"" + formatted + "\",\"cpu_percent\":"
        + QByteArray::number(qRound(cpuPercent * 10) / 10.0, 'g', 15) + ",\"disk_bytes\":"
        + QByteArray::number(diskBytes) + ",\"memory_bytes\":" + QByteArray::number(memoryBytes)
        + ",\"net_rx_bytes\":" + QByteArray::number(netRxBytes) + ",\"net_tx_bytes\":"
        + QByteArray::number(netTxBytes) + ",\"processes\":" + QByteArray::number(processes) + '}';
    return json;
}

void MetricsHistory::append(const QString &id, const MetricsSample &sample)
{
    auto &samples = m_samples[id];
    samples.push_back(sample);
    while (!samples.empty() && samples.front().atMs < sample.atMs - KeepMs)
        samples.pop_front();
}

QList<MetricsSample> MetricsHistory::since(const QString &id, qint64 sinceMs) const
{
    QList<MetricsSample> result;
    const auto it = m_samples.constFind(id);
    if (it == m_samples.cend())
        return result;
    // Sorted by time: start at the first one at or after sinceMs.
    const auto first
        = std::lower_bound(it->cbegin(), it->cend(), sinceMs,
                           [](const MetricsSample &sample, qint64 ms) { return sample.atMs < ms; });
    result.reserve(std::distance(first, it->cend()));
    std::copy(first, it->cend(), std::back_inserter(result));
    return result;
}

QList<MetricsSample> MetricsHistory::take(const QString &id)
{
    const QList<MetricsSample> samples = since(id, 0);
    m_samples.remove(id);
    return samples;
}

QByteArray MetricsHistory::serialize(const QList<MetricsSample> &samples)
{
    QByteArray bytes;
    QDataStream out(&bytes, QIODevice::WriteOnly);
    out << FileMagic << quint32(samples.size());
    for (const auto &sample : samples)
        out << sample.atMs << sample.cpuPercent << sample.memoryBytes << qint32(sample.processes)
            << sample.diskBytes << sample.netRxBytes << sample.netTxBytes;
    return bytes;
}

QList<MetricsSample> MetricsHistory::deserialize(const QByteArray &bytes)
{
    QList<MetricsSample> samples;
    QDataStream in(bytes);
    quint32 magic = 0;
    quint32 count = 0;
    in >> magic >> count;
    if (magic != FileMagic || count > 1000000)
        return samples;
    samples.reserve(count);
    for (quint32 i = 0; i < count && in.status() == QDataStream::Ok; ++i) {
        MetricsSample sample;
        qint32 processes = 0;
        in >> sample.atMs >> sample.cpuPercent >> sample.memoryBytes >> processes >> sample.diskBytes
            >> sample.netRxBytes >> sample.netTxBytes;
        sample.processes = processes;
        if (in.status() == QDataStream::Ok)
            samples.append(sample);
    }
    return samples;
}

QList<MetricsSample> MetricsHistory::filterSince(const QList<MetricsSample> &samples, qint64 sinceMs)
{
    QList<MetricsSample> result;
    for (const auto &sample : samples)
        if (sample.atMs >= sinceMs)
            result.append(sample);
    return result;
}

} // namespace OrkestrLocal
