#pragma once

#include "core/metrics.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace OrkestrSession {

// What changed from one answer of GET /v1/metrics to the next: worked out on a worker thread, so
// that the GUI thread applies only the changed samples and looks up no unchanged sandbox.
struct MetricsDelta
{
    struct Change
    {
        QString sandboxId;
        Orkestr::MetricsSample sample;
        friend bool operator==(const Change &, const Change &) = default;
    };

    QList<Change> changed; // sandboxes new to the answer, and those with another sample
    QStringList dropped; // sandboxes that left it (paused, ended)

    bool isEmpty() const { return changed.isEmpty() && dropped.isEmpty(); }
    // O(size of both answers); thread-safe (touches nothing but its arguments).
    static MetricsDelta between(const Orkestr::LatestMetrics &before, const Orkestr::LatestMetrics &after);
};

} // namespace OrkestrSession
