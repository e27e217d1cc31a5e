#pragma once

#include "core/activity.h"
#include "core/apierror.h"
#include "session/activityeventlist.h"
#include "session/sandboxending.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <optional>

namespace Orkestr {
class Client;
class EventFollower;
class ListEventsJob;
} // namespace Orkestr

namespace OrkestrSession {

// The activity of one sandbox as the dashboard knows it: the newest page of its journal, older
// pages fetched on demand, and every new event as it happens (the events stream, followed from
// the page's latest_seq: nothing is missed between the page and the stream and nothing comes
// twice). Exec records are kept by exec_id, fetched when an exec starts or finishes and when
// asked for. Everything is asynchronous; what changes is announced as rows (events are kept
// oldest first) so that a model can follow in O(rows added).
//
// One store per sandbox is shared by every view of it: get it from ActivityStores
// (Session::activity()).
class ActivityStore : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // not started
        Loading, // the first page is under way
        Ready, // the first page is in (following, or the sandbox has ended)
        Unsupported, // the server has no journal (a 404 from an older server): say so, do not fail
        Failed, // the first page failed: error() says why (with its request id); start() retries
    };
    Q_ENUM(State)

    static constexpr int PageSize = 200;
    // Exec records fetched at the same time at most.
    static constexpr int MaxRecordRequests = 4;
    // Live events are announced together, at most this often: a view follows 1,000 events/s with
    // one insertion per batch rather than one per event.
    static constexpr int LiveBatchMs = 50;

    ActivityStore(Orkestr::Client *client, QString sandboxId, QObject *parent = nullptr);
    ~ActivityStore() override;

    QString sandboxId() const { return m_sandboxId; }
    State state() const { return m_state; }
    // The last error of a request of this store (first page, older page, stream, record); its
    // requestId() is for support.
    const Orkestr::ApiError &error() const { return m_error; }

    // The prefix of the session's own token: ActivityText::actor() shows its events as "You (name)".
    void setOwnTokenPrefix(const QString &prefix);
    QString ownTokenPrefix() const { return m_ownTokenPrefix; }

    // Events per page (PageSize unless set; at most the contract's 1000).
    void setPageSize(int size) { m_pageSize = size; }
    int pageSize() const { return m_pageSize; }

    // Loads the newest page, then follows. Does nothing while loading or ready; after Failed it
    // starts again from nothing.
    void start();
    // Stops following (the events stay).
    void stop();

    // The events, oldest first. at() makes the whole event again from its compact entry; the
    // list's own reads (seq, time, kind, actor, exec id) cost nothing.
    int count() const { return m_events.size(); }
    Orkestr::ActivityEvent at(int index) const { return m_events.event(index); }
    const ActivityEventList &events() const { return m_events; }
    qint64 oldestSeq() const { return m_events.isEmpty() ? 0 : m_events.seq(0); }
    // The exec.started event of an exec, when it is loaded.
    std::optional<Orkestr::ActivityEvent> execStarted(const QString &execId) const;
    qint64 newestSeq() const { return m_newestSeq; }
    // Gaps the stream reported (events the server no longer had).
    const QList<Orkestr::EventGap> &gaps() const { return m_gaps; }

    // Older events: whether the journal has more before the oldest loaded, and fetching them (one
    // page; a call while one is under way does nothing). eventsPrepended() brings them.
    bool canFetchOlder() const { return m_state == State::Ready && m_hasOlder && m_olderJob.isNull(); }
    bool isFetchingOlder() const { return !m_olderJob.isNull(); }
    void fetchOlder();

    // Whether the events stream is followed (connected or reconnecting).
    bool isFollowing() const { return m_following; }
    // The sandbox ended (its journal's last event is sandbox.terminated or sandbox.failed).
    bool hasEnded() const { return m_ending.has_value(); }
    std::optional<SandboxEnding> ending() const { return m_ending; }

    // Exec records by exec_id: nullptr until fetched.
    const Orkestr::ExecRecord *execRecord(const QString &execId) const;
    // Fetches the record (again, when it may have changed since: a running exec). Requests for
    // the same id while one is under way are merged.
    void requestExecRecord(const QString &execId);
    // The command of an exec: from its exec.started event or its record; empty when neither is
    // known yet (a record is then requested).
    QString execCommand(const QString &execId) const;
    // An interactive terminal (mode pty): output only, its input is never recorded.
    bool isInteractive(const QString &execId) const;
    // What the timeline calls an exec: its command, or "interactive shell (…)" for a pty.
    QString execLabel(const QString &execId) const;

Q_SIGNALS:
    void stateChanged(OrkestrSession::ActivityStore::State state);
    // Rows [first, first + count) were added at the end (new events).
    void eventsAppended(int first, int count);
    // Rows [0, count) were added at the start (an older page).
    void eventsPrepended(int count);
    // Every event was forgotten (start() after a failure).
    void eventsCleared();
    void execRecordChanged(const QString &execId);
    void ownTokenPrefixChanged(const QString &prefix);
    void followingChanged(bool following);
    // The sandbox ended: ending() says why.
    void ended();
    void gapReceived(const Orkestr::EventGap &gap);
    // A request failed after the store was ready (an older page, the stream, a record).
    void errorOccurred(const Orkestr::ApiError &error);

private:
    void setState(State state);
    void fail(const Orkestr::ApiError &error);
    void onFirstPage(Orkestr::ListEventsJob *job);
    void startFollowing();
    void setFollowing(bool following);
    void onLiveEvent(const Orkestr::ActivityEvent &event);
    void flushLive();
    // Notes what an event tells about execs and the end; `live`: it just happened.
    void learn(const Orkestr::ActivityEvent &event, bool live);
    void enqueueRecord(const QString &execId);
    void fetchNextRecords();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    State m_state = State::Idle;
    int m_pageSize = PageSize;
    QString m_ownTokenPrefix;
    Orkestr::ApiError m_error;
    ActivityEventList m_events;
    QList<Orkestr::ActivityEvent> m_pendingLive; // announced together, every LiveBatchMs
    QTimer m_flushTimer;
    qint64 m_newestSeq = 0;
    bool m_hasOlder = false;
    QList<Orkestr::EventGap> m_gaps;
    QPointer<Orkestr::ListEventsJob> m_firstJob;
    QPointer<Orkestr::ListEventsJob> m_olderJob;
    Orkestr::EventFollower *m_follower = nullptr;
    bool m_following = false;
    std::optional<SandboxEnding> m_ending;

    QHash<QString, QString> m_commands; // exec_id -> command, from exec.started
    QSet<QString> m_interactive; // exec_ids of mode pty, from exec.started
    QHash<QString, Orkestr::ExecRecord> m_records;
    QList<QString> m_recordQueue;
    QSet<QString> m_recordQueued; // the ids in m_recordQueue: a burst of execs stays O(1) each
    QSet<QString> m_recordsInFlight;
    QSet<QString> m_recordsStale; // asked for again while in flight
};

} // namespace OrkestrSession
