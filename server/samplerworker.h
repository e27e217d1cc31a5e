#pragma once

#include "server/metricshistory.h"
#include "server/sandboxprocesses.h"

#include <QElapsedTimer>
#include <QHash>
#include <QList>

#include <optional>

namespace OrkestrLocal {

// A process the whole-sandbox memory limit takes (host pid and start time, so that a reused pid
// is not killed by mistake).
struct MemoryVictim
{
    qint64 hostPid = 0;
    qint64 startTicks = 0;
    qint64 pid = 0; // inside the sandbox
    qint64 rssBytes = 0;
    QString command;
    QString execId;
};

struct SandboxReading
{
    QString id;
    MetricsSample sample;
    QByteArray json; // the sample as compact JSON
    qint64 memoryLimitBytes = 0;
    // Over its memory limit: its largest processes, as many as it takes to be under it again.
    QList<MemoryVictim> victims;
};

// The /proc work of the metrics sampler, on its own thread (server/metricssampler.h): it is
// not thread-safe and is only ever called there.
class SamplerWorker
{
public:
    // Disk use is measured again when it is older than this, within a time budget per reading.
    static constexpr qint64 DiskRefreshMs = 20000;
    static constexpr qint64 DiskBudgetMs = 200;

    // One reading of every sandbox: one pass over /proc for all of them.
    QList<SandboxReading> sample(const QList<SandboxTarget> &targets);
    QList<SandboxProcess> processes(const SandboxTarget &target);
    // Sends signal to the user process with this pid (as seen inside); its command, or nullopt
    // when the sandbox has no such process.
    std::optional<QString> signal(const SandboxTarget &target, qint64 pid, int signal);
    // SIGKILL to a process taken by the memory limit, unless its pid now names another process.
    static bool kill(const MemoryVictim &victim);
    // The sandbox ended: its network counters' base goes.
    void forget(const QString &id) { m_net.remove(id); }

private:
    QList<ProcFs::ProcessStat> namespaceOf(const SandboxTarget &target);
    qint64 diskUsage(const SandboxTarget &target, QElapsedTimer &budget);
    QList<MemoryVictim> victims(const SandboxTarget &target, const QList<ProcFs::ProcessStat> &inNamespace,
                                const QList<ProcFs::ProcessStat> &user, qint64 totalRss) const;

    QHash<QString, CpuTracker> m_cpu;
    struct Disk
    {
        qint64 bytes = 0;
        QElapsedTimer measured;
    };
    QHash<QString, Disk> m_disk;
    // Network counters start again when a resume gives the sandbox a new namespace and proxy:
    // what was counted before is kept as a base (across pauses, until the sandbox ends).
    struct NetBase
    {
        qint64 rxBase = 0, txBase = 0, rxLast = 0, txLast = 0;
    };
    void addNetwork(const SandboxTarget &target, MetricsSample &sample);
    QHash<QString, NetBase> m_net;
};

} // namespace OrkestrLocal
