#include "server/ptysession.h"

#include "server/ptyprotocol.h"
#include "server/sandboxstore.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QWebSocket>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// A client that answers no ping for this long is gone (its pongs come from its event loop).
constexpr int PongTimeoutMs = 60000;
// How long a closing handshake may take before the connection is dropped.
constexpr int CloseTimeoutMs = 5000;

winsize windowSize(int cols, int rows)
{
    winsize size = {};
    size.ws_col = static_cast<unsigned short>(cols);
    size.ws_row = static_cast<unsigned short>(rows);
    return size;
}

// A pty of the sandbox's own devpts (bubblewrap mounts a new instance on its /dev/pts), so that
// inside it the terminal is /dev/pts/N like any (tty, ttyname, ps). The master; -1 if it cannot.
int openSandboxPty(qint64 initPid, int *slave)
{
    const QByteArray ptmx = "/proc/" + QByteArray::number(initPid) + "/root/dev/pts/ptmx";
    const int master = ::open(ptmx.constData(), O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (master < 0)
        return -1;
    int locked = 0;
    if (::ioctl(master, TIOCSPTLCK, &locked) == 0) {
        *slave = ::ioctl(master, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
        if (*slave >= 0)
            return master;
    }
    ::close(master);
    return -1;
}
} // namespace

PtySession::PtySession(std::unique_ptr<QWebSocket> socket, const QString &sandboxId, SandboxStore &store,
                       int pingIntervalMs, QObject *parent)
    : QObject(parent)
    , m_socket(std::move(socket))
    , m_sandboxId(sandboxId)
    , m_store(store)
    , m_runner(*this, this)
    , m_pingIntervalMs(pingIntervalMs)
{
    m_socket->setParent(nullptr);
    connect(m_socket.get(), &QWebSocket::binaryMessageReceived, this, &PtySession::input);
    connect(m_socket.get(), &QWebSocket::textMessageReceived, this, &PtySession::control);
    connect(m_socket.get(), &QWebSocket::disconnected, this, &PtySession::clientGone);
    connect(m_socket.get(), &QWebSocket::bytesWritten, &m_runner, &ExecRunner::resumeReading);
    connect(m_socket.get(), &QWebSocket::pong, this, [this] { m_sincePong.start(); });
    m_sincePong.start();
    m_ping.setInterval(pingIntervalMs);
    connect(&m_ping, &QTimer::timeout, this, [this] {
        if (m_sincePong.elapsed() > std::max(PongTimeoutMs, 4 * m_pingIntervalMs)) {
            m_socket->abort(); // disconnected follows: the client is gone
            return;
        }
        m_socket->ping();
    });
    m_ping.start();
    m_hangupGrace.setSingleShot(true);
    m_hangupGrace.setInterval(HangupGraceMs);
    connect(&m_hangupGrace, &QTimer::timeout, this, [this] {
        if (!m_runner.isFinished() && m_runner.processId() > 0)
            killTree(m_runner.processId());
    });
}

PtySession::~PtySession()
{
    if (m_terminal >= 0)
        ::close(m_terminal);
    if (m_socket)
        m_socket->disconnect(this);
}

bool PtySession::openTerminal(qint64 initPid, int cols, int rows, QString *error)
{
    int slave = -1;
    winsize size = windowSize(cols, rows);
    int master = openSandboxPty(initPid, &slave);
    // Else one of the host's (the command still works; only its name means nothing inside).
    if (master < 0 && ::openpty(&master, &slave, nullptr, nullptr, &size) != 0) {
        *error = u"no pty: %1"_s.arg(QString::fromLocal8Bit(strerror(errno)));
        return false;
    }
    ::ioctl(master, TIOCSWINSZ, &size);
    for (const int fd : {master, slave})
        ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    m_terminal = ::fcntl(master, F_DUPFD_CLOEXEC, 3);
    if (m_terminal < 0) {
        *error = u"no descriptor for the pty"_s;
        ::close(master);
        ::close(slave);
        return false;
    }
    // The flag belongs to the open file: the runner's reads and our writes never block.
    ::fcntl(master, F_SETFL, ::fcntl(master, F_GETFL) | O_NONBLOCK);
    m_runner.useTerminal(master, slave);
    m_writable = new QSocketNotifier(m_terminal, QSocketNotifier::Write, this);
    m_writable->setEnabled(false);
    connect(m_writable, &QSocketNotifier::activated, this, &PtySession::writeInput);
    return true;
}

void PtySession::start(const SandboxCommand &command)
{
    m_runner.start(command, 0);
}

void PtySession::fail(const QString &reason)
{
    m_finished = true;
    closeSocket(QWebSocketProtocol::CloseCodeBadOperation, reason.left(120));
}

bool PtySession::hasRoom() const
{
    // Once the client is gone the output is still read (and recorded), as fast as it comes.
    return m_clientGone || m_socket->bytesToWrite() < MaxUnsentOutput;
}

void PtySession::output(OutputStream, const QByteArray &bytes)
{
    if (!m_clientGone)
        m_socket->sendBinaryMessage(bytes);
}

void PtySession::finished(const ExecOutcome &outcome)
{
    m_finished = true;
    m_hangupGrace.stop();
    if (m_clientGone) {
        maybeDelete();
        return;
    }
    if (outcome.kind == ExecOutcome::Kind::FailedToStart) {
        closeSocket(1011, u"cannot start the command: %1"_s.arg(outcome.startError).left(120));
        return;
    }
    const bool exited
        = outcome.kind == ExecOutcome::Kind::Exited || outcome.kind == ExecOutcome::Kind::NetworkPolicy;
    const bool signalled = outcome.kind == ExecOutcome::Kind::Signalled
        || outcome.kind == ExecOutcome::Kind::MemoryLimit || outcome.kind == ExecOutcome::Kind::OutputLimit;
    const QJsonObject exit {{u"type"_s, u"exit"_s},
                            {u"exit_code"_s, exited ? QJsonValue(outcome.exitCode) : QJsonValue()},
                            {u"signal"_s, signalled ? QJsonValue(outcome.signal) : QJsonValue()},
                            {u"duration_ms"_s, outcome.durationMs}};
    m_socket->sendTextMessage(QString::fromUtf8(QJsonDocument(exit).toJson(QJsonDocument::Compact)));
    closeSocket(QWebSocketProtocol::CloseCodeNormal, {});
}

void PtySession::input(const QByteArray &bytes)
{
    if (m_finished || m_terminal < 0)
        return;
    if (m_pendingInput.size() + bytes.size() > MaxPendingInput) {
        // The terminal has not taken a megabyte of typing: something is wrong, not slow.
        closeSocket(QWebSocketProtocol::CloseCodeTooMuchData,
                    u"input backlog over 1 MiB: the terminal does not read"_s);
        return;
    }
    m_pendingInput += bytes;
    writeInput();
}

void PtySession::writeInput()
{
    while (!m_pendingInput.isEmpty()) {
        const auto n = ::write(m_terminal, m_pendingInput.constData(), size_t(m_pendingInput.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            m_writable->setEnabled(true);
            return;
        }
        if (n <= 0) {
            m_pendingInput.clear(); // the terminal is gone (EIO): nobody will read it
            break;
        }
        m_pendingInput.remove(0, n);
    }
    m_writable->setEnabled(false);
}

void PtySession::control(const QString &frame)
{
    const PtyControl control = parsePtyControl(frame.toUtf8());
    switch (control.kind) {
    case PtyControl::Kind::Unknown:
        return;
    case PtyControl::Kind::Invalid:
        closeSocket(QWebSocketProtocol::CloseCodePolicyViolated, control.problem);
        return;
    case PtyControl::Kind::Resize: {
        const winsize size = windowSize(control.cols, control.rows);
        if (m_terminal >= 0)
            ::ioctl(m_terminal, TIOCSWINSZ, &size); // the kernel tells the foreground group (SIGWINCH)
        return;
    }
    case PtyControl::Kind::Signal: {
        // SIGCONT would wake a process of a paused sandbox; every other signal waits for the
        // resume like the sandbox's processes do.
        const Sandbox *sandbox = m_store.find(m_sandboxId);
        if (control.signal == SIGCONT && (!sandbox || !sandbox->isRunning()))
            return;
        const pid_t group = m_terminal >= 0 ? ::tcgetpgrp(m_terminal) : -1;
        if (group > 0)
            ::kill(-group, control.signal);
        return;
    }
    }
}

void PtySession::clientGone()
{
    if (m_clientGone)
        return;
    m_clientGone = true;
    m_ping.stop();
    if (m_finished) {
        maybeDelete();
        return;
    }
    hangUp();
    m_runner.resumeReading(); // output is no longer held back for the socket
}

void PtySession::hangUp()
{
    // What the kernel does when a terminal hangs up: SIGHUP to the session's leader and to the
    // foreground process group. A stopped (paused) process gets it at the resume.
    if (m_terminal >= 0) {
        const pid_t leader = ::tcgetsid(m_terminal);
        const pid_t group = ::tcgetpgrp(m_terminal);
        if (leader > 0)
            ::kill(leader, SIGHUP);
        if (group > 0)
            ::kill(-group, SIGHUP);
    }
    m_hangupGrace.start();
}

void PtySession::closeSocket(int code, const QString &reason)
{
    if (m_clientGone)
        return;
    m_socket->close(QWebSocketProtocol::CloseCode(code), reason);
    // A client that never answers the close frame is dropped.
    QTimer::singleShot(CloseTimeoutMs, this, [this] {
        if (!m_clientGone)
            m_socket->abort();
    });
}

void PtySession::maybeDelete()
{
    if (m_finished && m_clientGone)
        deleteLater();
}

} // namespace OrkestrLocal
