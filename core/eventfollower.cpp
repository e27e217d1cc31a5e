#include "core/eventfollower.h"

#include "core/activityjobs.h"
#include "core/assignandnotify.h"
#include "core/backoff.h"
#include "core/client.h"
#include "core/eventstreamjob.h"

namespace Orkestr {

EventFollower::EventFollower(Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
    , m_reconnects([this] {
        if (m_positionKnown)
            connectStream();
        else
            probe(Probe::StartAtLatest); // the first probe failed: "new only" still needs its start
    })
{
}

EventFollower::~EventFollower()
{
    abandonJob(m_job, this);
}

void EventFollower::start(std::optional<qint64> afterSeq)
{
    if (m_state != State::Idle)
        return;
    if (afterSeq) {
        m_lastSeq = *afterSeq;
        m_positionKnown = true;
        connectStream();
    } else {
        probe(Probe::StartAtLatest);
    }
}

void EventFollower::stop()
{
    if (m_state == State::Ended || m_state == State::Failed || m_state == State::Stopped)
        return;
    m_reconnects.cancel();
    abandonJob(m_job, this);
    setState(State::Stopped);
}

// "New events only" starts after the journal's newest seq as it is now: a stream opened without a
// start would leave a reconnect nothing to resume from. And a sandbox that has ended closes its
// stream at once, which without a look at the journal looks like a dropped connection.
void EventFollower::probe(Probe purpose)
{
    setState(State::Connecting);
    if (!m_client) {
        finish(State::Failed, ApiError::cancelled());
        return;
    }
    ListEventsParams params;
    params.limit = 1;
    auto *job = new ListEventsJob(m_sandboxId, params);
    m_job = job;
    job->then(
        this,
        [this, purpose](ListEventsJob *done) {
            m_job.clear();
            if (purpose == Probe::StartAtLatest) {
                m_lastSeq = done->latestSeq();
                m_positionKnown = true;
            }
            const auto newest = done->events();
            if (!newest.isEmpty() && newest.first().endsSandbox() && newest.first().seq <= m_lastSeq) {
                finish(State::Ended);
                return;
            }
            if (purpose == Probe::StartAtLatest)
                connectStream();
            else
                reconnectLater();
        },
        [this](ListEventsJob *done) {
            m_job.clear();
            if (!isTransientError(done->error()))
                finish(State::Failed, done->error());
            else
                reconnectLater();
        });
    m_client->run(job);
}

void EventFollower::connectStream()
{
    if (!m_client) {
        finish(State::Failed, ApiError::cancelled());
        return;
    }
    setState(State::Connecting);
    // The first connection starts with after_seq; later ones resume as SSE clients do.
    auto *job = m_connections == 0 ? new EventStreamJob(m_sandboxId, m_lastSeq)
                                   : EventStreamJob::resuming(m_sandboxId, m_lastSeq);
    ++m_connections;
    m_job = job;
    connect(job, &EventStreamJob::connected, this, [this] { setState(State::Live); });
    connect(job, &EventStreamJob::activity, this, [this](const ActivityEvent &event) {
        m_reconnects.connectionWorks(); // the next drop starts the backoff anew
        m_lastSeq = event.seq;
        Q_EMIT activity(event);
    });
    connect(job, &EventStreamJob::gap, this, [this](const EventGap &skipped) {
        m_lastSeq = std::max(m_lastSeq, skipped.toSeq);
        Q_EMIT gap(skipped);
    });
    job->whenFinished(this, [this](EventStreamJob *finished) { onStreamFinished(finished); });
    m_client->run(job);
}

void EventFollower::onStreamFinished(EventStreamJob *job)
{
    m_job.clear();
    if (job->status() == Job::Status::Cancelled) {
        finish(State::Failed, job->error()); // not by stop(), which disconnects first: the client went away
        return;
    }
    if (job->sawEnd()) {
        finish(State::Ended);
        return;
    }
    if (job->status() == Job::Status::Failed) {
        if (!isTransientError(job->error()))
            finish(State::Failed, job->error());
        else
            reconnectLater();
        return;
    }
    // The server closed the stream without the sandbox's end: a proxy's idle timeout, a server
    // going down, or a sandbox that had ended before this connection started.
    probe(Probe::CheckEnded);
}

void EventFollower::reconnectLater()
{
    setState(State::Waiting);
    m_reconnects.scheduleRetry();
}

void EventFollower::finish(State state, const ApiError &error)
{
    m_reconnects.cancel();
    m_error = error;
    setState(state);
    Q_EMIT finished();
}

void EventFollower::setState(State state)
{
    assignAndNotify(this, m_state, state, &EventFollower::stateChanged);
}

} // namespace Orkestr
