#pragma once

#include "session/metricspoller.h"

#include <QHash>
#include <QList>
#include <QMetaType>
#include <QObject>
#include <QPointer>
#include <QString>

#include <array>

namespace OrkestrUi {

// The last values of one measure in a ring of fixed size, oldest first: what one sparkline cell
// of the sandbox list draws. Appending never allocates, however many samples come.
class SparkSeries
{
public:
    // Three minutes of samples taken every 2 s.
    static constexpr int Capacity = 90;

    void append(float value);
    int size() const { return m_size; }
    bool isEmpty() const { return m_size == 0; }
    // 0 is the oldest value kept, size() - 1 the newest.
    float at(int i) const { return m_values[size_t((m_next - m_size + i + Capacity) % Capacity)]; }
    float last() const { return at(m_size - 1); }
    float maximum() const;

private:
    std::array<float, Capacity> m_values {};
    int m_next = 0;
    int m_size = 0;
};

// What the sandbox list knows of the recent use of each running sandbox: CPU (percent of one core)
// and resident memory (bytes), one SparkSeries each, fed from the session's MetricsPoller. Looking
// up a sandbox costs the same for 10,000 sandboxes as for ten, so a cell can ask on every paint.
// The list keeps its own compact copy (floats in a fixed ring, 736 bytes a sandbox) rather than
// drawing from the poller's points: a paint then reads one pointer per cell, and an update
// allocates nothing.
class SandboxUsage : public QObject
{
    Q_OBJECT
public:
    struct Trace
    {
        SparkSeries cpuPercent;
        SparkSeries memoryBytes;
    };
    struct Sample
    {
        QString sandboxId;
        double cpuPercent = 0;
        double memoryBytes = 0;
    };

    explicit SandboxUsage(QObject *parent = nullptr);

    // nullptr for a sandbox without samples. Valid until the next change of this object.
    const Trace *trace(const QString &sandboxId) const;
    int sandboxCount() const { return int(m_traces.size()); }

    // One new sample for each sandbox named; then one changed() for all of them.
    void record(const QList<Sample> &samples);
    // Sandboxes no longer sampled (paused, ended): their history goes, so that a resumed sandbox
    // starts a new line rather than joining the old one across the gap.
    void forget(const QStringList &sandboxIds);

    // Takes the poller's samples from now on: a changed sandbox gets its new sample (one seen for
    // the first time, its recent points too), one the poller dropped is forgotten.
    void follow(OrkestrSession::MetricsPoller *poller);
    // While demanded (the list is visible), the poller polls; not otherwise.
    void setDemanded(bool demanded);
    bool isDemanded() const { return m_demand.isHeld(); }

Q_SIGNALS:
    void changed(const QStringList &sandboxIds);

private:
    void takeFromPoller(const QList<OrkestrSession::MetricsDelta::Change> &samples,
                        const QStringList &dropped);

    QHash<QString, Trace> m_traces;
    QPointer<OrkestrSession::MetricsPoller> m_poller;
    OrkestrSession::MetricsPoller::Demand m_demand;
};

} // namespace OrkestrUi

Q_DECLARE_METATYPE(const OrkestrUi::SparkSeries *)
