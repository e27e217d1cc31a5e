#include "session/activitystore.h"

#include "core/activityjobs.h"
#include "core/assignandnotify.h"
#include "core/client.h"
#include "core/eventfollower.h"
#include "session/activitytext.h"
#include "session/logging.h"
#include "session/terminalcommand.h"

namespace OrkestrSession {

using Orkestr::ActivityEvent;
using Kind = Orkestr::ActivityEvent::Kind;

ActivityStore::ActivityStore(Orkestr::Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
    , m_events(m_sandboxId)
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(LiveBatchMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &ActivityStore::flushLive);
}

ActivityStore::~ActivityStore()
{
    // Answers for a store that is gone are not waited for.
    for (auto *job : {m_firstJob.data(), m_olderJob.data()}) {
        if (job)
            job->abort();
    }
}

void ActivityStore::setState(State state)
{
    if (state != m_state)
        qCDebug(lcSession) << "activity of" << m_sandboxId << state;
    Orkestr::assignAndNotify(this, m_state, state, &ActivityStore::stateChanged);
}

void ActivityStore::setOwnTokenPrefix(const QString &prefix)
{
    if (m_ownTokenPrefix == prefix)
        return;
    m_ownTokenPrefix = prefix;
    Q_EMIT ownTokenPrefixChanged(prefix);
}

void ActivityStore::fail(const Orkestr::ApiError &error)
{
    m_error = error;
    qCInfo(lcSession) << "activity of" << m_sandboxId << "request failed:" << error.type()
                      << error.httpStatus() << error.requestId();
    Q_EMIT errorOccurred(error);
}

void ActivityStore::start()
{
    if (m_state == State::Loading || m_state == State::Ready)
        return;
    if (!m_events.isEmpty()) {
        m_events.clear();
        Q_EMIT eventsCleared();
    }
    m_pendingLive.clear();
    m_flushTimer.stop();
    m_newestSeq = 0;
    m_hasOlder = false;
    m_gaps.clear();
    m_ending.reset();
    m_error = {};
    setState(State::Loading);
    Orkestr::ListEventsParams params;
    params.limit = std::clamp(m_pageSize, 1, Orkestr::ListEventsParams::MaxLimit);
    m_firstJob = m_client->call<Orkestr::ListEventsJob>(m_sandboxId, params);
    m_firstJob->then(
        this, [this](Orkestr::ListEventsJob *job) { onFirstPage(job); },
        [this](Orkestr::ListEventsJob *job) {
            m_error = job->error();
            if (m_error.isUnsupportedEndpoint()) {
                qCInfo(lcSession) << "activity: the server has no journal";
                setState(State::Unsupported);
                return;
            }
            fail(m_error);
            setState(State::Failed);
        });
}

void ActivityStore::onFirstPage(Orkestr::ListEventsJob *job)
{
    const QList<ActivityEvent> page = job->events(); // newest first
    for (auto it = page.crbegin(); it != page.crend(); ++it) {
        m_events.append(*it);
        learn(*it, false);
    }
    m_hasOlder = job->hasMore();
    m_newestSeq = std::max(job->latestSeq(), m_events.isEmpty() ? 0 : m_events.seq(m_events.size() - 1));
    // The first page is older than anything live: it comes as rows added at the start.
    if (!m_events.isEmpty())
        Q_EMIT eventsPrepended(int(m_events.size()));
    setState(State::Ready);
    if (m_ending)
        Q_EMIT ended(); // nothing follows the end: no stream to follow
    else
        startFollowing();
}

void ActivityStore::startFollowing()
{
    if (m_follower)
        return;
    m_follower = new Orkestr::EventFollower(m_client, m_sandboxId, this);
    connect(m_follower, &Orkestr::EventFollower::activity, this, &ActivityStore::onLiveEvent);
    connect(m_follower, &Orkestr::EventFollower::gap, this, [this](const Orkestr::EventGap &gap) {
        m_newestSeq = std::max(m_newestSeq, gap.toSeq);
        m_gaps.append(gap);
        Q_EMIT gapReceived(gap);
    });
    connect(m_follower, &Orkestr::EventFollower::finished, this, [this] {
        flushLive();
        if (m_follower->state() == Orkestr::EventFollower::State::Failed)
            fail(m_follower->error());
        m_follower->deleteLater();
        m_follower = nullptr;
        setFollowing(false);
    });
    // From the page's latest_seq: what happened since the page comes first, nothing twice.
    m_follower->start(m_newestSeq);
    setFollowing(true);
}

void ActivityStore::stop()
{
    if (!m_follower)
        return;
    flushLive();
    m_follower->disconnect(this);
    m_follower->stop();
    m_follower->deleteLater();
    m_follower = nullptr;
    setFollowing(false);
}

void ActivityStore::setFollowing(bool following)
{
    if (m_following == following)
        return;
    m_following = following;
    Q_EMIT followingChanged(following);
}

void ActivityStore::onLiveEvent(const ActivityEvent &event)
{
    if (event.seq <= m_newestSeq)
        return; // already had it (the page and the stream overlap by at most this)
    m_newestSeq = event.seq;
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
    m_pendingLive.append(event);
}

void ActivityStore::flushLive()
{
    m_flushTimer.stop();
    if (m_pendingLive.isEmpty())
        return;
    const int first = m_events.size();
    const bool endedBefore = m_ending.has_value();
    for (const auto &event : std::as_const(m_pendingLive)) {
        m_events.append(event);
        learn(event, true);
    }
    const int added = int(m_pendingLive.size());
    m_pendingLive.clear();
    Q_EMIT eventsAppended(first, added);
    if (!endedBefore && m_ending)
        Q_EMIT ended(); // the server closes the stream after this; the follower then ends
}

void ActivityStore::fetchOlder()
{
    if (!canFetchOlder())
        return;
    Orkestr::ListEventsParams params;
    params.beforeSeq = oldestSeq();
    params.limit = std::clamp(m_pageSize, 1, Orkestr::ListEventsParams::MaxLimit);
    m_olderJob = m_client->call<Orkestr::ListEventsJob>(m_sandboxId, params);
    m_olderJob->then(
        this,
        [this](Orkestr::ListEventsJob *job) {
            const QList<ActivityEvent> page = job->events(); // newest first
            const qint64 oldest = oldestSeq();
            int added = 0;
            for (const auto &event : page) {
                if (oldest != 0 && event.seq >= oldest)
                    continue;
                m_events.prepend(event);
                ++added;
            }
            // Oldest first, so that an exec's start is known before its end (no record to fetch).
            for (auto it = page.crbegin(); it != page.crend(); ++it) {
                if (oldest == 0 || it->seq < oldest)
                    learn(*it, false);
            }
            m_hasOlder = job->hasMore();
            if (added > 0)
                Q_EMIT eventsPrepended(added);
        },
        [this](Orkestr::ListEventsJob *job) { fail(job->error()); });
}

void ActivityStore::learn(const ActivityEvent &event, bool live)
{
    switch (event.knownKind()) {
    case Kind::ExecStarted:
        m_commands.insert(event.execId(), TerminalCommand::commandTyped(event.command()));
        if (event.mode() == u"pty")
            m_interactive.insert(event.execId());
        if (live)
            requestExecRecord(event.execId());
        break;
    case Kind::ExecFinished:
        // Its status changed; or its start is on an older page, and the record has the command.
        if (live || (!m_commands.contains(event.execId()) && !m_records.contains(event.execId())))
            requestExecRecord(event.execId());
        break;
    default:
        break;
    }
    if (event.endsSandbox() && (!m_ending || m_ending->seq < event.seq))
        m_ending = SandboxEnding::fromEvent(event);
}

std::optional<ActivityEvent> ActivityStore::execStarted(const QString &execId) const
{
    for (int index = m_events.size() - 1; index >= 0; --index) {
        if (m_events.knownKind(index) == Kind::ExecStarted && m_events.execId(index) == execId)
            return m_events.event(index);
    }
    return std::nullopt;
}

const Orkestr::ExecRecord *ActivityStore::execRecord(const QString &execId) const
{
    const auto it = m_records.constFind(execId);
    return it == m_records.cend() ? nullptr : &*it;
}

QString ActivityStore::execCommand(const QString &execId) const
{
    if (const auto it = m_commands.constFind(execId); it != m_commands.cend())
        return *it;
    if (const auto *record = execRecord(execId))
        return TerminalCommand::commandTyped(record->command);
    return {};
}

bool ActivityStore::isInteractive(const QString &execId) const
{
    if (m_interactive.contains(execId))
        return true;
    const auto *record = execRecord(execId);
    return record && record->mode == u"pty";
}

QString ActivityStore::execLabel(const QString &execId) const
{
    const QString command = execCommand(execId);
    return isInteractive(execId) ? ActivityText::interactiveShell(command) : command;
}

void ActivityStore::requestExecRecord(const QString &execId)
{
    if (execId.isEmpty() || m_state == State::Unsupported)
        return;
    if (m_recordsInFlight.contains(execId)) {
        m_recordsStale.insert(execId); // it may have changed since that request was answered
        return;
    }
    enqueueRecord(execId);
    fetchNextRecords();
}

void ActivityStore::enqueueRecord(const QString &execId)
{
    if (m_recordQueued.contains(execId))
        return;
    m_recordQueued.insert(execId);
    m_recordQueue.append(execId);
}

void ActivityStore::fetchNextRecords()
{
    while (m_recordsInFlight.size() < MaxRecordRequests && !m_recordQueue.isEmpty()) {
        const QString execId = m_recordQueue.takeFirst();
        m_recordQueued.remove(execId);
        m_recordsInFlight.insert(execId);
        auto *recordJob = m_client->call<Orkestr::GetExecJob>(m_sandboxId, execId);
        recordJob->then(
            this,
            [this, execId](Orkestr::GetExecJob *job) {
                const Orkestr::ExecRecord record = job->record();
                auto it = m_records.find(execId);
                if (it != m_records.end() && *it == record)
                    return;
                m_records.insert(execId, record);
                Q_EMIT execRecordChanged(execId);
            },
            [this](Orkestr::GetExecJob *job) { fail(job->error()); });
        recordJob->whenFinished(this, [this, execId](Orkestr::GetExecJob *) {
            m_recordsInFlight.remove(execId);
            if (m_recordsStale.remove(execId))
                enqueueRecord(execId);
            fetchNextRecords();
        });
    }
}

} // namespace OrkestrSession
