#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QObject>
#include <QStringList>

namespace OrkestrSession {

class Prompter;
class Session;

// Pause, resume and terminate for many sandboxes at once: one request each, one combined result.
// It holds the rules around them: nothing is sent while the session is read-only, a terminate is
// confirmed first (through the Prompter), and pausing is held back when the account's snapshot
// slots are full; when the server says so anyway (snapshot_cap_reached), snapshotCapReached()
// names the paused sandboxes that could make room.
class SandboxActions : public QObject
{
    Q_OBJECT
public:
    enum class Action { Pause, Resume, Terminate };
    Q_ENUM(Action)

    struct Outcome
    {
        QString sandboxId;
        Orkestr::ApiError error; // none on success; carries the request id otherwise
    };

    struct Result
    {
        Action action = Action::Pause;
        QList<Outcome> outcomes;

        int failures() const;
        int successes() const { return int(outcomes.size()) - failures(); }
        // "Paused 2 of 3." and a line per failure with its error and request id.
        QString summary() const;
    };

    SandboxActions(Session *session, QObject *parent = nullptr);

    // Asks before a terminate. Without one, nothing that needs a confirmation is sent.
    void setPrompter(Prompter *prompter) { m_prompter = prompter; }

    // The ids the action applies to: running ones for pause, paused ones for resume, those not
    // ended for terminate. Unknown ids are left out.
    QStringList applicable(Action action, const QStringList &ids) const;
    // The snapshot-cap rule: pausing `count` more sandboxes fits the account's free snapshot
    // slots (an account not known yet holds nothing back; the server decides).
    bool pauseFitsQuota(qsizetype count) const;
    // Whether run() would send anything now.
    bool canRun(Action action, const QStringList &ids) const;
    bool isBusy() const { return m_running > 0; }
    // The paused sandboxes, the longest paused first: what can free a snapshot slot.
    QList<Orkestr::Sandbox> pausedOldestFirst() const;

    // Runs the action on those of `ids` it applies to; finished() follows, once, unless the
    // session is read-only, none applies, or the terminate was not confirmed.
    void run(Action action, const QStringList &ids);

Q_SIGNALS:
    void started(OrkestrSession::SandboxActions::Action action, int count);
    void finished(const OrkestrSession::SandboxActions::Result &result);
    // The server refused a pause because every snapshot slot is taken.
    void snapshotCapReached(const Orkestr::ApiError &error);

private:
    void send(Action action, const QStringList &ids);

    Session *m_session;
    Prompter *m_prompter = nullptr;
    int m_running = 0;
};

} // namespace OrkestrSession

Q_DECLARE_METATYPE(OrkestrSession::SandboxActions::Result)
