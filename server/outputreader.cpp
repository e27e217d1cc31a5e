#include "server/outputreader.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;
using namespace OutputFiles;

ExecOutputReader::ExecOutputReader()
    : m_workers(Threads)
{
}

void ExecOutputReader::read(Request request, std::function<void(Result)> done)
{
    m_workers.run<Result>([request = std::move(request)](int) { return readNow(request); }, std::move(done));
}

ExecOutputReader::Result ExecOutputReader::readNow(const Request &request)
{
    Result result;
    result.last = request.index;
    if (request.index + 1 >= request.end || request.maxChunks <= 0)
        return result;
    const int indexFd = openFile(request.dir + u"/index"_s, O_RDONLY);
    if (indexFd < 0) {
        // Nothing of it can be read (its sandbox was removed meanwhile, or the disk failed): left
        // out, so that a reader goes on to the end.
        result.last = request.end - 1;
        return result;
    }
    int segmentFd = -1;
    qint64 openSegment = -1; // number * 2 + stream of segmentFd
    qint64 bytes = 0;
    qint64 next = request.index + 1;
    bool done = false;
    while (!done && next < request.end) {
        const QList<Entry> entries = readEntries(indexFd, next, std::min(EntriesPerRead, request.end - next));
        if (entries.isEmpty()) {
            result.last = request.end - 1;
            break;
        }
        for (const auto &entry : entries) {
            const qint64 chunkIndex = next++;
            qint64 position = std::max(entry.offset, request.retainedFrom[entry.stream]);
            const qint64 chunkEnd = entry.offset + entry.length;
            if (position >= chunkEnd) {
                result.last = chunkIndex;
                continue;
            }
            OutputChunk chunk {chunkIndex, entry.stream, position,
                               QByteArray(chunkEnd - position, Qt::Uninitialized)};
            char *out = chunk.data.data();
            bool ok = true;
            while (ok && position < chunkEnd) {
                const qint64 number = position / SegmentBytes;
                if (openSegment != number * 2 + entry.stream) {
                    closeFd(segmentFd);
                    segmentFd = openFile(request.dir + segmentName(entry.stream, number), O_RDONLY);
                    openSegment = number * 2 + entry.stream;
                }
                const qint64 size = std::min(chunkEnd - position, (number + 1) * SegmentBytes - position);
                ok = segmentFd >= 0 && readAll(segmentFd, out, size, position - number * SegmentBytes);
                out += size;
                position += size;
            }
            if (!ok) {
                result.failedIndex = chunkIndex;
                result.failedStream = entry.stream;
                done = true;
                break;
            }
            bytes += chunk.data.size();
            result.last = chunkIndex;
            result.chunks.append(std::move(chunk));
            if (result.chunks.size() >= request.maxChunks || bytes >= request.maxBytes) {
                done = true;
                break;
            }
        }
    }
    closeFd(segmentFd);
    ::close(indexFd);
    return result;
}

} // namespace OrkestrLocal
