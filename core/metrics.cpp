#include "core/metrics.h"

#include "core/jsonfields.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
constexpr auto SampleFields = std::tuple {
    JsonField {u"at", &MetricsSample::at},
    JsonField {u"cpu_percent", &MetricsSample::cpuPercent},
    JsonField {u"memory_bytes", &MetricsSample::memoryBytes},
    JsonField {u"processes", &MetricsSample::processes},
    JsonField {u"disk_bytes", &MetricsSample::diskBytes},
    JsonField {u"net_rx_bytes", &MetricsSample::netRxBytes},
    JsonField {u"net_tx_bytes", &MetricsSample::netTxBytes},
};
constexpr auto LimitsFields = std::tuple {
    JsonField {u"cpu", &MetricsLimits::cpu},
    JsonField {u"memory_mb", &MetricsLimits::memoryMb},
};
constexpr auto HistoryFields = std::tuple {
    JsonField {u"interval_ms", &SandboxMetrics::intervalMs},
    JsonField {u"limits", &SandboxMetrics::limits},
    JsonField {u"samples", &SandboxMetrics::samples},
};
} // namespace

ORKESTR_WIRE_VALUE_FIELDS(MetricsSample, SampleFields)
ORKESTR_WIRE_VALUE_FIELDS(MetricsLimits, LimitsFields)
ORKESTR_WIRE_VALUE_FIELDS(SandboxMetrics, HistoryFields)

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
