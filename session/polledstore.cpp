#include "session/polledstore.h"

#include "core/assignandnotify.h"
#include "core/backoff.h"
#include "core/job.h"
#include "session/logging.h"

namespace OrkestrSession {

using namespace std::chrono_literals;

RetryDecision RetryDecision::after(const Orkestr::ApiError &error, int attempt,
                                   std::chrono::milliseconds interval)
{
    if (error.isUnsupportedEndpoint())
        return {Action::Unsupported};
    switch (error.kind()) {
    case Orkestr::ApiError::Kind::Auth:
    case Orkestr::ApiError::Kind::SandboxNotFound:
        return {Action::Stop};
    case Orkestr::ApiError::Kind::RateLimit:
        return {Action::Retry,
                std::chrono::milliseconds(qint64(error.retryAfterSeconds().value_or(5) * 1000)), true};
    default:
        return {Action::Retry, std::max(interval, Orkestr::exponentialBackoff(attempt, interval, 60s))};
    }
}

PolledStore::PolledStore(QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &PolledStore::fetch);
}

PolledStore::~PolledStore()
{
    if (m_job)
        m_job->abort();
}

void PolledStore::setActive(bool active)
{
    if (active == m_active)
        return;
    m_active = active;
    if (!active) {
        m_timer.stop();
        if (m_job)
            m_job->abort();
        if (m_state != State::Unsupported)
            setState(State::Idle);
        return;
    }
    if (m_state == State::Unsupported)
        return;
    m_failures = 0;
    fetch();
}

void PolledStore::refreshNow()
{
    if (!m_active || isRequesting() || m_state == State::Unsupported)
        return;
    m_timer.stop();
    m_failures = 0;
    fetch();
}

bool PolledStore::isRequesting() const
{
    // A finished job waits a while for its deletion: that is no request.
    return m_job && !m_job->isFinished();
}

void PolledStore::fetch()
{
    if (!m_active || isRequesting())
        return;
    if (!m_answered)
        setState(State::Loading);
    m_job = startRequest();
    connect(m_job, &Orkestr::Job::finished, this, &PolledStore::onFinished);
}

void PolledStore::onFinished(Orkestr::Job *job)
{
    if (job->status() == Orkestr::Job::Status::Cancelled)
        return;
    if (job->status() == Orkestr::Job::Status::Succeeded) {
        m_lastError = {};
        m_failures = 0;
        m_answered = true;
        setState(State::Live);
        schedule(m_interval);
        return;
    }
    m_lastError = job->error();
    qCDebug(lcSession) << job->path() << "failed:" << m_lastError.type() << m_lastError.httpStatus()
                       << m_lastError.requestId();
    if (acceptFailure(m_lastError)) {
        m_failures = 0;
        m_answered = true;
        setState(State::NotRunning);
        schedule(m_interval);
        return;
    }
    const RetryDecision decision = RetryDecision::after(m_lastError, m_failures++, m_interval);
    if (decision.action == RetryDecision::Action::Retry)
        schedule(decision.delay);
    setState(decision.pollerState<State>());
}

void PolledStore::schedule(std::chrono::milliseconds delay)
{
    if (m_active)
        m_timer.start(delay);
}

void PolledStore::setState(State state)
{
    Orkestr::assignAndNotify(this, m_state, state, &PolledStore::stateChanged);
}

} // namespace OrkestrSession
