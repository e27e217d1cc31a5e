#include "server/sandboxruntime.h"

#include "server/cgrouplimits.h"
#include "server/log.h"
#include "server/sandboxstore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QPointer>
#include <QSocketNotifier>
#include <QStandardPaths>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

constexpr int InitStartMs = 10000;
constexpr int InitPollMs = 2;

// Entries under dir that an unprivileged user could not read: regular files without the
// "others may read" bit, and directories others may not list and enter (not descended into).
void collectPrivateEntries(const QString &dir, QStringList *files, QStringList *dirs)
{
    const auto names
        = QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
    for (const auto &name : names) {
        const QString path = dir + u'/' + name;
        struct stat st = {};
        if (::lstat(QFile::encodeName(path).constData(), &st) != 0)
            continue;
        if (S_ISDIR(st.st_mode)) {
            if ((st.st_mode & (S_IROTH | S_IXOTH)) != (S_IROTH | S_IXOTH))
                dirs->append(path);
            else
                collectPrivateEntries(path, files, dirs);
        } else if (S_ISREG(st.st_mode) && !(st.st_mode & S_IROTH)) {
            files->append(path);
        }
    }
}

// Host pids of every process in the PID namespace of pid (pid itself included).
QList<qint64> processesInNamespace(qint64 pid)
{
    QList<qint64> pids;
    const auto nsOf = [](const QString &candidate) {
        char buffer[64];
        const QByteArray link = QFile::encodeName(u"/proc/%1/ns/pid"_s.arg(candidate));
        const auto length = ::readlink(link.constData(), buffer, sizeof buffer - 1);
        return length > 0 ? QString::fromLatin1(buffer, length) : QString();
    };
    const QString target = nsOf(QString::number(pid));
    if (target.isEmpty())
        return pids;
    const auto entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &entry : entries) {
        bool ok = false;
        const qint64 candidate = entry.toLongLong(&ok);
        if (ok && nsOf(entry) == target)
            pids.append(candidate);
    }
    return pids;
}

// bwrap reports the pid as soon as it has cloned, before the mounts are done: an exec that
// joined the namespaces then could find an empty root ("nsenter: failed to execute
// /usr/bin/setpriv"). The setup is over once the init has started its command.
bool initCommandStarted(qint64 pid)
{
    QFile children(u"/proc/%1/task/%1/children"_s.arg(pid));
    if (!children.open(QIODevice::ReadOnly))
        return QFileInfo::exists(u"/proc/%1/root/usr/bin/setpriv"_s.arg(pid));
    const auto pids = children.readAll().split(' ');
    for (const auto &child : pids) {
        QFile comm(u"/proc/%1/comm"_s.arg(QString::fromLatin1(child.trimmed())));
        if (!child.trimmed().isEmpty() && comm.open(QIODevice::ReadOnly) && comm.readAll() == "sleep\n")
            return true;
    }
    return false;
}

} // namespace

// One init being started: reads bwrap's info (the host pid of PID 1) from its pipe, then polls
// until the init runs its command, all from the event loop.
class SandboxRuntime::InitStart : public QObject
{
public:
    InitStart(std::unique_ptr<QProcess> started, int infoFd, Done whenDone, QObject *parent)
        : QObject(parent)
        , process(std::move(started))
        , done(std::move(whenDone))
        , m_infoFd(infoFd)
        , m_notifier(infoFd, QSocketNotifier::Read, this)
    {
        m_waited.start();
        connect(&m_notifier, &QSocketNotifier::activated, this, &InitStart::readInfo);
        m_poll.setInterval(InitPollMs);
        connect(&m_poll, &QTimer::timeout, this, &InitStart::poll);
        m_poll.start();
    }
    ~InitStart() override
    {
        if (m_infoFd >= 0)
            ::close(m_infoFd);
    }

    // Called once: on success with the process handed over, or with why not.
    std::function<void(std::unique_ptr<QProcess>, qint64 pid, const QString &error)> finished;
    std::unique_ptr<QProcess> process;
    Done done;

    void fail(const QString &error)
    {
        m_poll.stop();
        m_notifier.setEnabled(false);
        if (process && process->state() != QProcess::NotRunning)
            process->kill(); // SIGKILL: the destructor's wait is short
        process.reset();
        finished({}, 0, error);
    }

private:
    void readInfo()
    {
        char buffer[1024];
        const auto n = ::read(m_infoFd, buffer, sizeof buffer);
        if (n < 0 && (errno == EAGAIN || errno == EINTR))
            return;
        if (n > 0) {
            m_info.append(buffer, n);
            if (m_info.contains('}'))
                m_pid = QJsonDocument::fromJson(m_info).object().value(u"child-pid"_s).toInteger();
            if (m_pid <= 0)
                return;
        }
        m_notifier.setEnabled(false);
        ::close(m_infoFd);
        m_infoFd = -1;
        if (m_pid <= 0)
            fail(u"bubblewrap did not start the sandbox"_s);
    }
    void poll()
    {
        if (m_pid > 0 && initCommandStarted(m_pid)) {
            m_poll.stop();
            finished(std::move(process), m_pid, {});
            return;
        }
        if (m_waited.elapsed() > InitStartMs || process->state() == QProcess::NotRunning)
            fail(m_pid > 0 ? u"bubblewrap did not finish setting up the sandbox"_s
                           : u"bubblewrap did not start the sandbox"_s);
    }

    int m_infoFd;
    QSocketNotifier m_notifier;
    QTimer m_poll;
    QElapsedTimer m_waited;
    QByteArray m_info;
    qint64 m_pid = 0;
};

SandboxRuntime::SandboxRuntime(const ServerConfig &config, SandboxStore &store, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_store(store)
{
    m_bwrap = QStandardPaths::findExecutable(u"bwrap"_s);
    m_nsenter = QStandardPaths::findExecutable(u"nsenter"_s);
    // The sandbox sees the host's /usr, so a runtime is available when /usr/bin has it.
    const auto has = [](const QString &program) {
        return QFileInfo(u"/usr/bin/"_s + program).isExecutable();
    };
    m_templates = {
        {u"python-3.12"_s, u"Python 3 with the host's standard library (python3)"_s, u"python3"_s, false},
        {u"python-3.12-bare"_s, u"Python 3 without extra packages (python3)"_s, u"python3"_s, false},
        {u"node-22"_s, u"Node.js (node)"_s, u"node"_s, false},
        {u"ubuntu-24.04"_s, u"A plain POSIX shell (/bin/sh) with the host's /usr tools"_s, u"sh"_s, false},
    };
    for (auto &entry : m_templates)
        entry.available = has(entry.runtime);
    QString ignored;
    m_allowedHosts = *HostAllowList::parse(QLatin1StringView(HostAllowList::DefaultSpec), &ignored);
    m_hostCpus = availableCpus();
    // Commands run as uid 0 (without capabilities) and see the host's /etc read-only, so files
    // only root may read (/etc/shadow, /etc/gshadow, SSH host keys, /etc/ssl/private) would be
    // readable: they are covered, private files by /dev/null and private directories by an
    // empty directory, so the sandbox sees /etc as an unprivileged user does.
    const QString empty = m_config.dataDir + u"/empty"_s;
    QDir().mkpath(empty);
    ::chmod(QFile::encodeName(empty).constData(), 0555);
    QStringList privateFiles;
    QStringList privateDirs;
    collectPrivateEntries(u"/etc"_s, &privateFiles, &privateDirs);
    for (const auto &file : std::as_const(privateFiles))
        m_etcMasks << u"--ro-bind"_s << u"/dev/null"_s << file;
    for (const auto &dir : std::as_const(privateDirs))
        m_etcMasks << u"--ro-bind"_s << empty << dir;
}

SandboxRuntime::~SandboxRuntime()
{
    // A tar still running must not report to a lifecycle that is gone (QProcess's destructor
    // waits for it and would emit finished); stopped inits are reaped.
    for (auto *child : findChildren<QProcess *>(Qt::FindDirectChildrenOnly)) {
        child->disconnect(this);
        child->kill();
        child->waitForFinished(2000);
        delete child;
    }
    // The init processes would die with the server (--die-with-parent); at exit they are killed
    // and reaped here (waiting is fine now: there is no event loop left to block).
    for (const auto &[id, sandbox] : m_store.all()) {
        if (!sandbox->init)
            continue;
        const std::unique_ptr<QProcess> init = std::move(sandbox->init);
        init->disconnect(this);
        stopInit(*sandbox);
        init->kill();
        init->waitForFinished(2000);
    }
    const auto starting = m_starting;
    for (auto *start : starting)
        delete start;
}

QString SandboxRuntime::templateProblem(const QString &name) const
{
    const auto it = std::find_if(m_templates.cbegin(), m_templates.cend(),
                                 [&](const Template &entry) { return entry.name == name; });
    if (it == m_templates.cend())
        return u"Unknown template \"%1\"; see GET /v1/templates."_s.arg(name);
    if (!it->available)
        return u"Template %1 is not available on this server: the host has no %2."_s.arg(it->name,
                                                                                         it->runtime);
    return QString();
}

QString SandboxRuntime::isolationSummary() const
{
    QStringList available;
    for (const auto &entry : m_templates)
        if (entry.available)
            available.append(entry.name);
    const QString cpuLimit = m_hostCpus.isEmpty()
        ? u"cpu is a label only (the server's CPU affinity is unknown)"_s
        : u"cpu through CPU affinity: each sandbox is pinned to ceil(cpu) of the server's %1 CPUs%2"_s
              .arg(m_hostCpus.size())
              .arg(canLockAffinity() ? u", sched_setaffinity refused inside (seccomp)"_s : QString());
    const bool cgroups = m_cgroups && m_cgroups->usable();
    return u"isolation: %1; commands run with no capabilities; namespaces pid, ipc, uts, mount, net (unless "
           u"network \"open\"), /usr read-only, "
           "private /workspace and /tmp; network \"restricted\": an HTTP(S) proxy on the sandbox's loopback "
           "allowing %2 host pattern(s) (--allow-hosts), nothing else routed; limits: memory through "
           "%5RLIMIT_DATA (prlimit)%6, at most 4096 processes "
           "(RLIMIT_NPROC per sandbox user is not separable, so it is per exec), %3%7; children die with the "
           "server (PR_SET_PDEATHSIG); pause with SIGSTOP; templates available: %4; %8"_s
               .arg(m_bwrap.isEmpty() || m_nsenter.isEmpty()
                        ? u"NONE (bwrap or nsenter missing: sandboxes fail to start)"_s
                        : u"bubblewrap + nsenter"_s)
               .arg(m_allowedHosts.size())
               .arg(cpuLimit, available.join(u", "_s))
               .arg(cgroups ? u"cgroup v2 memory.max, "_s : QString(),
                    cgroups ? QString() : u" and the sampler's whole-sandbox limit"_s,
                    cgroups && m_cgroups->limitsCpu() ? u" and cgroup v2 cpu.max"_s : QString(),
                    m_cgroups ? m_cgroups->summary() : u"cgroup v2 not used"_s);
}

void SandboxRuntime::startInit(Sandbox &sandbox, Done done)
{
    if (m_bwrap.isEmpty() || m_nsenter.isEmpty()) {
        done(false, u"bubblewrap (bwrap) or nsenter is not installed on the server's host"_s);
        return;
    }
    const QString dir = m_store.sandboxDir(sandbox.id);
    QStringList arguments {u"--unshare-pid"_s, u"--unshare-ipc"_s, u"--unshare-uts"_s,
                           u"--unshare-cgroup-try"_s};
    // "restricted" has no allow-list here: it is as closed as "off" (see docs/server.md).
    if (sandbox.network != u"open"_s)
        arguments << u"--unshare-net"_s;
    arguments << u"--proc"_s << u"/proc"_s << u"--dev"_s << u"/dev"_s << u"--ro-bind"_s << u"/usr"_s
              << u"/usr"_s;
    for (const auto &link : {u"bin"_s, u"lib"_s, u"lib64"_s, u"sbin"_s}) {
        const QFileInfo info(u"/"_s + link);
        if (info.isSymLink())
            arguments << u"--symlink"_s << u"usr/"_s + link << u"/"_s + link;
        else if (info.isDir())
            arguments << u"--ro-bind"_s << u"/"_s + link << u"/"_s + link;
    }
    arguments << u"--ro-bind"_s << u"/etc"_s << u"/etc"_s;
    arguments << m_etcMasks;
    arguments << u"--bind"_s << dir + u"/workspace"_s << u"/workspace"_s << u"--bind"_s << dir + u"/tmp"_s
              << u"/tmp"_s << u"--chdir"_s << u"/workspace"_s << u"--hostname"_s << u"sandbox"_s
              << u"--die-with-parent"_s << u"--info-fd"_s << u"3"_s << u"/bin/sh"_s << u"-c"_s
              << u"exec sleep infinity"_s;

    int pipeFds[2];
    if (::pipe2(pipeFds, O_CLOEXEC) != 0) {
        done(false, u"pipe: %1"_s.arg(QString::fromLocal8Bit(strerror(errno))));
        return;
    }
    auto process = std::make_unique<QProcess>();
    process->setProgram(m_bwrap);
    process->setArguments(arguments);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const int writeFd = pipeFds[1];
    if (m_cgroups)
        m_cgroups->prepare(sandbox.id, sandbox.memoryMb, sandbox.cpu);
    // The sandbox's CPU limit without cgroups: its processes are pinned to ceil(cpu) of the
    // server's CPUs (the next ones in turn, so that sandboxes spread out) and may not change that.
    sandbox.cpus.clear();
    if (!m_hostCpus.isEmpty()) {
        const auto count = std::clamp<qsizetype>(qsizetype(std::ceil(sandbox.cpu)), 1, m_hostCpus.size());
        for (qsizetype i = 0; i < count; ++i)
            sandbox.cpus.append(m_hostCpus.at((m_nextCpu + i) % m_hostCpus.size()));
        m_nextCpu = int((m_nextCpu + count) % m_hostCpus.size());
    }
    // bwrap reports the host pid of the sandbox's PID 1 on fd 3; exec joins its namespaces.
    ChildSetup childSetup;
    childSetup.modifier = [writeFd] {
        if (writeFd == 3)
            ::fcntl(3, F_SETFD, 0); // dup2 onto itself would leave close-on-exec set
        else
            ::dup2(writeFd, 3);
    };
    childSetup.lowestFdToClose = 4;
    childSetup.cpus = sandbox.cpus;
    childSetup.lockAffinity = true;
    prepareChild(*process, childSetup);
    process->start();
    ::close(pipeFds[1]);
    ::fcntl(pipeFds[0], F_SETFL, ::fcntl(pipeFds[0], F_GETFL) | O_NONBLOCK);

    const QString id = sandbox.id;
    auto *start = new InitStart(std::move(process), pipeFds[0], std::move(done), this);
    m_starting.insert(id, start);
    start->finished = [this, id, start](std::unique_ptr<QProcess> started, qint64 pid, const QString &error) {
        m_starting.remove(id);
        start->deleteLater();
        const Done report = start->done;
        if (!started) {
            if (m_cgroups)
                m_cgroups->release(id);
            report(false, error);
            return;
        }
        initStarted(id, std::move(started), pid, report);
    };
}

void SandboxRuntime::initStarted(const QString &id, std::unique_ptr<QProcess> process, qint64 pid,
                                 const Done &done)
{
    Sandbox *sandbox = m_store.find(id);
    if (!sandbox) {
        process->kill();
        if (m_cgroups)
            m_cgroups->release(id);
        done(false, u"the sandbox is gone"_s);
        return;
    }
    sandbox->initPid = pid;
    // Before any command runs in it; the pid is the host's, as the server sees it.
    if (m_cgroups)
        m_cgroups->attach(id, pid);
    if (sandbox->network == u"restricted"_s) {
        // The sandbox's only way out: a proxy listening on its own loopback (see networkproxy.h).
        auto proxy = std::make_unique<SandboxProxy>(m_allowedHosts);
        QString error;
        if (!proxy->listenInNamespaceOf(pid, &error)) {
            process->kill();
            sandbox->initPid = 0;
            if (m_cgroups)
                m_cgroups->release(id);
            done(false, error);
            return;
        }
        connect(proxy.get(), &SandboxProxy::blocked, this,
                [this, id](const QString &host, quint16 port, quint16 clientPort) {
                    Sandbox *blockedIn = m_store.find(id);
                    if (!blockedIn)
                        return;
                    blockedIn->violations.append({++blockedIn->violationCount, host, port});
                    if (blockedIn->violations.size() > 32)
                        blockedIn->violations.removeFirst();
                    qCWarning(lcNetwork).noquote()
                        << u"orkestr-local: network policy: sandbox %1 was refused %2:%3"_s.arg(id, host).arg(
                               port);
                    Q_EMIT networkDenied(id, host, port, clientPort);
                });
        sandbox->proxy = std::move(proxy);
    }
    connect(process.get(), &QProcess::finished, this, [this, id] {
        Sandbox *dead = m_store.find(id);
        if (!dead || !dead->init)
            return;
        dead->initPid = 0;
        Q_EMIT initDied(id);
    });
    sandbox->init = std::move(process);
    done(true, {});
}

void SandboxRuntime::stopInit(Sandbox &sandbox)
{
    if (auto *start = m_starting.take(sandbox.id)) {
        const Done done = start->done;
        start->finished = [](std::unique_ptr<QProcess>, qint64, const QString &) {
        };
        start->fail({});
        delete start;
        done(false, u"the sandbox was stopped while it started"_s);
    }
    if (sandbox.initPid > 0) {
        // PID 1 of a namespace takes SIGKILL from outside; its death kills every process in it.
        ::kill(pid_t(sandbox.initPid), SIGKILL);
        ::kill(pid_t(sandbox.initPid), SIGCONT);
    }
    sandbox.initPid = 0;
    if (m_cgroups)
        m_cgroups->release(sandbox.id);
    sandbox.proxy.reset(); // its connections and their sockets go with it
    // Deleted once it has finished (bwrap dies with its PID 1), so that no destructor waits for
    // it; later in any case, as this may run inside the process's own finished signal.
    if (QProcess *process = sandbox.init.release()) {
        process->disconnect(this);
        process->setParent(this);
        if (process->state() == QProcess::NotRunning) {
            process->deleteLater();
        } else {
            connect(process, &QProcess::finished, process, &QObject::deleteLater);
            process->kill();
        }
    }
}

void SandboxRuntime::signalAll(const Sandbox &sandbox, int signal) const
{
    for (const qint64 pid : processesInNamespace(sandbox.initPid))
        ::kill(pid_t(pid), signal);
}

void SandboxRuntime::runTar(const QStringList &arguments,
                            const std::function<void(int exitCode, const QString &error)> &done)
{
    auto *tar = new QProcess(this);
    prepareChild(*tar); // dies with the server, keeps none of its sockets
    tar->setStandardInputFile(QProcess::nullDevice());
    tar->setStandardOutputFile(QProcess::nullDevice());
    connect(tar, &QProcess::finished, this, [tar, done](int exitCode, QProcess::ExitStatus status) {
        tar->deleteLater();
        done(status == QProcess::NormalExit ? exitCode : -1, QString::fromUtf8(tar->readAllStandardError()));
    });
    connect(tar, &QProcess::errorOccurred, this, [tar, done](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        tar->deleteLater();
        done(-1, tar->errorString());
    });
    tar->start(u"tar"_s, arguments);
}

void SandboxRuntime::writeSnapshot(const QString &id, Done done)
{
    const QString target = m_store.snapshotPath(id);
    // GNU tar exits with 1 when a file changed while it was read: the snapshot is still whole
    // (the sandbox is frozen and file writes wait for the pause), so that is not a failure.
    runTar({u"-cf"_s, target + u".part"_s, u"--warning=no-file-changed"_s, u"-C"_s, m_store.sandboxDir(id),
            u"workspace"_s, u"tmp"_s},
           [target, done](int exitCode, const QString &error) {
               if ((exitCode != 0 && exitCode != 1) || !QFile::rename(target + u".part"_s, target)) {
                   QFile::remove(target + u".part"_s);
                   done(false, error);
                   return;
               }
               done(true, {});
           });
}

void SandboxRuntime::restoreSnapshot(const QString &id, Done done)
{
    runTar({u"-xf"_s, m_store.snapshotPath(id), u"-C"_s, m_store.sandboxDir(id)},
           [done](int exitCode, const QString &error) { done(exitCode == 0, error); });
}

SandboxCommand SandboxRuntime::command(const Sandbox &sandbox, const ExecRequest &request,
                                       bool onTerminal) const
{
    SandboxCommand command;
    auto &environment = command.environment;
    environment.insert(u"PATH"_s, u"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s);
    environment.insert(u"HOME"_s, u"/workspace"_s);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"ORKESTR_SANDBOX_ID"_s, sandbox.id);
    if (sandbox.proxy) {
        // Python, pip, curl, npm and most tools honour these; the sandbox's own loopback stays direct.
        const QString proxyUrl = u"http://127.0.0.1:%1"_s.arg(sandbox.proxy->port());
        for (const auto &name : {u"http_proxy"_s, u"https_proxy"_s, u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s})
            environment.insert(name, proxyUrl);
        for (const auto &name : {u"no_proxy"_s, u"NO_PROXY"_s})
            environment.insert(name, u"localhost,127.0.0.1,::1"_s);
    }
    for (const auto &source : {sandbox.env, request.env})
        for (auto it = source.begin(); it != source.end(); ++it)
            environment.insert(it.key(), it.value().toString());

    // The server runs as root with every capability (nested bubblewrap needs them); the command
    // gets none, so it cannot mount, change its root or reach outside its namespaces.
    command.program = m_nsenter;
    command.arguments = {u"--target"_s,
                         QString::number(sandbox.initPid),
                         u"--pid"_s,
                         u"--mount"_s,
                         u"--net"_s,
                         u"--ipc"_s,
                         u"--uts"_s,
                         u"--root"_s,
                         u"--wd"_s,
                         u"/usr/bin/setpriv"_s,
                         u"--bounding-set=-all"_s,
                         u"--inh-caps=-all"_s,
                         u"--ambient-caps=-all"_s,
                         u"--no-new-privs"_s,
                         u"/usr/bin/prlimit"_s,
                         u"--data=%1"_s.arg(qint64(sandbox.memoryMb) * 1024 * 1024),
                         u"--nproc=4096"_s,
                         u"--"_s,
                         u"/usr/bin/env"_s,
                         u"--chdir=%1"_s.arg(request.cwd)};
    // Inside the namespaces, so that the session and its leader are the sandbox's own. bash runs
    // a simple command in place, so that the program itself leads the session and takes Ctrl+C.
    QString shell = u"/bin/sh"_s;
    if (onTerminal) {
        command.arguments << u"/usr/bin/setsid"_s << u"--ctty"_s;
        environment.insert(u"TERM"_s, u"xterm-256color"_s);
        if (QFileInfo(u"/usr/bin/bash"_s).isExecutable())
            shell = u"/usr/bin/bash"_s;
    }
    command.arguments << shell << u"-c"_s << request.command;
    command.setup.cpus = sandbox.cpus;
    command.setup.lockAffinity = true;
    if (m_cgroups && m_cgroups->limits(sandbox.id)) {
        command.setup.cgroupProcs = m_cgroups->procsFile(sandbox.id);
        if (const qint64 before = m_cgroups->oomKills(sandbox.id); before >= 0) {
            command.oomKilledSince = [cgroups = QPointer<CgroupLimits>(m_cgroups), id = sandbox.id, before] {
                return cgroups && cgroups->oomKills(id) > before;
            };
        }
    }
    return command;
}

} // namespace OrkestrLocal
