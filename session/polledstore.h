#pragma once

#include "core/apierror.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Orkestr {
class Job;
}

namespace OrkestrSession {

// What to do after a failed poll: ask again after `delay`, or stop (a refused token or an unknown
// sandbox will not get better by asking again; Unsupported: the server lacks the endpoint).
struct RetryDecision
{
    enum class Action { Retry, Stop, Unsupported };
    Action action = Action::Retry;
    std::chrono::milliseconds delay {0};
    bool rateLimited = false; // the delay is the server's Retry-After

    // `attempt` counts the failures in a row before this one (0 for the first); the delay grows
    // exponentially from `interval` (with jitter, core/backoff) up to a minute.
    static RetryDecision after(const Orkestr::ApiError &error, int attempt,
                               std::chrono::milliseconds interval);

    // The state a poller shows after this decision, in its own State enum: Unsupported, Failed
    // (Stop), or Offline while retrying (RateLimited instead, if the enum has it and the server
    // asked for the delay).
    template<class State> State pollerState() const
    {
        switch (action) {
        case Action::Unsupported:
            return State::Unsupported;
        case Action::Stop:
            return State::Failed;
        case Action::Retry:
            break;
        }
        if constexpr (requires { State::RateLimited; }) {
            if (rateLimited)
                return State::RateLimited;
        }
        return State::Offline;
    }
};

// A store kept fresh by one request, repeated while a view shows it: at once when activated, then
// an interval after each answer, never two at a time, nothing while inactive. Failures back off
// (RetryDecision). Subclasses make the request and read its answer.
class PolledStore : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // inactive
        Loading, // the first answer is on its way
        Live, // the last request was answered
        NotRunning, // the sandbox neither runs nor is paused (asked again every interval)
        Offline, // it failed; retrying with a growing delay
        Failed, // the sandbox is unknown or the token refused: no more requests until refreshNow()
        Unsupported, // the server lacks the endpoint: no more requests
    };
    Q_ENUM(State)

    ~PolledStore() override;

    // Starts (or stops) the requests; a view sets it while it is shown.
    void setActive(bool active);
    bool isActive() const { return m_active; }
    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // Asks now (if active; also after Failed), e.g. after an action changed what it shows.
    void refreshNow();

    State state() const { return m_state; }
    Orkestr::ApiError lastError() const { return m_lastError; }

Q_SIGNALS:
    void stateChanged(OrkestrSession::PolledStore::State state);

protected:
    explicit PolledStore(QObject *parent = nullptr);

    // Starts the request (the subclass connects its answer's handler, which runs before the next
    // request is scheduled).
    virtual Orkestr::Job *startRequest() = 0;
    // A failure that is an answer (a sandbox that does not run): true when the subclass took it;
    // the state is then NotRunning and the next request follows at the interval.
    virtual bool acceptFailure(const Orkestr::ApiError &) { return false; }

private:
    bool isRequesting() const;
    void fetch();
    void onFinished(Orkestr::Job *job);
    void schedule(std::chrono::milliseconds delay);
    void setState(State state);

    QPointer<Orkestr::Job> m_job;
    QTimer m_timer;
    bool m_active = false;
    bool m_answered = false;
    int m_failures = 0;
    std::chrono::milliseconds m_interval {2000};
    State m_state = State::Idle;
    Orkestr::ApiError m_lastError;
};

} // namespace OrkestrSession
