#pragma once

#include "server/journal.h"
#include "server/outputretention.h"
#include "server/sandbox.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>

namespace OrkestrLocal {

class ApiCall;
class ExecRunner;
class SandboxLifecycle;
class SandboxStore;
struct ExecRequest;

// Turns what happens to and in the sandboxes into journal events: status changes (through
// SandboxLifecycle::changed), execs (their records, through ExecRunner's observers), file writes
// and deletes, and failed requests. Everything is committed before the answer that caused it.
class ActivityRecorder : public QObject
{
    Q_OBJECT
public:
    ActivityRecorder(Journal &journal, SandboxStore &store, SandboxLifecycle &lifecycle,
                     qint64 outputBudgetBytes, QObject *parent = nullptr);

    // After the store was loaded (in the same transaction, so that a failure and its event are
    // committed together): sandboxes that failed with the restart get their sandbox.failed,
    // execs that were running end as lost.
    void recordRestart();
    // The next status change of the sandbox was asked for by this caller.
    void setCause(const QString &sandboxId, const Actor &actor);
    void record(const QString &sandboxId, const QString &kind, const Actor &actor, const QJsonObject &data);
    // An answer >= 400 (other than 401 and 429) to a request on a sandbox's paths.
    void requestFailed(const ApiCall &call, int status, const QString &type);
    // Drops a sandbox's journal and output (its retention ended).
    void forget(const QString &sandboxId);
    // Records the exec (exec.started now, exec.finished when it ends, once its output is all
    // written) and its output as it comes; the runner is given the exec's id.
    void recordExec(const QString &sandboxId, const Actor &actor, const ExecRequest &request,
                    const QString &mode, ExecRunner &runner);

    Journal &journal() { return m_journal; }
    // Off only for the journaling overhead benchmark: nothing is recorded at all.
    void setEnabled(bool enabled) { m_enabled = enabled; }

private:
    void statusChanged(const QString &id);

    Journal &m_journal;
    SandboxStore &m_store;
    OutputRetention m_retention;
    QHash<QString, SandboxStatus> m_status;
    QHash<QString, Actor> m_cause;
    QHash<QString, QElapsedTimer> m_transitionStarted;
    bool m_enabled = true;
};

} // namespace OrkestrLocal
