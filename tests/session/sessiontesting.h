#pragma once

// Helpers of the session tests: sandboxes made and changed through the API, as another client would.

#include "core/client.h"
#include "core/sandboxjobs.h"

#include <QSignalSpy>
#include <QTest>

namespace SessionTest {

inline QString create(Orkestr::Client *client, const QString &region, const QString &templateName = {})
{
    Orkestr::CreateSandboxParams params;
    params.templateName = templateName.isEmpty() ? QStringLiteral("ubuntu-24.04") : templateName;
    params.region = region;
    auto *job = client->call<Orkestr::CreateSandboxJob>(params);
    QSignalSpy done(job, &Orkestr::Job::finished);
    if (!done.wait(20000) || job->status() != Orkestr::Job::Status::Succeeded) {
        qWarning() << "create failed:" << job->error().displayText();
        return {};
    }
    return job->sandbox().id;
}

// Runs a buffered exec to its end (whatever its exit code); true when it was answered.
inline bool exec(Orkestr::Client *client, const QString &sandboxId, const QString &command,
                 const Orkestr::ExecOptions &options = {})
{
    auto *job = client->call<Orkestr::ExecJob>(sandboxId, command, options);
    QSignalSpy done(job, &Orkestr::Job::finished);
    return done.wait(20000) && job->httpStatus() != 0;
}

// Runs a job made by `call` to its end; true when it succeeded.
template<class JobType> bool finish(JobType *job)
{
    QSignalSpy done(job, &Orkestr::Job::finished);
    if (!done.wait(20000)) {
        qWarning("the job did not finish within 20 s");
        return false;
    }
    if (job->status() != Orkestr::Job::Status::Succeeded) {
        qWarning() << "the job failed:" << job->error().displayText();
        return false;
    }
    return true;
}

} // namespace SessionTest
