#pragma once

#include "server/samplerworker.h"

#include <QObject>

namespace OrkestrLocal {

class ActivityRecorder;
class CgroupLimits;
class MetricsSampler;
class SandboxStore;

// The whole-sandbox memory limit where cgroup v2 cannot be used: when a reading of the sampler
// finds a sandbox's processes together over its memory_mb, its largest processes are killed
// (SIGKILL), as many as it takes to bring it under. Each kill is journaled as process.signalled
// (actor: the system, reason memory_limit), and an exec that lost a process ends as killed with
// reason memory_limit (ExecRunner::noteMemoryLimitKill). RLIMIT_DATA still bounds each process on
// its own between readings. Sandboxes whose memory.max is in force (cgroups) are left to the
// kernel's OOM killer.
class MemoryLimit : public QObject
{
    Q_OBJECT
public:
    MemoryLimit(MetricsSampler &sampler, SandboxStore &store, ActivityRecorder &activity,
                const CgroupLimits *cgroups = nullptr, QObject *parent = nullptr);

    void enforce(const QString &id, const QList<MemoryVictim> &victims);

private:
    SandboxStore &m_store;
    ActivityRecorder &m_activity;
    const CgroupLimits *m_cgroups;
};

} // namespace OrkestrLocal
