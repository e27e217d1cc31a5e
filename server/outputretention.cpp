#include "server/outputretention.h"

#include "server/journaloutput.h"

#include <map>

namespace OrkestrLocal {

namespace {
constexpr qint64 SegmentBytes = ExecOutputStore::SegmentBytes;
} // namespace

OutputRetention::OutputRetention(ExecOutputStore &store, qint64 budgetBytes)
    : m_store(store)
    , m_budget(budgetBytes)
{
}

void OutputRetention::load()
{
    for (const auto &segment : m_store.segments()) {
        Sandbox &sandbox = m_sandboxes[segment.sandboxId];
        sandbox.segments.push_back({segment.execId, segment.stream, segment.number});
        const qint64 start = segment.number * SegmentBytes;
        sandbox.bytes += std::min(SegmentBytes, m_store.written(segment.execId, segment.stream) - start);
    }
}

void OutputRetention::recorded(const QString &sandboxId, const QString &execId, int stream, qint64 offset,
                               qint64 size)
{
    // Output whose recording failed (disk full) takes no room: counting it would drop the kept
    // output of older execs for bytes that are not there.
    if (size <= 0 || !m_store.isRecording(execId))
        return;
    Sandbox &sandbox = m_sandboxes[sandboxId];
    // The segments that begin within these bytes are new.
    const qint64 last = (offset + size - 1) / SegmentBytes;
    for (qint64 number = (offset + SegmentBytes - 1) / SegmentBytes; number <= last; ++number)
        sandbox.segments.push_back({execId, stream, number});
    sandbox.bytes += size;
    // Trimmed in batches (a megabyte below the budget), not per chunk recorded.
    if (sandbox.bytes > m_budget && sandbox.bytes >= sandbox.nextTrim)
        trim(sandbox);
}

void OutputRetention::trim(Sandbox &sandbox)
{
    const qint64 target = m_budget - SegmentBytes;
    std::map<std::pair<QString, int>, qint64> dropped; // the last segment dropped of each stream
    std::deque<Segment> kept;
    for (auto &segment : sandbox.segments) {
        // A segment that reaches into the last 8 MiB of its stream stays (the stream's written
        // segment among them), as does everything once under target.
        const bool inFloor = (segment.number + 1) * SegmentBytes
            > m_store.written(segment.execId, segment.stream) - StreamFloor;
        if (sandbox.bytes <= target || inFloor) {
            kept.push_back(std::move(segment));
            continue;
        }
        sandbox.bytes -= SegmentBytes;
        dropped[{segment.execId, segment.stream}] = segment.number;
    }
    sandbox.segments = std::move(kept);
    sandbox.nextTrim = sandbox.bytes > m_budget ? sandbox.bytes + SegmentBytes : 0;
    for (const auto &[stream, number] : dropped)
        m_store.dropSegmentsThrough(stream.first, stream.second, number);
}

void OutputRetention::forget(const QString &sandboxId)
{
    m_sandboxes.remove(sandboxId);
}

} // namespace OrkestrLocal
