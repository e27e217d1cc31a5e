#pragma once

// The Extensions' metrics objects: one sample of a sandbox (MetricsSample), a sandbox's history
// with its limits (SandboxMetrics), and the latest sample of every running sandbox
// (LatestMetrics). Parsed leniently like core/sandbox.h: a missing or mistyped field reads as 0
// or empty.

#include "core/wirevalue.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Orkestr {

// What a sandbox used at one moment.
struct MetricsSample
{
    QDateTime at;
    double cpuPercent = 0; // of one core: 200 is two full cores
    qint64 memoryBytes = 0; // resident memory of all the sandbox's processes
    qint64 processes = 0;
    qint64 diskBytes = 0; // what /workspace and /tmp hold; may lag up to 30 s
    qint64 netRxBytes = 0; // cumulative since creation
    qint64 netTxBytes = 0;

    ORKESTR_WIRE_VALUE(MetricsSample);
};

// The limits a sandbox's samples are measured against.
struct MetricsLimits
{
    double cpu = 0; // cores
    qint64 memoryMb = 0;

    qint64 memoryBytes() const { return memoryMb * 1024 * 1024; }
    ORKESTR_WIRE_VALUE(MetricsLimits);
};

// GET /v1/sandboxes/{id}/metrics: the samples since a moment, oldest first. None are taken while
// the sandbox is paused: that time is a gap between two samples.
struct SandboxMetrics
{
    qint64 intervalMs = 0; // how often the server samples
    MetricsLimits limits;
    QList<MetricsSample> samples;

    ORKESTR_WIRE_VALUE(SandboxMetrics);
};

// GET /v1/metrics: the latest sample of every running sandbox, by sandbox id.
struct LatestMetrics
{
    QHash<QString, MetricsSample> sandboxes;

    ORKESTR_WIRE_VALUE(LatestMetrics);
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::MetricsSample)
