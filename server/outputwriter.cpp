#include "server/outputwriter.h"

#include "server/log.h"

#include <QDir>
#include <QFile>

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;
using namespace OutputFiles;

ExecOutputWriter::ExecOutputWriter(QString dir, std::function<void()> waitOver)
    : m_dir(std::move(dir))
    , m_waitOver(std::move(waitOver))
    , m_thread(&ExecOutputWriter::run, this)
{
}

ExecOutputWriter::~ExecOutputWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
    for (auto &files : m_files)
        closeFiles(files);
}

void ExecOutputWriter::wake(bool urgent)
{
    // Called with m_mutex held.
    m_urgent = m_urgent || urgent;
    if (!m_sleeping || m_woken)
        return;
    if (m_gathering && !m_urgent && m_queuedBytes < GatherBytes)
        return;
    m_woken = true;
    m_wake.notify_one();
}

void ExecOutputWriter::enqueue(Job job)
{
    // Called with m_mutex held.
    m_jobs.push_back(std::move(job));
    wake(false);
}

void ExecOutputWriter::write(const QString &sandboxId, const QString &execId, const OutputChunk &chunk)
{
    const std::lock_guard lock(m_mutex);
    auto it = m_progress.find(execId);
    if (it == m_progress.end())
        it = m_progress.insert(execId, Progress {sandboxId, chunk.index, {}, false, false});
    if (it->failed)
        return;
    it->queued.push_back(chunk);
    m_queuedBytes += chunk.data.size();
    enqueue({Job::Kind::Write, sandboxId, execId, chunk, 0, 0});
}

void ExecOutputWriter::close(const QString &execId)
{
    const std::lock_guard lock(m_mutex);
    enqueue({Job::Kind::Close, {}, execId, {}, 0, 0});
}

void ExecOutputWriter::dropSegments(const QString &sandboxId, const QString &execId, int stream, qint64 first,
                                    qint64 last)
{
    const std::lock_guard lock(m_mutex);
    enqueue({Job::Kind::Drop, sandboxId, execId, OutputChunk {0, stream, 0, {}}, first, last});
}

void ExecOutputWriter::removeSandbox(const QString &sandboxId)
{
    const std::lock_guard lock(m_mutex);
    m_progress.removeIf([&](QHash<QString, Progress>::iterator it) {
        if (it->sandboxId != sandboxId)
            return false;
        if (it->failed)
            --m_failedExecs;
        return true;
    });
    enqueue({Job::Kind::Remove, sandboxId, {}, {}, 0, 0});
}

ExecOutputWriter::Unwritten ExecOutputWriter::unwritten(const QString &execId, qint64 index, int limit) const
{
    Unwritten result;
    const std::lock_guard lock(m_mutex);
    const auto it = m_progress.constFind(execId);
    if (it == m_progress.cend())
        return result;
    result.known = true;
    result.stored = it->stored;
    if (it->queued.empty())
        return result;
    // The queued chunks' indexes follow each other from the first one on.
    const qint64 skip = std::max<qint64>(0, index + 1 - it->queued.front().index);
    for (auto chunk = it->queued.cbegin() + std::min<qint64>(skip, qint64(it->queued.size()));
         chunk != it->queued.cend() && result.chunks.size() < limit; ++chunk)
        result.chunks.append(*chunk);
    return result;
}

bool ExecOutputWriter::hasRoom()
{
    if (m_queuedBytes < MaxQueuedBytes)
        return true;
    const std::lock_guard lock(m_mutex);
    if (m_queuedBytes < MaxQueuedBytes)
        return true;
    m_roomWanted = true;
    return false;
}

bool ExecOutputWriter::isStored(const QString &execId)
{
    const std::lock_guard lock(m_mutex);
    const auto it = m_progress.find(execId);
    if (it == m_progress.end() || it->queued.empty())
        return true;
    it->storedWanted = true;
    wake(true);
    return false;
}

bool ExecOutputWriter::isRecording(const QString &execId) const
{
    if (m_failedExecs == 0)
        return true;
    const std::lock_guard lock(m_mutex);
    const auto it = m_progress.constFind(execId);
    return it == m_progress.cend() || !it->failed;
}

void ExecOutputWriter::flush()
{
    std::unique_lock lock(m_mutex);
    wake(true);
    m_idle.wait(lock, [this] { return m_jobs.empty() && !m_busy; });
}

void ExecOutputWriter::run()
{
    pthread_setname_np(pthread_self(), "output-writer");
    std::unique_lock lock(m_mutex);
    while (true) {
        if (m_jobs.empty()) {
            m_idle.notify_all();
            if (m_stopping)
                return;
            m_sleeping = true;
            m_woken = false;
            m_wake.wait(lock, [this] { return !m_jobs.empty() || m_stopping; });
            // Gather a batch, unless someone waits for it.
            m_gathering = true;
            m_woken = false;
            m_wake.wait_for(lock, std::chrono::milliseconds(GatherMs),
                            [this] { return m_urgent || m_stopping || m_queuedBytes >= GatherBytes; });
            m_gathering = false;
            m_sleeping = false;
            m_urgent = false;
            continue;
        }
        const Job job = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        // A write of an exec whose output failed or was removed meanwhile is skipped.
        const auto progress = m_progress.constFind(job.execId);
        const bool skip = job.kind == Job::Kind::Write && (progress == m_progress.cend() || progress->failed);
        lock.unlock();
        const bool ok = skip || perform(job);
        lock.lock();
        m_busy = false;
        bool notify = false;
        if (job.kind == Job::Kind::Write) {
            m_queuedBytes -= job.chunk.data.size();
            if (const auto it = m_progress.find(job.execId); it != m_progress.end() && !skip) {
                if (ok) {
                    it->queued.pop_front();
                    ++it->stored;
                } else {
                    it->failed = true;
                    ++m_failedExecs;
                    it->queued.clear();
                }
                if (it->queued.empty() && it->storedWanted) {
                    it->storedWanted = false;
                    notify = true;
                }
            }
            if (m_roomWanted && m_queuedBytes <= ResumeBytes) {
                m_roomWanted = false;
                notify = true;
            }
        }
        if (notify && m_waitOver) {
            lock.unlock();
            m_waitOver();
            lock.lock();
        }
    }
}

bool ExecOutputWriter::perform(const Job &job)
{
    switch (job.kind) {
    case Job::Kind::Write:
        return writeChunk(job);
    case Job::Kind::Close:
        if (const auto it = m_files.find(job.execId); it != m_files.end()) {
            closeFiles(*it);
            m_files.erase(it);
        }
        return true;
    case Job::Kind::Drop: {
        const int stream = job.chunk.stream;
        if (const auto it = m_files.find(job.execId); it != m_files.end()
            && it->segmentNumber[stream] >= job.first && it->segmentNumber[stream] <= job.last) {
            closeFd(it->segmentFd[stream]);
            it->segmentNumber[stream] = -1;
        }
        // Oldest first, so that a crash midway leaves the kept segments contiguous.
        const QString dir = execDir(m_dir, job.sandboxId, job.execId);
        for (qint64 n = job.first; n <= job.last; ++n)
            ::unlink(QFile::encodeName(dir + segmentName(stream, n)).constData());
        return true;
    }
    case Job::Kind::Remove:
        m_files.removeIf([&](QHash<QString, Files>::iterator it) {
            if (it->sandboxId != job.sandboxId)
                return false;
            closeFiles(*it);
            return true;
        });
        QDir(m_dir + u'/' + job.sandboxId).removeRecursively();
        return true;
    }
    return true;
}

bool ExecOutputWriter::writeChunk(const Job &job)
{
    auto it = m_files.find(job.execId);
    if (it == m_files.end()) {
        if (!QDir().mkpath(execDir(m_dir, job.sandboxId, job.execId))) {
            failed(job.sandboxId, job.execId, "creating its directory");
            return false;
        }
        it = m_files.insert(job.execId, Files {job.sandboxId, -1, {-1, -1}, {-1, -1}});
    }
    Files &files = *it;
    const OutputChunk &chunk = job.chunk;
    bool ok = writeData(files, job.execId, chunk.stream, chunk.offset, chunk.data);
    if (ok && files.indexFd < 0)
        files.indexFd
            = openFile(execDir(m_dir, files.sandboxId, job.execId) + u"/index"_s, O_WRONLY | O_CREAT);
    if (ok) {
        char entry[EntryBytes];
        encode({chunk.offset, chunk.data.size(), chunk.stream}, entry);
        ok = files.indexFd >= 0 && writeAll(files.indexFd, entry, EntryBytes, chunk.index * EntryBytes);
        if (!ok)
            failed(job.sandboxId, job.execId, "writing its index");
    }
    if (!ok) {
        closeFiles(files);
        m_files.erase(it);
    }
    return ok;
}

bool ExecOutputWriter::writeData(Files &files, const QString &execId, int stream, qint64 offset,
                                 QByteArrayView bytes)
{
    const char *data = bytes.constData();
    qint64 remaining = bytes.size();
    while (remaining > 0) {
        const qint64 number = offset / SegmentBytes;
        if (files.segmentNumber[stream] != number) {
            closeFd(files.segmentFd[stream]);
            files.segmentFd[stream] = openFile(
                execDir(m_dir, files.sandboxId, execId) + segmentName(stream, number), O_WRONLY | O_CREAT);
            files.segmentNumber[stream] = number;
        }
        const qint64 size = std::min(remaining, (number + 1) * SegmentBytes - offset);
        if (files.segmentFd[stream] < 0
            || !writeAll(files.segmentFd[stream], data, size, offset - number * SegmentBytes)) {
            failed(files.sandboxId, execId, "writing its output");
            return false;
        }
        data += size;
        offset += size;
        remaining -= size;
    }
    return true;
}

void ExecOutputWriter::failed(const QString &sandboxId, const QString &execId, const char *what)
{
    const int error = errno;
    // The output written so far stays readable; the rest of this exec's is not recorded.
    qCWarning(lcSandboxes).noquote() << u"exec output of %1 in %2: %3 failed (%4); the rest of its output "
                                        u"is not recorded"_s.arg(
                                            execId, sandboxId, QLatin1StringView(what),
                                            QString::fromLocal8Bit(std::strerror(error)));
}

void ExecOutputWriter::closeFiles(Files &files)
{
    closeFd(files.indexFd);
    for (int stream = 0; stream < 2; ++stream) {
        closeFd(files.segmentFd[stream]);
        files.segmentNumber[stream] = -1;
    }
}

} // namespace OrkestrLocal
