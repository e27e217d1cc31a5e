#pragma once

#include <QByteArray>
#include <QObject>

class QSocketNotifier;

namespace OrkestrUi {

// Feeds bytes into the slave side of QTermWidget's pty without ever blocking the GUI thread: the
// emulation reads the master side in this same thread, so a blocking write on a full pty would
// deadlock. Writes are non-blocking; what does not fit waits in memory until the fd is writable.
// Input arriving on the slave (keys typed into the terminal view) is read and dropped.
class PtyWriter : public QObject
{
    Q_OBJECT
public:
    // How "\n" reaches the emulation: as "\r\n" (output of commands run without a terminal), or
    // unchanged (a remote pty's output, already a terminal's).
    enum class Newlines { Translate, AsIs };

    // Takes no ownership of fd; sets it non-blocking and turns off echo and line editing.
    explicit PtyWriter(int fd, QObject *parent = nullptr)
        : PtyWriter(fd, Newlines::Translate, parent)
    {
    }
    PtyWriter(int fd, Newlines newlines, QObject *parent = nullptr);

    void write(const QByteArray &bytes);
    qint64 pendingBytes() const { return m_queue.size() - m_offset; }

Q_SIGNALS:
    // Everything queued has reached the pty.
    void drained();

private:
    void flush();

    int m_fd;
    QByteArray m_queue;
    qsizetype m_offset = 0;
    QSocketNotifier *m_writable = nullptr;
    QSocketNotifier *m_readable = nullptr;
};

} // namespace OrkestrUi
