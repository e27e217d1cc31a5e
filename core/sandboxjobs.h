#pragma once

#include "core/jsonjobs.h"
#include "core/listsandboxesjob.h"
#include "core/sandbox.h"

namespace Orkestr {

// The path of a sandbox resource, with the id percent-encoded so that it cannot change the path.
QString sandboxPath(const QString &sandboxId, const QString &suffix = {});

// A job whose response is one sandbox object.
class SandboxJob : public ObjectJob<Sandbox>
{
    Q_OBJECT
public:
    Sandbox sandbox() const { return value(); }

protected:
    SandboxJob(QByteArray method, QString path, QObject *parent);
};

// POST /v1/sandboxes. Sends one Idempotency-Key for all its attempts, so a retry after a lost
// response returns the first sandbox instead of creating a second one.
class CreateSandboxJob : public SandboxJob
{
    Q_OBJECT
public:
    explicit CreateSandboxJob(const CreateSandboxParams &params, QObject *parent = nullptr);
    QByteArray idempotencyKey() const { return m_idempotencyKey; }

protected:
    ApiError preflightError() const override { return m_validation; }

private:
    QByteArray m_idempotencyKey;
    ApiError m_validation;
};

// The sandbox requests that take only the sandbox's id and answer with the sandbox.
enum class SandboxRequest {
    Get, // GET /v1/sandboxes/{id}
    Terminate, // DELETE /v1/sandboxes/{id}: the sandbox, now terminated; terminating twice is no error
    Pause, // POST /v1/sandboxes/{id}/pause; not retried: a repeat after a lost response would be a 409
    Resume, // POST /v1/sandboxes/{id}/resume
};

template<SandboxRequest Request> class SandboxRequestJob : public SandboxJob
{
public:
    explicit SandboxRequestJob(const QString &sandboxId, QObject *parent = nullptr);
};

extern template class SandboxRequestJob<SandboxRequest::Get>;
extern template class SandboxRequestJob<SandboxRequest::Terminate>;
extern template class SandboxRequestJob<SandboxRequest::Pause>;
extern template class SandboxRequestJob<SandboxRequest::Resume>;
using GetSandboxJob = SandboxRequestJob<SandboxRequest::Get>;
using TerminateSandboxJob = SandboxRequestJob<SandboxRequest::Terminate>;
using PauseSandboxJob = SandboxRequestJob<SandboxRequest::Pause>;
using ResumeSandboxJob = SandboxRequestJob<SandboxRequest::Resume>;

// POST /v1/sandboxes/{id}/exec: runs a command and returns its buffered output. Never retried:
// a command may have run even when its response was lost.
class ExecJob : public ObjectJob<ExecResult>
{
    Q_OBJECT
public:
    ExecJob(const QString &sandboxId, const QString &command, const ExecOptions &options = {},
            QObject *parent = nullptr);
    ExecResult result() const { return value(); }
};

// The JSON body shared by exec and exec stream.
QJsonObject execBody(const QString &command, const ExecOptions &options);

} // namespace Orkestr
