#include "session/metricsdelta.h"

namespace OrkestrSession {

MetricsDelta MetricsDelta::between(const Orkestr::LatestMetrics &before, const Orkestr::LatestMetrics &after)
{
    MetricsDelta delta;
    for (auto it = before.sandboxes.cbegin(); it != before.sandboxes.cend(); ++it) {
        if (!after.sandboxes.contains(it.key()))
            delta.dropped.append(it.key());
    }
    delta.changed.reserve(after.sandboxes.size());
    for (auto it = after.sandboxes.cbegin(); it != after.sandboxes.cend(); ++it) {
        const auto previous = before.sandboxes.constFind(it.key());
        if (previous == before.sandboxes.cend() || previous.value() != it.value())
            delta.changed.append({it.key(), it.value()});
    }
    return delta;
}

} // namespace OrkestrSession
