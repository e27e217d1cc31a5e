#include "server/execrunner.h"

#include "server/networkproxy.h"

#include <QFile>
#include <QSocketNotifier>

#include <array>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

constexpr qint64 ChunkBytes = 64 * 1024;
// After a thaw: when to check that the host process really runs again (see continueHostProcess).
constexpr std::array ThawChecksMs {20, 200, 1000};

// The state letter of /proc/<pid>/stat ('T' for stopped), or 0.
char processState(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray line = stat.read(512);
    const auto close = line.lastIndexOf(')'); // the command name may hold spaces and parentheses
    return close >= 0 && close + 2 < line.size() ? line.at(close + 2) : 0;
}

} // namespace

void killTree(qint64 pid)
{
    QFile children(u"/proc/%1/task/%1/children"_s.arg(pid));
    ::kill(pid_t(pid), SIGSTOP);
    if (children.open(QIODevice::ReadOnly)) {
        const auto list = children.readAll().split(' ');
        for (const auto &child : list)
            if (const qint64 childPid = child.trimmed().toLongLong(); childPid > 0)
                killTree(childPid);
    }
    ::kill(pid_t(pid), SIGKILL);
    ::kill(pid_t(pid), SIGCONT);
}

QString outputStreamName(OutputStream stream)
{
    return stream == OutputStream::Stdout ? u"stdout"_s : u"stderr"_s;
}

ExecOutcome ExecOutcome::classify(const End &end)
{
    ExecOutcome outcome;
    outcome.durationMs = end.durationMs;
    outcome.exitCode = end.exitCode;
    if (end.overLimit) {
        outcome.kind = Kind::OutputLimit;
        outcome.signal = SIGKILL;
    } else if (end.timedOut) {
        outcome.kind = Kind::TimedOut;
    } else if (end.memoryLimit) {
        // Whether the shell exited on its own after losing a process or died with it, the
        // result is not the command's: it ends killed.
        outcome.kind = Kind::MemoryLimit;
        outcome.signal = SIGKILL;
    } else if (end.status == QProcess::CrashExit) {
        outcome.kind = Kind::Signalled;
        outcome.signal = end.exitCode;
    } else if (end.violation) {
        // The command ended on its own, but something in it was refused a host: the SDK raises
        // NetworkPolicyError, and the result rides along in the error body.
        outcome.kind = Kind::NetworkPolicy;
        outcome.host = end.violation->host;
        outcome.port = end.violation->port;
    }
    return outcome;
}

RequestProblem ExecOutcome::problem() const
{
    switch (kind) {
    case Kind::Exited:
        break;
    case Kind::TimedOut:
        return {408,
                u"exec_timeout"_s,
                u"The command ran past its timeout and was killed."_s,
                {{u"duration_ms"_s, durationMs}}};
    case Kind::OutputLimit:
        return {
            422,
            u"exec_killed"_s,
            u"The command wrote more than 64 MiB of output and was killed; use exec/stream for large output."_s,
            {{u"signal"_s, signal}, {u"duration_ms"_s, durationMs}}};
    case Kind::MemoryLimit:
        return {422,
                u"exec_killed"_s,
                u"A process of the command was killed (signal 9): the sandbox went over its memory limit."_s,
                {{u"signal"_s, signal}, {u"duration_ms"_s, durationMs}, {u"reason"_s, u"memory_limit"_s}}};
    case Kind::Signalled:
        return {422,
                u"exec_killed"_s,
                u"The command was killed by signal %1."_s.arg(signal),
                {{u"signal"_s, signal}, {u"duration_ms"_s, durationMs}}};
    case Kind::NetworkPolicy:
        return {403,
                u"network_policy"_s,
                networkPolicyMessage(host, port),
                {{u"host"_s, host},
                 {u"port"_s, port},
                 {u"exit_code"_s, exitCode},
                 {u"duration_ms"_s, durationMs}}};
    case Kind::FailedToStart:
        return {500, u"internal"_s, u"Cannot start the command: %1"_s.arg(startError), {}};
    }
    return {};
}

ExecRunner::ExecRunner(ExecSink &sink, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
{
}

ExecRunner::~ExecRunner()
{
    for (const int fd : {m_stdout.fd, m_stderr.fd, m_terminalMaster, m_terminalSlave})
        if (fd >= 0)
            ::close(fd);
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        killTree(m_process.processId());
        m_process.waitForFinished(2000);
    }
}

void ExecRunner::start(const SandboxCommand &command, double timeoutSeconds)
{
    int out[2] = {m_terminalMaster, m_terminalSlave};
    int err[2] = {-1, -1};
    const bool terminal = m_terminalSlave >= 0;
    if (terminal) {
        m_stderr.eof = true; // a terminal has one output
    } else if (::pipe2(out, O_CLOEXEC) != 0) {
        finishWith({ExecOutcome::Kind::FailedToStart, 0, 0, 0, {}, 0, u"no pipes for the command"_s});
        return;
    }
    if (!terminal && ::pipe2(err, O_CLOEXEC) != 0) {
        ::close(out[0]);
        ::close(out[1]);
        finishWith({ExecOutcome::Kind::FailedToStart, 0, 0, 0, {}, 0, u"no pipes for the command"_s});
        return;
    }
    m_process.setProgram(command.program);
    m_process.setArguments(command.arguments);
    m_process.setProcessEnvironment(command.environment);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(QProcess::nullDevice());
    const int outWrite = out[1];
    const int errWrite = err[1];
    // Our own pipes instead of QProcess's, which would read without bound.
    m_oomKilledSince = command.oomKilledSince;
    ChildSetup setup = command.setup;
    setup.modifier = [outWrite, errWrite, terminal] {
        if (terminal)
            ::dup2(outWrite, 0);
        ::dup2(outWrite, 1);
        ::dup2(terminal ? outWrite : errWrite, 2);
    };
    prepareChild(m_process, setup);
    connect(&m_process, &QProcess::started, this, [this] { m_sink.started(); });
    connect(&m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            finishWith({ExecOutcome::Kind::FailedToStart, 0, 0, 0, {}, 0, m_process.errorString()});
    });
    connect(&m_process, &QProcess::finished, this, [this] {
        m_exited = true;
        resumeReading();
    });
    m_elapsed.start();
    m_process.start();
    ::close(out[1]);
    if (!terminal)
        ::close(err[1]);
    m_terminalMaster = m_terminalSlave = -1; // owned as m_stdout.fd or closed now
    m_stdout.fd = out[0];
    m_stderr.fd = err[0];
    for (Pipe *pipe : {&m_stdout, &m_stderr}) {
        if (pipe->fd < 0)
            continue;
        ::fcntl(pipe->fd, F_SETFL, ::fcntl(pipe->fd, F_GETFL) | O_NONBLOCK);
        pipe->notifier = new QSocketNotifier(pipe->fd, QSocketNotifier::Read, this);
        connect(pipe->notifier, &QSocketNotifier::activated, this, [this, pipe] { readPipe(*pipe); });
    }
    if (m_done)
        return; // it failed to start, and said so
    m_timeout.setSingleShot(true);
    // A coarse timer may fire up to 5 % early; the timeout is a promise to the caller.
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        if (m_exited)
            return; // it ended on its own; its output is still being read or recorded
        m_timedOut = true;
        // nsenter's child and below run inside the sandbox; kill the whole tree.
        killTree(m_process.processId());
    });
    m_hasTimeout = timeoutSeconds > 0;
    if (!m_hasTimeout)
        return;
    m_timeoutLeftMs = qint64(std::min(timeoutSeconds * 1000, double(1 << 30)));
    m_running.start();
    m_timeout.start(int(m_timeoutLeftMs));
}

void ExecRunner::readPipe(Pipe &pipe)
{
    while (!pipe.eof) {
        if (!hasRoom()) {
            // Backpressure: stop reading until the sink (or the recorder) has taken some bytes.
            pipe.notifier->setEnabled(false);
            return;
        }
        char buffer[ChunkBytes];
        const auto n = ::read(pipe.fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            // After the command exited, a pipe kept open by a background process of the
            // sandbox counts as finished once it is empty.
            if (m_exited) {
                pipe.eof = true;
                break;
            }
            pipe.notifier->setEnabled(true);
            return;
        }
        if (n <= 0) {
            pipe.eof = true;
            break;
        }
        const QByteArray data(buffer, n);
        if (m_recorder.record)
            m_recorder.record(pipe.stream, data);
        m_sink.output(pipe.stream, data);
        if (!m_exited)
            return; // let the event loop breathe; the notifier fires again if there is more
    }
    pipe.notifier->setEnabled(false);
    m_sink.endOfOutput(pipe.stream);
    maybeFinish();
}

bool ExecRunner::hasRoom() const
{
    return m_sink.hasRoom() && (!m_recorder.hasRoom || m_recorder.hasRoom());
}

void ExecRunner::resumeReading()
{
    for (Pipe *pipe : {&m_stdout, &m_stderr}) {
        if (pipe->eof || !pipe->notifier)
            continue;
        pipe->notifier->setEnabled(true);
        if (m_exited)
            readPipe(*pipe);
    }
    maybeFinish();
}

void ExecRunner::killForOutputLimit()
{
    if (m_overLimit || m_done)
        return;
    m_overLimit = true;
    killTree(m_process.processId());
}

void ExecRunner::maybeFinish()
{
    if (m_done || !m_exited || !m_stdout.eof || !m_stderr.eof)
        return;
    if (m_recorder.isStored && !m_recorder.isStored())
        return; // resumeReading() comes once it is
    ExecOutcome::End end;
    end.timedOut = m_timedOut;
    end.overLimit = m_overLimit;
    // nsenter re-raises the SIGKILL its child got; with a cgroup, the kernel's OOM killer may
    // be who sent it (the whole sandbox shares the count).
    end.memoryLimit = m_memoryLimit
        || (m_process.exitStatus() == QProcess::CrashExit && m_process.exitCode() == SIGKILL
            && m_oomKilledSince && m_oomKilledSince());
    end.status = m_process.exitStatus();
    end.exitCode = m_process.exitCode();
    end.durationMs = m_elapsed.elapsed();
    if (m_policyCheck && end.status == QProcess::NormalExit)
        end.violation = m_policyCheck();
    finishWith(ExecOutcome::classify(end));
}

void ExecRunner::finishWith(const ExecOutcome &outcome)
{
    if (m_done)
        return;
    m_done = true;
    m_timeout.stop();
    for (const auto &observer : std::as_const(m_endObservers))
        observer(outcome);
    m_sink.finished(outcome);
    Q_EMIT ended();
}

void ExecRunner::freeze()
{
    if (m_done || m_frozen)
        return;
    m_frozen = true;
    if (m_timeout.isActive()) {
        m_timeoutLeftMs = std::max<qint64>(0, m_timeoutLeftMs - m_running.elapsed());
        m_timeout.stop();
    }
    // nsenter waits for its child with WUNTRACED: seeing the child stop, it stops itself, and
    // only a SIGCONT to nsenter (which lives outside the sandbox) would wake it. Stopped first,
    // it never sees the stop, and continued after the sandbox, it never sees it either.
    if (m_process.state() != QProcess::NotRunning)
        ::kill(pid_t(m_process.processId()), SIGSTOP);
}

void ExecRunner::thaw()
{
    if (!m_frozen)
        return;
    m_frozen = false;
    if (m_done)
        return;
    continueHostProcess();
    if (m_hasTimeout && !m_timedOut && !m_exited) {
        m_running.start();
        m_timeout.start(int(m_timeoutLeftMs));
    }
}

void ExecRunner::sandboxEnded()
{
    // Its processes in the sandbox die with the sandbox's init; nsenter, outside, may be stopped
    // (frozen, or stopped on its own after seeing its child stop) and is killed with them.
    m_frozen = false;
    if (!m_done && m_process.state() != QProcess::NotRunning)
        killTree(m_process.processId());
}

void ExecRunner::continueHostProcess()
{
    if (m_process.state() == QProcess::NotRunning)
        return;
    const qint64 pid = m_process.processId();
    ::kill(pid_t(pid), SIGCONT);
    // Should nsenter have seen its child stop before our SIGSTOP took effect, it stops itself
    // once it runs again: check, and continue it again.
    for (const int ms : ThawChecksMs) {
        QTimer::singleShot(ms, this, [this, pid] {
            if (!m_frozen && !m_done && m_process.processId() == pid && processState(pid) == 'T')
                ::kill(pid_t(pid), SIGCONT);
        });
    }
}

} // namespace OrkestrLocal
