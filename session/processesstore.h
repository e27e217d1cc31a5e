#pragma once

#include "core/apierror.h"
#include "core/process.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

namespace Orkestr {
class Client;
class ListProcessesJob;
} // namespace Orkestr

namespace OrkestrSession {

// One sandbox's processes while its Processes view is visible: GET …/processes at once and every
// 2 s while active, and not at all otherwise. A sandbox that neither runs nor is paused has none
// (NotRunning, still asked every interval: it may resume); errors back off.
class ProcessesStore : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // inactive
        Loading, // the first answer is on its way
        Live, // the last request was answered
        NotRunning, // the sandbox is neither running nor paused (409 sandbox_not_ready)
        Offline, // it failed; retrying with a growing delay
        Failed, // the sandbox is unknown or the token refused: no more requests until refreshNow()
        Unsupported, // the server has no process list
    };
    Q_ENUM(State)

    ProcessesStore(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);
    ~ProcessesStore() override;

    QString sandboxId() const { return m_sandboxId; }

    void setActive(bool active);
    bool isActive() const { return m_active; }
    void setInterval(std::chrono::milliseconds interval) { m_interval = interval; }
    std::chrono::milliseconds interval() const { return m_interval; }
    // Asks now (if active; also after Failed), e.g. after a signal was sent.
    void refreshNow();

    bool hasLoaded() const { return m_loaded; }
    // As the server sent them (orkestr-local: by pid).
    const QList<Orkestr::ProcessInfo> &processes() const { return m_processes; }
    const Orkestr::ProcessInfo *find(qint64 pid) const;
    QDateTime lastFresh() const { return m_lastFresh; }

    State state() const { return m_state; }
    Orkestr::ApiError lastError() const { return m_lastError; }

Q_SIGNALS:
    // The list differs from the one before (emitted only then).
    void processesChanged();
    // Every answered request, changed or not.
    void refreshed();
    void stateChanged(OrkestrSession::ProcessesStore::State state);

private:
    bool isRequesting() const;
    void fetch();
    void schedule(std::chrono::milliseconds delay);
    void setProcesses(QList<Orkestr::ProcessInfo> processes);
    void onFailure(const Orkestr::ApiError &error);
    void setState(State state);

    Orkestr::Client *m_client;
    QString m_sandboxId;
    QPointer<Orkestr::ListProcessesJob> m_job;
    QTimer m_timer;
    bool m_active = false;
    bool m_loaded = false;
    int m_failures = 0;
    std::chrono::milliseconds m_interval {2000};
    QList<Orkestr::ProcessInfo> m_processes;
    QDateTime m_lastFresh;
    State m_state = State::Idle;
    Orkestr::ApiError m_lastError;
};

} // namespace OrkestrSession
