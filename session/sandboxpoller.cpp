#include "session/sandboxpoller.h"

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "core/sandboxwatcher.h"

#include "session/logging.h"

#include <utility>

namespace OrkestrSession {

using namespace std::chrono_literals;

namespace {
constexpr std::chrono::milliseconds MaxBackoff = 60s;
// A listing's later pages are handed to the store at least this often, or once this many wait.
constexpr std::chrono::milliseconds HandOverInterval = 200ms;
constexpr qsizetype MaxPendingSandboxes = 2000;
} // namespace

SandboxPoller::SandboxPoller(Orkestr::Client *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_watcher(new Orkestr::SandboxWatcher(client, this))
{
    connect(m_watcher, &Orkestr::SandboxWatcher::changes, this, &SandboxPoller::changesReceived);
    connect(m_watcher, &Orkestr::SandboxWatcher::stateChanged, this, &SandboxPoller::onWatchStateChanged);
    connect(m_watcher, &Orkestr::SandboxWatcher::resetRequired, this, [this] {
        // The server no longer has the changes since our listing: list everything again.
        qCDebug(lcSession) << "sandbox watch: reset; listing again";
        m_etag.clear();
        poll();
    });
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &SandboxPoller::poll);
    // While the client waits out a 429, polling adds nothing: it resumes when the wait ends.
    connect(m_client, &Orkestr::Client::rateLimitChanged, this, [this](bool limited, const QDateTime &until) {
        if (limited) {
            m_nextPoll = until;
            setState(State::RateLimited);
        }
    });
}

void SandboxPoller::start()
{
    m_running = true;
    m_delay = m_interval;
    poll();
}

void SandboxPoller::stop()
{
    m_running = false;
    m_timer.stop();
    m_watcher->stop();
    if (m_job)
        m_job->abort();
    setState(State::Idle);
}

void SandboxPoller::refreshNow(bool forgetEtag)
{
    if (forgetEtag) {
        m_etag.clear();
        m_watcher->stop();
    } else if (m_watcher->isActive()) {
        return; // the watch brings the change (and resumes by itself after a dropped connection)
    }
    if (m_job) {
        if (!forgetEtag)
            return; // one in flight already answers soon
        m_job->abort();
    }
    m_running = true;
    m_timer.stop();
    poll();
}

void SandboxPoller::poll()
{
    if (!m_running || m_job || m_watcher->isActive())
        return;
    Orkestr::ListSandboxesParams params;
    params.ifNoneMatch = m_etag;
    // The largest page the API allows: 10,000 sandboxes in 10 requests, not 100.
    params.limit = 1000;
    // Until the first list is on screen, its first page is small: 200 sandboxes arrive and parse
    // in a fraction of the time of 1,000, and that is already more than a window shows.
    if (!m_hasListed)
        params.firstPageLimit = 200;
    params.keepSandboxes = false;
    m_job = m_client->call<Orkestr::ListSandboxesJob>(params);
    m_pending = QList<Orkestr::Sandbox>();
    connect(m_job, &Orkestr::ListSandboxesJob::pageReceived, this,
            [this](const QList<Orkestr::Sandbox> &page) {
                if (m_job && m_job->pages() == 1) {
                    // The first page at once: it is what the window shows first.
                    Q_EMIT listingStarted();
                    Q_EMIT listingPage(page);
                    m_sinceHandOver.start();
                    return;
                }
                // Later pages in batches: every hand-over makes the list lay itself out again, so 100
                // pages of 1,000 go over in a few batches, not 100; a batch holds little (its sandboxes
                // share their strings with the pages').
                m_pending.append(page);
                if (m_pending.size() >= MaxPendingSandboxes
                    || m_sinceHandOver.durationElapsed() >= HandOverInterval)
                    handOverPending();
            });
    m_job->then(this, [this](Orkestr::ListSandboxesJob *list) {
        m_lastFresh = QDateTime::currentDateTimeUtc();
        m_lastError = {};
        m_delay = m_interval;
        if (!list->notModified()) {
            m_etag = list->etag();
            m_hasListed = true;
            ++m_listings;
            handOverPending();
            Q_EMIT listingFinished(list->count());
            // What changed since the listing's first page comes from the watch, in order.
            if (m_watchSupported && list->version() > 0 && m_running)
                startWatch(list->version());
        }
        setState(State::Fresh);
    });
    connect(m_job, &Orkestr::Job::failed, this, [this](Orkestr::Job *job) {
        // What came of a listing that failed half-way is stored; the next listing lists again.
        handOverPending();
        m_lastError = job->error();
        qCDebug(lcSession) << "sandbox list failed:" << m_lastError.type() << m_lastError.httpStatus()
                           << m_lastError.requestId();
        switch (m_lastError.kind()) {
        case Orkestr::ApiError::Kind::Auth:
            // A refused token will not get better by asking again.
            m_running = false;
            setState(State::Failed);
            return;
        case Orkestr::ApiError::Kind::RateLimit:
            m_delay = std::chrono::milliseconds(qint64(m_lastError.retryAfterSeconds().value_or(5) * 1000));
            setState(State::RateLimited);
            return;
        default:
            // Offline or a server error: back off, doubling up to a minute.
            m_delay = std::min(MaxBackoff, m_delay * 2);
            setState(State::Offline);
            return;
        }
    });
    connect(m_job, &Orkestr::Job::finished, this, [this](Orkestr::Job *job) {
        if (job->status() == Orkestr::Job::Status::Cancelled)
            return;
        Q_EMIT polled();
        if (m_running && !m_watcher->isActive())
            schedule(m_delay);
    });
}

void SandboxPoller::handOverPending()
{
    if (!m_pending.isEmpty())
        Q_EMIT listingPage(std::exchange(m_pending, QList<Orkestr::Sandbox>()));
    m_sinceHandOver.restart();
}

bool SandboxPoller::isWatching() const
{
    return m_watcher->state() == Orkestr::SandboxWatcher::State::Live;
}

void SandboxPoller::startWatch(qint64 version)
{
    m_timer.stop();
    m_watcher->start(version);
}

void SandboxPoller::onWatchStateChanged()
{
    using Watch = Orkestr::SandboxWatcher::State;
    switch (m_watcher->state()) {
    case Watch::Live:
        m_lastFresh = QDateTime::currentDateTimeUtc();
        m_lastError = {};
        setState(State::Fresh);
        return;
    case Watch::Waiting:
        m_lastError = m_watcher->error();
        m_nextPoll = QDateTime::currentDateTimeUtc().addMSecs(m_watcher->retryDelay().count());
        if (m_lastError.kind() == Orkestr::ApiError::Kind::RateLimit)
            setState(State::RateLimited);
        else
            setState(State::Offline);
        return;
    case Watch::Failed:
        m_lastError = m_watcher->error();
        if (m_lastError.isUnsupportedEndpoint()) {
            // A server without the watch: poll as before.
            qCDebug(lcSession) << "sandbox watch: not supported by the server; polling";
            m_watchSupported = false;
            m_lastError = {};
        } else if (m_lastError.kind() == Orkestr::ApiError::Kind::Auth) {
            m_running = false;
            setState(State::Failed);
            return;
        }
        if (m_running)
            schedule(m_interval);
        return;
    case Watch::Idle:
    case Watch::Connecting:
    case Watch::ResetRequired:
    case Watch::Stopped:
        return;
    }
}

void SandboxPoller::schedule(std::chrono::milliseconds delay)
{
    m_nextPoll = QDateTime::currentDateTimeUtc().addMSecs(delay.count());
    m_timer.start(delay);
}

void SandboxPoller::setState(State state)
{
    if (state == m_state && state != State::RateLimited)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString SandboxPoller::describe(const QDateTime &now) const
{
    const auto secondsUntilNext = std::max<qint64>(0, now.secsTo(m_nextPoll));
    switch (m_state) {
    case State::Idle:
        return m_lastFresh.isValid()
            ? tr("Paused updates; last updated %1").arg(m_lastFresh.toLocalTime().toString(u"HH:mm:ss"))
            : tr("Not updated yet");
    case State::Fresh:
        if (isWatching())
            return tr("Updated live: changes show as they happen");
        return tr("Updated %1 s ago").arg(std::max<qint64>(0, m_lastFresh.secsTo(now)));
    case State::Offline:
        return tr("Offline since %1: %2; retrying in %3 s")
            .arg(m_lastFresh.isValid() ? m_lastFresh.toLocalTime().toString(u"HH:mm:ss") : tr("start"),
                 m_lastError.displayText())
            .arg(secondsUntilNext);
    case State::RateLimited:
        return tr("Rate limited by the server: waiting %1 s").arg(secondsUntilNext);
    case State::Failed:
        return tr("Updates stopped: %1").arg(m_lastError.displayText());
    }
    return {};
}

} // namespace OrkestrSession
