#include "server/procfs.h"

#include <QDir>
#include <QFile>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace OrkestrLocal::ProcFs {

using namespace Qt::StringLiterals;

namespace {

// Reads a small /proc file whole with plain system calls (QFile's buffering costs more than the
// read itself here, and the sampler reads thousands of these).
QByteArray readSmall(const char *path, qsizetype max = 4096)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return {};
    QByteArray data;
    char buffer[4096];
    while (data.size() < max) {
        const auto n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        data.append(buffer, n);
    }
    ::close(fd);
    return data;
}

QByteArray procPath(qint64 pid, const char *entry)
{
    return "/proc/" + QByteArray::number(pid) + '/' + entry;
}

long pageBytes()
{
    static const long size = ::sysconf(_SC_PAGESIZE);
    return size;
}

} // namespace

std::optional<ProcessStat> readStat(qint64 pid)
{
    const QByteArray line = readSmall(procPath(pid, "stat").constData(), 1024);
    // The command name may hold spaces and parentheses: the fields start after the last ')'.
    const auto close = line.lastIndexOf(')');
    if (close < 0 || close + 2 >= line.size())
        return std::nullopt;
    const QList<QByteArray> fields = line.mid(close + 2).split(' ');
    // Counted from the state (field 3 of proc(5)): ppid 4, utime 14, stime 15, starttime 22, rss 24.
    if (fields.size() < 22)
        return std::nullopt;
    ProcessStat stat;
    stat.pid = pid;
    stat.state = fields.at(0).isEmpty() ? '?' : fields.at(0).at(0);
    stat.ppid = fields.at(1).toLongLong();
    stat.cpuTicks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    stat.startTicks = fields.at(19).toLongLong();
    stat.rssBytes = fields.at(21).toLongLong() * pageBytes();
    return stat;
}

quint64 pidNamespace(qint64 pid)
{
    struct stat st = {};
    if (::stat(procPath(pid, "ns/pid").constData(), &st) != 0)
        return 0;
    return st.st_ino;
}

QHash<quint64, QList<ProcessStat>> processesByNamespace(const QSet<quint64> &namespaces)
{
    QHash<quint64, QList<ProcessStat>> found;
    DIR *proc = ::opendir("/proc");
    if (!proc)
        return found;
    while (const dirent *entry = ::readdir(proc)) {
        char *end = nullptr;
        const qint64 pid = std::strtoll(entry->d_name, &end, 10);
        if (pid <= 0 || *end != '\0')
            continue;
        const quint64 ns = pidNamespace(pid);
        if (!namespaces.contains(ns))
            continue;
        if (const auto stat = readStat(pid))
            found[ns].append(*stat);
    }
    ::closedir(proc);
    return found;
}

QList<ProcessStat> namespaceProcesses(quint64 ns, const QList<qint64> &roots)
{
    QList<ProcessStat> found;
    QSet<qint64> seen;
    QList<qint64> pending = roots;
    while (!pending.isEmpty() && seen.size() < 100000) {
        const qint64 pid = pending.takeLast();
        if (seen.contains(pid))
            continue;
        seen.insert(pid);
        if (pidNamespace(pid) == ns) {
            if (const auto stat = readStat(pid))
                found.append(*stat);
        }
        // Children are listed per thread: a child forked by another thread is under that one.
        const QByteArray tasks = procPath(pid, "task");
        DIR *handle = ::opendir(tasks.constData());
        if (!handle)
            continue;
        while (const dirent *task = ::readdir(handle)) {
            if (task->d_name[0] == '.')
                continue;
            const QByteArray children
                = readSmall((tasks + '/' + task->d_name + "/children").constData(), 65536);
            for (const auto &child : children.split(' '))
                if (const qint64 childPid = child.trimmed().toLongLong(); childPid > 0)
                    pending.append(childPid);
        }
        ::closedir(handle);
    }
    return found;
}

qint64 namespacePid(qint64 pid)
{
    const QByteArray status = readSmall(procPath(pid, "status").constData(), 16384);
    const auto at = status.indexOf("\nNSpid:");
    if (at < 0)
        return -1;
    const auto end = status.indexOf('\n', at + 1);
    const QList<QByteArray> pids = status.mid(at + 7, end - at - 7).simplified().split(' ');
    bool ok = false;
    const qint64 inside = pids.constLast().toLongLong(&ok);
    return ok ? inside : -1;
}

QString commandLine(qint64 pid)
{
    QByteArray line = readSmall(procPath(pid, "cmdline").constData(), 8192);
    while (line.endsWith('\0'))
        line.chop(1);
    if (line.isEmpty())
        return u'[' + QString::fromUtf8(readSmall(procPath(pid, "comm").constData()).trimmed()) + u']';
    line.replace('\0', ' ');
    return QString::fromUtf8(line);
}

QString environmentValue(qint64 pid, QByteArrayView name)
{
    const QByteArray environment = readSmall(procPath(pid, "environ").constData(), 1024 * 1024);
    for (const auto &entry : environment.split('\0'))
        if (entry.size() > name.size() && entry.startsWith(name) && entry.at(name.size()) == '=')
            return QString::fromUtf8(entry.mid(name.size() + 1));
    return {};
}

qint64 clockTicksPerSecond()
{
    static const qint64 ticks = ::sysconf(_SC_CLK_TCK);
    return ticks;
}

qint64 ticksSinceBoot()
{
    timespec now = {};
    ::clock_gettime(CLOCK_BOOTTIME, &now);
    return qint64(now.tv_sec) * clockTicksPerSecond()
        + qint64(now.tv_nsec) * clockTicksPerSecond() / 1000000000;
}

QDateTime startTime(qint64 startTicks)
{
    const qint64 agoMs = (ticksSinceBoot() - startTicks) * 1000 / clockTicksPerSecond();
    return QDateTime::currentDateTimeUtc().addMSecs(-agoMs);
}

NetCounters networkCounters(qint64 pid)
{
    NetCounters counters;
    const QByteArray table = readSmall(procPath(pid, "net/dev").constData(), 65536);
    // Two header lines, then "  name: rx_bytes packets ... (8 receive fields) tx_bytes ...".
    const QList<QByteArray> lines = table.split('\n');
    for (qsizetype i = 2; i < lines.size(); ++i) {
        const auto colon = lines.at(i).indexOf(':');
        if (colon < 0 || lines.at(i).left(colon).trimmed() == "lo")
            continue;
        const QList<QByteArray> fields = lines.at(i).mid(colon + 1).simplified().split(' ');
        if (fields.size() < 9)
            continue;
        counters.rxBytes += fields.at(0).toLongLong();
        counters.txBytes += fields.at(8).toLongLong();
    }
    return counters;
}

namespace {
qint64 diskUsageOf(const QByteArray &dir, dev_t device, QSet<QPair<dev_t, ino_t>> &seen)
{
    DIR *handle = ::opendir(dir.constData());
    if (!handle)
        return 0;
    qint64 total = 0;
    while (const dirent *entry = ::readdir(handle)) {
        if (std::strcmp(entry->d_name, ".") == 0 || std::strcmp(entry->d_name, "..") == 0)
            continue;
        const QByteArray path = dir + '/' + entry->d_name;
        struct stat st = {};
        if (::lstat(path.constData(), &st) != 0 || st.st_dev != device)
            continue;
        if (st.st_nlink > 1 && !S_ISDIR(st.st_mode)) {
            if (seen.contains({st.st_dev, st.st_ino}))
                continue;
            seen.insert({st.st_dev, st.st_ino});
        }
        total += qint64(st.st_blocks) * 512;
        if (S_ISDIR(st.st_mode))
            total += diskUsageOf(path, device, seen);
    }
    ::closedir(handle);
    return total;
}
} // namespace

qint64 diskUsage(const QString &dir)
{
    const QByteArray path = QFile::encodeName(dir);
    struct stat st = {};
    if (::lstat(path.constData(), &st) != 0 || !S_ISDIR(st.st_mode))
        return 0;
    QSet<QPair<dev_t, ino_t>> seen;
    return diskUsageOf(path, st.st_dev, seen);
}

quint64 tcpSocketInode(qint64 pid, quint16 localPort, quint16 remotePort)
{
    const QByteArray table = readSmall(procPath(pid, "net/tcp").constData(), 4 * 1024 * 1024);
    const QByteArray local = ':' + QByteArray::number(localPort, 16).toUpper().rightJustified(4, '0');
    const QByteArray remote = ':' + QByteArray::number(remotePort, 16).toUpper().rightJustified(4, '0');
    // "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ..."
    for (const auto &line : table.split('\n')) {
        const QList<QByteArray> fields = line.simplified().split(' ');
        if (fields.size() < 10 || !fields.at(1).endsWith(local) || !fields.at(2).endsWith(remote))
            continue;
        return fields.at(9).toULongLong();
    }
    return 0;
}

bool holdsSocket(qint64 pid, quint64 inode)
{
    const QByteArray dir = procPath(pid, "fd");
    DIR *handle = ::opendir(dir.constData());
    if (!handle)
        return false;
    const QByteArray wanted = "socket:[" + QByteArray::number(inode) + ']';
    bool found = false;
    while (const dirent *entry = ::readdir(handle)) {
        char target[64];
        const auto length = ::readlinkat(::dirfd(handle), entry->d_name, target, sizeof target);
        if (length > 0 && QByteArrayView(target, length) == wanted) {
            found = true;
            break;
        }
    }
    ::closedir(handle);
    return found;
}

} // namespace OrkestrLocal::ProcFs
