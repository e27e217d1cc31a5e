#include "server/atomicfile.h"

#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

QByteArray temporaryName()
{
    return ".orkestr-write-" + QByteArray::number(QRandomGenerator::global()->generate64(), 36);
}

} // namespace

int AtomicFileWriter::open(int dirFd, mode_t mode)
{
    discard();
    m_fd = ::openat(dirFd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (m_fd < 0 && (errno == EOPNOTSUPP || errno == EISDIR || errno == EINVAL)) {
        // No O_TMPFILE here: a named file, made by us (O_EXCL) and never followed.
        for (int i = 0; i < 16 && m_fd < 0; ++i) {
            m_name = temporaryName();
            m_fd = ::openat(dirFd, m_name.constData(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
                            0600);
            if (m_fd < 0 && errno != EEXIST)
                break;
        }
        if (m_fd >= 0)
            m_dirFd = ::fcntl(dirFd, F_DUPFD_CLOEXEC, 0);
        else
            m_name.clear();
    }
    if (m_fd < 0)
        return errno;
    if (::fchmod(m_fd, mode) != 0) {
        const int error = errno;
        discard();
        return error;
    }
    return 0;
}

int AtomicFileWriter::write(QByteArrayView data)
{
    const char *at = data.data();
    qsizetype left = data.size();
    while (left > 0) {
        const auto n = ::write(m_fd, at, size_t(left));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n < 0 ? errno : EIO;
        at += n;
        left -= n;
    }
    return 0;
}

int AtomicFileWriter::commit(int dirFd, const QByteArray &name)
{
    if (m_fd < 0)
        return EBADF;
    if (::fsync(m_fd) != 0)
        return errno;
    QByteArray linked = m_name;
    int from = m_dirFd;
    if (m_name.isEmpty()) {
        // Give the unnamed file a name next to the target: through /proc (no privilege needed),
        // else AT_EMPTY_PATH (CAP_DAC_READ_SEARCH before Linux 6.10).
        const QByteArray self = "/proc/self/fd/" + QByteArray::number(m_fd);
        int error = EEXIST;
        for (int i = 0; i < 16 && error == EEXIST; ++i) {
            linked = temporaryName();
            error = 0;
            if (::linkat(AT_FDCWD, self.constData(), dirFd, linked.constData(), AT_SYMLINK_FOLLOW) != 0
                && ::linkat(m_fd, "", dirFd, linked.constData(), AT_EMPTY_PATH) != 0)
                error = errno;
        }
        if (error != 0)
            return error;
        from = dirFd;
    }
    if (::renameat(from, linked.constData(), dirFd, name.constData()) != 0) {
        const int error = errno;
        if (m_name.isEmpty())
            ::unlinkat(dirFd, linked.constData(), 0);
        return error;
    }
    if (!m_name.isEmpty()) {
        ::close(m_dirFd);
        m_dirFd = -1;
        m_name.clear();
    }
    // The rename is durable once the directory is.
    const int directory = ::openat(dirFd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
    ::close(m_fd);
    m_fd = -1;
    return 0;
}

void AtomicFileWriter::discard()
{
    if (!m_name.isEmpty() && m_dirFd >= 0)
        ::unlinkat(m_dirFd, m_name.constData(), 0);
    if (m_dirFd >= 0)
        ::close(m_dirFd);
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_dirFd = -1;
    m_name.clear();
}

mode_t permissionBits(QFileDevice::Permissions permissions)
{
    // Qt's owner and user bits are the same for the process that owns the file.
    static constexpr struct
    {
        QFileDevice::Permissions qt;
        mode_t posix;
    } bits[] = {
        {QFileDevice::ReadOwner | QFileDevice::ReadUser, S_IRUSR},
        {QFileDevice::WriteOwner | QFileDevice::WriteUser, S_IWUSR},
        {QFileDevice::ExeOwner | QFileDevice::ExeUser, S_IXUSR},
        {QFileDevice::ReadGroup, S_IRGRP},
        {QFileDevice::WriteGroup, S_IWGRP},
        {QFileDevice::ExeGroup, S_IXGRP},
        {QFileDevice::ReadOther, S_IROTH},
        {QFileDevice::WriteOther, S_IWOTH},
        {QFileDevice::ExeOther, S_IXOTH},
    };
    mode_t mode = 0;
    for (const auto &bit : bits) {
        if (permissions.testAnyFlags(bit.qt))
            mode |= bit.posix;
    }
    return mode;
}

bool writeFileAtomically(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                         QString *error)
{
    const QFileInfo info(path);
    const auto fail = [&](int errorNumber) {
        *error = u"%1: %2"_s.arg(path, QString::fromLocal8Bit(std::strerror(errorNumber)));
        return false;
    };
    const int dir
        = ::open(QFile::encodeName(info.absolutePath()).constData(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return fail(errno);
    AtomicFileWriter writer;
    int result = writer.open(dir, permissionBits(permissions));
    if (result == 0)
        result = writer.write(data);
    if (result == 0)
        result = writer.commit(dir, QFile::encodeName(info.fileName()));
    ::close(dir);
    return result == 0 || fail(result);
}

} // namespace OrkestrLocal
