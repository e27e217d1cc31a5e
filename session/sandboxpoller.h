#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Orkestr {
class Client;
class ListSandboxesJob;
} // namespace Orkestr

namespace OrkestrSession {

// Keeps the sandbox list fresh: polls GET /v1/sandboxes with the last ETag (a 304 costs
// nothing), backs off while offline or rate limited, and says so.
class SandboxPoller : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Fresh, Offline, RateLimited, Failed };
    Q_ENUM(State)

    explicit SandboxPoller(Orkestr::Client *client, QObject *parent = nullptr);

    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // The delay before the next poll: the interval when all is well, longer after failures.
    std::chrono::milliseconds currentDelay() const { return m_delay; }

    void start();
    void stop();
    // Forgets the ETag and polls at once (after a profile switch or an action).
    void refreshNow(bool forgetEtag = false);
    // Forgets the ETag, so the next poll fetches the whole list (after a profile switch).
    void resetEtag() { m_etag.clear(); }

    State state() const { return m_state; }
    QDateTime lastFresh() const { return m_lastFresh; }
    Orkestr::ApiError lastError() const { return m_lastError; }
    // "Updated 3 s ago", "Offline: retrying in 8 s", ...
    QString describe(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

Q_SIGNALS:
    void sandboxesChanged(const QList<Orkestr::Sandbox> &sandboxes);
    // The first page of the very first listing, so that a long list shows before it is whole;
    // sandboxesChanged() with the whole list follows.
    void firstPageReceived(const QList<Orkestr::Sandbox> &sandboxes);
    void stateChanged(OrkestrSession::SandboxPoller::State state);
    void polled();

private:
    void poll();
    void schedule(std::chrono::milliseconds delay);
    void setState(State state);

    Orkestr::Client *m_client;
    QPointer<Orkestr::ListSandboxesJob> m_job;
    bool m_hasListed = false; // a whole list was delivered once
    QTimer m_timer;
    std::chrono::milliseconds m_interval {3000};
    std::chrono::milliseconds m_delay {3000};
    QByteArray m_etag;
    State m_state = State::Idle;
    QDateTime m_lastFresh;
    QDateTime m_nextPoll;
    Orkestr::ApiError m_lastError;
    bool m_running = false;
};

} // namespace OrkestrSession
