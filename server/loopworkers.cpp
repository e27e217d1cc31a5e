#include "server/loopworkers.h"

namespace OrkestrLocal {

LoopWorkers::LoopWorkers(int threads, ThreadHooks hooks)
    : m_hooks(std::move(hooks))
{
    m_threads.reserve(threads);
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this, i] { work(i); });
}

LoopWorkers::~LoopWorkers()
{
    std::deque<Job> dropped;
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
        dropped.swap(m_jobs);
    }
    m_wake.notify_all();
    for (auto &thread : m_threads)
        thread.join();
    // dropped goes here, on the loop's thread (its answers may hold the loop's objects);
    // m_receiver goes last, with the answers posted to it and not delivered yet.
}

void LoopWorkers::post(Job job)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
}

void LoopWorkers::work(int thread)
{
    if (m_hooks.started)
        m_hooks.started(thread);
    while (true) {
        Job job;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
            if (m_stopping)
                break;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
        }
        QMetaObject::invokeMethod(&m_receiver, job(thread), Qt::QueuedConnection);
    }
    if (m_hooks.stopping)
        m_hooks.stopping(thread);
}

} // namespace OrkestrLocal
