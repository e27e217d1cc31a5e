#pragma once

// Reading /proc: the processes of a sandbox's PID namespace, their CPU time, resident memory,
// command lines and environment, a network namespace's counters and a directory's disk use.
// Plain functions without state; callers decide on which thread they run (server/metricssampler.h
// runs them on its own).

#include <QByteArrayView>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>

#include <optional>

namespace OrkestrLocal::ProcFs {

// /proc/<pid>/stat of one process (host pids).
struct ProcessStat
{
    qint64 pid = 0;
    qint64 ppid = 0;
    char state = 0;
    qint64 cpuTicks = 0; // utime + stime, in clock ticks
    qint64 startTicks = 0; // since boot, in clock ticks
    qint64 rssBytes = 0;
};

std::optional<ProcessStat> readStat(qint64 pid);
// The inode of the PID namespace of pid (0 when it is gone or unreadable).
quint64 pidNamespace(qint64 pid);
// Every process by the PID namespace it is in, for the namespaces asked for: one pass over /proc.
QHash<quint64, QList<ProcessStat>> processesByNamespace(const QSet<quint64> &namespaces);
// The processes of one PID namespace found from their roots (the namespace's init and the host
// processes that entered it, e.g. nsenter) and the children of every thread below them: only
// the namespace's own processes are read, not all of /proc.
QList<ProcessStat> namespaceProcesses(quint64 ns, const QList<qint64> &roots);
// The pid as its own namespace sees it (the last NSpid of /proc/<pid>/status), or -1.
qint64 namespacePid(qint64 pid);
// The command line, arguments joined by spaces ("[comm]" for a process without one).
QString commandLine(qint64 pid);
// The value of one variable of the process's initial environment, or a null string.
QString environmentValue(qint64 pid, QByteArrayView name);

qint64 clockTicksPerSecond();
// When a process that started at startTicks (since boot) started.
QDateTime startTime(qint64 startTicks);
// Clock ticks since boot now (CLOCK_BOOTTIME).
qint64 ticksSinceBoot();

// Bytes received and sent on the interfaces other than loopback of pid's network namespace.
struct NetCounters
{
    qint64 rxBytes = 0;
    qint64 txBytes = 0;
};
NetCounters networkCounters(qint64 pid);

// Disk space the files below dir take (allocated blocks, hard links counted once); symlinks
// and other file systems are not followed.
qint64 diskUsage(const QString &dir);

// The inode of the TCP socket connected from 127.0.0.1:localPort to port remotePort in pid's
// network namespace (0 if there is none).
quint64 tcpSocketInode(qint64 pid, quint16 localPort, quint16 remotePort);
// Whether the process holds a descriptor of the socket with this inode.
bool holdsSocket(qint64 pid, quint64 inode);

} // namespace OrkestrLocal::ProcFs
