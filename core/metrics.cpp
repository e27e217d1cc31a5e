#include "core/metrics.h"

#include "core/wirefields.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

ORKESTR_WIRE_VALUE_FIELDS(MetricsSample, MetricsSampleFields)
ORKESTR_WIRE_VALUE_FIELDS(MetricsLimits, MetricsLimitsFields)
ORKESTR_WIRE_VALUE_FIELDS(SandboxMetrics, SandboxMetricsFields)

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
