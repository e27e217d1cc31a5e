#pragma once

#include "core/apierror.h"
#include "core/process.h"

#include <QObject>

namespace OrkestrSession {

class Prompter;
class Session;

// Sends a signal to a process of a sandbox, with the rules around it: nothing is sent while the
// session is read-only, and every signal is confirmed first (through the Prompter; without one,
// nothing is sent). The outcome carries the error with its request id.
class ProcessSignaller : public QObject
{
    Q_OBJECT
public:
    struct Outcome
    {
        QString sandboxId;
        qint64 pid = 0;
        int signal = 0;
        QString command;
        Orkestr::ApiError error; // none on success; carries the request id otherwise

        bool succeeded() const { return !error.isError(); }
        // "Sent SIGTERM to 42 (sleep 300)." or the failure with its request id.
        QString summary() const;
    };

    explicit ProcessSignaller(Session *session, QObject *parent = nullptr);

    void setPrompter(Prompter *prompter) { m_prompter = prompter; }

    // Whether signals may be sent at all (the session's write policy).
    bool canSignal() const;
    // Asks, then sends `signal` to the process; finished() follows unless it was refused at once
    // (false: read-only, no prompter, a signal outside 1..31) or the question was declined.
    bool signal(const QString &sandboxId, const Orkestr::ProcessInfo &process, int signal);
    int pendingCount() const { return m_pending; }

    // "SIGTERM" for 15 (Linux numbering); "signal 40" for a number without a name.
    static QString signalName(int signal);
    // The signals a menu offers, most used first: TERM, KILL, INT, HUP, STOP, CONT, USR1, USR2.
    static QList<int> commonSignals();

Q_SIGNALS:
    void started(const QString &sandboxId, qint64 pid, int signal);
    void finished(const OrkestrSession::ProcessSignaller::Outcome &outcome);

private:
    void send(const Outcome &request);

    Session *m_session;
    Prompter *m_prompter = nullptr;
    int m_pending = 0;
};

} // namespace OrkestrSession

Q_DECLARE_METATYPE(OrkestrSession::ProcessSignaller::Outcome)
