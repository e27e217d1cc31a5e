#pragma once

#include "server/outputfiles.h"

#include <QHash>
#include <QString>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

namespace OrkestrLocal {

// Writes exec output into its files on a thread of its own, in the order queued, so that the
// event loop never waits for the disk: the loop queues a chunk (sharing its bytes, no copy) and
// goes on. Until a chunk is written, readers get it from here (unwritten()). The data is written
// before its index entry, as before: a SIGKILL loses what is still queued, never the index's
// agreement with the segments.
//
// Memory is bounded: while MaxQueuedBytes or more wait to be written, hasRoom() says no, and
// the server stops reading the pipes of the execs it records until the queue is down to
// ResumeBytes (the commands then wait on their pipes, as if they wrote to a slow disk
// themselves). isStored() tells whether all of an exec's output is written; both notify through
// waitOver (called on the writer's thread) once a wait they began is over.
class ExecOutputWriter
{
public:
    static constexpr qint64 MaxQueuedBytes = 16LL * 1024 * 1024;
    static constexpr qint64 ResumeBytes = 8LL * 1024 * 1024;
    // Woken from idle, the writer waits for this much (or GatherMs, or someone waiting for it)
    // before it writes: a wake-up per chunk cost the loop more than the write saved it.
    static constexpr qint64 GatherBytes = 1024 * 1024;
    static constexpr int GatherMs = 10;

    ExecOutputWriter(QString dir, std::function<void()> waitOver);
    // Writes everything queued, then ends the thread.
    ~ExecOutputWriter();
    ExecOutputWriter(const ExecOutputWriter &) = delete;
    ExecOutputWriter &operator=(const ExecOutputWriter &) = delete;

    // Queues a chunk; its index is its entry's place in the exec's index.
    void write(const QString &sandboxId, const QString &execId, const OutputChunk &chunk);
    // The exec ended: its files are closed once its output is written.
    void close(const QString &execId);
    // Unlinks segments first..last of an exec's stream (retention).
    void dropSegments(const QString &sandboxId, const QString &execId, int stream, qint64 first, qint64 last);
    // Removes a sandbox's output; what is still queued for it is not written.
    void removeSandbox(const QString &sandboxId);

    struct Unwritten
    {
        bool known = false; // anything was queued for the exec since the start
        qint64 stored = 0; // the chunks in its index (when known)
        QList<OutputChunk> chunks; // queued, not yet in the index: those after index, at most limit
    };
    Unwritten unwritten(const QString &execId, qint64 index, int limit) const;

    bool hasRoom();
    bool isStored(const QString &execId);
    // False once a write of the exec's output failed (disk full): the rest of it is not recorded.
    bool isRecording(const QString &execId) const;
    // Waits until everything queued is written (tests and benchmarks; never the event loop).
    void flush();

private:
    struct Job
    {
        enum class Kind { Write, Close, Drop, Remove };
        Kind kind = Kind::Write;
        QString sandboxId;
        QString execId;
        OutputChunk chunk;
        qint64 first = 0; // Drop: the segments
        qint64 last = 0;
    };
    // What readers and waiters see of an exec (under m_mutex).
    struct Progress
    {
        QString sandboxId;
        qint64 stored = 0;
        std::deque<OutputChunk> queued;
        bool failed = false; // a write failed: the rest of its output is not recorded
        bool storedWanted = false;
    };
    // The open files of an exec (the writer's thread only).
    struct Files
    {
        QString sandboxId;
        int indexFd = -1;
        int segmentFd[2] = {-1, -1};
        qint64 segmentNumber[2] = {-1, -1};
    };

    void run();
    void enqueue(Job job);
    void wake(bool urgent);
    bool perform(const Job &job);
    bool writeChunk(const Job &job);
    bool writeData(Files &files, const QString &execId, int stream, qint64 offset, QByteArrayView bytes);
    void failed(const QString &sandboxId, const QString &execId, const char *what);
    static void closeFiles(Files &files);

    const QString m_dir;
    const std::function<void()> m_waitOver;

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; // the writer: a job queued, or stop
    std::condition_variable m_idle; // flush(): the queue is empty
    std::deque<Job> m_jobs;
    std::atomic<qint64> m_queuedBytes = 0; // changed under m_mutex, read without it by hasRoom()
    std::atomic<int> m_failedExecs = 0; // likewise, for isRecording()
    bool m_sleeping = false;
    bool m_gathering = false; // asleep with jobs queued, waiting for GatherBytes
    bool m_woken = false;
    bool m_urgent = false; // a caller waits for the queue
    bool m_busy = false;
    bool m_roomWanted = false;
    bool m_stopping = false;
    QHash<QString, Progress> m_progress;

    QHash<QString, Files> m_files;
    std::thread m_thread;
};

} // namespace OrkestrLocal
