#include "server/cgrouplimits.h"

#include "server/log.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTimer>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace CgroupDetection {

std::optional<QString> unifiedPath(const QByteArray &procSelfCgroup)
{
    for (const auto &line : procSelfCgroup.split('\n'))
        if (line.startsWith("0::"))
            return QString::fromUtf8(line.mid(3).trimmed());
    return std::nullopt;
}

namespace {

// mountinfo writes space, tab, newline and backslash in paths as \ooo.
QString unescapeMountPath(const QByteArray &field)
{
    QByteArray out;
    out.reserve(field.size());
    for (qsizetype i = 0; i < field.size(); ++i) {
        if (field.at(i) == '\\' && i + 3 < field.size()) {
            bool ok = false;
            const int value = field.mid(i + 1, 3).toInt(&ok, 8);
            if (ok) {
                out.append(char(value));
                i += 3;
                continue;
            }
        }
        out.append(field.at(i));
    }
    return QFile::decodeName(out);
}

} // namespace

QList<Mount> cgroup2Mounts(const QByteArray &mountinfo)
{
    QList<Mount> mounts;
    for (const auto &line : mountinfo.split('\n')) {
        const auto fields = line.simplified().split(' ');
        // id parent major:minor root mount-point options [optional fields...] - type source super-options
        const auto separator = fields.indexOf("-");
        if (separator < 6 || separator + 1 >= fields.size() || fields.at(separator + 1) != "cgroup2")
            continue;
        mounts.append({unescapeMountPath(fields.at(3)), unescapeMountPath(fields.at(4))});
    }
    return mounts;
}

QString directoryOf(const QString &path, const QList<Mount> &mounts)
{
    for (auto it = mounts.crbegin(); it != mounts.crend(); ++it) {
        const QString root = it->root == u"/"_s ? QString() : it->root;
        if (!root.isEmpty() && path != root && !path.startsWith(root + u'/'))
            continue;
        const QString below = path.mid(root.size());
        return QDir::cleanPath(it->mountPoint + (below.isEmpty() || below == u"/"_s ? QString() : below));
    }
    return QString();
}

} // namespace CgroupDetection

namespace {

constexpr int RemoveRetryMs = 100;
constexpr int RemoveAttempts = 50;

QString errorText(int error)
{
    return QString::fromLocal8Bit(::strerror(error));
}

// Writes text to an interface file; O_CREAT only matters where the directory is not cgroupfs
// (the kernel made the file with the cgroup).
bool writeFile(const QString &path, const QByteArray &text, QString *error, int extraFlags = O_TRUNC)
{
    const int fd
        = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_CLOEXEC | extraFlags, 0644);
    if (fd < 0) {
        *error = u"%1: %2"_s.arg(path, errorText(errno));
        return false;
    }
    const auto written = ::write(fd, text.constData(), size_t(text.size()));
    const int writeErrno = errno;
    ::close(fd);
    if (written != text.size()) {
        *error = u"%1: %2"_s.arg(path, written < 0 ? errorText(writeErrno) : u"short write"_s);
        return false;
    }
    return true;
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<QByteArray> words(const QByteArray &text)
{
    return text.simplified().split(' ');
}

bool makeDirectory(const QString &path, QString *error)
{
    if (::mkdir(QFile::encodeName(path).constData(), 0755) == 0 || errno == EEXIST)
        return true;
    *error = u"%1: %2"_s.arg(path, errorText(errno));
    return false;
}

} // namespace

CgroupLimits::CgroupLimits(const QString &root, QObject *parent)
    : QObject(parent)
    , m_retry(new QTimer(this))
{
    m_retry->setInterval(RemoveRetryMs);
    connect(m_retry, &QTimer::timeout, this, [this] {
        const auto ids = m_removing.keys();
        for (const auto &id : ids)
            tryRemove(id);
        if (m_removing.isEmpty())
            m_retry->stop();
    });
    QString directory = root;
    if (directory.isEmpty()) {
        const auto path = CgroupDetection::unifiedPath(readFile(u"/proc/self/cgroup"_s));
        if (!path) {
            m_problem = u"no cgroup v2 hierarchy (/proc/self/cgroup has no 0:: line)"_s;
            return;
        }
        directory = CgroupDetection::directoryOf(
            *path, CgroupDetection::cgroup2Mounts(readFile(u"/proc/self/mountinfo"_s)));
        if (directory.isEmpty()) {
            m_problem = u"the server's cgroup v2 %1 is not mounted here"_s.arg(*path);
            return;
        }
    }
    if (!setUp(QDir::cleanPath(directory), !root.isEmpty()))
        m_sandboxesDir.clear();
}

CgroupLimits::~CgroupLimits() = default;

bool CgroupLimits::setUp(const QString &root, bool given)
{
    const auto controllers = words(readFile(root + u"/cgroup.controllers"_s));
    if (!controllers.contains("memory")) {
        m_problem = u"the cgroup %1 has no memory controller (cgroup.controllers: %2)"_s.arg(
            root, QString::fromUtf8(controllers.join(' ')).trimmed());
        if (given)
            qCWarning(lcServer).noquote() << u"orkestr-local: --cgroup-root: %1"_s.arg(m_problem);
        return false;
    }
    for (const auto &file : {QString(), u"/cgroup.subtree_control"_s, u"/cgroup.procs"_s}) {
        if (::access(QFile::encodeName(root + file).constData(), W_OK) != 0) {
            m_problem = u"the cgroup %1 is not writable (%2)"_s.arg(root, errorText(errno));
            if (given)
                qCWarning(lcServer).noquote() << u"orkestr-local: --cgroup-root: %1"_s.arg(m_problem);
            return false;
        }
    }
    const bool cpu = controllers.contains("cpu");
    QString error;
    const auto fail = [this, &error] {
        m_problem = u"setting up the cgroups failed: %1"_s.arg(error);
        qCWarning(lcServer).noquote() << u"orkestr-local: cgroup v2 not used: %1"_s.arg(m_problem);
        return false;
    };
    // Only a leaf may hold processes: the server leaves its own cgroup for a child first. A
    // cgroup it shares with others (the dashboard's, when it started the server) is not its own.
    auto processes = words(readFile(root + u"/cgroup.procs"_s));
    processes.removeAll(QByteArray());
    const QByteArray server = QByteArray::number(::getpid());
    const bool holdsServer = processes.removeAll(server) > 0;
    if (!processes.isEmpty()) {
        m_problem = u"the cgroup %1 holds other processes than the server (%2)"_s.arg(
            root, QString::fromLatin1(processes.join(' ')));
        if (given)
            qCWarning(lcServer).noquote() << u"orkestr-local: --cgroup-root: %1"_s.arg(m_problem);
        return false;
    }
    if (holdsServer) {
        if (!makeDirectory(root + u"/server"_s, &error)
            || !writeFile(root + u"/server/cgroup.procs"_s, server + '\n', &error, O_APPEND))
            return fail();
    }
    const QByteArray enable = cpu ? "+memory +cpu" : "+memory";
    const auto enableFor = [&](const QString &dir) {
        const auto enabled = words(readFile(dir + u"/cgroup.subtree_control"_s));
        if (enabled.contains("memory") && (!cpu || enabled.contains("cpu")))
            return true;
        return writeFile(dir + u"/cgroup.subtree_control"_s, enable, &error);
    };
    const QString sandboxes = root + u"/sandboxes"_s;
    if (!enableFor(root) || !makeDirectory(sandboxes, &error) || !enableFor(sandboxes))
        return fail();
    // Cgroups left by a server that did not stop cleanly: their processes died with it.
    const auto stale = QDir(sandboxes).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const auto &name : stale)
        ::rmdir(QFile::encodeName(sandboxes + u'/' + name).constData());
    m_sandboxesDir = sandboxes;
    m_cpu = cpu;
    return true;
}

QString CgroupLimits::summary() const
{
    if (!usable())
        return u"cgroup v2 not used: %1"_s.arg(m_problem);
    return u"cgroup v2 in %1: memory.max (no swap; the kernel's OOM killer)%2"_s.arg(
        m_sandboxesDir, m_cpu ? u" and cpu.max"_s : u" (no cpu controller: cpu not through cgroup v2)"_s);
}

bool CgroupLimits::prepare(const QString &id, int memoryMb, double cpu)
{
    if (!usable())
        return false;
    m_removing.remove(id);
    m_prepared.insert(id);
    const QString dir = sandboxDir(id);
    QString error;
    bool ok = makeDirectory(dir, &error)
        && writeFile(dir + u"/memory.max"_s, QByteArray::number(qint64(memoryMb) * 1024 * 1024), &error);
    // Without swap accounting the file does not exist, and there is no swap to limit through it.
    if (ok && QFileInfo::exists(dir + u"/memory.swap.max"_s))
        ok = writeFile(dir + u"/memory.swap.max"_s, "0", &error);
    if (ok && m_cpu) {
        const qint64 quota = std::max<qint64>(1000, std::llround(cpu * 100000));
        ok = writeFile(dir + u"/cpu.max"_s, QByteArray::number(quota) + " 100000", &error);
    }
    if (!ok) {
        qCWarning(lcServer).noquote()
            << u"orkestr-local: sandbox %1 runs without its cgroup (fallback limits): %2"_s.arg(id, error);
        m_prepared.remove(id);
        ::rmdir(QFile::encodeName(dir).constData());
        return false;
    }
    return true;
}

bool CgroupLimits::attach(const QString &id, qint64 pid)
{
    if (!usable())
        return false;
    QString error;
    // PID 1 is bwrap, which has started the sandbox's command already; nothing else runs yet.
    QList<QByteArray> pids {QByteArray::number(pid)};
    pids += words(readFile(u"/proc/%1/task/%1/children"_s.arg(pid)));
    pids.removeAll(QByteArray());
    const auto joined = std::all_of(pids.cbegin(), pids.cend(), [&](const QByteArray &each) {
        return writeFile(sandboxDir(id) + u"/cgroup.procs"_s, each + '\n', &error, O_APPEND);
    });
    if (!joined) {
        qCWarning(lcServer).noquote()
            << u"orkestr-local: sandbox %1 runs without its cgroup (fallback limits): %2"_s.arg(id, error);
        m_prepared.remove(id);
        ::rmdir(QFile::encodeName(sandboxDir(id)).constData());
        return false;
    }
    m_attached.insert(id);
    return true;
}

QByteArray CgroupLimits::procsFile(const QString &id) const
{
    return m_attached.contains(id) ? QFile::encodeName(sandboxDir(id) + u"/cgroup.procs"_s) : QByteArray();
}

qint64 CgroupLimits::oomKills(const QString &id) const
{
    if (!usable())
        return -1;
    const auto lines = readFile(sandboxDir(id) + u"/memory.events"_s).split('\n');
    for (const auto &line : lines)
        if (line.startsWith("oom_kill "))
            return line.mid(9).trimmed().toLongLong();
    return -1;
}

void CgroupLimits::release(const QString &id)
{
    m_attached.remove(id);
    if (!m_prepared.remove(id))
        return;
    // Commands started through nsenter have processes outside the sandbox's PID namespace
    // (nsenter's parent): killing the init does not end those.
    const QString kill = sandboxDir(id) + u"/cgroup.kill"_s;
    QString error;
    if (QFileInfo::exists(kill) && !writeFile(kill, "1", &error))
        qCWarning(lcServer).noquote() << u"orkestr-local: cgroup.kill of sandbox %1: %2"_s.arg(id, error);
    m_removing.insert(id, 0);
    tryRemove(id);
}

void CgroupLimits::tryRemove(const QString &id)
{
    const QString dir = sandboxDir(id);
    if (::rmdir(QFile::encodeName(dir).constData()) == 0 || errno == ENOENT) {
        m_removing.remove(id);
        qCInfo(lcServer).noquote() << u"orkestr-local: removed the cgroup of sandbox %1"_s.arg(id);
        return;
    }
    // The kernel counts a cgroup busy until its killed processes are reaped.
    if (errno == EBUSY && ++m_removing[id] < RemoveAttempts) {
        if (!m_retry->isActive())
            m_retry->start();
        return;
    }
    const QString error = errorText(errno);
    m_removing.remove(id);
    qCWarning(lcServer).noquote() << u"orkestr-local: cannot remove the cgroup %1: %2"_s.arg(dir, error);
}

} // namespace OrkestrLocal
