#pragma once

#include <QObject>
#include <QSqlDatabase>

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

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
    // Drops the reads not started and waits for those in progress; answers not delivered yet are
    // dropped (with what they hold, on this thread).
    ~JournalReader();
    JournalReader(const JournalReader &) = delete;
    JournalReader &operator=(const JournalReader &) = delete;

    // Runs work with a reader thread's connection, then done with its result on the event loop's
    // thread. work must hold nothing that belongs to the loop: it runs and is dropped on the
    // reader's thread.
    template<typename T> void read(std::function<T(QSqlDatabase db)> work, std::function<void(T)> done)
    {
        auto result = std::make_shared<std::optional<T>>();
        post([work = std::move(work), result](QSqlDatabase db) { result->emplace(work(std::move(db))); },
             [done = std::move(done), result] { done(std::move(**result)); });
    }

private:
    struct Job
    {
        std::function<void(QSqlDatabase db)> work;
        std::function<void()> done;
    };
    void post(std::function<void(QSqlDatabase db)> work, std::function<void()> done);
    void run(int thread);

    const QString m_path;
    const QString m_connection; // the prefix of the threads' connection names
    // Declared before the threads' state: it goes last, with the answers posted to it.
    QObject m_receiver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace OrkestrLocal
