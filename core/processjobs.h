#pragma once

// The Extensions' process endpoints: a sandbox's process list and signals to one process. A 404
// from a server without the extension is ApiError::isUnsupportedEndpoint() (see docs/api.md).

#include "core/jsonjobs.h"
#include "core/process.h"

namespace Orkestr {

// GET /v1/sandboxes/{id}/processes (scope read): fails with sandbox_not_ready unless the sandbox
// runs or is paused.
class ListProcessesJob : public ObjectJob<ProcessList>
{
    Q_OBJECT
public:
    explicit ListProcessesJob(const QString &sandboxId, QObject *parent = nullptr);

    QList<ProcessInfo> processes() const { return value().processes; }

protected:
    ApiError checkObject(const QJsonObject &object) const override;
};

// POST /v1/sandboxes/{id}/processes/{pid}/signal (scope write): 204 when sent; process_not_found
// (an OrkestrError with pid()) when the sandbox has no such process. Never retried: the pid may
// belong to another process by the time a repeat arrives.
class SignalProcessJob : public Job
{
    Q_OBJECT
public:
    static constexpr int MinSignal = 1;
    static constexpr int MaxSignal = 31;

    SignalProcessJob(const QString &sandboxId, qint64 pid, int signal = 15, QObject *parent = nullptr);

    qint64 pid() const { return m_pid; }
    int signal() const { return m_signal; }

protected:
    // A signal outside 1..31 or a pid below 1 fails before anything is sent (invalid_request
    // naming the field, as the server would).
    ApiError preflightError() const override;
    ApiError onResponseFinished(const QByteArray &) override { return {}; }

private:
    qint64 m_pid;
    int m_signal;
};

} // namespace Orkestr
