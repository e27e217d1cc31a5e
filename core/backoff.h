#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

namespace Orkestr {

class ApiError;
class Job;

// The delay before retry number `attempt` (0 for the first): `base` doubling per attempt, capped
// at `max`, with jitter between half and the whole step so that many clients do not retry in step.
std::chrono::milliseconds exponentialBackoff(int attempt, std::chrono::milliseconds base,
                                             std::chrono::milliseconds max);

// Worth another try: the network and the server's own trouble (5xx, 429). Not: answers about the
// request (other 4xx: the resource is gone, the token is refused, the endpoint is missing), a
// malformed stream, a cancel.
bool isTransientError(const ApiError &error);

// Aborts a follower's job under way so that its end reaches no one (the follower has moved on).
void abandonJob(QPointer<Job> &job, const QObject *receiver);

// The reconnects of a stream follower: each failure in a row waits longer (exponentialBackoff),
// a connection that works starts the count anew.
class ReconnectSchedule
{
public:
    explicit ReconnectSchedule(std::function<void()> reconnect);

    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max);
    // Schedules the next reconnect; returns its delay.
    std::chrono::milliseconds scheduleRetry();
    void connectionWorks() { m_failuresInRow = 0; }
    void cancel() { m_timer.stop(); }
    bool isPending() const { return m_timer.isActive(); }

private:
    QTimer m_timer;
    int m_failuresInRow = 0;
    std::chrono::milliseconds m_base {500};
    std::chrono::milliseconds m_max {30000};
};

} // namespace Orkestr
