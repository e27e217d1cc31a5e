#pragma once

// Helpers of the session tests: sandboxes made and changed through the API, as another client would.
//
// A job deletes itself once an event loop runs after its finished(), and the loop that waits for
// finished() can be that loop: the glib dispatcher runs every ready source in one pass, so the
// job's deferred delete may be delivered before the wait returns. A job is therefore read inside
// its finished() signal (the `take` of finish()), never after the wait.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"

#include <QDebug>
#include <QObject>
#include <QSignalSpy>
#include <QTest>

namespace SessionTest {

// Runs a job made by `call` to its end; true when it succeeded. `take` is called with the job in
// its finished() signal, whatever the outcome, to copy what the test needs of it.
template<class JobType, class Take> bool finish(JobType *job, Take take)
{
    bool ended = false;
    bool succeeded = false;
    QString failure;
    const auto connection = QObject::connect(job, &Orkestr::Job::finished, job, [&, job] {
        ended = true;
        succeeded = job->status() == Orkestr::Job::Status::Succeeded;
        if (!succeeded)
            failure = job->error().displayText();
        take(job);
    });
    if (!OrkestrTest::waitUntil([&ended] { return ended; }, 20000)) {
        QObject::disconnect(connection); // it must not write to this frame once it is gone
        qWarning("the job did not finish within 20 s");
        return false;
    }
    if (!succeeded) {
        qWarning() << "the job failed:" << failure;
        return false;
    }
    return true;
}

template<class JobType> bool finish(JobType *job)
{
    return finish(job, [](JobType *) {});
}

inline QString create(Orkestr::Client *client, const QString &region, const QString &templateName = {})
{
    Orkestr::CreateSandboxParams params;
    params.templateName = templateName.isEmpty() ? QStringLiteral("ubuntu-24.04") : templateName;
    params.region = region;
    QString id;
    if (!finish(client->call<Orkestr::CreateSandboxJob>(params),
                [&id](Orkestr::CreateSandboxJob *job) { id = job->sandbox().id; }))
        return {};
    return id;
}

// Runs a buffered exec to its end (whatever its exit code); true when it was answered.
inline bool exec(Orkestr::Client *client, const QString &sandboxId, const QString &command,
                 const Orkestr::ExecOptions &options = {})
{
    int httpStatus = 0;
    finish(client->call<Orkestr::ExecJob>(sandboxId, command, options),
           [&httpStatus](Orkestr::ExecJob *job) { httpStatus = job->httpStatus(); });
    return httpStatus != 0;
}

} // namespace SessionTest
