#include "ui/terminal/ptywriter.h"

#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

namespace OrkestrUi {

PtyWriter::PtyWriter(int fd, Newlines newlines, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
{
    if (m_fd < 0)
        return;
    ::fcntl(m_fd, F_SETFL, ::fcntl(m_fd, F_GETFL) | O_NONBLOCK);
    termios mode {};
    if (::tcgetattr(m_fd, &mode) == 0) {
        // No echo of stray keys; "\n" from the sandbox becomes "\r\n" as on a real terminal.
        mode.c_lflag &= ~tcflag_t(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
        if (newlines == Newlines::Translate)
            mode.c_oflag |= OPOST | ONLCR;
        else
            mode.c_oflag &= ~tcflag_t(OPOST);
        ::tcsetattr(m_fd, TCSANOW, &mode);
    }
    m_writable = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Write, this);
    m_writable->setEnabled(false);
    connect(m_writable, &QSocketNotifier::activated, this, &PtyWriter::flush);
    m_readable = new QSocketNotifier(qintptr(m_fd), QSocketNotifier::Read, this);
    connect(m_readable, &QSocketNotifier::activated, this, [this] {
        char buffer[4096];
        while (::read(m_fd, buffer, sizeof buffer) > 0) { }
    });
}

void PtyWriter::write(const QByteArray &bytes)
{
    if (m_fd < 0 || bytes.isEmpty())
        return;
    m_queue.append(bytes);
    if (!m_writable->isEnabled())
        flush();
}

void PtyWriter::flush()
{
    while (m_offset < m_queue.size()) {
        const ssize_t written
            = ::write(m_fd, m_queue.constData() + m_offset, size_t(m_queue.size() - m_offset));
        if (written > 0) {
            m_offset += written;
            continue;
        }
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            // What has gone out is dropped once it is most of the queue, so a long flood that
            // never drains holds only what still waits, not everything since the last drain.
            constexpr qsizetype CompactBytes = 1024 * 1024;
            if (m_offset >= CompactBytes && m_offset * 2 >= m_queue.size()) {
                m_queue.remove(0, m_offset);
                m_offset = 0;
            }
            m_writable->setEnabled(true);
            return;
        }
        // The pty is gone (the widget is closing): nothing more can be shown.
        m_queue.clear();
        m_offset = 0;
        m_writable->setEnabled(false);
        return;
    }
    m_queue.clear();
    m_offset = 0;
    m_writable->setEnabled(false);
    Q_EMIT drained();
}

} // namespace OrkestrUi
