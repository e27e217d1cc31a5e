#pragma once

#include "server/samplerworker.h"

#include <QObject>

namespace OrkestrLocal {

class ActivityRecorder;
class MetricsSampler;
class SandboxStore;

// The whole-sandbox memory limit where cgroup v2 cannot be used: when a reading of the sampler
// finds a sandbox's processes together over its memory_mb, its largest processes are killed
// (SIGKILL), as many as it takes to bring it under. Each kill is journaled as process.signalled
// (actor: the system, reason memory_limit), and an exec that lost a process ends as killed with
// reason memory_limit (ExecRunner::noteMemoryLimitKill). RLIMIT_DATA still bounds each process on
// its own between readings.
class MemoryLimit : public QObject
{
    Q_OBJECT
public:
    MemoryLimit(MetricsSampler &sampler, SandboxStore &store, ActivityRecorder &activity,
                QObject *parent = nullptr);

    void enforce(const QString &id, const QList<MemoryVictim> &victims);

private:
    SandboxStore &m_store;
    ActivityRecorder &m_activity;
};

} // namespace OrkestrLocal
