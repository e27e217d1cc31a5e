#pragma once

#include "server/requestparsing.h"
#include "server/sandboxruntime.h"

#include <QElapsedTimer>
#include <QObject>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <optional>

class QSocketNotifier;

namespace OrkestrLocal {

// Kills a process and everything below it, children first so none escapes by re-parenting.
void killTree(qint64 pid);

enum class OutputStream { Stdout, Stderr };
QString outputStreamName(OutputStream stream);

// How an exec ended, and the one place that turns that into the contract's answer: a result, or
// exec_timeout, exec_killed or network_policy. Buffered and streamed exec answer from it alike.
struct ExecOutcome
{
    enum class Kind { Exited, TimedOut, Signalled, OutputLimit, MemoryLimit, NetworkPolicy, FailedToStart };
    Kind kind = Kind::Exited;
    int exitCode = 0;
    int signal = 0;
    qint64 durationMs = 0;
    QString host; // network_policy: the first host refused while it ran
    quint16 port = 0;
    QString startError; // FailedToStart

    struct End
    {
        bool timedOut = false;
        bool overLimit = false;
        bool memoryLimit = false; // the sandbox's memory limit killed one of its processes
        QProcess::ExitStatus status = QProcess::NormalExit;
        int exitCode = 0; // the signal for a CrashExit: nsenter re-raises the one its child died of
        std::optional<Sandbox::Violation> violation;
        qint64 durationMs = 0;
    };
    static ExecOutcome classify(const End &end);

    bool isResult() const { return kind == Kind::Exited; }
    // For an error: the status, type, message and the type's fields (duration, signal, exit code,
    // host...); the caller adds stdout and stderr.
    RequestProblem problem() const;
};

// Where an exec's output goes: the buffered answer or the exec stream. It may push back (the
// runner stops reading until resumeReading()).
class ExecSink
{
public:
    virtual ~ExecSink() = default;
    virtual bool hasRoom() const { return true; }
    virtual void started() { }
    virtual void output(OutputStream stream, const QByteArray &bytes) = 0;
    virtual void endOfOutput(OutputStream) { }
    virtual void finished(const ExecOutcome &outcome) = 0;
};

// One command in a sandbox: its process, its stdout and stderr pipes (read with raw descriptors,
// only while the sink has room), its timeout and its end. It freezes and thaws with its sandbox:
// time spent paused does not count toward the timeout.
class ExecRunner : public QObject
{
    Q_OBJECT
public:
    using PolicyCheck = std::function<std::optional<Sandbox::Violation>()>;
    // Records every byte in order as it is read (the journal). It can hold the runner back, and
    // calls resumeReading() once it no longer does: reading waits while hasRoom() says no (its
    // memory is bounded; the command waits on its pipe), and the end waits until isStored(), so
    // that the output is recorded whole before anyone is told the exec ended.
    struct Recorder
    {
        std::function<void(OutputStream stream, const QByteArray &bytes)> record;
        std::function<bool()> hasRoom;
        std::function<bool()> isStored;
    };

    ExecRunner(ExecSink &sink, QObject *parent = nullptr);
    ~ExecRunner() override;

    // Asked once the command has ended: a host the network policy refused meanwhile.
    void setPolicyCheck(PolicyCheck check) { m_policyCheck = std::move(check); }
    void setRecorder(Recorder recorder) { m_recorder = std::move(recorder); }
    // Told how the command ended before the sink answers (a recorder commits it first).
    void addEndObserver(std::function<void(const ExecOutcome &)> observer)
    {
        m_endObservers.append(std::move(observer));
    }

    // timeoutSeconds <= 0: no timeout of its own (the command ends with its sandbox).
    void start(const SandboxCommand &command, double timeoutSeconds);
    // Before start(): the command runs on a terminal instead of pipes. slave becomes its stdin,
    // stdout and stderr (and is closed here once it started); master is read as its stdout. The
    // runner owns both descriptors.
    void useTerminal(int master, int slave)
    {
        m_terminalMaster = master;
        m_terminalSlave = slave;
    }
    // The sink has room again.
    void resumeReading();
    // The sink holds too much: the command is killed and ends as OutputLimit.
    void killForOutputLimit();
    // The sandbox's memory limit killed one of the command's processes: it ends as MemoryLimit.
    void noteMemoryLimitKill() { m_memoryLimit = true; }

    // The exec's id (its record) and the host pid of its process (nsenter; 0 when not running).
    void setExecId(const QString &id) { m_execId = id; }
    QString execId() const { return m_execId; }
    qint64 processId() const { return m_process.processId(); }

    // The sandbox is being paused: stop the host side of the command (nsenter, outside the
    // sandbox's namespaces) and the timeout clock. thaw() after the sandbox's processes continue.
    void freeze();
    void thaw();
    // The sandbox is gone: the command ends killed, frozen or not.
    void sandboxEnded();
    bool isFinished() const { return m_done; }

Q_SIGNALS:
    void ended();

private:
    struct Pipe
    {
        OutputStream stream;
        int fd = -1;
        QSocketNotifier *notifier = nullptr;
        bool eof = false;
    };
    void readPipe(Pipe &pipe);
    bool hasRoom() const;
    void maybeFinish();
    void finishWith(const ExecOutcome &outcome);
    void continueHostProcess();

    ExecSink &m_sink;
    PolicyCheck m_policyCheck;
    std::function<bool()> m_oomKilledSince;
    Recorder m_recorder;
    QList<std::function<void(const ExecOutcome &)>> m_endObservers;
    QProcess m_process;
    Pipe m_stdout {OutputStream::Stdout};
    Pipe m_stderr {OutputStream::Stderr};
    QTimer m_timeout;
    qint64 m_timeoutLeftMs = 0;
    QElapsedTimer m_running; // since the timeout clock last started
    QElapsedTimer m_elapsed;
    bool m_timedOut = false;
    bool m_hasTimeout = true;
    int m_terminalMaster = -1;
    int m_terminalSlave = -1;
    bool m_overLimit = false;
    bool m_memoryLimit = false;
    QString m_execId;
    bool m_exited = false;
    bool m_frozen = false;
    bool m_done = false;
};

} // namespace OrkestrLocal
