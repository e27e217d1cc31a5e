#include "server/sandboxprocesses.h"

#include "server/sandbox.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

QJsonObject SandboxProcess::toJson() const
{
    return {{u"pid"_s, pid},
            {u"ppid"_s, ppid},
            {u"command"_s, command},
            {u"state"_s, QString(QLatin1Char(host.state))},
            {u"cpu_percent"_s, qRound(cpuPercent * 10) / 10.0},
            {u"memory_bytes"_s, host.rssBytes},
            {u"started_at"_s, timestamp(ProcFs::startTime(host.startTicks))},
            {u"exec_id"_s, stringOrNull(execId)}};
}

QHash<qint64, double> CpuTracker::update(const QList<ProcFs::ProcessStat> &processes, qint64 nowTicks)
{
    QHash<qint64, Seen> next;
    QHash<qint64, double> percents;
    next.reserve(processes.size());
    for (const auto &process : processes) {
        const auto before = m_seen.constFind(process.pid);
        // A pid seen before with another start time is a new process under a reused pid.
        const bool known = before != m_seen.cend() && before->startTicks == process.startTicks;
        const qint64 sinceTicks = known ? before->atTicks : process.startTicks;
        const qint64 usedTicks = process.cpuTicks - (known ? before->cpuTicks : 0);
        const qint64 elapsed = nowTicks - sinceTicks;
        const double percent
            = elapsed > 0 ? std::max<double>(0, 100.0 * double(usedTicks) / double(elapsed)) : 0;
        percents.insert(process.pid, percent);
        next.insert(process.pid, {process.startTicks, process.cpuTicks, nowTicks, percent});
    }
    m_seen = std::move(next);
    return percents;
}

double CpuTracker::percent(const ProcFs::ProcessStat &process, qint64 nowTicks) const
{
    const auto seen = m_seen.constFind(process.pid);
    if (seen != m_seen.cend() && seen->startTicks == process.startTicks)
        return seen->percent;
    const qint64 elapsed = nowTicks - process.startTicks;
    return elapsed > 0 ? 100.0 * double(process.cpuTicks) / double(elapsed) : 0;
}

QList<ProcFs::ProcessStat> userProcesses(const QList<ProcFs::ProcessStat> &inNamespace, qint64 initPid)
{
    // bwrap's PID 1 forks the init's command first: it is PID 2, the init's oldest child. Ending
    // it would end the sandbox, so it is hidden like the init itself.
    const ProcFs::ProcessStat *placeholder = nullptr;
    for (const auto &process : inNamespace)
        if (process.ppid == initPid
            && (!placeholder
                || std::pair(process.startTicks, process.pid)
                    < std::pair(placeholder->startTicks, placeholder->pid)))
            placeholder = &process;
    QList<ProcFs::ProcessStat> user;
    user.reserve(inNamespace.size());
    for (const auto &process : inNamespace)
        if (process.pid != initPid && &process != placeholder)
            user.append(process);
    return user;
}

QString execOf(const ProcFs::ProcessStat &process, const QHash<qint64, ProcFs::ProcessStat> &sandboxByPid,
               const QHash<qint64, QString> &execPids)
{
    qint64 parent = process.ppid;
    // Up the tree while inside the sandbox; the first parent outside is an exec's nsenter or the
    // bwrap outside the namespace (for the init's orphans: no exec by ancestry).
    for (int depth = 0; depth < 4096; ++depth) {
        const auto up = sandboxByPid.constFind(parent);
        if (up == sandboxByPid.cend())
            break;
        parent = up->ppid;
    }
    if (const auto exec = execPids.constFind(parent); exec != execPids.cend())
        return *exec;
    const QString inherited = ProcFs::environmentValue(process.pid, "ORKESTR_EXEC_ID");
    return inherited.startsWith(u"exe_"_s) ? inherited : QString();
}

QList<SandboxProcess> describeProcesses(const SandboxTarget &target,
                                        const QList<ProcFs::ProcessStat> &inNamespace, const CpuTracker &cpu)
{
    QHash<qint64, ProcFs::ProcessStat> byPid;
    for (const auto &process : inNamespace)
        byPid.insert(process.pid, process);
    const qint64 now = ProcFs::ticksSinceBoot();
    QList<SandboxProcess> processes;
    for (const auto &stat : userProcesses(inNamespace, target.initPid)) {
        SandboxProcess process;
        process.host = stat;
        process.pid = ProcFs::namespacePid(stat.pid);
        if (process.pid <= 0)
            continue; // gone meanwhile
        const auto parent = byPid.constFind(stat.ppid);
        process.ppid = parent == byPid.cend() ? 0 : ProcFs::namespacePid(stat.ppid);
        process.command = ProcFs::commandLine(stat.pid);
        process.execId = execOf(stat, byPid, target.execPids);
        process.cpuPercent = cpu.percent(stat, now);
        processes.append(process);
    }
    return processes;
}

} // namespace OrkestrLocal
