#pragma once

#include "core/apierror.h"
#include "core/backoff.h"
#include "core/sandboxwatchjob.h"

#include <QObject>
#include <QPointer>

#include <chrono>

namespace Orkestr {

class Client;

// Watches the account's sandbox list from a version on: emits every change once and in version
// order across dropped connections. After a dropped connection or a server error it reconnects
// with Last-Event-ID (the newest version seen) after an exponential backoff with jitter, capped.
// It stops with resetRequired() when the server no longer has the changes asked for (the caller
// lists again and starts anew), and fails on a permanent error: the token is refused, or the
// server does not have the watch (error().isUnsupportedEndpoint(): poll instead).
class SandboxWatcher : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // not started
        Connecting, // a connection is being made
        Live, // the stream answered; changes flow
        Waiting, // the connection dropped; reconnecting after a backoff
        ResetRequired, // the server asked for a new listing
        Failed, // a permanent error (see error())
        Stopped, // stop() was called
    };
    Q_ENUM(State)

    explicit SandboxWatcher(Client *client, QObject *parent = nullptr);
    ~SandboxWatcher() override;

    void setFilters(const WatchSandboxesParams &params) { m_params = params; }
    // Watches changes after `sinceVersion` (the X-Orkestr-Version of a listing's first page).
    void start(qint64 sinceVersion);
    void stop();

    State state() const { return m_state; }
    bool isActive() const
    {
        return m_state == State::Connecting || m_state == State::Live || m_state == State::Waiting;
    }
    // The newest version delivered.
    qint64 lastVersion() const { return m_lastVersion; }
    // The permanent error (state Failed), or the last transient one (state Waiting).
    const ApiError &error() const { return m_error; }
    int connections() const { return m_connections; }
    // The delay of the reconnect being waited for (state Waiting).
    std::chrono::milliseconds retryDelay() const { return m_retryDelay; }
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
    {
        m_reconnects.setBackoff(base, max);
    }

Q_SIGNALS:
    void changes(const QList<Orkestr::SandboxChange> &changes);
    // The server no longer holds the changes since lastVersion(): list again, then start anew.
    void resetRequired(qint64 latestVersion);
    void stateChanged(Orkestr::SandboxWatcher::State state);

private:
    void connectStream();
    void onStreamFinished(SandboxWatchJob *job);
    void reconnectLater();
    void setState(State state);

    QPointer<Client> m_client;
    WatchSandboxesParams m_params;
    State m_state = State::Idle;
    qint64 m_lastVersion = 0;
    int m_connections = 0;
    QPointer<Job> m_job;
    ReconnectSchedule m_reconnects;
    std::chrono::milliseconds m_retryDelay {0};
    ApiError m_error;
};

} // namespace Orkestr
