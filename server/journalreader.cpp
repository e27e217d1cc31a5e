#include "server/journalreader.h"

#include "server/ids.h"
#include "server/log.h"

#include <QSqlError>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

JournalReader::JournalReader(QString path)
    : m_path(std::move(path))
    , m_connection(u"journal-reader-"_s + newUlid())
{
    m_threads.reserve(Threads);
    for (int i = 0; i < Threads; ++i)
        m_threads.emplace_back([this, i] { run(i); });
}

JournalReader::~JournalReader()
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
    // dropped goes here, on the loop's thread (its answers hold requests); m_receiver goes last,
    // with the answers posted to it and not delivered yet.
}

void JournalReader::post(std::function<void(QSqlDatabase db)> work, std::function<void()> done)
{
    {
        const std::lock_guard lock(m_mutex);
        m_jobs.push_back({std::move(work), std::move(done)});
    }
    m_wake.notify_one();
}

void JournalReader::run(int thread)
{
    // A connection belongs to the thread that made it.
    const QString name = m_connection + u'-' + QString::number(thread);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(m_path);
        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
        if (!db.open())
            qCWarning(lcSandboxes).noquote()
                << u"journal: cannot open a reader of %1: %2"_s.arg(m_path, db.lastError().text());
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
            // On a connection that did not open, the read's queries fail and are logged: the
            // answer is then what a failed read on the loop gave (an empty page).
            job.work(db);
            QMetaObject::invokeMethod(&m_receiver, std::move(job.done), Qt::QueuedConnection);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

} // namespace OrkestrLocal
