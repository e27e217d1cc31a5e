#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <deque>

namespace OrkestrLocal {

class Journal;

// What exec output the journal keeps: at least the last 8 MiB of each stream of each exec, and
// everything else while the sandbox's output stays within its budget (--output-retention-mib);
// beyond that the oldest execs' oldest chunks go first. Keeps the accounting in memory (read
// from the journal once at start) and drops chunks through the journal.
class OutputRetention
{
public:
    static constexpr qint64 StreamFloor = 8LL * 1024 * 1024;

    OutputRetention(Journal &journal, qint64 budgetBytes);

    // Reads what the journal keeps (at start).
    void load();
    // A chunk was recorded; trims the sandbox's output if it is over budget.
    void recorded(const QString &sandboxId, const QString &execId, qint64 index, int stream, qint64 offset,
                  qint64 size);
    void forget(const QString &sandboxId);

private:
    struct Chunk
    {
        QString execId;
        qint64 index;
        int stream;
        qint64 offset;
        qint64 size;
    };
    struct Sandbox
    {
        std::deque<Chunk> chunks; // oldest exec first, then in the order written
        qint64 bytes = 0;
    };
    struct Streams
    {
        qint64 written[2] = {0, 0};
        qint64 retainedFrom[2] = {0, 0};
    };
    void add(const QString &sandboxId, const Chunk &chunk);
    void trim(Sandbox &sandbox);

    Journal &m_journal;
    qint64 m_budget;
    QHash<QString, Sandbox> m_sandboxes;
    QHash<QString, Streams> m_execs;
};

} // namespace OrkestrLocal
