#include "jobtesting.h"

#include "core/job.h"

#include <QCoreApplication>
#include <QEvent>
#include <QPointer>
#include <QSignalSpy>

namespace {
// A job deletes itself once an event loop runs after its finished(), and the wait for finished()
// can be that loop (the glib dispatcher runs every ready source in one pass). This holds back
// the job's deferred delete until the event loop after the wait, so that the caller can read
// the job's results right after runToEnd() returns.
class HeldDelete : public QObject
{
public:
    explicit HeldDelete(Orkestr::Job *job)
        : QObject(QCoreApplication::instance())
        , m_job(job)
    {
        job->installEventFilter(this);
    }

    // Lets the job go: deleted now if its own delete was held back (deleteLater() does not post
    // twice), otherwise when its deleteLater() comes.
    void release()
    {
        if (m_job) {
            m_job->removeEventFilter(this);
            if (m_held)
                delete m_job.data();
        }
        deleteLater();
    }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (watched != m_job || event->type() != QEvent::DeferredDelete)
            return false;
        m_held = true;
        return true;
    }

private:
    QPointer<Orkestr::Job> m_job;
    bool m_held = false;
};
} // namespace

bool runToEnd(Orkestr::Job *job, int timeoutMs)
{
    auto *held = new HeldDelete(job);
    QSignalSpy finished(job, &Orkestr::Job::finished);
    QSignalSpy succeeded(job, &Orkestr::Job::succeeded);
    QPointer<Orkestr::Job> alive(job);
    const bool ended = finished.wait(timeoutMs);
    // Released at the next event-loop pass: after the caller has read the results.
    QMetaObject::invokeMethod(held, &HeldDelete::release, Qt::QueuedConnection);
    if (!ended)
        return false;
    if (!alive)
        qFatal("the job was deleted before its results could be read");
    return succeeded.size() == 1;
}
