#pragma once

#include "server/execrunner.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

#include <memory>

class QSocketNotifier;
class QWebSocket;

namespace OrkestrLocal {

class SandboxStore;

// One interactive terminal: a WebSocket on one side, a pty on the other, and the command on the
// pty run by an ExecRunner (so it is an exec: recorded, frozen with its sandbox, killed with it).
//
// The command leads its own session inside the sandbox (setsid --ctty), so the kernel's job
// control works as on any terminal: Ctrl+C in the input stream interrupts the foreground group.
// Binary frames in are written to the master without blocking (a backlog waits for the master
// to take it); output goes out as binary frames only while the socket's send buffer has room, so
// a slow client slows the command instead of growing the server. Text frames are control frames
// (server/ptyprotocol.h). The end is one exit frame, then the close. A client that goes away
// hangs the terminal up: SIGHUP to the session's leader and its foreground group, SIGKILL to
// what still runs a grace period later. The session deletes itself once both sides are done.
class PtySession : public QObject, public ExecSink
{
    Q_OBJECT
public:
    static constexpr qint64 MaxUnsentOutput = 256 * 1024;
    static constexpr qint64 MaxPendingInput = 1024 * 1024;
    static constexpr int HangupGraceMs = 10000;

    PtySession(std::unique_ptr<QWebSocket> socket, const QString &sandboxId, SandboxStore &store,
               int pingIntervalMs, QObject *parent = nullptr);
    ~PtySession() override;

    ExecRunner &runner() { return m_runner; }
    // Opens a pty of the sandbox (whose init is initPid) at this size and hands it to the runner;
    // false with why when it cannot.
    bool openTerminal(qint64 initPid, int cols, int rows, QString *error);
    // Runs the command (from SandboxRuntime::command(..., onTerminal = true)) on the pty.
    void start(const SandboxCommand &command);
    // The session cannot start: the client gets a close frame with this reason (1011).
    void fail(const QString &reason);

    bool hasRoom() const override;
    void output(OutputStream stream, const QByteArray &bytes) override;
    void finished(const ExecOutcome &outcome) override;

private:
    void input(const QByteArray &bytes);
    void control(const QString &frame);
    void writeInput();
    void clientGone();
    void hangUp();
    void closeSocket(int code, const QString &reason);
    void maybeDelete();

    std::unique_ptr<QWebSocket> m_socket;
    QString m_sandboxId;
    SandboxStore &m_store;
    ExecRunner m_runner;
    int m_terminal = -1; // the pty master (a descriptor of our own): input, size, foreground group
    QSocketNotifier *m_writable = nullptr;
    QByteArray m_pendingInput;
    QTimer m_ping;
    QElapsedTimer m_sincePong;
    int m_pingIntervalMs;
    QTimer m_hangupGrace;
    bool m_clientGone = false;
    bool m_finished = false;
};

} // namespace OrkestrLocal
