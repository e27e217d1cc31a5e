#include "server/journaloutput.h"

#include "server/log.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QtEndian>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// One chunk in the index: where it starts in its stream, how long it is, which stream.
constexpr qint64 EntryBytes = 16;
constexpr qint64 EntriesPerRead = 256;

struct Entry
{
    qint64 offset = 0;
    qint64 length = 0;
    int stream = 0;
};

void encode(const Entry &entry, char *out)
{
    qToLittleEndian<quint64>(quint64(entry.offset), out);
    qToLittleEndian<quint32>(quint32(entry.length), out + 8);
    qToLittleEndian<quint32>(quint32(entry.stream), out + 12);
}

Entry decode(const char *in)
{
    return {qint64(qFromLittleEndian<quint64>(in)), qint64(qFromLittleEndian<quint32>(in + 8)),
            qFromLittleEndian<quint32>(in + 12) == 0 ? 0 : 1};
}

// Repeats pread or pwrite until all of size is done; false on an error or the end of the file.
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

// The entries [first, first + count) of an index.
QList<Entry> readEntries(int fd, qint64 first, qint64 count)
{
    QByteArray raw(count * EntryBytes, Qt::Uninitialized);
    QList<Entry> entries;
    if (count <= 0 || !readAll(fd, raw.data(), raw.size(), first * EntryBytes))
        return entries;
    entries.reserve(count);
    for (qint64 i = 0; i < count; ++i)
        entries.append(decode(raw.constData() + i * EntryBytes));
    return entries;
}
} // namespace

ExecOutputStore::ExecOutputStore(QString dir)
    : m_dir(std::move(dir))
{
}

ExecOutputStore::~ExecOutputStore()
{
    for (auto &exec : m_execs)
        closeFiles(exec);
}

QString ExecOutputStore::execDir(const QString &sandboxId, const QString &execId) const
{
    return m_dir + u'/' + sandboxId + u'/' + execId;
}

QString ExecOutputStore::segmentName(int stream, qint64 number)
{
    return (stream == 0 ? u"/stdout-"_s : u"/stderr-"_s) + QString::number(number) + u".seg"_s;
}

bool ExecOutputStore::open(QString *error)
{
    if (!QDir().mkpath(m_dir)) {
        *error = u"cannot create %1"_s.arg(m_dir);
        return false;
    }
    const QDir root(m_dir);
    for (const auto &sandboxId : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        for (const auto &execId :
             QDir(root.filePath(sandboxId)).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name))
            loadExec(sandboxId, execId);
    }
    return true;
}

void ExecOutputStore::loadExec(const QString &sandboxId, const QString &execId)
{
    const QString dir = execDir(sandboxId, execId);
    Exec exec;
    exec.sandboxId = sandboxId;
    const int fd = openFile(dir + u"/index"_s, O_RDONLY);
    if (fd >= 0) {
        // A torn last entry (killed mid-write) is not part of the index.
        exec.chunks = qint64(::lseek(fd, 0, SEEK_END)) / EntryBytes;
        // Each stream's length is the end of its last entry: read back from the end until both
        // streams were seen.
        bool seen[2] = {false, false};
        for (qint64 end = exec.chunks; end > 0 && !(seen[0] && seen[1]); end -= EntriesPerRead) {
            const qint64 first = std::max<qint64>(0, end - EntriesPerRead);
            const QList<Entry> entries = readEntries(fd, first, end - first);
            for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
                if (!seen[it->stream]) {
                    seen[it->stream] = true;
                    exec.written[it->stream] = it->offset + it->length;
                }
            }
        }
        ::close(fd);
    }
    static const QRegularExpression segment(u"^std(out|err)-(\\d+)\\.seg\\z"_s);
    qint64 first[2] = {-1, -1};
    for (const auto &name : QDir(dir).entryList(QDir::Files)) {
        const auto match = segment.match(name);
        if (!match.hasMatch())
            continue;
        const int stream = match.captured(1) == u"out"_s ? 0 : 1;
        const qint64 number = match.captured(2).toLongLong();
        if (first[stream] < 0 || number < first[stream])
            first[stream] = number;
    }
    for (int stream = 0; stream < 2; ++stream) {
        // No segment left of a stream that wrote: all of it is gone.
        exec.retainedFrom[stream] = first[stream] < 0
            ? exec.written[stream]
            : std::min(exec.written[stream], first[stream] * SegmentBytes);
        exec.firstSegment[stream] = exec.retainedFrom[stream] / SegmentBytes;
    }
    m_execs.insert(execId, exec);
}

OutputChunk ExecOutputStore::append(const QString &sandboxId, const QString &execId, int stream,
                                    QByteArrayView bytes)
{
    auto it = m_execs.find(execId);
    if (it == m_execs.end()) {
        it = m_execs.insert(execId, Exec {});
        it->sandboxId = sandboxId;
        if (!QDir().mkpath(execDir(sandboxId, execId)))
            writeFailed(*it, execId, "creating its directory");
    }
    Exec &exec = *it;
    OutputChunk chunk;
    chunk.stream = stream;
    chunk.offset = exec.written[stream];
    chunk.index = exec.chunks;
    exec.written[stream] += bytes.size();
    if (exec.failed || bytes.isEmpty())
        return chunk;
    if (!writeData(exec, execId, stream, chunk.offset, bytes))
        return chunk;
    if (exec.indexFd < 0)
        exec.indexFd = openFile(execDir(exec.sandboxId, execId) + u"/index"_s, O_WRONLY | O_CREAT);
    char entry[EntryBytes];
    encode({chunk.offset, bytes.size(), stream}, entry);
    if (exec.indexFd < 0 || !writeAll(exec.indexFd, entry, EntryBytes, exec.chunks * EntryBytes))
        writeFailed(exec, execId, "writing its index");
    else
        ++exec.chunks;
    return chunk;
}

bool ExecOutputStore::writeData(Exec &exec, const QString &execId, int stream, qint64 offset,
                                QByteArrayView bytes)
{
    const char *data = bytes.constData();
    qint64 remaining = bytes.size();
    while (remaining > 0) {
        const qint64 number = offset / SegmentBytes;
        if (exec.segmentNumber[stream] != number) {
            closeFd(exec.segmentFd[stream]);
            exec.segmentFd[stream]
                = openFile(execDir(exec.sandboxId, execId) + segmentName(stream, number), O_WRONLY | O_CREAT);
            exec.segmentNumber[stream] = number;
        }
        const qint64 size = std::min(remaining, (number + 1) * SegmentBytes - offset);
        if (exec.segmentFd[stream] < 0
            || !writeAll(exec.segmentFd[stream], data, size, offset - number * SegmentBytes)) {
            writeFailed(exec, execId, "writing its output");
            return false;
        }
        data += size;
        offset += size;
        remaining -= size;
    }
    return true;
}

void ExecOutputStore::writeFailed(Exec &exec, const QString &execId, const char *what)
{
    // The output recorded so far stays readable; the rest of this exec's is not recorded.
    if (!exec.failed)
        qCWarning(lcSandboxes).noquote() << u"exec output of %1: %2 failed: %3"_s.arg(
            execId, QLatin1StringView(what), QString::fromLocal8Bit(std::strerror(errno)));
    exec.failed = true;
    closeFiles(exec);
}

void ExecOutputStore::closeFiles(Exec &exec)
{
    closeFd(exec.indexFd);
    for (int stream = 0; stream < 2; ++stream) {
        closeFd(exec.segmentFd[stream]);
        exec.segmentNumber[stream] = -1;
    }
}

void ExecOutputStore::finish(const QString &execId)
{
    if (const auto it = m_execs.find(execId); it != m_execs.end())
        closeFiles(*it);
}

QList<OutputChunk> ExecOutputStore::after(const QString &execId, qint64 index, int limit) const
{
    QList<OutputChunk> chunks;
    const auto it = m_execs.constFind(execId);
    if (it == m_execs.cend() || index + 1 >= it->chunks)
        return chunks;
    const Exec &exec = *it;
    const QString dir = execDir(exec.sandboxId, execId);
    const int indexFd = openFile(dir + u"/index"_s, O_RDONLY);
    int segmentFd = -1;
    qint64 openSegment = -1; // number * 2 + stream of segmentFd
    qint64 next = index + 1;
    while (indexFd >= 0 && chunks.size() < limit && next < exec.chunks) {
        const QList<Entry> entries = readEntries(indexFd, next, std::min(EntriesPerRead, exec.chunks - next));
        if (entries.isEmpty())
            break;
        for (const auto &entry : entries) {
            const qint64 chunkIndex = next++;
            // Retention dropped what comes before retainedFrom.
            qint64 position = std::max(entry.offset, exec.retainedFrom[entry.stream]);
            const qint64 end = entry.offset + entry.length;
            if (position >= end)
                continue;
            OutputChunk chunk {chunkIndex, entry.stream, position,
                               QByteArray(end - position, Qt::Uninitialized)};
            char *out = chunk.data.data();
            bool ok = true;
            while (ok && position < end) {
                const qint64 number = position / SegmentBytes;
                if (openSegment != number * 2 + entry.stream) {
                    closeFd(segmentFd);
                    segmentFd = openFile(dir + segmentName(entry.stream, number), O_RDONLY);
                    openSegment = number * 2 + entry.stream;
                }
                const qint64 size = std::min(end - position, (number + 1) * SegmentBytes - position);
                ok = segmentFd >= 0 && readAll(segmentFd, out, size, position - number * SegmentBytes);
                out += size;
                position += size;
            }
            if (ok)
                chunks.append(std::move(chunk));
            if (chunks.size() == limit)
                break;
        }
    }
    closeFd(segmentFd);
    if (indexFd >= 0)
        ::close(indexFd);
    return chunks;
}

qint64 ExecOutputStore::chunkCount(const QString &execId) const
{
    const auto it = m_execs.constFind(execId);
    return it == m_execs.cend() ? 0 : it->chunks;
}

qint64 ExecOutputStore::written(const QString &execId, int stream) const
{
    const auto it = m_execs.constFind(execId);
    return it == m_execs.cend() ? 0 : it->written[stream];
}

qint64 ExecOutputStore::retainedFrom(const QString &execId, int stream) const
{
    const auto it = m_execs.constFind(execId);
    return it == m_execs.cend() ? 0 : it->retainedFrom[stream];
}

QList<ExecOutputStore::Segment> ExecOutputStore::segments() const
{
    QStringList ids = m_execs.keys();
    std::sort(ids.begin(), ids.end());
    QList<Segment> list;
    for (const auto &execId : std::as_const(ids)) {
        const Exec &exec = m_execs[execId];
        for (int stream = 0; stream < 2; ++stream) {
            if (exec.written[stream] == 0)
                continue;
            const qint64 last = (exec.written[stream] - 1) / SegmentBytes;
            for (qint64 number = exec.firstSegment[stream]; number <= last; ++number)
                list.append({exec.sandboxId, execId, stream, number});
        }
    }
    return list;
}

void ExecOutputStore::dropSegmentsThrough(const QString &execId, int stream, qint64 number)
{
    const auto it = m_execs.find(execId);
    if (it == m_execs.end())
        return;
    const QString dir = execDir(it->sandboxId, execId);
    // The record moves first, so a reader never looks for a removed file; then oldest first, so
    // that a crash midway leaves the kept segments contiguous.
    it->retainedFrom[stream] = std::max(it->retainedFrom[stream], (number + 1) * SegmentBytes);
    for (qint64 n = it->firstSegment[stream]; n <= number; ++n) {
        if (it->segmentNumber[stream] == n) {
            closeFd(it->segmentFd[stream]);
            it->segmentNumber[stream] = -1;
        }
        ::unlink(QFile::encodeName(dir + segmentName(stream, n)).constData());
    }
    it->firstSegment[stream] = std::max(it->firstSegment[stream], number + 1);
}

void ExecOutputStore::forget(const QString &sandboxId)
{
    for (auto it = m_execs.begin(); it != m_execs.end();) {
        if (it->sandboxId == sandboxId) {
            closeFiles(*it);
            it = m_execs.erase(it);
        } else {
            ++it;
        }
    }
    QDir(m_dir + u'/' + sandboxId).removeRecursively();
}

void ExecOutputStore::forgetAllBut(const std::function<bool(const QString &)> &known)
{
    for (const auto &sandboxId : QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!known(sandboxId))
            forget(sandboxId);
    }
}

} // namespace OrkestrLocal
