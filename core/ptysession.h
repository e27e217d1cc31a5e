#pragma once

#include "core/apierror.h"
#include "core/ptyframes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QSize>

class QWebSocket;

namespace Orkestr {

class Client;

struct PtyOptions
{
    int cols = 80;
    int rows = 24;
    QString cwd; // empty: the server's default, /workspace
    QString command; // empty: a login shell
};

// One interactive terminal in a sandbox: `GET /v1/sandboxes/{id}/pty` as a WebSocket (the client's
// base URL with ws/wss, its token in the Authorization header, its proxy and TLS defaults).
//
//     auto *pty = new PtySession(client, sandboxId, this);
//     connect(pty, &PtySession::output, view, ...);      // screen bytes
//     connect(pty, &PtySession::exited, ...);            // exit frame; closed() follows
//     connect(pty, &PtySession::failed, ...);            // ApiError; closed() follows
//     pty->open({.cols = 120, .rows = 40});
//     pty->write("ls\r");
//
// Errors before the upgrade come as ApiError: the server's own answer to a plain GET of the same URL
// where it gives one, else the handshake's status mapped to its error kind, with 404 and 409
// explained by a GET of the sandbox (see docs/api.md, "Interactive terminal").
class PtySession : public QObject
{
    Q_OBJECT
public:
    enum class State { Idle, Connecting, Open, Closing, Closed };
    Q_ENUM(State)

    PtySession(Client *client, QString sandboxId, QObject *parent = nullptr);
    ~PtySession() override;

    QString sandboxId() const { return m_sandboxId; }
    // An explicit token for this session; otherwise the client's (as for jobs).
    void setToken(const QString &token) { m_token = token; }

    // Connects; output(), exited(), failed() and closed() follow. Only from Idle.
    void open(const PtyOptions &options = {});
    State state() const { return m_state; }
    bool isOpen() const { return m_state == State::Open; }

    // Keystrokes (or pasted text) to the pty, unmodified. Typed while connecting, they are sent once open.
    void write(const QByteArray &bytes);
    // Sends a resize frame (once open; the latest size while connecting).
    void resize(int cols, int rows);
    QSize size() const { return m_size; }
    // A signal to the pty's foreground process group.
    void sendSignal(int signal);
    // Ends the session: the server hangs the shell up. closed() follows.
    void close();

    std::optional<PtyExit> exitStatus() const { return m_exit; }
    const ApiError &error() const { return m_error; }
    qint64 bytesReceived() const { return m_bytesReceived; }

Q_SIGNALS:
    void opened();
    void output(const QByteArray &bytes);
    // The server's exit frame.
    void exited(const Orkestr::PtyExit &exit);
    // The session could not open, or the connection was lost before an exit frame.
    void failed(const Orkestr::ApiError &error);
    // Always last, however the session ended.
    void closed();

private:
    void onConnected();
    void onTextMessage(const QString &text);
    void onSocketError();
    void onDisconnected();
    // The handshake failed with this HTTP status (0 when none was answered): find out why, first
    // with a plain GET of the same URL (its answer has the body), else from the status.
    void explainHandshakeFailure(int httpStatus, const QString &socketMessage);
    void mapHandshakeStatus(int httpStatus, const QString &socketMessage);
    void fail(ApiError error);
    void finish();
    void logRequest(int httpStatus, const QString &errorType);

    QPointer<Client> m_client;
    QString m_sandboxId;
    QString m_token;
    QString m_resolvedToken;
    QWebSocket *m_socket = nullptr;
    State m_state = State::Idle;
    QSize m_size {80, 24};
    QSize m_sentSize;
    QByteArray m_pendingInput;
    std::optional<PtyExit> m_exit;
    ApiError m_error;
    qint64 m_bytesReceived = 0;
    QString m_path;
    QString m_query;
    QElapsedTimer m_elapsed;
};

} // namespace Orkestr
