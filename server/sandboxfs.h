#pragma once

#include "server/requestparsing.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>
#include <utility>

namespace OrkestrLocal {

// An owned file descriptor, closed when it goes.
class UniqueFd
{
public:
    UniqueFd() = default;
    explicit UniqueFd(int fd)
        : m_fd(fd)
    {
    }
    UniqueFd(UniqueFd &&other) noexcept
        : m_fd(std::exchange(other.m_fd, -1))
    {
    }
    UniqueFd &operator=(UniqueFd &&other) noexcept
    {
        if (this != &other)
            reset(std::exchange(other.m_fd, -1));
        return *this;
    }
    UniqueFd(const UniqueFd &) = delete;
    UniqueFd &operator=(const UniqueFd &) = delete;
    ~UniqueFd() { reset(); }

    int get() const { return m_fd; }
    bool isValid() const { return m_fd >= 0; }
    int release() { return std::exchange(m_fd, -1); }
    void reset(int fd = -1);

private:
    int m_fd = -1;
};

// The files API of one sandbox, on file descriptors: a path is never checked and then used by
// name (code in the sandbox could swap a checked directory for a symlink in between). The
// sandbox's workspace/ or tmp/ is opened as a directory, and the path is walked from there one
// component at a time with openat(O_PATH | O_NOFOLLOW); a symlink met on the way is read from its
// descriptor and resolved here, in the sandbox's terms (an absolute target starts again at the
// sandbox's root), at most 40 of them, and refused (400 invalid_path) when it leaves /workspace or
// /tmp. What the request acts on is the pinned descriptor of the directory that holds the leaf and
// the leaf's name in it: reads open it with O_NOFOLLOW, writes go to an unnamed temporary file
// in that directory renamed over the leaf, listings read that directory's descriptor, deletes
// unlinkat() by descriptor and never follow a symlink (a link is removed, not its target).
//
// The answers are the API's: each operation returns the problem to answer (status, type,
// message, fields) or nothing on success.
class SandboxFs
{
public:
    // sandboxDir holds the sandbox's workspace/ and tmp/ (the host side of /workspace and /tmp).
    explicit SandboxFs(const QString &sandboxDir);

    enum class Leaf { Follow, NoFollow }; // a delete does not follow the last component
    enum class Missing { Absent, CreateDirectories }; // a write makes the parent directories

    // Where a path leads: the directory that holds the leaf, pinned, and the leaf's name in it.
    struct Resolved
    {
        // O_PATH descriptor of the directory that holds the leaf, or of /workspace or /tmp itself
        // when name is empty. Not valid when a directory on the way does not exist.
        UniqueFd dir;
        QByteArray name;
        // The resolved path below the sandbox directory, e.g. {"workspace", "src", "main.py"}.
        QStringList parts;
        bool exists() const { return dir.isValid(); }
        bool isRoot() const { return name.isEmpty(); }
    };
    std::optional<RequestProblem> resolve(const QString &path, Leaf leaf, Missing missing,
                                          Resolved *out) const;
    // The host path of a resolved path (for messages and the fuzz target; never acted on).
    QString hostPath(const Resolved &resolved) const;

    // GET /files: a descriptor open for reading the regular file at path, and its size.
    std::optional<RequestProblem> openForReading(const QString &path, UniqueFd *fd, qint64 *size) const;

    // PUT /files: produce calls write with the content piece by piece (false: the disk failed)
    // and returns a problem of its own to abandon the write (e.g. broken base64). The file is
    // replaced whole or not at all: written to an unnamed temporary file in the target's
    // directory, synced, given its mode, linked and renamed over the target, the directory synced.
    using Writer = std::function<bool(QByteArrayView)>;
    using Producer = std::function<std::optional<RequestProblem>(const Writer &write)>;
    std::optional<RequestProblem> writeFile(const QString &path, int mode, const Producer &produce,
                                            QJsonObject *entry) const;

    // GET /files/list: the entries of the directory at path, sorted by name. An entry that is a
    // symlink is described by its target when that stays inside the sandbox, else as the link.
    std::optional<RequestProblem> list(const QString &path, QJsonArray *entries) const;

    // DELETE /files: the file, empty directory, symlink (not its target) or, when recursive, the
    // tree at path; a recursive delete removes each entry by descriptor and never enters a link.
    std::optional<RequestProblem> remove(const QString &path, bool recursive) const;

    // Tests only: called after a path is resolved and before it is acted on, so that a test can
    // swap a directory for a symlink at the worst moment.
    std::function<void()> afterResolveForTest;

private:
    // resolve() for a read: the path must exist (else 404 with the message missing, "%1" the
    // path); the test hook runs after it.
    std::optional<RequestProblem> resolveExisting(const QString &path, const QString &missing,
                                                  Resolved *out) const;
    void describeEntry(const QString &path, int dirFd, const QByteArray &name, QJsonArray *entries) const;

    QString m_dir;
};

} // namespace OrkestrLocal
