#pragma once

#include <QHash>
#include <QString>

#include <deque>

namespace OrkestrLocal {

class ExecOutputStore;

// What exec output is kept: at least the last 8 MiB of each stream of each exec, and everything
// else while the sandbox's output stays within its budget (--output-retention-mib); beyond that
// the oldest execs' oldest segments go first. Keeps the accounting in memory (read from the
// store once at start) and drops whole segments through the store.
class OutputRetention
{
public:
    static constexpr qint64 StreamFloor = 8LL * 1024 * 1024;

    OutputRetention(ExecOutputStore &store, qint64 budgetBytes);

    // Reads what the store keeps (at start).
    void load();
    // Bytes were recorded; trims the sandbox's output if it is over budget.
    void recorded(const QString &sandboxId, const QString &execId, int stream, qint64 offset, qint64 size);
    void forget(const QString &sandboxId);

private:
    struct Segment
    {
        QString execId;
        int stream;
        qint64 number;
    };
    struct Sandbox
    {
        std::deque<Segment> segments; // oldest exec first, then in the order written
        qint64 bytes = 0;
        qint64 nextTrim = 0; // after a trim that could not reach the budget: try again above this
    };
    void trim(Sandbox &sandbox);

    ExecOutputStore &m_store;
    qint64 m_budget;
    QHash<QString, Sandbox> m_sandboxes;
};

} // namespace OrkestrLocal
