#pragma once

#include "core/apierror.h"
#include "core/ptyframes.h"
#include "core/sandbox.h"

#include <QObject>
#include <QPointer>
#include <QSize>
#include <QUrl>

namespace Orkestr {
class Client;
class PtySession;
} // namespace Orkestr

namespace OrkestrSession {

// The workflow of one Shell tab, without widgets (the controller between a view and a PtySession):
// starts the pty at the view's size, passes keystrokes and resizes on, starts again when asked after
// the shell ended, reconnects by itself once a sandbox that refused it (not running) runs again,
// and remembers per server when the server has no pty endpoint, so that the dashboard offers the
// Commands terminal instead.
class ShellSession : public QObject
{
    Q_OBJECT
public:
    enum class State {
        Idle, // not started
        Connecting,
        Running,
        Exited, // the shell ended (the exit frame); start() opens a new one
        Failed, // could not open, or the connection was lost
    };
    Q_ENUM(State)

    ShellSession(Orkestr::Client *client, QString sandboxId, QObject *parent = nullptr);
    ~ShellSession() override;

    QString sandboxId() const { return m_sandboxId; }
    State state() const { return m_state; }
    bool isActive() const { return m_state == State::Connecting || m_state == State::Running; }

    // Opens a pty of cols × rows (again, after an end). Does nothing while one is active.
    void start(int cols, int rows);
    // Hangs the shell up (the server sends it SIGHUP).
    void stop();
    // Keystrokes and pasted text, as the terminal emulation encodes them.
    void type(const QByteArray &bytes);
    // The view's size in characters; sent when it differs from the pty's.
    void resizeTo(int cols, int rows);
    QSize size() const { return m_size; }
    // The sandbox's status as the dashboard last saw it: a session refused because the sandbox was
    // not running starts again once it runs.
    void setSandboxStatus(Orkestr::Sandbox::Status status);

    const Orkestr::ApiError &lastError() const { return m_error; }
    std::optional<Orkestr::PtyExit> lastExit() const { return m_exit; }
    Orkestr::PtySession *pty() const { return m_pty; }

    // One line for the view about how the shell ended, e.g. "exit 3 · 2.10 s" or
    // "killed by signal 9 (SIGKILL)".
    static QString exitSummary(const Orkestr::PtyExit &exit);

    // Servers seen without the pty endpoint (404 for it on a running sandbox), for this run of the
    // program: an upgraded server is asked again after a restart.
    static bool isKnownUnsupported(const QUrl &server);
    static void forgetSupport();

Q_SIGNALS:
    void output(const QByteArray &bytes);
    void stateChanged(OrkestrSession::ShellSession::State state);
    // The shell ended with the exit frame.
    void exited(const Orkestr::PtyExit &exit);
    void failed(const Orkestr::ApiError &error);
    // This server has no pty endpoint: offer the Commands terminal instead.
    void unsupported();

private:
    void setState(State state);
    void onClosed();

    QPointer<Orkestr::Client> m_client;
    QString m_sandboxId;
    Orkestr::PtySession *m_pty = nullptr;
    State m_state = State::Idle;
    QSize m_size {80, 24};
    Orkestr::ApiError m_error;
    std::optional<Orkestr::PtyExit> m_exit;
    bool m_waitingForRunning = false;
};

} // namespace OrkestrSession
