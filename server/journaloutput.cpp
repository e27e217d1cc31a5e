#include "server/journaloutput.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

using namespace OutputFiles;

namespace {
constexpr qint64 EntriesPerRead = 256;
} // namespace

ExecOutputStore::ExecOutputStore(QString dir, std::function<void()> waitOver)
    : m_dir(std::move(dir))
    , m_writer(std::make_unique<ExecOutputWriter>(m_dir, std::move(waitOver)))
{
}

ExecOutputStore::~ExecOutputStore() = default;

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
    const QString dir = execDir(m_dir, sandboxId, execId);
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
                                    const QByteArray &bytes)
{
    auto it = m_execs.find(execId);
    if (it == m_execs.end()) {
        it = m_execs.insert(execId, Exec {});
        it->sandboxId = sandboxId;
    }
    Exec &exec = *it;
    OutputChunk chunk;
    chunk.stream = stream;
    chunk.offset = exec.written[stream];
    chunk.index = exec.chunks;
    exec.written[stream] += bytes.size();
    if (bytes.isEmpty())
        return chunk;
    ++exec.chunks;
    m_writer->write(sandboxId, execId, {chunk.index, stream, chunk.offset, bytes});
    return chunk;
}

void ExecOutputStore::finish(const QString &execId)
{
    if (m_execs.contains(execId))
        m_writer->close(execId);
}

QList<OutputChunk> ExecOutputStore::after(const QString &execId, qint64 index, int limit) const
{
    const auto it = m_execs.constFind(execId);
    if (it == m_execs.cend() || index + 1 >= it->chunks)
        return {};
    const Exec &exec = *it;
    // Taken first: what the writer has put in the index by now is read from the files, the rest
    // from its queue.
    const auto unwritten = m_writer->unwritten(execId, index, limit);
    QList<OutputChunk> chunks
        = readStored(exec, execId, index, unwritten.known ? unwritten.stored : exec.chunks, limit);
    for (const auto &queued : unwritten.chunks) {
        if (chunks.size() == limit)
            break;
        // Retention dropped what comes before retainedFrom.
        const qint64 skip = exec.retainedFrom[queued.stream] - queued.offset;
        if (skip >= queued.data.size())
            continue;
        chunks.append(skip <= 0 ? queued
                                : OutputChunk {queued.index, queued.stream, queued.offset + skip,
                                               queued.data.sliced(skip)});
    }
    return chunks;
}

QList<OutputChunk> ExecOutputStore::readStored(const Exec &exec, const QString &execId, qint64 index,
                                               qint64 end, int limit) const
{
    QList<OutputChunk> chunks;
    if (index + 1 >= end)
        return chunks;
    const QString dir = execDir(m_dir, exec.sandboxId, execId);
    const int indexFd = openFile(dir + u"/index"_s, O_RDONLY);
    int segmentFd = -1;
    qint64 openSegment = -1; // number * 2 + stream of segmentFd
    qint64 next = index + 1;
    while (indexFd >= 0 && chunks.size() < limit && next < end) {
        const QList<Entry> entries = readEntries(indexFd, next, std::min(EntriesPerRead, end - next));
        if (entries.isEmpty())
            break;
        for (const auto &entry : entries) {
            const qint64 chunkIndex = next++;
            // Retention dropped what comes before retainedFrom.
            qint64 position = std::max(entry.offset, exec.retainedFrom[entry.stream]);
            const qint64 chunkEnd = entry.offset + entry.length;
            if (position >= chunkEnd)
                continue;
            OutputChunk chunk {chunkIndex, entry.stream, position,
                               QByteArray(chunkEnd - position, Qt::Uninitialized)};
            char *out = chunk.data.data();
            bool ok = true;
            while (ok && position < chunkEnd) {
                const qint64 number = position / SegmentBytes;
                if (openSegment != number * 2 + entry.stream) {
                    closeFd(segmentFd);
                    segmentFd = openFile(dir + segmentName(entry.stream, number), O_RDONLY);
                    openSegment = number * 2 + entry.stream;
                }
                const qint64 size = std::min(chunkEnd - position, (number + 1) * SegmentBytes - position);
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
    if (it == m_execs.end() || number < it->firstSegment[stream])
        return;
    // The record moves first, so a reader never looks for a removed file.
    it->retainedFrom[stream] = std::max(it->retainedFrom[stream], (number + 1) * SegmentBytes);
    m_writer->dropSegments(it->sandboxId, execId, stream, it->firstSegment[stream], number);
    it->firstSegment[stream] = number + 1;
}

void ExecOutputStore::forget(const QString &sandboxId)
{
    m_execs.removeIf([&](QHash<QString, Exec>::iterator it) { return it->sandboxId == sandboxId; });
    m_writer->removeSandbox(sandboxId);
}

void ExecOutputStore::forgetAllBut(const std::function<bool(const QString &)> &known)
{
    for (const auto &sandboxId : QDir(m_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        if (!known(sandboxId))
            forget(sandboxId);
    }
}

} // namespace OrkestrLocal
