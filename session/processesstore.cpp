#include "session/processesstore.h"

#include "core/client.h"
#include "core/processjobs.h"

namespace OrkestrSession {

ProcessesStore::ProcessesStore(Orkestr::Client *client, const QString &sandboxId, QObject *parent)
    : PolledStore(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
}

const Orkestr::ProcessInfo *ProcessesStore::find(qint64 pid) const
{
    for (const auto &process : m_processes) {
        if (process.pid == pid)
            return &process;
    }
    return nullptr;
}

Orkestr::Job *ProcessesStore::startRequest()
{
    auto *job = m_client->call<Orkestr::ListProcessesJob>(m_sandboxId);
    job->then(this, [this](Orkestr::ListProcessesJob *done) { setProcesses(done->processes()); });
    return job;
}

bool ProcessesStore::acceptFailure(const Orkestr::ApiError &error)
{
    if (error.kind() != Orkestr::ApiError::Kind::SandboxNotReady)
        return false;
    // Not running: no processes, until it runs again.
    setProcesses({});
    return true;
}

void ProcessesStore::setProcesses(QList<Orkestr::ProcessInfo> processes)
{
    const bool first = !m_loaded;
    m_loaded = true;
    m_lastFresh = QDateTime::currentDateTimeUtc();
    if (first || processes != m_processes) {
        m_processes = std::move(processes);
        Q_EMIT processesChanged();
    }
    Q_EMIT refreshed();
}

} // namespace OrkestrSession
