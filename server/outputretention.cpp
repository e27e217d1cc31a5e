#include "server/outputretention.h"

#include "server/journal.h"

#include <map>

namespace OrkestrLocal {

OutputRetention::OutputRetention(Journal &journal, qint64 budgetBytes)
    : m_journal(journal)
    , m_budget(budgetBytes)
{
}

void OutputRetention::load()
{
    for (const auto &stored : m_journal.storedOutput()) {
        Streams &streams = m_execs[stored.execId];
        if (streams.retainedFrom[stored.stream] == 0 && streams.written[stored.stream] == 0)
            streams.retainedFrom[stored.stream] = stored.offset;
        add(stored.sandboxId, {stored.execId, stored.index, stored.stream, stored.offset, stored.size});
    }
}

void OutputRetention::add(const QString &sandboxId, const Chunk &chunk)
{
    Sandbox &sandbox = m_sandboxes[sandboxId];
    sandbox.chunks.push_back(chunk);
    sandbox.bytes += chunk.size;
    Streams &streams = m_execs[chunk.execId];
    streams.written[chunk.stream] = std::max(streams.written[chunk.stream], chunk.offset + chunk.size);
}

void OutputRetention::recorded(const QString &sandboxId, const QString &execId, qint64 index, int stream,
                               qint64 offset, qint64 size)
{
    add(sandboxId, {execId, index, stream, offset, size});
    Sandbox &sandbox = m_sandboxes[sandboxId];
    // Trimmed in batches (a megabyte below the budget), not a chunk per chunk recorded.
    if (sandbox.bytes > m_budget)
        trim(sandbox);
}

void OutputRetention::trim(Sandbox &sandbox)
{
    const qint64 target = m_budget - 1024 * 1024;
    std::map<QString, QList<qint64>> dropped; // by exec
    std::deque<Chunk> kept;
    while (!sandbox.chunks.empty()) {
        Chunk chunk = sandbox.chunks.front();
        sandbox.chunks.pop_front();
        Streams &streams = m_execs[chunk.execId];
        // A chunk within the last 8 MiB of its stream stays, as does everything once under target.
        const bool inFloor = chunk.offset + chunk.size > streams.written[chunk.stream] - StreamFloor;
        if (sandbox.bytes <= target || inFloor) {
            kept.push_back(std::move(chunk));
            continue;
        }
        sandbox.bytes -= chunk.size;
        streams.retainedFrom[chunk.stream] = chunk.offset + chunk.size;
        dropped[chunk.execId].append(chunk.index);
    }
    sandbox.chunks = std::move(kept);
    for (const auto &[execId, indexes] : dropped) {
        const Streams &streams = m_execs[execId];
        m_journal.dropOutput(execId, indexes, streams.retainedFrom[0], streams.retainedFrom[1]);
    }
}

void OutputRetention::forget(const QString &sandboxId)
{
    const auto it = m_sandboxes.constFind(sandboxId);
    if (it == m_sandboxes.cend())
        return;
    for (const auto &chunk : it->chunks)
        m_execs.remove(chunk.execId);
    m_sandboxes.erase(it);
}

} // namespace OrkestrLocal
