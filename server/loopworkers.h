#pragma once

#include <QObject>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace OrkestrLocal {

// A few threads that take work off the event loop and hand each result back to it: the work runs
// on a worker thread, its answer on the thread that made the workers (the loop), in a later pass.
// Several threads, so that one job stuck in the disk does not hold up every other. Used by the
// readers of exec output (ExecOutputReader) and of the journal (JournalReader).
class LoopWorkers
{
public:
    // Run on each worker thread before its first job and after its last, with the thread's number
    // (0 to threads - 1): state a thread keeps for itself, e.g. a database connection.
    struct ThreadHooks
    {
        std::function<void(int thread)> started;
        std::function<void(int thread)> stopping;
    };

    // Made on the event loop's thread: the answers come back on it.
    explicit LoopWorkers(int threads, ThreadHooks hooks = {});
    // Drops the jobs not started (on this thread) and waits for those in progress; answers not
    // delivered yet are dropped.
    ~LoopWorkers();
    LoopWorkers(const LoopWorkers &) = delete;
    LoopWorkers &operator=(const LoopWorkers &) = delete;

    // Runs work on a worker thread, then done with its result on the event loop's thread. work
    // must hold nothing that belongs to the loop: it runs and is dropped on the worker's thread.
    template<typename T> void run(std::function<T(int thread)> work, std::function<void(T)> done)
    {
        post([work = std::move(work), done = std::move(done)](int thread) mutable -> std::function<void()> {
            return [done = std::move(done), result = work(thread)]() mutable {
                done(std::move(result));
            };
        });
    }

private:
    // A job runs on a worker thread and returns what is then called on the loop's thread.
    using Job = std::function<std::function<void()>(int thread)>;
    void post(Job job);
    void work(int thread);

    const ThreadHooks m_hooks;
    // Declared before the threads' state: it goes last, with the answers posted to it.
    QObject m_receiver;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<Job> m_jobs;
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace OrkestrLocal
