#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"
#include "core/sandboxwatchjob.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

namespace Orkestr {
class Client;
class ListSandboxesJob;
class SandboxWatcher;
} // namespace Orkestr

namespace OrkestrSession {

// Keeps the sandbox list fresh: lists every page once, then watches the changes from the version
// of that listing (GET /v1/sandboxes/watch), and lists again only when the server asks (a
// `reset`). It polls nothing while the watch works. Against a server without the watch (a 404,
// or listings without X-Orkestr-Version) it polls GET /v1/sandboxes with the last ETag (a 304
// costs nothing). Backs off while offline or rate limited, and says so.
class SandboxPoller : public QObject
{
    Q_OBJECT
public:
    explicit SandboxPoller(Orkestr::Client *client, QObject *parent = nullptr);

    enum class State { Idle, Fresh, Offline, RateLimited, Failed };
    Q_ENUM(State)

    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // The delay before the next poll: the interval when all is well, longer after failures.
    std::chrono::milliseconds currentDelay() const { return m_delay; }

    void start();
    void stop();
    // Polls at once (after an action), unless the watch works: it brings the change anyway.
    // With `forgetEtag` (a profile switch) it lists everything again and watches anew.
    void refreshNow(bool forgetEtag = false);
    // Forgets the ETag, so the next poll fetches the whole list, and whether the server has the
    // watch (after a profile switch: another server).
    void resetEtag()
    {
        m_etag.clear();
        m_watchSupported = true;
    }

    State state() const { return m_state; }
    QDateTime lastFresh() const { return m_lastFresh; }
    Orkestr::ApiError lastError() const { return m_lastError; }
    // The watch is connected: the list is current without polling.
    bool isWatching() const;
    // False once the server answered the watch with a 404: this poller polls from then on.
    bool watchSupported() const { return m_watchSupported; }
    Orkestr::SandboxWatcher *watcher() const { return m_watcher; }
    // Full listings made (the first, and one after each reset), and polls, for tests and benchmarks.
    int listings() const { return m_listings; }
    // "Updated 3 s ago", "Offline: retrying in 8 s", ...
    QString describe(const QDateTime &now = QDateTime::currentDateTimeUtc()) const;

Q_SIGNALS:
    // A listing, page by page as each is parsed (a long list shows before it is whole, and no
    // copy of the whole list is ever held): listingStarted(), then listingPage() with the first
    // page at once and later pages in batches (at least every 200 ms, or once 2,000 wait), then
    // listingFinished() once the last has come; what no page held is gone then. A listing that
    // fails half-way ends without listingFinished(): the next poll lists again.
    void listingStarted();
    void listingPage(const QList<Orkestr::Sandbox> &sandboxes);
    void listingFinished(qsizetype count);
    // Changes from the watch, to apply to the list delivered before.
    void changesReceived(const QList<Orkestr::SandboxChange> &changes);
    void stateChanged(OrkestrSession::SandboxPoller::State state);
    void polled();

private:
    void poll();
    void schedule(std::chrono::milliseconds delay);
    void setState(State state);
    void startWatch(qint64 version);
    void onWatchStateChanged();
    void handOverPending();

    Orkestr::Client *m_client;
    QPointer<Orkestr::ListSandboxesJob> m_job;
    // Pages of the listing in progress not handed to the store yet, and since when.
    QList<Orkestr::Sandbox> m_pending;
    QElapsedTimer m_sinceHandOver;
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
    Orkestr::SandboxWatcher *m_watcher;
    bool m_watchSupported = true;
    int m_listings = 0;
};

} // namespace OrkestrSession
