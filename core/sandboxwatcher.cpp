#include "core/sandboxwatcher.h"

#include "core/assignandnotify.h"
#include "core/client.h"

namespace Orkestr {

SandboxWatcher::SandboxWatcher(Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_reconnects([this] { connectStream(); })
{
}

SandboxWatcher::~SandboxWatcher()
{
    abandonJob(m_job, this);
}

void SandboxWatcher::start(qint64 sinceVersion)
{
    m_reconnects.cancel();
    abandonJob(m_job, this);
    m_lastVersion = sinceVersion;
    m_connections = 0;
    m_error = {};
    connectStream();
}

void SandboxWatcher::stop()
{
    m_reconnects.cancel();
    abandonJob(m_job, this);
    if (isActive())
        setState(State::Stopped);
}

void SandboxWatcher::connectStream()
{
    if (!m_client) {
        m_error = ApiError::cancelled();
        setState(State::Failed);
        return;
    }
    setState(State::Connecting);
    // The first connection starts with since_version; later ones resume as SSE clients do.
    auto *job = new SandboxWatchJob(
        m_lastVersion,
        m_connections == 0 ? SandboxWatchJob::Start::SinceVersion : SandboxWatchJob::Start::Resume, m_params);
    ++m_connections;
    m_job = job;
    connect(job, &SandboxWatchJob::connected, this, [this] {
        m_reconnects.connectionWorks(); // the next drop starts the backoff anew
        setState(State::Live);
    });
    connect(job, &SandboxWatchJob::changes, this, [this](const QList<SandboxChange> &batch) {
        m_lastVersion = batch.constLast().version;
        Q_EMIT changes(batch);
    });
    job->whenFinished(this, [this](SandboxWatchJob *finished) { onStreamFinished(finished); });
    m_client->run(job);
}

void SandboxWatcher::onStreamFinished(SandboxWatchJob *job)
{
    m_job.clear();
    if (job->resetRequested()) {
        setState(State::ResetRequired);
        Q_EMIT resetRequired(job->latestVersion());
        return;
    }
    if (job->status() == Job::Status::Cancelled) {
        m_error = job->error(); // not by stop(), which disconnects first: the client went away
        setState(State::Failed);
        return;
    }
    if (job->status() == Job::Status::Failed) {
        m_error = job->error();
        if (!isTransientError(m_error)) {
            setState(State::Failed);
            return;
        }
    }
    // A dropped connection, a server error, or the server closing the stream (a proxy's idle
    // timeout, a server going down): resume where it stopped.
    reconnectLater();
}

void SandboxWatcher::reconnectLater()
{
    m_retryDelay = m_reconnects.scheduleRetry();
    setState(State::Waiting);
}

void SandboxWatcher::setState(State state)
{
    assignAndNotify(this, m_state, state, &SandboxWatcher::stateChanged);
}

} // namespace Orkestr
