#include "server/journaloutput.h"

#include <QDir>
#include <QFile>
#include <QPointer>
#include <QRegularExpression>

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <limits>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

using namespace OutputFiles;

ExecOutputStore::ExecOutputStore(QString dir, std::function<void()> waitOver)
    : m_dir(std::move(dir))
    , m_writer(std::make_unique<ExecOutputWriter>(m_dir, std::move(waitOver)))
    , m_reader(std::make_unique<ExecOutputReader>())
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

std::optional<ExecOutputStore::Page> ExecOutputStore::read(const QString &execId, qint64 index, int limit,
                                                           qint64 maxBytes, QObject *context,
                                                           PageReceiver done)
{
    const auto it = m_execs.constFind(execId);
    if (it == m_execs.cend() || index + 1 >= it->chunks)
        return Page {{}, index};
    const Exec &exec = *it;
    // Taken first: what the writer has put in the index by now is read from the files, the rest
    // from its queue.
    const auto unwritten = m_writer->unwritten(execId, index, limit);
    const qint64 stored = unwritten.known ? unwritten.stored : exec.chunks;
    if (index + 1 >= stored)
        return queuedPage(exec, index, unwritten.chunks, limit, maxBytes);
    const auto request = fileRead(exec, execId, index, stored, limit, maxBytes);
    m_reader->read(request,
                   [this, execId, request, context = QPointer<QObject>(context),
                    done = std::move(done)](ExecOutputReader::Result result) {
                       if (!context)
                           return;
                       Page page {std::move(result.chunks), result.last};
                       if (result.failedIndex >= 0) {
                           const int stream = result.failedStream;
                           const bool dropped = retainedFrom(execId, stream) > request.retainedFrom[stream];
                           page.last = dropped ? result.failedIndex - 1 : result.failedIndex;
                       }
                       done(std::move(page));
                   });
    return std::nullopt;
}

QList<OutputChunk> ExecOutputStore::after(const QString &execId, qint64 index, int limit) const
{
    const auto it = m_execs.constFind(execId);
    if (it == m_execs.cend() || index + 1 >= it->chunks)
        return {};
    const Exec &exec = *it;
    const auto unwritten = m_writer->unwritten(execId, index, limit);
    const qint64 stored = unwritten.known ? unwritten.stored : exec.chunks;
    constexpr qint64 AnySize = std::numeric_limits<qint64>::max();
    QList<OutputChunk> chunks;
    qint64 last = index;
    while (last + 1 < stored && chunks.size() < limit) {
        // A chunk that cannot be read is left out.
        auto result = ExecOutputReader::readNow(
            fileRead(exec, execId, last, stored, int(limit - chunks.size()), AnySize));
        chunks += std::move(result.chunks);
        last = result.failedIndex >= 0 ? result.failedIndex : result.last;
        if (result.failedIndex < 0)
            break;
    }
    if (chunks.size() < limit && last + 1 >= stored)
        chunks += queuedPage(exec, last, unwritten.chunks, int(limit - chunks.size()), AnySize).chunks;
    return chunks;
}

ExecOutputReader::Request ExecOutputStore::fileRead(const Exec &exec, const QString &execId, qint64 index,
                                                    qint64 end, int limit, qint64 maxBytes) const
{
    ExecOutputReader::Request request;
    request.dir = execDir(m_dir, exec.sandboxId, execId);
    request.index = index;
    request.end = end;
    request.retainedFrom[0] = exec.retainedFrom[0];
    request.retainedFrom[1] = exec.retainedFrom[1];
    request.maxChunks = limit;
    request.maxBytes = maxBytes;
    return request;
}

ExecOutputStore::Page ExecOutputStore::queuedPage(const Exec &exec, qint64 index,
                                                  const QList<OutputChunk> &queued, int limit,
                                                  qint64 maxBytes)
{
    Page page {{}, index};
    qint64 bytes = 0;
    for (const auto &chunk : queued) {
        if (chunk.index <= index)
            continue;
        if (page.chunks.size() >= limit || bytes >= maxBytes)
            break;
        page.last = chunk.index;
        // Retention dropped what comes before retainedFrom.
        const qint64 skip = exec.retainedFrom[chunk.stream] - chunk.offset;
        if (skip >= chunk.data.size())
            continue;
        page.chunks.append(skip <= 0 ? chunk
                                     : OutputChunk {chunk.index, chunk.stream, chunk.offset + skip,
                                                    chunk.data.sliced(skip)});
        bytes += page.chunks.last().data.size();
    }
    return page;
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
