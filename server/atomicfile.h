#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QFileDevice>
#include <QString>

#include <sys/types.h>

namespace OrkestrLocal {

// A file that replaces another one whole, written in the target's directory (given as a
// descriptor, so that the directory is the one that was checked, whatever its name leads to
// meanwhile): an unnamed O_TMPFILE where the file system has it, so that a crash leaves nothing
// behind (else a hidden ".orkestr-write-*" file made with O_EXCL | O_NOFOLLOW). commit() syncs
// the data, links it under a temporary name and renames it over the target (never following a
// symlink there: a link in the target's place is replaced, not written through), then syncs the
// directory. Until then the old file is untouched; a writer dropped before commit leaves it so.
class AtomicFileWriter
{
public:
    AtomicFileWriter() = default;
    AtomicFileWriter(const AtomicFileWriter &) = delete;
    AtomicFileWriter &operator=(const AtomicFileWriter &) = delete;
    ~AtomicFileWriter() { discard(); }

    // Creates the temporary file in dirFd with the permission bits mode (set before any byte is
    // written). Returns 0 or an errno value.
    int open(int dirFd, mode_t mode);
    // Returns 0 or an errno value.
    int write(QByteArrayView data);
    // Makes the file the target name in dirFd (the directory it was opened in, or another one
    // on the same file system when that one was removed meanwhile). Returns 0 or an errno value;
    // on failure the writer can commit again (e.g. into a directory made anew).
    int commit(int dirFd, const QByteArray &name);
    // Drops the temporary file (nothing to do for an unnamed one but closing it).
    void discard();

    int handle() const { return m_fd; }
    bool isOpen() const { return m_fd >= 0; }

private:
    int m_fd = -1;
    int m_dirFd = -1; // a named temporary file's directory (a duplicate, owned)
    QByteArray m_name; // a named temporary file's name; empty for an unnamed one
};

// The permission bits of QFileDevice::Permissions (owner and user bits are the same on Unix).
mode_t permissionBits(QFileDevice::Permissions permissions);

// Writes a whole file through an AtomicFileWriter in the path's directory, so that a crash leaves
// either the old file or the new one, never a torn mix. For the server's own files (state,
// tokens, idempotency keys) in its data directory; sandbox files go through SandboxFs.
bool writeFileAtomically(const QString &path, const QByteArray &data, QFileDevice::Permissions permissions,
                         QString *error);

} // namespace OrkestrLocal
