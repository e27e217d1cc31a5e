#include "session/processesstore.h"

#include "core/backoff.h"
#include "core/client.h"
#include "core/processjobs.h"
#include "session/logging.h"

namespace OrkestrSession {

using namespace std::chrono_literals;

namespace {
constexpr std::chrono::milliseconds MaxBackoff = 60s;
}

ProcessesStore::ProcessesStore(Orkestr::Client *client, const QString &sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ProcessesStore::fetch);
}

ProcessesStore::~ProcessesStore()
{
    if (m_job)
        m_job->abort();
}

void ProcessesStore::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        m_timer.stop();
        if (m_job)
            m_job->abort();
        setState(State::Idle);
        return;
    }
    if (m_state == State::Unsupported)
        return;
    m_failures = 0;
    fetch();
}

void ProcessesStore::refreshNow()
{
    if (!m_active || isRequesting())
        return;
    m_timer.stop();
    m_failures = 0;
    fetch();
}

const Orkestr::ProcessInfo *ProcessesStore::find(qint64 pid) const
{
    for (const auto &process : m_processes) {
        if (process.pid == pid)
            return &process;
    }
    return nullptr;
}

bool ProcessesStore::isRequesting() const
{
    return m_job && !m_job->isFinished();
}

void ProcessesStore::fetch()
{
    if (!m_active || isRequesting())
        return;
    if (!m_loaded)
        setState(State::Loading);
    m_job = m_client->call<Orkestr::ListProcessesJob>(m_sandboxId);
    m_job->then(
        this,
        [this](Orkestr::ListProcessesJob *job) {
            m_lastError = {};
            m_failures = 0;
            m_lastFresh = QDateTime::currentDateTimeUtc();
            setProcesses(job->processes());
            setState(State::Live);
            Q_EMIT refreshed();
            schedule(m_interval);
        },
        [this](Orkestr::ListProcessesJob *job) { onFailure(job->error()); });
}

void ProcessesStore::setProcesses(QList<Orkestr::ProcessInfo> processes)
{
    const bool first = !m_loaded;
    m_loaded = true;
    if (!first && processes == m_processes)
        return;
    m_processes = std::move(processes);
    Q_EMIT processesChanged();
}

void ProcessesStore::onFailure(const Orkestr::ApiError &error)
{
    m_lastError = error;
    qCDebug(lcSession) << "process list failed:" << error.type() << error.httpStatus() << error.requestId();
    if (error.isUnsupportedEndpoint()) {
        setState(State::Unsupported);
        return;
    }
    switch (error.kind()) {
    case Orkestr::ApiError::Kind::SandboxNotReady:
        // Not running: no processes, until it runs again.
        m_lastFresh = QDateTime::currentDateTimeUtc();
        setProcesses({});
        setState(State::NotRunning);
        Q_EMIT refreshed();
        schedule(m_interval);
        return;
    case Orkestr::ApiError::Kind::Auth:
    case Orkestr::ApiError::Kind::SandboxNotFound:
        setState(State::Failed);
        return;
    case Orkestr::ApiError::Kind::RateLimit:
        schedule(std::chrono::milliseconds(qint64(error.retryAfterSeconds().value_or(5) * 1000)));
        setState(State::Offline);
        return;
    default:
        schedule(std::max(m_interval, Orkestr::exponentialBackoff(m_failures++, m_interval, MaxBackoff)));
        setState(State::Offline);
        return;
    }
}

void ProcessesStore::schedule(std::chrono::milliseconds delay)
{
    if (m_active)
        m_timer.start(delay);
}

void ProcessesStore::setState(State state)
{
    if (state == m_state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

} // namespace OrkestrSession
