#pragma once

#include <QByteArray>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>

#include <optional>

class QTimer;

namespace OrkestrLocal {

// Where the server's own cgroup v2 directory is, read from /proc/self/cgroup and
// /proc/self/mountinfo (given as text, so that the parsing can be tested with fixed inputs).
namespace CgroupDetection {

// The path of the "0::" line (the unified hierarchy), e.g. "/user.slice/orkestr-local.service".
std::optional<QString> unifiedPath(const QByteArray &procSelfCgroup);

struct Mount
{
    QString root; // the directory of the hierarchy that is mounted (field 4)
    QString mountPoint; // where (field 5)
};
// Every cgroup2 mount in a mountinfo text, in file order (octal escapes such as \040 decoded).
QList<Mount> cgroup2Mounts(const QByteArray &mountinfo);

// The directory of the cgroup at path on the host's file system, through the last cgroup2 mount
// that shows it; empty when none does.
QString directoryOf(const QString &path, const QList<Mount> &mounts);

} // namespace CgroupDetection

// Memory and CPU limits of sandboxes through cgroup v2 where the server may use it: below a root
// directory (--cgroup-root, or the server's own cgroup when that is delegated to it) it makes
// "sandboxes/" with the memory and cpu controllers enabled for its children (the server first
// moves itself into a leaf "server/" if its cgroup holds processes: cgroup v2 lets only leaves
// hold them), and one child per sandbox with memory.max, memory.swap.max and cpu.max. The
// sandbox's init and every command started in it join that child; when the sandbox stops, its
// processes are killed through cgroup.kill and the child is removed. Where any of it cannot be
// done, limits fall back to RLIMIT_DATA, the sampler's whole-sandbox memory limit and the CPU
// affinity (see docs/server.md), with a warning; a sandbox never fails to start for it.
class CgroupLimits : public QObject
{
    Q_OBJECT
public:
    // root: the directory to use; empty: the server's own cgroup, if any.
    explicit CgroupLimits(const QString &root, QObject *parent = nullptr);
    ~CgroupLimits() override;

    // Whether the hierarchy is set up for sandboxes, and the directory their cgroups go in.
    bool usable() const { return !m_sandboxesDir.isEmpty(); }
    bool limitsCpu() const { return m_cpu; }
    QString sandboxesDir() const { return m_sandboxesDir; }
    // For the isolation summary: which limits go through cgroup v2, or why none does.
    QString summary() const;

    // Makes the sandbox's cgroup and writes its limits; false (with a warning logged) when not
    // usable or it failed, and the sandbox then runs under the fallback limits.
    bool prepare(const QString &id, int memoryMb, double cpu);
    // Moves the sandbox's init (and what it started) into its cgroup; on failure the cgroup is removed again
    // and the sandbox runs under the fallback limits.
    bool attach(const QString &id, qint64 pid);
    // Whether the sandbox's memory limit is the kernel's (its init joined its cgroup).
    bool limits(const QString &id) const { return m_attached.contains(id); }
    // The cgroup.procs file a command started in the sandbox writes its pid to, as the child
    // process needs it (encoded path); empty when the sandbox has no cgroup.
    QByteArray procsFile(const QString &id) const;
    // How many of the sandbox's processes the kernel's OOM killer ended (memory.events'
    // oom_kill), or -1 when unknown.
    qint64 oomKills(const QString &id) const;
    // Kills what is left in the sandbox's cgroup and removes it (retried while the kernel still
    // counts dying processes in it).
    void release(const QString &id);

private:
    bool setUp(const QString &root, bool given);
    void tryRemove(const QString &id);
    QString sandboxDir(const QString &id) const { return m_sandboxesDir + u'/' + id; }

    QString m_sandboxesDir;
    QString m_problem; // why cgroup v2 is not used
    bool m_cpu = false;
    QSet<QString> m_prepared; // their cgroup exists
    QSet<QString> m_attached; // and their init is in it
    QHash<QString, int> m_removing; // id -> attempts so far
    QTimer *m_retry = nullptr;
};

} // namespace OrkestrLocal
