#include "server/outputfiles.h"

#include <QFile>
#include <QtEndian>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

namespace OrkestrLocal::OutputFiles {

using namespace Qt::StringLiterals;

namespace {
Entry decode(const char *in)
{
    return {qint64(qFromLittleEndian<quint64>(in)), qint64(qFromLittleEndian<quint32>(in + 8)),
            qFromLittleEndian<quint32>(in + 12) == 0 ? 0 : 1};
}

template<typename Call, typename Pointer>
bool transferAll(Call call, int fd, Pointer data, qint64 size, qint64 position)
{
    while (size > 0) {
        const ssize_t done = call(fd, data, size_t(size), off_t(position));
        if (done < 0 && errno == EINTR)
            continue;
        if (done <= 0)
            return false;
        data += done;
        size -= done;
        position += done;
    }
    return true;
}
} // namespace

void encode(const Entry &entry, char *out)
{
    qToLittleEndian<quint64>(quint64(entry.offset), out);
    qToLittleEndian<quint32>(quint32(entry.length), out + 8);
    qToLittleEndian<quint32>(quint32(entry.stream), out + 12);
}

QList<Entry> readEntries(int fd, qint64 first, qint64 count)
{
    QList<Entry> entries;
    if (count <= 0)
        return entries;
    QByteArray raw(count * EntryBytes, Qt::Uninitialized);
    if (!readAll(fd, raw.data(), raw.size(), first * EntryBytes))
        return entries;
    entries.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        entries.append(decode(raw.constData() + i * EntryBytes));
    return entries;
}

bool writeAll(int fd, const char *data, qint64 size, qint64 position)
{
    return transferAll(::pwrite, fd, data, size, position);
}

bool readAll(int fd, char *data, qint64 size, qint64 position)
{
    return transferAll(::pread, fd, data, size, position);
}

int openFile(const QString &path, int flags)
{
    return ::open(QFile::encodeName(path).constData(), flags | O_CLOEXEC, 0600);
}

void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}

QString execDir(const QString &root, const QString &sandboxId, const QString &execId)
{
    return root + u'/' + sandboxId + u'/' + execId;
}

QString segmentName(int stream, qint64 number)
{
    return (stream == 0 ? u"/stdout-"_s : u"/stderr-"_s) + QString::number(number) + u".seg"_s;
}

} // namespace OrkestrLocal::OutputFiles
