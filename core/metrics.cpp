#include "core/metrics.h"

#include "core/jsonfields.h"
#include "core/sandbox.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

MetricsSample MetricsSample::fromJson(const QJsonObject &object)
{
    MetricsSample sample;
    sample.at = dateTimeFromJson(object.value(u"at"_s));
    sample.cpuPercent = object.value(u"cpu_percent"_s).toDouble();
    sample.memoryBytes = object.value(u"memory_bytes"_s).toInteger();
    sample.processes = object.value(u"processes"_s).toInteger();
    sample.diskBytes = object.value(u"disk_bytes"_s).toInteger();
    sample.netRxBytes = object.value(u"net_rx_bytes"_s).toInteger();
    sample.netTxBytes = object.value(u"net_tx_bytes"_s).toInteger();
    return sample;
}

QJsonObject MetricsSample::toJson() const
{
    return {{u"at"_s, dateTimeToJson(at)},  {u"cpu_percent"_s, cpuPercent}, {u"memory_bytes"_s, memoryBytes},
            {u"processes"_s, processes},    {u"disk_bytes"_s, diskBytes},   {u"net_rx_bytes"_s, netRxBytes},
            {u"net_tx_bytes"_s, netTxBytes}};
}

MetricsLimits MetricsLimits::fromJson(const QJsonObject &object)
{
    return {object.value(u"cpu"_s).toDouble(), object.value(u"memory_mb"_s).toInteger()};
}

QJsonObject MetricsLimits::toJson() const
{
    return {{u"cpu"_s, cpu}, {u"memory_mb"_s, memoryMb}};
}

SandboxMetrics SandboxMetrics::fromJson(const QJsonObject &object)
{
    SandboxMetrics metrics;
    metrics.intervalMs = object.value(u"interval_ms"_s).toInteger();
    metrics.limits = MetricsLimits::fromJson(object.value(u"limits"_s).toObject());
    metrics.samples = listFromJson<MetricsSample>(object.value(u"samples"_s));
    return metrics;
}

QJsonObject SandboxMetrics::toJson() const
{
    return {
        {u"interval_ms"_s, intervalMs}, {u"limits"_s, limits.toJson()}, {u"samples"_s, listToJson(samples)}};
}

LatestMetrics LatestMetrics::fromJson(const QJsonObject &object)
{
    LatestMetrics latest;
    const QJsonObject sandboxes = object.value(u"sandboxes"_s).toObject();
    latest.sandboxes.reserve(sandboxes.size());
    for (auto it = sandboxes.begin(); it != sandboxes.end(); ++it)
        latest.sandboxes.insert(it.key(), MetricsSample::fromJson(it.value().toObject()));
    return latest;
}

QJsonObject LatestMetrics::toJson() const
{
    QJsonObject sandboxesObject;
    for (auto it = sandboxes.cbegin(); it != sandboxes.cend(); ++it)
        sandboxesObject.insert(it.key(), it.value().toJson());
    return {{u"sandboxes"_s, sandboxesObject}};
}

} // namespace Orkestr
