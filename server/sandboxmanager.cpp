#include "server/sandboxmanager.h"

#include "server/atomicfile.h"
#include "server/childprocess.h"
#include "server/execstream.h"
#include "server/ids.h"
#include "server/requestparsing.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTimeZone>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 MaxBufferedExecOutput = 64LL * 1024 * 1024;
constexpr auto TerminatedListedMs = 3600LL * 1000;

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(timestamp(time)) : QJsonValue(QJsonValue::Null);
}

QDateTime parseTimestamp(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

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

// Deleted later: this may run inside the timer's own timeout signal.
void dropExpiry(Sandbox &sandbox)
{
    if (QTimer *timer = sandbox.expiry.release()) {
        timer->stop();
        timer->deleteLater();
    }
}

} // namespace

// Kills a process and everything below it, children first so none escapes by re-parenting.
void killTree(qint64 pid)
{
    QFile children(u"/proc/%1/task/%1/children"_s.arg(pid));
    ::kill(pid_t(pid), SIGSTOP);
    if (children.open(QIODevice::ReadOnly)) {
        const auto list = children.readAll().split(' ');
        for (const auto &child : list)
            if (const qint64 childPid = child.trimmed().toLongLong(); childPid > 0)
                killTree(childPid);
    }
    ::kill(pid_t(pid), SIGKILL);
    ::kill(pid_t(pid), SIGCONT);
}

QJsonObject Sandbox::toJson() const
{
    QJsonValue snapshot(QJsonValue::Null);
    if (status == u"paused"_s && snapshotSizeBytes >= 0)
        snapshot = QJsonObject {{u"created_at"_s, timestamp(snapshotCreatedAt)},
                                {u"size_bytes"_s, snapshotSizeBytes}};
    return {
        {u"id"_s, id},
        {u"template"_s, templateName},
        {u"status"_s, status},
        {u"region"_s, region},
        {u"cpu"_s, cpu},
        {u"memory_mb"_s, memoryMb},
        {u"network"_s, network},
        {u"timeout_seconds"_s, timeoutSeconds},
        {u"env_keys"_s, QJsonArray::fromStringList(env.keys())},
        {u"metadata"_s, metadata},
        {u"created_at"_s, timestamp(createdAt)},
        {u"expires_at"_s, timestampOrNull(expiresAt)},
        {u"paused_at"_s, timestampOrNull(pausedAt)},
        {u"terminated_at"_s, timestampOrNull(terminatedAt)},
        {u"termination_reason"_s, stringOrNull(terminationReason)},
        {u"snapshot"_s, snapshot},
    };
}

QJsonObject Sandbox::toStateJson() const
{
    QJsonObject object = toJson();
    object.insert(u"env"_s, env);
    object.insert(u"snapshot_created_at"_s, timestampOrNull(snapshotCreatedAt));
    object.insert(u"snapshot_size_bytes"_s, snapshotSizeBytes);
    return object;
}

std::unique_ptr<Sandbox> Sandbox::fromStateJson(const QJsonObject &object)
{
    auto sandbox = std::make_unique<Sandbox>();
    sandbox->id = object.value(u"id"_s).toString();
    sandbox->templateName = object.value(u"template"_s).toString();
    sandbox->status = object.value(u"status"_s).toString();
    sandbox->region = object.value(u"region"_s).toString();
    sandbox->cpu = object.value(u"cpu"_s).toDouble(1.0);
    sandbox->memoryMb = object.value(u"memory_mb"_s).toInt(2048);
    sandbox->network = object.value(u"network"_s).toString(u"off"_s);
    sandbox->timeoutSeconds = object.value(u"timeout_seconds"_s).toInt(600);
    sandbox->env = object.value(u"env"_s).toObject();
    sandbox->metadata = object.value(u"metadata"_s).toObject();
    sandbox->createdAt = parseTimestamp(object.value(u"created_at"_s));
    sandbox->expiresAt = parseTimestamp(object.value(u"expires_at"_s));
    sandbox->pausedAt = parseTimestamp(object.value(u"paused_at"_s));
    sandbox->terminatedAt = parseTimestamp(object.value(u"terminated_at"_s));
    sandbox->terminationReason = object.value(u"termination_reason"_s).toString();
    sandbox->snapshotCreatedAt = parseTimestamp(object.value(u"snapshot_created_at"_s));
    sandbox->snapshotSizeBytes = qint64(object.value(u"snapshot_size_bytes"_s).toDouble(-1));
    if (!sandbox->id.startsWith(u"sbx_"_s) || sandbox->status.isEmpty())
        return nullptr;
    return sandbox;
}

SandboxManager::SandboxManager(const ServerConfig &config, QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_plan(PlanLimits::forPlan(config.plan).withOverrides(config.maxRunningSandboxes, config.snapshotCap))
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
    QDir().mkpath(m_config.dataDir + u"/sandboxes"_s);
    QDir().mkpath(m_config.dataDir + u"/snapshots"_s);
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

SandboxManager::~SandboxManager()
{
    // The init processes die with the server (--die-with-parent); kill them now so that the
    // QProcess destructors do not wait.
    // Pending execs must not answer from inside their destructors at exit.
    for (auto *child : findChildren<QProcess *>(Qt::FindDirectChildrenOnly))
        child->disconnect(this);
    for (auto &[id, sandbox] : m_sandboxes)
        if (sandbox->init)
            stopInit(*sandbox);
}

QString SandboxManager::isolationSummary() const
{
    QStringList available;
    for (const auto &entry : m_templates)
        if (entry.available)
            available.append(entry.name);
    const QString cpuLimit = m_hostCpus.isEmpty()
        ? u"cpu is a label only (the server's CPU affinity is unknown)"_s
        : u"cpu through CPU affinity: each sandbox is pinned to ceil(cpu) of the server's %1 CPUs%2 (cgroup "
          "v2 %3)"_s.arg(m_hostCpus.size())
              .arg(canLockAffinity() ? u", sched_setaffinity refused inside (seccomp)"_s : QString(),
                   QFileInfo(u"/sys/fs/cgroup/cgroup.procs"_s).isWritable() ? u"writable but not used yet"_s
                                                                            : u"not writable here"_s);
    return u"isolation: %1; commands run with no capabilities; namespaces pid, ipc, uts, mount, net (unless "
           u"network \"open\"), /usr read-only, "
           "private /workspace and /tmp; network \"restricted\": an HTTP(S) proxy on the sandbox's loopback "
           "allowing %2 host pattern(s) (--allow-hosts), nothing else routed; limits: memory through "
           "RLIMIT_DATA (prlimit), at most 4096 processes "
           "(RLIMIT_NPROC per sandbox user is not separable, so it is per exec), %3; children die with the "
           "server (PR_SET_PDEATHSIG); pause with SIGSTOP; templates available: %4"_s
               .arg(m_bwrap.isEmpty() || m_nsenter.isEmpty()
                        ? u"NONE (bwrap or nsenter missing: sandboxes fail to start)"_s
                        : u"bubblewrap + nsenter"_s)
               .arg(m_allowedHosts.size())
               .arg(cpuLimit, available.join(u", "_s));
}

QString SandboxManager::sandboxDir(const QString &id) const
{
    return m_config.dataDir + u"/sandboxes/"_s + id;
}

QString SandboxManager::snapshotPath(const QString &id) const
{
    return m_config.dataDir + u"/snapshots/"_s + id + u".tar"_s;
}

bool SandboxManager::save(const Sandbox &sandbox, QString *error) const
{
    QString ignored;
    return writeFileAtomically(sandboxDir(sandbox.id) + u"/state.json"_s,
                               QJsonDocument(sandbox.toStateJson()).toJson(QJsonDocument::Indented),
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner, error ? error : &ignored);
}

bool SandboxManager::load(QString *error)
{
    const auto ids = QDir(m_config.dataDir + u"/sandboxes"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &id : ids) {
        QFile file(sandboxDir(id) + u"/state.json"_s);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        auto sandbox = Sandbox::fromStateJson(QJsonDocument::fromJson(file.readAll()).object());
        if (!sandbox) {
            std::fputs(
                u"orkestr-local: warning: ignoring unreadable sandbox state %1\n"_s.arg(file.fileName())
                    .toUtf8()
                    .constData(),
                stderr);
            continue;
        }
        // A snapshot still being written when the server died is incomplete (a stray tar may
        // even go on writing it): it is never used.
        QFile::remove(snapshotPath(sandbox->id) + u".part"_s);
        if (sandbox->status == u"pausing"_s && QFileInfo::exists(snapshotPath(sandbox->id))) {
            // The tar was complete and renamed, but the server died before it recorded that:
            // record it now, so the paused sandbox shows its snapshot like any other.
            const QFileInfo snapshot(snapshotPath(sandbox->id));
            sandbox->status = u"paused"_s;
            sandbox->pausedAt = snapshot.lastModified(QTimeZone::UTC);
            sandbox->snapshotCreatedAt = sandbox->pausedAt;
            sandbox->snapshotSizeBytes = snapshot.size();
            sandbox->expiresAt = QDateTime();
        } else if (sandbox->status != u"paused"_s && sandbox->status != u"terminated"_s
                   && sandbox->status != u"failed"_s) {
            // Its processes died with the previous server; the files stay until it is terminated.
            sandbox->status = u"failed"_s;
            sandbox->terminationReason = u"error"_s;
            sandbox->expiresAt = QDateTime();
        }
        if (!save(*sandbox, error))
            return false;
        m_sandboxes.emplace(sandbox->id, std::move(sandbox));
    }
    // Idempotency keys survive a restart, so a client retrying across it gets its sandbox.
    QFile keys(m_config.dataDir + u"/idempotency.json"_s);
    if (keys.open(QIODevice::ReadOnly)) {
        const auto object = QJsonDocument::fromJson(keys.readAll()).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const auto entry = it.value().toObject();
            m_idempotency.insert(
                it.key(), {entry.value(u"response"_s).toObject(), parseTimestamp(entry.value(u"at"_s))});
        }
    }
    return true;
}

void SandboxManager::saveIdempotency() const
{
    QJsonObject object;
    for (auto it = m_idempotency.cbegin(); it != m_idempotency.cend(); ++it)
        object.insert(it.key(), QJsonObject {{u"response"_s, it->response}, {u"at"_s, timestamp(it->at)}});
    QString error;
    writeFileAtomically(m_config.dataDir + u"/idempotency.json"_s,
                        QJsonDocument(object).toJson(QJsonDocument::Compact),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error);
}

AccountUsage SandboxManager::usage() const
{
    AccountUsage usage;
    for (const auto &[id, sandbox] : m_sandboxes) {
        if (sandbox->status == u"running"_s || sandbox->status == u"starting"_s)
            ++usage.runningSandboxes;
        else if (sandbox->status == u"paused"_s)
            ++usage.pausedSandboxes;
    }
    return usage;
}

void SandboxManager::registerEndpoints(ApiServer &server)
{
    using S = ApiServer::Scope;
    const QString id = u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)"_s;
    auto bind = [this](void (SandboxManager::*method)(const std::shared_ptr<ApiCall> &)) {
        return [this, method](const std::shared_ptr<ApiCall> &call) {
            (this->*method)(call);
        };
    };
    server.route("POST", u"/v1/sandboxes"_s, S::Write, bind(&SandboxManager::create));
    server.route("GET", u"/v1/sandboxes"_s, S::Read, bind(&SandboxManager::list));
    server.route("GET", id, S::Read, [this](const std::shared_ptr<ApiCall> &call) {
        if (auto *sandbox = find(call))
            call->sendJson(200, sandbox->toJson());
    });
    server.route("DELETE", id, S::Write, bind(&SandboxManager::terminate));
    server.route("POST", id + u"/exec"_s, S::Write, bind(&SandboxManager::exec));
    server.route("POST", id + u"/exec/stream"_s, S::Write, bind(&SandboxManager::execStream));
    server.route("POST", id + u"/pause"_s, S::Write, bind(&SandboxManager::pause));
    server.route("POST", id + u"/resume"_s, S::Write, bind(&SandboxManager::resume));
    server.route("GET", id + u"/files"_s, S::Read, bind(&SandboxManager::readFile));
    server.route("PUT", id + u"/files"_s, S::Write, bind(&SandboxManager::writeFile));
    server.route("DELETE", id + u"/files"_s, S::Write, bind(&SandboxManager::deleteFile));
    server.route("GET", id + u"/files/list"_s, S::Read, bind(&SandboxManager::listFiles));
    server.route("GET", u"/v1/templates"_s, S::Read, [this](const std::shared_ptr<ApiCall> &call) {
        QJsonArray list;
        for (const auto &entry : std::as_const(m_templates))
            list.append(QJsonObject {{u"name"_s, entry.name},
                                     {u"description"_s, entry.description},
                                     {u"available"_s, entry.available}});
        call->sendJson(200, {{u"templates"_s, list}});
    });
}

Sandbox *SandboxManager::find(const std::shared_ptr<ApiCall> &call)
{
    const QString id = call->capture(0);
    const auto it = m_sandboxes.find(id);
    if (it == m_sandboxes.end()) {
        call->sendError(404, u"sandbox_not_found"_s, u"No sandbox %1."_s.arg(id));
        return nullptr;
    }
    return it->second.get();
}

bool SandboxManager::requireRunning(const std::shared_ptr<ApiCall> &call, const Sandbox &sandbox)
{
    if (sandbox.status == u"running"_s)
        return true;
    call->sendError(409, u"sandbox_not_ready"_s,
                    u"Sandbox %1 is %2, not running."_s.arg(sandbox.id, sandbox.status),
                    {{u"status"_s, sandbox.status}});
    return false;
}

void SandboxManager::create(const std::shared_ptr<ApiCall> &call)
{
    const QString idempotencyKey = QString::fromUtf8(call->request().value("idempotency-key"));
    const QString idempotencySlot = idempotencyKey; // per account, as in the cloud
    if (!idempotencyKey.isEmpty()) {
        const auto now = QDateTime::currentDateTimeUtc();
        for (auto it = m_idempotency.begin(); it != m_idempotency.end();)
            it = it->at.msecsTo(now) > 24LL * 3600 * 1000 ? m_idempotency.erase(it) : std::next(it);
        if (const auto it = m_idempotency.constFind(idempotencySlot); it != m_idempotency.cend()) {
            call->sendJson(201, it->response);
            return;
        }
    }
    QJsonObject body;
    if (!call->parseJsonBody(&body))
        return;
    const auto planLimit = [&](const QString &limit, const QJsonValue &max, const QString &message) {
        call->sendError(402, u"plan_limit"_s, message, {{u"limit"_s, limit}, {u"max"_s, max}});
    };

    CreateRequest request;
    QStringList regionNames;
    for (const auto &region : std::as_const(m_config.regions))
        regionNames.append(region.name);
    const auto checkTemplate = [this](const QString &name) {
        const auto it = std::find_if(m_templates.cbegin(), m_templates.cend(),
                                     [&](const Template &entry) { return entry.name == name; });
        if (it == m_templates.cend())
            return u"Unknown template \"%1\"; see GET /v1/templates."_s.arg(name);
        if (!it->available)
            return u"Template %1 is not available on this server: the host has no %2."_s.arg(it->name,
                                                                                             it->runtime);
        return QString();
    };
    if (auto problem = parseCreateRequest(body, checkTemplate, regionNames, &request))
        return call->sendError(problem->status, problem->type, problem->message, problem->extra);
    auto sandbox = std::make_unique<Sandbox>();
    sandbox->templateName = request.templateName;
    sandbox->cpu = request.cpu;
    sandbox->memoryMb = request.memoryMb;
    sandbox->network = request.network;
    sandbox->timeoutSeconds = request.timeoutSeconds;
    sandbox->env = request.env;
    sandbox->metadata = request.metadata;
    sandbox->region = request.region;

    if (sandbox->cpu > m_plan.maxCpu)
        return planLimit(u"cpu"_s, m_plan.maxCpu,
                         u"The %1 plan allows at most %2 cpu."_s.arg(m_plan.name).arg(m_plan.maxCpu));
    if (sandbox->memoryMb > m_plan.maxMemoryMb)
        return planLimit(u"memory_mb"_s, m_plan.maxMemoryMb,
                         u"The %1 plan allows at most %2 MB."_s.arg(m_plan.name).arg(m_plan.maxMemoryMb));
    if (sandbox->timeoutSeconds > m_plan.maxTimeoutSeconds)
        return planLimit(
            u"timeout_seconds"_s, m_plan.maxTimeoutSeconds,
            u"The %1 plan allows timeouts up to %2 s."_s.arg(m_plan.name).arg(m_plan.maxTimeoutSeconds));
    if (usage().runningSandboxes >= m_plan.maxRunningSandboxes)
        return planLimit(
            u"running_sandboxes"_s, m_plan.maxRunningSandboxes,
            u"The %1 plan allows %2 running sandboxes."_s.arg(m_plan.name).arg(m_plan.maxRunningSandboxes));

    sandbox->id = u"sbx_"_s + newUlid();
    sandbox->createdAt = QDateTime::currentDateTimeUtc();
    sandbox->status = u"starting"_s;
    const QString dir = sandboxDir(sandbox->id);
    if (!QDir().mkpath(dir + u"/workspace"_s) || !QDir().mkpath(dir + u"/tmp"_s)) {
        call->sendError(500, u"internal"_s, u"Cannot create the sandbox's directories."_s);
        return;
    }
    ::chmod(QFile::encodeName(dir + u"/tmp"_s).constData(), 01777);
    QString error;
    if (!startInit(*sandbox, &error)) {
        sandbox->status = u"failed"_s;
        sandbox->terminationReason = u"error"_s;
        save(*sandbox);
        const QString sandboxId = sandbox->id;
        m_sandboxes.emplace(sandboxId, std::move(sandbox));
        call->sendError(503, u"unavailable"_s, u"The sandbox %1 could not start: %2"_s.arg(sandboxId, error));
        return;
    }
    sandbox->status = u"running"_s;
    armExpiry(*sandbox);
    if (!save(*sandbox, &error)) {
        stopInit(*sandbox);
        call->sendError(500, u"internal"_s, u"Cannot save the sandbox's state: %1"_s.arg(error));
        return;
    }
    const QJsonObject json = sandbox->toJson();
    m_sandboxes.emplace(sandbox->id, std::move(sandbox));
    if (!idempotencyKey.isEmpty()) {
        m_idempotency.insert(idempotencySlot, {json, QDateTime::currentDateTimeUtc()});
        saveIdempotency();
    }
    call->sendJson(201, json);
}

bool SandboxManager::startInit(Sandbox &sandbox, QString *error)
{
    if (m_bwrap.isEmpty() || m_nsenter.isEmpty()) {
        *error = u"bubblewrap (bwrap) or nsenter is not installed on the server's host"_s;
        return false;
    }
    const QString dir = sandboxDir(sandbox.id);
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
        *error = u"pipe: %1"_s.arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    auto process = std::make_unique<QProcess>();
    process->setProgram(m_bwrap);
    process->setArguments(arguments);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setStandardOutputFile(QProcess::nullDevice());
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    const int writeFd = pipeFds[1];
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
    QByteArray info;
    QElapsedTimer waited;
    waited.start();
    while (!info.contains('}') && waited.elapsed() < 10000) {
        pollfd fd {pipeFds[0], POLLIN, 0};
        if (::poll(&fd, 1, 100) <= 0)
            continue;
        char buffer[1024];
        const auto n = ::read(pipeFds[0], buffer, sizeof buffer);
        if (n <= 0)
            break;
        info.append(buffer, n);
    }
    ::close(pipeFds[0]);
    const qint64 pid = QJsonDocument::fromJson(info).object().value(u"child-pid"_s).toInteger();
    if (pid <= 0) {
        process->kill();
        process->waitForFinished(2000);
        *error = u"bubblewrap did not start the sandbox"_s;
        return false;
    }
    // bwrap reports the pid as soon as it has cloned, before the mounts are done: an exec that
    // joined the namespaces then could find an empty root ("nsenter: failed to execute
    // /usr/bin/setpriv"). The setup is over once the init has started its command.
    const auto commandStarted = [pid] {
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
    };
    while (!commandStarted() && waited.elapsed() < 10000 && process->state() != QProcess::NotRunning)
        ::usleep(1000);
    if (!commandStarted()) {
        process->kill();
        process->waitForFinished(2000);
        *error = u"bubblewrap did not finish setting up the sandbox"_s;
        return false;
    }
    sandbox.initPid = pid;
    const QString id = sandbox.id;
    if (sandbox.network == u"restricted"_s) {
        // The sandbox's only way out: a proxy listening on its own loopback (see networkproxy.h).
        auto proxy = std::make_unique<SandboxProxy>(m_allowedHosts);
        if (!proxy->listenInNamespaceOf(pid, error)) {
            process->kill();
            process->waitForFinished(2000);
            sandbox.initPid = 0;
            return false;
        }
        connect(proxy.get(), &SandboxProxy::blocked, this, [this, id](const QString &host, quint16 port) {
            const auto it = m_sandboxes.find(id);
            if (it == m_sandboxes.end())
                return;
            auto &blockedIn = *it->second;
            blockedIn.violations.append({++blockedIn.violationCount, host, port});
            if (blockedIn.violations.size() > 32)
                blockedIn.violations.removeFirst();
            std::fputs(u"orkestr-local: network policy: sandbox %1 was refused %2:%3\n"_s.arg(id, host)
                           .arg(port)
                           .toUtf8()
                           .constData(),
                       stderr);
        });
        sandbox.proxy = std::move(proxy);
    }
    connect(process.get(), &QProcess::finished, this, [this, id] {
        // The init died on its own (not through terminate or pause): the sandbox has failed.
        const auto it = m_sandboxes.find(id);
        if (it == m_sandboxes.end() || !it->second->init)
            return;
        auto &dead = *it->second;
        dead.initPid = 0;
        if (dead.status == u"running"_s)
            finish(dead, u"failed"_s, u"error"_s);
    });
    sandbox.init = std::move(process);
    return true;
}

void SandboxManager::stopInit(Sandbox &sandbox)
{
    if (sandbox.initPid > 0) {
        // PID 1 of a namespace takes SIGKILL from outside; its death kills every process in it.
        ::kill(pid_t(sandbox.initPid), SIGKILL);
        ::kill(pid_t(sandbox.initPid), SIGCONT);
    }
    sandbox.initPid = 0;
    sandbox.proxy.reset(); // its connections and their sockets go with it
    // Deleted later: this may run inside the process's own finished signal.
    if (QProcess *process = sandbox.init.release()) {
        process->disconnect(this);
        if (process->state() != QProcess::NotRunning) {
            process->kill();
            process->waitForFinished(3000);
        }
        process->deleteLater();
    }
}

void SandboxManager::signalAll(const Sandbox &sandbox, int signal) const
{
    for (const qint64 pid : processesInNamespace(sandbox.initPid))
        ::kill(pid_t(pid), signal);
}

void SandboxManager::finish(Sandbox &sandbox, const QString &status, const QString &reason)
{
    stopInit(sandbox);
    dropExpiry(sandbox);
    sandbox.status = status;
    sandbox.terminationReason = reason;
    sandbox.expiresAt = QDateTime();
    if (status == u"terminated"_s) {
        sandbox.terminatedAt = QDateTime::currentDateTimeUtc();
        sandbox.pausedAt = QDateTime();
        // Terminated sandboxes keep only their record; the files and snapshot go.
        QFile::remove(snapshotPath(sandbox.id));
        QDir(sandboxDir(sandbox.id) + u"/workspace"_s).removeRecursively();
        QDir(sandboxDir(sandbox.id) + u"/tmp"_s).removeRecursively();
        sandbox.snapshotSizeBytes = -1;
    }
    save(sandbox);
}

void SandboxManager::armExpiry(Sandbox &sandbox)
{
    sandbox.expiresAt = QDateTime::currentDateTimeUtc().addSecs(sandbox.timeoutSeconds);
    dropExpiry(sandbox);
    sandbox.expiry = std::make_unique<QTimer>();
    sandbox.expiry->setSingleShot(true);
    sandbox.expiry->setTimerType(Qt::CoarseTimer);
    // QTimer takes an int of milliseconds; long timeouts re-arm until they are due.
    const QString id = sandbox.id;
    connect(sandbox.expiry.get(), &QTimer::timeout, this, [this, id] {
        const auto it = m_sandboxes.find(id);
        if (it == m_sandboxes.end())
            return;
        auto &due = *it->second;
        const qint64 left = QDateTime::currentDateTimeUtc().msecsTo(due.expiresAt);
        if (left > 0) {
            due.expiry->start(int(std::min<qint64>(left, 1LL << 30)));
            return;
        }
        finish(due, u"terminated"_s, u"timeout"_s);
    });
    sandbox.expiry->start(int(std::min<qint64>(qint64(sandbox.timeoutSeconds) * 1000, 1LL << 30)));
}

void SandboxManager::terminate(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    if (sandbox->status != u"terminated"_s)
        finish(*sandbox, u"terminated"_s, u"requested"_s);
    call->sendJson(200, sandbox->toJson());
}

void SandboxManager::pruneTerminated()
{
    const auto now = QDateTime::currentDateTimeUtc();
    for (auto it = m_sandboxes.begin(); it != m_sandboxes.end();) {
        const auto &sandbox = *it->second;
        if (sandbox.status == u"terminated"_s && sandbox.terminatedAt.isValid()
            && sandbox.terminatedAt.msecsTo(now) > TerminatedListedMs) {
            QDir(sandboxDir(sandbox.id)).removeRecursively();
            it = m_sandboxes.erase(it);
        } else {
            ++it;
        }
    }
}

void SandboxManager::list(const std::shared_ptr<ApiCall> &call)
{
    pruneTerminated();
    const QUrlQuery query = call->query();
    const QStringList statuses = query.allQueryItemValues(u"status"_s, QUrl::FullyDecoded);
    const QStringList regions = query.allQueryItemValues(u"region"_s, QUrl::FullyDecoded);
    const QStringList templates = query.allQueryItemValues(u"template"_s, QUrl::FullyDecoded);
    int limit = 100;
    if (query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = query.queryItemValue(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000) {
            call->sendError(400, u"invalid_request"_s, u"limit must be between 1 and 1000."_s,
                            {{u"field"_s, u"limit"_s}});
            return;
        }
    }
    const QString cursor = query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
    static const QRegularExpression cursorPattern(u"^sbx_[0-9A-Z]{26}$"_s);
    if (!cursor.isEmpty() && !cursorPattern.match(cursor).hasMatch()) {
        call->sendError(400, u"invalid_request"_s, u"cursor is not one this server gave out."_s,
                        {{u"field"_s, u"cursor"_s}});
        return;
    }
    const auto matches = [&](const Sandbox &sandbox) {
        return (statuses.isEmpty() || statuses.contains(sandbox.status))
            && (regions.isEmpty() || regions.contains(sandbox.region))
            && (templates.isEmpty() || templates.contains(sandbox.templateName));
    };
    QJsonArray page;
    QString nextCursor;
    // Newest first: ids are ULIDs, so reverse id order is reverse creation order. The cursor is
    // the last id of the previous page, so paging is stable while sandboxes are created; the
    // map is sorted by id, so a page starts at its cursor without walking the ones before.
    auto it = cursor.isEmpty() ? m_sandboxes.rbegin()
                               : std::make_reverse_iterator(m_sandboxes.lower_bound(cursor));
    for (; it != m_sandboxes.rend(); ++it) {
        const auto &sandbox = *it->second;
        if (!matches(sandbox))
            continue;
        if (page.size() == limit) {
            nextCursor = page.last().toObject().value(u"id"_s).toString();
            break;
        }
        page.append(sandbox.toJson());
    }
    const QJsonObject body {{u"sandboxes"_s, page}, {u"next_cursor"_s, stringOrNull(nextCursor)}};
    // The ETag covers the whole filtered listing, not only this page: a client that polls the
    // first page with If-None-Match may take a 304 to mean that no page changed.
    QCryptographicHash digest(QCryptographicHash::Sha1);
    digest.addData(QJsonDocument(body).toJson(QJsonDocument::Compact));
    for (const auto &[id, entry] : m_sandboxes) {
        if (!matches(*entry))
            continue;
        digest.addData(id.toUtf8());
        digest.addData(entry->status.toUtf8());
        for (const auto &time :
             {entry->expiresAt, entry->pausedAt, entry->terminatedAt, entry->snapshotCreatedAt})
            digest.addData(QByteArray::number(time.isValid() ? time.toMSecsSinceEpoch() : -1));
        digest.addData(QByteArray::number(entry->snapshotSizeBytes));
    }
    const QByteArray etag = '"' + digest.result().toHex().left(32) + '"';
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ETag, etag);
    const QByteArray ifNoneMatch = call->request().value("if-none-match");
    if (!ifNoneMatch.isEmpty()) {
        for (const auto &candidate : ifNoneMatch.split(',')) {
            const QByteArray tag = candidate.trimmed();
            if (tag == etag || tag == "W/" + etag || tag == "*") {
                call->sendEmpty(304, headers);
                return;
            }
        }
    }
    call->sendJson(200, body, headers);
}

void SandboxManager::exec(const std::shared_ptr<ApiCall> &call)
{
    runExec(call, false);
}

void SandboxManager::execStream(const std::shared_ptr<ApiCall> &call)
{
    runExec(call, true);
}

void SandboxManager::runExec(const std::shared_ptr<ApiCall> &call, bool stream)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    QJsonObject body;
    if (!call->parseJsonBody(&body))
        return;
    ExecRequest request;
    if (auto problem = parseExecRequest(body, &request)) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    if (!requireRunning(call, *sandbox))
        return;

    QProcessEnvironment environment;
    environment.insert(u"PATH"_s, u"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"_s);
    environment.insert(u"HOME"_s, u"/workspace"_s);
    environment.insert(u"LANG"_s, u"C.UTF-8"_s);
    environment.insert(u"ORKESTR_SANDBOX_ID"_s, sandbox->id);
    if (sandbox->proxy) {
        // Python, pip, curl, npm and most tools honour these; the sandbox's own loopback stays direct.
        const QString proxyUrl = u"http://127.0.0.1:%1"_s.arg(sandbox->proxy->port());
        for (const auto &name : {u"http_proxy"_s, u"https_proxy"_s, u"HTTP_PROXY"_s, u"HTTPS_PROXY"_s})
            environment.insert(name, proxyUrl);
        for (const auto &name : {u"no_proxy"_s, u"NO_PROXY"_s})
            environment.insert(name, u"localhost,127.0.0.1,::1"_s);
    }
    for (const auto &source : {sandbox->env, request.env})
        for (auto it = source.begin(); it != source.end(); ++it)
            environment.insert(it.key(), it.value().toString());

    // The server runs as root with every capability (nested bubblewrap needs them); the command
    // gets none, so it cannot mount, change its root or reach outside its namespaces.
    const QStringList arguments {u"--target"_s,
                                 QString::number(sandbox->initPid),
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
                                 u"--data=%1"_s.arg(qint64(sandbox->memoryMb) * 1024 * 1024),
                                 u"--nproc=4096"_s,
                                 u"--"_s,
                                 u"/usr/bin/env"_s,
                                 u"--chdir=%1"_s.arg(request.cwd),
                                 u"/bin/sh"_s,
                                 u"-c"_s,
                                 request.command};
    const double timeoutSeconds = request.timeoutSeconds;
    // A host the proxy refused while this command ran: the exec answers 403 network_policy (see
    // docs/server.md). Looked up by id: the sandbox may be gone by the time the command ends.
    const QString sandboxId = sandbox->id;
    const qint64 violationsBefore = sandbox->violationCount;
    const auto violation = [this, sandboxId, violationsBefore]() -> std::optional<Sandbox::Violation> {
        const auto it = m_sandboxes.find(sandboxId);
        if (it == m_sandboxes.end() || it->second->violationCount == violationsBefore)
            return std::nullopt;
        for (const auto &entry : std::as_const(it->second->violations))
            if (entry.sequence > violationsBefore)
                return entry;
        return std::nullopt;
    };
    ChildSetup childSetup;
    childSetup.cpus = sandbox->cpus;
    childSetup.lockAffinity = true;
    if (stream) {
        // It answers the call itself and deletes itself when the command and stream are done.
        auto *execStream = new ExecStream(call, this);
        execStream->setPolicyCheck([violation]() -> std::optional<ExecStream::PolicyViolation> {
            if (const auto found = violation())
                return ExecStream::PolicyViolation {found->host, found->port};
            return std::nullopt;
        });
        execStream->start(m_nsenter, arguments, environment, timeoutSeconds, childSetup);
        return;
    }
    auto *process = new QProcess(this);
    prepareChild(*process, childSetup);
    process->setProgram(m_nsenter);
    process->setArguments(arguments);
    process->setProcessEnvironment(environment);
    process->setStandardInputFile(QProcess::nullDevice());

    struct State
    {
        QElapsedTimer elapsed;
        bool timedOut = false;
        bool overflowed = false;
        QByteArray out;
        QByteArray err;
        QTimer timer;
    };
    auto state = std::make_shared<State>();
    state->elapsed.start();
    state->timer.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the timeout is a promise to the caller.
    state->timer.setTimerType(Qt::PreciseTimer);
    connect(&state->timer, &QTimer::timeout, process, [process, state] {
        state->timedOut = true;
        // nsenter's child and below run inside the sandbox; kill the whole tree.
        killTree(process->processId());
    });
    // A buffered answer is held in memory whole: past the limit the command is killed (the
    // stream endpoint has no such limit).
    const auto collect = [process, state] {
        state->out += process->readAllStandardOutput();
        state->err += process->readAllStandardError();
        if (!state->overflowed && state->out.size() + state->err.size() > MaxBufferedExecOutput) {
            state->overflowed = true;
            killTree(process->processId());
        }
    };
    connect(process, &QProcess::readyReadStandardOutput, this, collect);
    connect(process, &QProcess::readyReadStandardError, this, collect);
    connect(
        process, &QProcess::finished, this,
        [process, state, call, collect, violation](int exitCode, QProcess::ExitStatus status) {
            state->timer.stop();
            collect();
            const QString out = QString::fromUtf8(state->out);
            const QString err = QString::fromUtf8(state->err);
            const qint64 duration = state->elapsed.elapsed();
            process->deleteLater();
            if (state->overflowed) {
                call->sendError(422, u"exec_killed"_s,
                                u"The command wrote more than 64 MiB of output and was killed; use "
                                "exec/stream for large output."_s,
                                {{u"signal"_s, 9},
                                 {u"stdout"_s, out.left(1024 * 1024)},
                                 {u"stderr"_s, err.left(1024 * 1024)},
                                 {u"duration_ms"_s, duration}});
            } else if (state->timedOut) {
                call->sendError(408, u"exec_timeout"_s, u"The command ran past its timeout and was killed."_s,
                                {{u"stdout"_s, out}, {u"stderr"_s, err}, {u"duration_ms"_s, duration}});
            } else if (status == QProcess::CrashExit) {
                // nsenter re-raises the signal its child died of; exitCode holds the signal.
                call->sendError(422, u"exec_killed"_s,
                                u"The command was killed by signal %1."_s.arg(exitCode),
                                {{u"signal"_s, exitCode},
                                 {u"stdout"_s, out},
                                 {u"stderr"_s, err},
                                 {u"duration_ms"_s, duration}});
            } else if (const auto blocked = violation()) {
                // The command ended on its own, but something in it was refused a host: the
                // SDK raises NetworkPolicyError. The result rides along in the error body.
                call->sendError(403, u"network_policy"_s, networkPolicyMessage(blocked->host, blocked->port),
                                {{u"host"_s, blocked->host},
                                 {u"port"_s, blocked->port},
                                 {u"exit_code"_s, exitCode},
                                 {u"stdout"_s, out},
                                 {u"stderr"_s, err},
                                 {u"duration_ms"_s, duration}});
            } else {
                call->sendJson(200,
                               {{u"stdout"_s, out},
                                {u"stderr"_s, err},
                                {u"exit_code"_s, exitCode},
                                {u"duration_ms"_s, duration}});
            }
        });
    connect(process, &QProcess::errorOccurred, this, [process, call](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        call->sendError(500, u"internal"_s, u"Cannot start the command: %1"_s.arg(process->errorString()));
        process->deleteLater();
    });
    process->start();
    state->timer.start(int(std::min(timeoutSeconds * 1000, double(1 << 30))));
}

SandboxFs SandboxManager::files(const Sandbox &sandbox) const
{
    return SandboxFs(sandboxDir(sandbox.id));
}

void SandboxManager::readFile(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    // Opened through descriptors (no symlink followed out of the sandbox, the leaf opened with
    // O_NOFOLLOW), then sent from that descriptor: nothing is looked up by name again.
    UniqueFd fd;
    qint64 size = 0;
    if (auto problem = files(*sandbox).openForReading(path, &fd, &size)) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    auto *device = new Base64JsonFile(fd.release(), path);
    QString error;
    if (!device->openFile(&error)) {
        delete device;
        call->sendError(400, u"invalid_request"_s, u"Cannot read %1: %2"_s.arg(path, error),
                        {{u"field"_s, u"path"_s}});
        return;
    }
    QHttpHeaders headers = call->baseHeaders();
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    call->responder().write(device, headers, QHttpServerResponder::StatusCode::Ok);
    call->logStreamStart(200);
}

void SandboxManager::writeFile(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    // A big body is not parsed as a whole (QJsonDocument would hold the base64 as UTF-16):
    // the content string is cut out and decoded straight from the request's bytes.
    const QByteArray raw = call->body();
    WriteFileRequest request;
    if (auto problem = parseWriteFileRequest(raw, &request)) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    // Write-then-rename in the pinned parent directory (SandboxFs::writeFile), decoding 64 KiB of
    // base64 at a time.
    QJsonObject entry;
    const auto problem = files(*sandbox).writeFile(
        request.path, request.mode,
        [&](const SandboxFs::Writer &write) -> std::optional<RequestProblem> {
            constexpr qsizetype Step = 64 * 1024; // a multiple of 4: chunks decode independently
            bool written = true;
            if (!decodeBase64InSteps(request.content, Step,
                                     [&](const QByteArray &piece) { return written = write(piece); })
                && written)
                return RequestProblem {400,
                                       u"invalid_request"_s,
                                       u"content is not valid base64."_s,
                                       {{u"field"_s, u"content"_s}}};
            return std::nullopt;
        },
        &entry);
    if (problem) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    call->sendJson(200, entry);
}

void SandboxManager::listFiles(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    QJsonArray entries;
    if (auto problem = files(*sandbox).list(path, &entries)) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    call->sendJson(200, {{u"path"_s, path}, {u"entries"_s, entries}});
}

void SandboxManager::deleteFile(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    const QString path = call->query().queryItemValue(u"path"_s, QUrl::FullyDecoded);
    const bool recursive = call->query().queryItemValue(u"recursive"_s) == u"true"_s;
    // The leaf is not followed: deleting a symlink removes the link, wherever it points.
    if (auto problem = files(*sandbox).remove(path, recursive)) {
        call->sendError(problem->status, problem->type, problem->message, problem->extra);
        return;
    }
    call->sendEmpty(204);
}

void SandboxManager::pause(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox || !requireRunning(call, *sandbox))
        return;
    // A pause in progress holds a slot too, so two at once cannot exceed the cap.
    int used = 0;
    for (const auto &[id, other] : m_sandboxes)
        used += other->status == u"paused"_s || other->status == u"pausing"_s ? 1 : 0;
    if (used >= m_plan.snapshotCap) {
        call->sendError(402, u"snapshot_cap_reached"_s,
                        u"The %1 plan keeps %2 snapshot(s) and all are in use."_s.arg(m_plan.name)
                            .arg(m_plan.snapshotCap),
                        {{u"plan"_s, m_plan.name}, {u"cap"_s, m_plan.snapshotCap}, {u"used"_s, used}});
        return;
    }
    // Freeze first so the snapshot is consistent; the cgroup freezer is not available here.
    signalAll(*sandbox, SIGSTOP);
    // A stale snapshot from an interrupted earlier run goes before "pausing" is on disk: after
    // a crash, "pausing" with a snapshot file must mean this pause's complete snapshot.
    QFile::remove(snapshotPath(sandbox->id));
    sandbox->status = u"pausing"_s;
    save(*sandbox);
    // The tar runs asynchronously, so a big workspace does not stall other requests.
    const QString id = sandbox->id;
    const QString target = snapshotPath(id);
    auto *tar = new QProcess(this);
    prepareChild(*tar); // dies with the server, keeps none of its sockets
    tar->setStandardInputFile(QProcess::nullDevice());
    tar->setStandardOutputFile(QProcess::nullDevice());
    connect(tar, &QProcess::finished, this,
            [this, tar, call, id, target](int exitCode, QProcess::ExitStatus status) {
                tar->deleteLater();
                const auto it = m_sandboxes.find(id);
                Sandbox *paused = it == m_sandboxes.end() ? nullptr : it->second.get();
                const bool ok = status == QProcess::NormalExit && exitCode == 0;
                if (!paused || paused->status != u"pausing"_s) {
                    // Terminated (or expired) while the snapshot was written.
                    QFile::remove(target + u".part"_s);
                    call->sendError(409, u"sandbox_not_ready"_s,
                                    u"The sandbox ended while it was being paused."_s,
                                    {{u"status"_s, paused ? paused->status : u"terminated"_s}});
                    return;
                }
                if (!ok || !QFile::rename(target + u".part"_s, target)) {
                    QFile::remove(target + u".part"_s);
                    signalAll(*paused, SIGCONT);
                    paused->status = u"running"_s;
                    save(*paused);
                    call->sendError(500, u"internal"_s,
                                    u"Cannot write the snapshot: %1"_s.arg(
                                        QString::fromUtf8(tar->readAllStandardError())));
                    return;
                }
                paused->status = u"paused"_s;
                paused->pausedAt = QDateTime::currentDateTimeUtc();
                paused->snapshotCreatedAt = paused->pausedAt;
                paused->snapshotSizeBytes = QFileInfo(target).size();
                paused->expiresAt = QDateTime();
                dropExpiry(*paused);
                save(*paused);
                call->sendJson(200, paused->toJson());
            });
    tar->start(u"tar"_s, {u"-cf"_s, target + u".part"_s, u"-C"_s, sandboxDir(id), u"workspace"_s, u"tmp"_s});
}

void SandboxManager::resume(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = find(call);
    if (!sandbox)
        return;
    if (sandbox->status != u"paused"_s) {
        call->sendError(409, u"sandbox_not_ready"_s,
                        u"Sandbox %1 is %2, not paused."_s.arg(sandbox->id, sandbox->status),
                        {{u"status"_s, sandbox->status}});
        return;
    }
    if (sandbox->initPid > 0) {
        signalAll(*sandbox, SIGCONT);
    } else {
        // After a server restart the processes are gone: the files come back, in a fresh init.
        const QString dir = sandboxDir(sandbox->id);
        if (!QFileInfo::exists(dir + u"/workspace"_s)) {
            QProcess tar;
            prepareChild(tar);
            tar.start(u"tar"_s, {u"-xf"_s, snapshotPath(sandbox->id), u"-C"_s, dir});
            tar.waitForFinished(300000);
        }
        QDir().mkpath(dir + u"/workspace"_s);
        QDir().mkpath(dir + u"/tmp"_s);
        QString error;
        if (!startInit(*sandbox, &error)) {
            call->sendError(503, u"unavailable"_s, u"The sandbox could not restart: %1"_s.arg(error));
            return;
        }
    }
    QFile::remove(snapshotPath(sandbox->id));
    sandbox->status = u"running"_s;
    sandbox->pausedAt = QDateTime();
    sandbox->snapshotSizeBytes = -1;
    sandbox->snapshotCreatedAt = QDateTime();
    armExpiry(*sandbox);
    save(*sandbox);
    call->sendJson(200, sandbox->toJson());
}

} // namespace OrkestrLocal
