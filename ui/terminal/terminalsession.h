#pragma once

#include "core/sandbox.h"

#include <QElapsedTimer>
#include <QMap>
#include <QObject>
#include <QPointer>

namespace Orkestr {
class Client;
class ExecStreamJob;
class Job;
} // namespace Orkestr

namespace OrkestrUi {

// How one command of a terminal ended.
struct CommandResult
{
    enum class Outcome {
        Exited, // ran to the end; exitCode says how
        TimedOut, // exec_timeout: the sandbox killed it
        Killed, // exec_killed: it died of `signal`
        NotReady, // sandbox_not_ready: the sandbox is `sandboxStatus`
        ConnectionLost, // the stream broke; the command may still be running
        Detached, // the user stopped reading (Ctrl+C); it keeps running until its timeout
        Failed, // any other API error, in `message`
    };
    Outcome outcome = Outcome::Exited;
    int exitCode = 0;
    qint64 durationMs = 0;
    int signal = 0;
    QString sandboxStatus;
    QString message;

    bool succeeded() const { return outcome == Outcome::Exited && exitCode == 0; }
};

// The shell state of one terminal tab, without any widget: runs one command at a time through
// the exec stream and keeps the working directory and exported variables between commands.
//
// Each typed line is one exec (OrkestrSession::TerminalCommand): the tracked directory goes as its
// `cwd`, the variables exported so far as its `env`, and a trailer after the typed line prints a
// marker unique to this session followed by `pwd` and the environment. The marker and what
// follows are taken out of the shown output and become the state for the next command. A command
// that ends the shell itself (`exit`, a timeout, a syntax error) leaves the state unchanged; a
// directory that is gone sends the next command to /workspace. `unset` of a variable the sandbox
// itself sets does not persist.
class TerminalSession : public QObject
{
    Q_OBJECT
public:
    enum class Stream { Stdout, Stderr };
    Q_ENUM(Stream)

    static constexpr int DefaultTimeoutSeconds = 300;

    TerminalSession(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);
    ~TerminalSession() override;

    QString sandboxId() const { return m_sandboxId; }
    QString workingDirectory() const { return m_cwd; }
    // The variables set for each command (the user's exports), as `export NAME=value` lines.
    QString exportedVariables() const;
    QMap<QString, QString> environment() const { return m_env; }
    int timeoutSeconds() const { return m_timeoutSeconds; }
    void setTimeoutSeconds(int seconds) { m_timeoutSeconds = qMax(1, seconds); }
    bool isRunning() const { return !m_job.isNull(); }
    QString runningCommand() const { return m_command; }

    // Starts a command; false (and nothing happens) while another one runs.
    bool run(const QString &command);
    // Ctrl+C: stops reading the running command's output. The API cannot kill it, so it keeps
    // running in the sandbox until its timeout; finished() reports Detached at once.
    void detach();

    // Flow control: while paused, the running command's output is not read from the network, so
    // the server holds back (a terminal that cannot draw as fast as output arrives stays bounded).
    void setOutputPaused(bool paused);
    bool isOutputPaused() const { return m_outputPaused; }

    // The command actually sent for a typed line, for tests and the curious.
    QString wrap(const QString &command) const;

Q_SIGNALS:
    void started(const QString &command);
    // Output as it arrives, with the session's own trailer already removed.
    void output(const QString &text, OrkestrUi::TerminalSession::Stream stream);
    void finished(const OrkestrUi::CommandResult &result);
    void workingDirectoryChanged(const QString &cwd);
    // sandbox_not_ready: the sandbox is paused, terminated, ... (status as on the wire).
    void sandboxNotReady(const QString &status);

private:
    void onChunk(const Orkestr::ExecChunk &chunk);
    void onFinished(Orkestr::Job *job);
    void finish(const CommandResult &result);
    void takeTrailer();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    quint64 m_nonce = 0;
    QString m_marker;
    QString m_cwd = QStringLiteral("/workspace");
    QMap<QString, QString> m_env;
    int m_timeoutSeconds = DefaultTimeoutSeconds;
    QPointer<Orkestr::ExecStreamJob> m_job;
    bool m_outputPaused = false;
    QString m_command;
    QString m_pending; // stdout held back while it could be the start of the marker
    QString m_trailer; // what followed the marker
    bool m_inTrailer = false;
    bool m_detaching = false;
    std::optional<int> m_exitCode;
    qint64 m_durationMs = 0;
    QElapsedTimer m_elapsed;
};

} // namespace OrkestrUi

Q_DECLARE_METATYPE(OrkestrUi::CommandResult)
