#include "server/samplerworker.h"

#include <QDateTime>
#include <QSet>

#include <algorithm>
#include <csignal>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

QList<SandboxReading> SamplerWorker::sample(const QList<SandboxTarget> &targets)
{
    QHash<quint64, const SandboxTarget *> byNamespace;
    for (const auto &target : targets)
        if (const quint64 ns = ProcFs::pidNamespace(target.initPid))
            byNamespace.insert(ns, &target);
    const QSet<quint64> wanted(byNamespace.keyBegin(), byNamespace.keyEnd());
    const auto processes = ProcFs::processesByNamespace(wanted);
    const qint64 nowTicks = ProcFs::ticksSinceBoot();
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    QElapsedTimer diskBudget;
    diskBudget.start();

    QList<SandboxReading> readings;
    QSet<QString> seen;
    for (auto it = byNamespace.cbegin(); it != byNamespace.cend(); ++it) {
        const SandboxTarget &target = **it;
        const QList<ProcFs::ProcessStat> inNamespace = processes.value(it.key());
        const QList<ProcFs::ProcessStat> user = userProcesses(inNamespace, target.initPid);
        SandboxReading reading;
        reading.id = target.id;
        reading.memoryLimitBytes = target.memoryLimitBytes;
        MetricsSample &sample = reading.sample;
        sample.atMs = nowMs;
        sample.processes = int(user.size());
        for (const double percent : m_cpu[target.id].update(user, nowTicks))
            sample.cpuPercent += percent;
        for (const auto &process : user)
            sample.memoryBytes += process.rssBytes;
        sample.diskBytes = diskUsage(target, diskBudget);
        addNetwork(target, sample);
        reading.json = sample.toJsonBytes();
        if (target.memoryLimitBytes > 0 && sample.memoryBytes > target.memoryLimitBytes)
            reading.victims = victims(target, inNamespace, user, sample.memoryBytes);
        seen.insert(target.id);
        readings.append(reading);
    }
    // Sandboxes no longer sampled (paused, ended): their trackers go; a resumed sandbox starts over.
    m_cpu.removeIf([&seen](const auto &entry) { return !seen.contains(entry.key()); });
    m_disk.removeIf([&seen](const auto &entry) { return !seen.contains(entry.key()); });
    return readings;
}

void SamplerWorker::addNetwork(const SandboxTarget &target, MetricsSample &sample)
{
    if (target.ownNetwork) {
        const auto counters = ProcFs::networkCounters(target.initPid);
        sample.netRxBytes = counters.rxBytes;
        sample.netTxBytes = counters.txBytes;
    }
    sample.netRxBytes += target.proxyRxBytes;
    sample.netTxBytes += target.proxyTxBytes;
    NetBase &net = m_net[target.id];
    if (sample.netRxBytes < net.rxLast || sample.netTxBytes < net.txLast) {
        net.rxBase += net.rxLast;
        net.txBase += net.txLast;
    }
    net.rxLast = sample.netRxBytes;
    net.txLast = sample.netTxBytes;
    sample.netRxBytes += net.rxBase;
    sample.netTxBytes += net.txBase;
}

QList<ProcFs::ProcessStat> SamplerWorker::namespaceOf(const SandboxTarget &target)
{
    const quint64 ns = ProcFs::pidNamespace(target.initPid);
    if (ns == 0)
        return {};
    QList<qint64> roots {target.initPid};
    for (auto it = target.execPids.cbegin(); it != target.execPids.cend(); ++it)
        roots.append(it.key());
    return ProcFs::namespaceProcesses(ns, roots);
}

QList<SandboxProcess> SamplerWorker::processes(const SandboxTarget &target)
{
    return describeProcesses(target, namespaceOf(target), m_cpu.value(target.id));
}

std::optional<QString> SamplerWorker::signal(const SandboxTarget &target, qint64 pid, int signal)
{
    const auto inNamespace = namespaceOf(target);
    for (const auto &process : userProcesses(inNamespace, target.initPid)) {
        if (ProcFs::namespacePid(process.pid) != pid)
            continue;
        const QString command = ProcFs::commandLine(process.pid);
        if (::kill(pid_t(process.pid), signal) != 0)
            return std::nullopt; // it ended meanwhile
        return command;
    }
    return std::nullopt;
}

bool SamplerWorker::kill(const MemoryVictim &victim)
{
    const auto now = ProcFs::readStat(victim.hostPid);
    if (!now || now->startTicks != victim.startTicks)
        return false;
    return ::kill(pid_t(victim.hostPid), SIGKILL) == 0;
}

qint64 SamplerWorker::diskUsage(const SandboxTarget &target, QElapsedTimer &budget)
{
    Disk &disk = m_disk[target.id];
    const bool stale = !disk.measured.isValid() || disk.measured.elapsed() > DiskRefreshMs;
    // A sandbox never measured is measured at once; later ones wait for a reading with time left.
    if (stale && (!disk.measured.isValid() || budget.elapsed() < DiskBudgetMs)) {
        disk.bytes
            = ProcFs::diskUsage(target.dir + u"/workspace"_s) + ProcFs::diskUsage(target.dir + u"/tmp"_s);
        disk.measured.start();
    }
    return disk.bytes;
}

QList<MemoryVictim> SamplerWorker::victims(const SandboxTarget &target,
                                           const QList<ProcFs::ProcessStat> &inNamespace,
                                           const QList<ProcFs::ProcessStat> &user, qint64 totalRss) const
{
    QList<ProcFs::ProcessStat> largestFirst = user;
    std::sort(largestFirst.begin(), largestFirst.end(),
              [](const auto &a, const auto &b) { return a.rssBytes > b.rssBytes; });
    QHash<qint64, ProcFs::ProcessStat> byPid;
    for (const auto &process : inNamespace)
        byPid.insert(process.pid, process);
    QList<MemoryVictim> taken;
    for (const auto &process : std::as_const(largestFirst)) {
        if (totalRss <= target.memoryLimitBytes)
            break;
        MemoryVictim victim;
        victim.hostPid = process.pid;
        victim.startTicks = process.startTicks;
        victim.pid = ProcFs::namespacePid(process.pid);
        victim.rssBytes = process.rssBytes;
        victim.command = ProcFs::commandLine(process.pid);
        victim.execId = execOf(process, byPid, target.execPids);
        taken.append(victim);
        totalRss -= process.rssBytes;
    }
    return taken;
}

} // namespace OrkestrLocal
