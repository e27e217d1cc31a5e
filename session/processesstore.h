#pragma once

#include "core/process.h"
#include "session/polledstore.h"

#include <QDateTime>

namespace Orkestr {
class Client;
}

namespace OrkestrSession {

// One sandbox's processes while its Processes view is visible (setActive): GET …/processes at once
// and every 2 s while active, and not at all otherwise. A sandbox that neither runs nor is paused
// has none (NotRunning, still asked every interval: it may resume); errors back off.
class ProcessesStore : public PolledStore
{
    Q_OBJECT
public:
    ProcessesStore(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }

    bool hasLoaded() const { return m_loaded; }
    // As the server sent them (orkestr-local: by pid).
    const QList<Orkestr::ProcessInfo> &processes() const { return m_processes; }
    const Orkestr::ProcessInfo *find(qint64 pid) const;
    QDateTime lastFresh() const { return m_lastFresh; }

Q_SIGNALS:
    // The list differs from the one before (emitted only then).
    void processesChanged();
    // Every answered request, changed or not (NotRunning too).
    void refreshed();

protected:
    Orkestr::Job *startRequest() override;
    bool acceptFailure(const Orkestr::ApiError &error) override;

private:
    void setProcesses(QList<Orkestr::ProcessInfo> processes);

    Orkestr::Client *m_client;
    QString m_sandboxId;
    bool m_loaded = false;
    QList<Orkestr::ProcessInfo> m_processes;
    QDateTime m_lastFresh;
};

} // namespace OrkestrSession
