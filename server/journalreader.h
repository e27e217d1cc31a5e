#pragma once

#include "server/loopworkers.h"

#include <QSqlDatabase>

#include <functional>

namespace OrkestrLocal {

// Reads the journal's database on threads of its own, each with its own read-only connection, so
// that the event loop never waits for the disk to answer a page of events or exec records (a cold
// page cache, a large page, a lock held by another process). WAL lets these readers run beside
// the loop's writer. Each read is a transaction of its own, begun when a thread takes it and
// ended before its answer goes back: it sees every commit made before it was queued (a client
// sees the event its previous request caused) and no snapshot is held between reads. Two
// threads, so that one read stuck in the disk does not hold up every other.
class JournalReader
{
public:
    static constexpr int Threads = 2;

    // Made on the event loop's thread: the answers come back on it. path: the journal's database,
    // in WAL mode already (a read-only connection cannot switch it).
    explicit JournalReader(QString path);

    // Runs work with a reader thread's connection, then done with its result on the event loop's
    // thread. work must hold nothing that belongs to the loop: it runs and is dropped on the
    // reader's thread.
    template<typename T> void read(std::function<T(QSqlDatabase db)> work, std::function<void(T)> done)
    {
        m_workers.run<T>([this, work = std::move(work)](int thread) { return work(connection(thread)); },
                         std::move(done));
    }

private:
    QString connectionName(int thread) const;
    QSqlDatabase connection(int thread) const;

    const QString m_path;
    const QString m_connection; // the prefix of the threads' connection names
    LoopWorkers m_workers; // last: its threads stop before the rest goes
};

} // namespace OrkestrLocal
