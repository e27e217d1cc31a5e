#include "server/sandboxfs.h"

#include "server/atomicfile.h"

#include <QDateTime>
#include <QFile>
#include <QTimeZone>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

void UniqueFd::reset(int fd)
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = fd;
}

namespace {

constexpr int MaxSymlinkHops = 40;
// Attempts when the sandbox changes the path under a request (a link appears where a file
// was, a directory is removed while a file is linked into it).
constexpr int MaxAttempts = 8;
// Directories below the one being deleted recursively; each level holds one descriptor.
constexpr int MaxDeleteDepth = 512;

RequestProblem invalidPath(const QString &path, const QString &why)
{
    return {400, u"invalid_path"_s, u"Invalid path %1: %2."_s.arg(path, why), {{u"path"_s, path}}};
}

RequestProblem notFound(const QString &message, const QString &path)
{
    return {404, u"file_not_found"_s, message.arg(path), {{u"path"_s, path}}};
}

RequestProblem invalidField(const QString &field, const QString &message)
{
    return {400, u"invalid_request"_s, message, {{u"field"_s, field}}};
}

RequestProblem internal(const QString &message)
{
    return {500, u"internal"_s, message, {}};
}

QString errorText(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

RequestProblem cannotWrite(const QString &path, int error)
{
    // The sandbox's own processes removed or replaced the directory while it was written: the
    // path is what changed, not the server that failed.
    if (error == ENOENT || error == ENOTDIR)
        return invalidPath(path, u"its directory was removed or replaced while it was written"_s);
    return internal(u"Cannot write %1: %2"_s.arg(path, errorText(error)));
}

RequestProblem isDirectory(const QString &path)
{
    return invalidField(u"path"_s, u"%1 is a directory."_s.arg(path));
}

QString timestampOf(const struct stat &st)
{
    const qint64 ms = qint64(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1000000;
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC).toString(Qt::ISODateWithMs);
}

QJsonObject entryJson(const QString &name, bool isDir, qint64 size, int mode, const struct stat &times)
{
    return {{u"name"_s, name},
            {u"is_dir"_s, isDir},
            {u"size"_s, isDir ? 0 : size},
            {u"mode"_s, mode},
            {u"modified_at"_s, timestampOf(times)}};
}

// A directory that was removed while we held it (a file cannot be linked into it any more).
bool removedDirectory(int dirFd)
{
    struct stat st = {};
    return ::fstat(dirFd, &st) == 0 && st.st_nlink == 0;
}

// Opens what a resolved path names: the leaf in its directory, never following a symlink there,
// or the root itself.
int openResolved(const SandboxFs::Resolved &resolved, int flags)
{
    if (resolved.isRoot())
        return ::openat(resolved.dir.get(), ".", flags | O_CLOEXEC);
    return ::openat(resolved.dir.get(), resolved.name.constData(), flags | O_NOFOLLOW | O_CLOEXEC);
}

bool statResolved(const SandboxFs::Resolved &resolved, struct stat *st)
{
    if (resolved.isRoot())
        return ::fstat(resolved.dir.get(), st) == 0;
    return ::fstatat(resolved.dir.get(), resolved.name.constData(), st, AT_SYMLINK_NOFOLLOW) == 0;
}

// The names in a directory (without "." and ".."); false when it cannot be read.
bool readNames(int dirFd, QList<QByteArray> *names)
{
    const int copy = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (copy < 0)
        return false;
    DIR *dir = ::fdopendir(copy);
    if (!dir) {
        ::close(copy);
        return false;
    }
    errno = 0;
    while (const dirent *entry = ::readdir(dir)) {
        const QByteArrayView name(entry->d_name);
        if (name != "." && name != "..")
            names->append(name.toByteArray());
        errno = 0;
    }
    const bool ok = errno == 0;
    ::closedir(dir);
    return ok;
}

// Removes the directory name in parentFd and everything below it, entry by entry through
// descriptors: a symlink is unlinked, never entered.
bool removeTree(int parentFd, const QByteArray &name, int depth)
{
    if (depth > MaxDeleteDepth) {
        errno = ELOOP;
        return false;
    }
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        UniqueFd dir(::openat(parentFd, name.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!dir.isValid()) {
            if (errno == ENOENT)
                return true;
            if (errno != ENOTDIR && errno != ELOOP)
                return false;
            // Not a directory (any more): a file or a link, removed as such.
            return ::unlinkat(parentFd, name.constData(), 0) == 0 || errno == ENOENT;
        }
        QList<QByteArray> names;
        if (!readNames(dir.get(), &names))
            return false;
        for (const auto &entry : std::as_const(names)) {
            struct stat st = {};
            if (::fstatat(dir.get(), entry.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno == ENOENT)
                    continue;
                return false;
            }
            if (S_ISDIR(st.st_mode)) {
                if (!removeTree(dir.get(), entry, depth + 1))
                    return false;
            } else if (::unlinkat(dir.get(), entry.constData(), 0) != 0 && errno != ENOENT) {
                // EISDIR: it became a directory since the fstatat; the next round takes it.
                if (errno != EISDIR)
                    return false;
            }
        }
        if (::unlinkat(parentFd, name.constData(), AT_REMOVEDIR) == 0 || errno == ENOENT)
            return true;
        if (errno != ENOTEMPTY && errno != EEXIST)
            return false;
        // Something was added meanwhile: another round.
    }
    errno = ENOTEMPTY;
    return false;
}

} // namespace

SandboxFs::SandboxFs(const QString &sandboxDir)
    : m_dir(sandboxDir)
{
}

std::optional<RequestProblem> SandboxFs::resolve(const QString &path, Leaf leaf, Missing missing,
                                                 Resolved *out) const
{
    QStringList lexical;
    QString why;
    if (!splitSandboxPath(path, &lexical, &why))
        return invalidPath(path, why);

    // The sandbox's own directory is the server's (its name is not the sandbox's to choose).
    const UniqueFd base(::open(QFile::encodeName(m_dir).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!base.isValid())
        return internal(u"Cannot open the sandbox's files: %1"_s.arg(errorText(errno)));

    struct Dir
    {
        UniqueFd fd; // not valid: this directory does not exist (nothing below it does either)
        QByteArray name;
    };
    std::vector<Dir> dirs; // dirs[0] is workspace or tmp
    QList<QByteArray> pending;
    for (const auto &part : std::as_const(lexical))
        pending.append(QFile::encodeName(part));
    QByteArray leafName;
    bool haveLeaf = false;
    int hops = 0;
    int created = 0;
    while (!pending.isEmpty()) {
        const QByteArray part = pending.takeFirst();
        if (part.isEmpty() || part == ".")
            continue;
        if (part == "..") {
            if (dirs.size() <= 1)
                return invalidPath(path, u"a symlink in the path leads out of its root"_s);
            dirs.pop_back();
            continue;
        }
        if (dirs.empty()) {
            // The first component, or the first after an absolute symlink target.
            if (part != "workspace" && part != "tmp")
                return invalidPath(path, u"a symlink in the path resolves outside /workspace and /tmp"_s);
            UniqueFd root(
                ::openat(base.get(), part.constData(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
            if (!root.isValid())
                return internal(
                    u"Cannot open the sandbox's /%1: %2"_s.arg(QFile::decodeName(part), errorText(errno)));
            dirs.push_back({std::move(root), part});
            continue;
        }
        const bool last = pending.isEmpty();
        const Dir &top = dirs.back();
        if (last && leaf == Leaf::NoFollow) {
            leafName = part;
            haveLeaf = true;
            break;
        }
        if (!top.fd.isValid()) {
            // Below a directory that does not exist: the rest is resolved by its names.
            if (last) {
                leafName = part;
                haveLeaf = true;
                break;
            }
            dirs.push_back({UniqueFd(), part});
            continue;
        }
        UniqueFd fd(::openat(top.fd.get(), part.constData(), O_PATH | O_NOFOLLOW | O_CLOEXEC));
        if (!fd.isValid()) {
            if (errno != ENOENT)
                return internal(u"Cannot open %1: %2"_s.arg(path, errorText(errno)));
            if (last) {
                leafName = part;
                haveLeaf = true;
                break;
            }
            if (missing == Missing::Absent) {
                dirs.push_back({UniqueFd(), part});
                continue;
            }
            // Made here and then opened like any other component (what is there by then
            // may be something else: it is looked at again).
            if ((::mkdirat(top.fd.get(), part.constData(), 0777) != 0 && errno != EEXIST)
                || ++created > MaxAttempts * 8)
                return invalidField(u"path"_s, u"Cannot create the parent directories of %1."_s.arg(path));
            pending.prepend(part);
            continue;
        }
        struct stat st = {};
        if (::fstat(fd.get(), &st) != 0)
            return internal(u"Cannot open %1: %2"_s.arg(path, errorText(errno)));
        if (S_ISLNK(st.st_mode)) {
            if (++hops > MaxSymlinkHops)
                return invalidPath(path, u"too many levels of symlinks"_s);
            // Read from the descriptor: the link that was looked at, not whatever has the name now.
            char target[4096];
            const auto length = ::readlinkat(fd.get(), "", target, sizeof target);
            if (length <= 0 || length >= qsizetype(sizeof target))
                return invalidPath(path, u"a symlink in the path cannot be read"_s);
            const QByteArrayView link(target, length);
            if (link.startsWith('/'))
                dirs.clear();
            QList<QByteArray> expanded = QByteArray(link.data(), link.size()).split('/');
            pending = expanded + pending;
            continue;
        }
        if (last) {
            leafName = part;
            haveLeaf = true;
            break;
        }
        if (S_ISDIR(st.st_mode)) {
            dirs.push_back({std::move(fd), part});
            continue;
        }
        // A file where a directory should be.
        if (missing == Missing::CreateDirectories)
            return invalidField(u"path"_s, u"Cannot create the parent directories of %1."_s.arg(path));
        dirs.push_back({UniqueFd(), part});
    }
    if (dirs.empty())
        return invalidPath(path, u"a symlink in the path resolves outside /workspace and /tmp"_s);
    if (!haveLeaf && dirs.size() > 1) {
        // The path ends at a directory reached through ".." or "." of a symlink: name it in its parent.
        leafName = dirs.back().name;
        dirs.pop_back();
    }
    out->parts.clear();
    for (const auto &dir : dirs)
        out->parts.append(QFile::decodeName(dir.name));
    if (!leafName.isEmpty())
        out->parts.append(QFile::decodeName(leafName));
    out->name = leafName;
    out->dir = std::move(dirs.back().fd);
    return std::nullopt;
}

QString SandboxFs::hostPath(const Resolved &resolved) const
{
    return m_dir + u'/' + resolved.parts.join(u'/');
}

std::optional<RequestProblem> SandboxFs::resolveExisting(const QString &path, const QString &missing,
                                                         Resolved *out) const
{
    if (auto problem = resolve(path, Leaf::Follow, Missing::Absent, out))
        return problem;
    if (!out->exists())
        return notFound(missing, path);
    if (afterResolveForTest)
        afterResolveForTest();
    return std::nullopt;
}

std::optional<RequestProblem> SandboxFs::openForReading(const QString &path, UniqueFd *fd, qint64 *size) const
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        Resolved resolved;
        if (auto problem = resolveExisting(path, u"No file %1."_s, &resolved))
            return problem;
        // Non-blocking: a FIFO made in the sandbox must not hang the server (it is refused below).
        UniqueFd file(openResolved(resolved, O_RDONLY | O_NONBLOCK | O_NOCTTY));
        if (!file.isValid()) {
            if (errno == ENOENT)
                return notFound(u"No file %1."_s, path);
            if (errno == ELOOP)
                continue; // the leaf became a symlink since it was resolved: resolve it again
            return invalidField(u"path"_s, u"Cannot read %1: %2"_s.arg(path, errorText(errno)));
        }
        struct stat st = {};
        if (::fstat(file.get(), &st) != 0)
            return invalidField(u"path"_s, u"Cannot read %1: %2"_s.arg(path, errorText(errno)));
        if (S_ISDIR(st.st_mode))
            return invalidField(u"path"_s, u"%1 is a directory; use files/list."_s.arg(path));
        if (!S_ISREG(st.st_mode))
            return invalidField(u"path"_s, u"Cannot read %1: not a regular file"_s.arg(path));
        if (st.st_size > MaxFileBytes)
            return RequestProblem {413,
                                   u"payload_too_large"_s,
                                   u"The file is larger than 256 MiB."_s,
                                   {{u"max_bytes"_s, MaxFileBytes}}};
        ::fcntl(file.get(), F_SETFL, ::fcntl(file.get(), F_GETFL) & ~O_NONBLOCK);
        *size = st.st_size;
        *fd = std::move(file);
        return std::nullopt;
    }
    return invalidPath(path, u"it kept changing while it was opened"_s);
}

std::optional<RequestProblem> SandboxFs::writeFile(const QString &path, int mode, const Producer &produce,
                                                   QJsonObject *entry) const
{
    Resolved resolved;
    struct stat st = {};
    AtomicFileWriter file;
    for (int attempt = 0; attempt < MaxAttempts && !file.isOpen(); ++attempt) {
        if (auto problem = resolve(path, Leaf::Follow, Missing::CreateDirectories, &resolved))
            return problem;
        if (resolved.isRoot())
            return isDirectory(path);
        if (afterResolveForTest)
            afterResolveForTest();
        if (statResolved(resolved, &st) && S_ISDIR(st.st_mode))
            return isDirectory(path);
        // The temporary file goes into the pinned directory, whatever its name leads to by now.
        if (const int error = file.open(resolved.dir.get(), mode_t(mode)); error != 0) {
            if (!removedDirectory(resolved.dir.get()))
                return cannotWrite(path, error);
            // The directory was removed (by the sandbox) since it was resolved: again.
        }
    }
    if (!file.isOpen())
        return invalidPath(path, u"its directory kept changing while it was written"_s);
    int writeError = 0;
    const Writer write = [&](QByteArrayView piece) {
        writeError = file.write(piece);
        return writeError == 0;
    };
    if (auto problem = produce(write))
        return problem; // the writer drops the temporary file
    if (writeError != 0)
        return cannotWrite(path, writeError);
    // The entry describes the file written (the sandbox may replace it the moment it is there).
    if (::fstat(file.handle(), &st) != 0)
        return cannotWrite(path, errno);
    for (int attempt = 0;; ++attempt) {
        const int error = file.commit(resolved.dir.get(), resolved.name);
        if (error == 0)
            break;
        if (error == EISDIR || error == ENOTEMPTY || error == EEXIST)
            return isDirectory(path); // a directory took the file's place meanwhile
        if (attempt + 1 >= MaxAttempts || !removedDirectory(resolved.dir.get()))
            return cannotWrite(path, error);
        // The directory was removed meanwhile (by the sandbox): make the path again and link
        // the file there (the same file system: /workspace or /tmp).
        Resolved again;
        if (auto problem = resolve(path, Leaf::Follow, Missing::CreateDirectories, &again))
            return problem;
        if (again.isRoot())
            return isDirectory(path);
        resolved = std::move(again);
    }
    *entry = entryJson(QFile::decodeName(resolved.name), false, st.st_size, int(st.st_mode & 07777), st);
    return std::nullopt;
}

std::optional<RequestProblem> SandboxFs::list(const QString &path, QJsonArray *entries) const
{
    for (int attempt = 0; attempt < MaxAttempts; ++attempt) {
        Resolved resolved;
        if (auto problem = resolveExisting(path, u"No directory %1."_s, &resolved))
            return problem;
        UniqueFd dir(openResolved(resolved, O_PATH | O_DIRECTORY));
        if (!dir.isValid()) {
            const int error = errno;
            struct stat st = {};
            const bool exists = statResolved(resolved, &st);
            if (error == ENOENT || !exists)
                return notFound(u"No directory %1."_s, path);
            if (S_ISLNK(st.st_mode))
                continue; // it became a symlink since it was resolved: resolve it again
            if (error == ENOTDIR)
                return invalidField(u"path"_s, u"%1 is not a directory."_s.arg(path));
            return internal(u"Cannot list %1: %2"_s.arg(path, errorText(error)));
        }
        QList<QByteArray> names;
        if (!readNames(dir.get(), &names))
            return internal(u"Cannot list %1: %2"_s.arg(path, errorText(errno)));
        QJsonArray result;
        for (const auto &name : std::as_const(names))
            describeEntry(path, dir.get(), name, &result);
        // Sorted by name, as QDir::Name sorted them.
        QList<QJsonValue> sorted(result.begin(), result.end());
        std::sort(sorted.begin(), sorted.end(), [](const QJsonValue &a, const QJsonValue &b) {
            return a.toObject().value(u"name"_s).toString() < b.toObject().value(u"name"_s).toString();
        });
        *entries = QJsonArray();
        for (const auto &entry : std::as_const(sorted))
            entries->append(entry);
        return std::nullopt;
    }
    return invalidPath(path, u"it kept changing while it was opened"_s);
}

void SandboxFs::describeEntry(const QString &path, int dirFd, const QByteArray &name,
                              QJsonArray *entries) const
{
    struct stat st = {};
    if (::fstatat(dirFd, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return; // gone since the directory was read
    const QString entryName = QFile::decodeName(name);
    const int mode = int(st.st_mode & 07777);
    if (!S_ISLNK(st.st_mode)) {
        entries->append(entryJson(entryName, S_ISDIR(st.st_mode), st.st_size, mode, st));
        return;
    }
    // A symlink: described by its target when that is inside the sandbox (resolved like any
    // path of the API), as a link otherwise; never by what it names on the host.
    Resolved target;
    struct stat targetStat = {};
    const QString entryPath = path.endsWith(u'/') ? path + entryName : path + u'/' + entryName;
    if (!resolve(entryPath, Leaf::Follow, Missing::Absent, &target) && target.exists()
        && statResolved(target, &targetStat) && !S_ISLNK(targetStat.st_mode)) {
        entries->append(
            entryJson(entryName, S_ISDIR(targetStat.st_mode), targetStat.st_size, mode, targetStat));
        return;
    }
    entries->append(entryJson(entryName, false, 0, mode, st));
}

std::optional<RequestProblem> SandboxFs::remove(const QString &path, bool recursive) const
{
    Resolved resolved;
    if (auto problem = resolve(path, Leaf::NoFollow, Missing::Absent, &resolved))
        return problem;
    if (!resolved.exists())
        return notFound(u"No file %1."_s, path);
    if (resolved.isRoot())
        return RequestProblem {400,
                               u"invalid_path"_s,
                               u"The roots /workspace and /tmp cannot be deleted."_s,
                               {{u"path"_s, path}}};
    if (afterResolveForTest)
        afterResolveForTest();
    const int dir = resolved.dir.get();
    const QByteArray &name = resolved.name;
    struct stat st = {};
    if (::fstatat(dir, name.constData(), &st, AT_SYMLINK_NOFOLLOW) != 0)
        return notFound(u"No file %1."_s, path);
    bool removed = false;
    if (S_ISDIR(st.st_mode)) {
        if (!recursive) {
            removed = ::unlinkat(dir, name.constData(), AT_REMOVEDIR) == 0;
            if (!removed && (errno == ENOTEMPTY || errno == EEXIST))
                return invalidField(u"recursive"_s,
                                    u"%1 is a non-empty directory; pass recursive=true."_s.arg(path));
        } else {
            removed = removeTree(dir, name, 0);
        }
    } else {
        // A file or a symlink (the link itself), whatever it points at.
        removed = ::unlinkat(dir, name.constData(), 0) == 0;
    }
    if (!removed)
        return internal(u"Cannot delete %1."_s.arg(path));
    return std::nullopt;
}

} // namespace OrkestrLocal
