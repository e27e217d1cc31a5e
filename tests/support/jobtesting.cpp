#include "jobtesting.h"

#include "core/job.h"

#include <QPointer>
#include <QSignalSpy>

bool runToEnd(Orkestr::Job *job, int timeoutMs)
{
    QSignalSpy finished(job, &Orkestr::Job::finished);
    QSignalSpy succeeded(job, &Orkestr::Job::succeeded);
    QPointer<Orkestr::Job> alive(job);
    if (!finished.wait(timeoutMs))
        return false;
    // The job deletes itself later: its results must still be readable right after finished().
    if (!alive)
        qFatal("the job was deleted before its results could be read");
    return succeeded.size() == 1;
}
