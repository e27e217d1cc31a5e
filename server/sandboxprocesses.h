#pragma once

// The processes of one sandbox as the API shows them: from the host's view of its PID namespace
// (server/procfs.h), without the sandbox's own init, with pids as seen inside and the exec each
// one belongs to.

#include "server/procfs.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>

namespace OrkestrLocal {

// What the sampler knows of one running sandbox (a copy: it is read on the sampler's thread).
struct SandboxTarget
{
    QString id;
    qint64 initPid = 0; // host pid of the sandbox's PID 1
    // Host pid of each running exec's process (nsenter, outside the sandbox) and the exec's id.
    QHash<qint64, QString> execPids;
    qint64 memoryLimitBytes = 0;
    QString dir; // the host directory holding its workspace and tmp
    bool ownNetwork = false; // network "off" or "restricted": a namespace of its own
    qint64 proxyRxBytes = 0; // what its restricted proxy relayed to it so far
    qint64 proxyTxBytes = 0;
};

struct SandboxProcess
{
    ProcFs::ProcessStat host; // pids as the host sees them
    qint64 pid = 0; // as seen inside the sandbox
    qint64 ppid = 0; // inside; 0 when its parent is outside (the server's nsenter, for an exec)
    QString command;
    QString execId; // empty: not known
    double cpuPercent = 0;

    QJsonObject toJson() const;
};

// CPU use per process of one sandbox between the sampler's readings: each reading gives every
// process the share of one core it used since the previous one.
class CpuTracker
{
public:
    // Percent of one core each of these processes used since the last update (all its CPU time if
    // it started since then), and remembers their times. Processes not seen again are forgotten.
    QHash<qint64, double> update(const QList<ProcFs::ProcessStat> &processes, qint64 nowTicks);
    // The percent of the last update, or for a process the tracker has not seen yet its average
    // since it started.
    double percent(const ProcFs::ProcessStat &process, qint64 nowTicks) const;

private:
    struct Seen
    {
        qint64 startTicks = 0;
        qint64 cpuTicks = 0;
        qint64 atTicks = 0;
        double percent = 0;
    };
    QHash<qint64, Seen> m_seen;
};

// The processes of a sandbox's PID namespace other than the sandbox's init (its PID 1, bwrap) and
// the init's placeholder command (PID 2): host view, in no particular order.
QList<ProcFs::ProcessStat> userProcesses(const QList<ProcFs::ProcessStat> &inNamespace, qint64 initPid);

// The exec a process belongs to: the exec whose process is its nearest ancestor outside the
// sandbox, else (re-parented to the init after its shell ended) the ORKESTR_EXEC_ID it inherited.
QString execOf(const ProcFs::ProcessStat &process, const QHash<qint64, ProcFs::ProcessStat> &sandboxByPid,
               const QHash<qint64, QString> &execPids);

// The full view of each user process of a sandbox (reads status, cmdline and maybe environ).
QList<SandboxProcess> describeProcesses(const SandboxTarget &target,
                                        const QList<ProcFs::ProcessStat> &inNamespace, const CpuTracker &cpu);

} // namespace OrkestrLocal
