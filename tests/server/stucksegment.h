#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

// A segment file of stored exec output swapped for a FIFO that nobody writes: a reader's open()
// waits there, as on a disk that does not answer. The FIFO is also linked under a name of its
// own, to reach it once the segment is back. Released when it goes out of scope, so that a
// failed test never leaves a server thread waiting.
class StuckSegment
{
public:
    explicit StuckSegment(const QString &segment)
        : m_name(QFile::encodeName(segment))
        , m_kept(m_name + ".kept")
        , m_fifo(m_name + ".fifo")
    {
    }
    ~StuckSegment()
    {
        if (!m_released)
            release();
    }
    StuckSegment(const StuckSegment &) = delete;
    StuckSegment &operator=(const StuckSegment &) = delete;

    // Puts the FIFO in the segment's place; false if any step failed.
    bool swap()
    {
        return ::rename(m_name.constData(), m_kept.constData()) == 0
            && ::mkfifo(m_fifo.constData(), 0600) == 0 && ::link(m_fifo.constData(), m_name.constData()) == 0;
    }
    // Opening the FIFO for writing succeeds only while someone opens it for reading, and lets
    // that open() return (its read then finds nothing). False while nobody waits there.
    bool release()
    {
        const int fd = ::open(m_fifo.constData(), O_WRONLY | O_NONBLOCK);
        if (fd < 0)
            return false;
        ::close(fd);
        return m_released = true;
    }
    bool released() const { return m_released; }
    // The segment back in its place (the FIFO's own name stays, for release()).
    bool putBack() { return ::rename(m_kept.constData(), m_name.constData()) == 0; }

private:
    QByteArray m_name;
    QByteArray m_kept;
    QByteArray m_fifo;
    bool m_released = false;
};
