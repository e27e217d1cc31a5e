#pragma once

#include "core/activity.h"
#include "core/apierror.h"
#include "core/backoff.h"

#include <QObject>
#include <QPointer>

#include <chrono>
#include <optional>

namespace Orkestr {

class Client;
class EventStreamJob;
class Job;

// Follows a sandbox's events stream for as long as the sandbox lives: emits every event once and
// in order, and gaps, across dropped connections. After a dropped connection or a server error it
// reconnects with Last-Event-ID (the last seq seen) after an exponential backoff with jitter,
// capped; it ends cleanly once the sandbox has ended (sandbox.terminated or sandbox.failed) and
// with an error on a permanent failure (the sandbox is gone, the token is refused, or the server
// does not have the extension: error().isUnsupportedEndpoint()). stop() cancels it.
class EventFollower : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // not started
        Connecting, // a connection (or the first probe) is being made
        Live, // the stream answered; events flow
        Waiting, // the connection dropped; reconnecting after a backoff
        Ended, // the sandbox ended and every event was delivered
        Failed, // a permanent error (see error())
        Stopped, // stop() was called
    };
    Q_ENUM(State)

    EventFollower(Client *client, QString sandboxId, QObject *parent = nullptr);
    ~EventFollower() override;

    // Starts after `afterSeq`; without it, with events newer than the journal's newest now.
    void start(std::optional<qint64> afterSeq = std::nullopt);
    void stop();

    State state() const { return m_state; }
    QString sandboxId() const { return m_sandboxId; }
    // The newest seq delivered (or skipped by a gap).
    qint64 lastSeq() const { return m_lastSeq; }
    const ApiError &error() const { return m_error; }
    // Connections made so far (the first one included).
    int connections() const { return m_connections; }
    // The first reconnect's delay; later ones double, with jitter, up to `max`.
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
    {
        m_reconnects.setBackoff(base, max);
    }

Q_SIGNALS:
    void activity(const Orkestr::ActivityEvent &event);
    void gap(const Orkestr::EventGap &gap);
    void stateChanged(Orkestr::EventFollower::State state);
    // After the sandbox's last event (state Ended) or a permanent error (state Failed).
    void finished();

private:
    // Reads the journal's newest event: to start with new events only (adopting its seq), or,
    // after a stream closed without the sandbox's end, to tell an ended sandbox from a dropped
    // connection.
    enum class Probe { StartAtLatest, CheckEnded };
    void probe(Probe purpose);
    void connectStream();
    void onStreamFinished(EventStreamJob *job);
    void reconnectLater();
    void finish(State state, const ApiError &error = {});
    void setState(State state);

    QPointer<Client> m_client;
    QString m_sandboxId;
    State m_state = State::Idle;
    qint64 m_lastSeq = 0;
    bool m_positionKnown = false; // m_lastSeq is where to start (given, or probed)
    int m_connections = 0;
    QPointer<Job> m_job; // the probe or the stream under way
    ReconnectSchedule m_reconnects;
    ApiError m_error;
};

} // namespace Orkestr
