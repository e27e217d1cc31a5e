#pragma once

#include "server/apiserver.h"
#include "server/childprocess.h"
#include "server/networkproxy.h"
#include "server/requestparsing.h"
#include "server/sandbox.h"

#include <QHash>
#include <QObject>
#include <QProcessEnvironment>

#include <functional>

namespace OrkestrLocal {

class CgroupLimits;
class SandboxStore;

struct Template
{
    QString name;
    QString description;
    QString runtime; // the host program the template needs, seen through the sandbox's /usr
    bool available = false;
};

// A command to run inside a sandbox (nsenter into its namespaces, without capabilities).
struct SandboxCommand
{
    QString program;
    QStringList arguments;
    QProcessEnvironment environment;
    ChildSetup setup;
    // Whether the kernel's OOM killer acted in the sandbox since the command was made (its cgroup's
    // memory.max); empty where the sandbox has no cgroup.
    std::function<bool()> oomKilledSince;
};

// The isolation of sandboxes: the bubblewrap init that holds a sandbox's namespaces, nsenter for
// commands, signals to every process of a sandbox, and the tar snapshots. Every long operation is
// asynchronous: it reports through a callback on the event loop, which it never blocks.
class SandboxRuntime : public QObject
{
    Q_OBJECT
public:
    // ok, or why not
    using Done = std::function<void(bool ok, const QString &error)>;

    SandboxRuntime(const ServerConfig &config, SandboxStore &store, QObject *parent = nullptr);
    ~SandboxRuntime() override;

    const QList<Template> &templates() const { return m_templates; }
    // Why a template cannot be used (unknown, or its runtime missing on the host), or empty.
    QString templateProblem(const QString &name) const;
    // The hosts that sandboxes with network "restricted" may reach through their proxy.
    void setAllowedHosts(const HostAllowList &hosts) { m_allowedHosts = hosts; }
    // Sandboxes' memory and cpu limits through cgroup v2 where usable (it must outlive this).
    void setCgroupLimits(CgroupLimits *limits) { m_cgroups = limits; }
    // One line for the startup log: which isolation and limits are in force.
    QString isolationSummary() const;

    // Starts the sandbox's init; done once it runs its command (the namespaces are ready for
    // execs), or failed. stopInit() before then ends the start with an error.
    void startInit(Sandbox &sandbox, Done done);
    // Kills the init and everything in the sandbox.
    void stopInit(Sandbox &sandbox);
    void signalAll(const Sandbox &sandbox, int signal) const;

    // tar of the sandbox's workspace and tmp into its snapshot (written aside, then renamed).
    void writeSnapshot(const QString &id, Done done);
    // Unpacks the snapshot into the sandbox's directory.
    void restoreSnapshot(const QString &id, Done done);

    // onTerminal: the command leads a new session whose controlling terminal is its stdin (see
    // server/ptysession.h), with TERM=xterm-256color.
    SandboxCommand command(const Sandbox &sandbox, const ExecRequest &request, bool onTerminal = false) const;

Q_SIGNALS:
    // The init died on its own (not through stopInit).
    void initDied(const QString &id);
    // The proxy of a restricted sandbox refused a connection (before the client hears of it).
    void networkDenied(const QString &id, const QString &host, quint16 port, quint16 clientPort);

private:
    class InitStart;
    void runTar(const QStringList &arguments,
                const std::function<void(int exitCode, const QString &error)> &done);
    void initStarted(const QString &id, std::unique_ptr<QProcess> process, qint64 pid, const Done &done);

    ServerConfig m_config;
    SandboxStore &m_store;
    QList<Template> m_templates;
    QString m_bwrap;
    QString m_nsenter;
    // bwrap arguments that hide the host's private /etc entries from the sandbox (see the constructor).
    QStringList m_etcMasks;
    HostAllowList m_allowedHosts;
    CgroupLimits *m_cgroups = nullptr;
    QList<int> m_hostCpus; // the CPUs the server may use; sandboxes get ceil(cpu) of them
    int m_nextCpu = 0; // where the next sandbox's CPUs start, so that sandboxes spread out
    QHash<QString, InitStart *> m_starting;
};

} // namespace OrkestrLocal
