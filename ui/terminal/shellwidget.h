#pragma once

#include "core/sandbox.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QTermWidget;

namespace Orkestr {
class Client;
struct PtyExit;
class ApiError;
} // namespace Orkestr

namespace OrkestrSession {
class ShellSession;
}

namespace OrkestrUi {

class PtyWriter;

// One Shell tab: a QTermWidget driven directly by a pty in the sandbox (OrkestrSession::ShellSession).
// Keystrokes go from the emulation to the pty, the pty's bytes into the emulation; the pty follows
// the view's size; Ctrl+C, Ctrl+W, Ctrl+R and the other control keys reach the shell, while
// Ctrl+Shift+C and Ctrl+Shift+V copy and paste. The shell starts once the tab is first shown and
// enabled (a read-only dashboard disables it, so it never connects).
class ShellWidget : public QWidget
{
    Q_OBJECT
public:
    ShellWidget(Orkestr::Client *client, const QString &sandboxId, QWidget *parent = nullptr);
    ~ShellWidget() override;

    QString sandboxId() const;
    OrkestrSession::ShellSession *session() const { return m_session; }
    QTermWidget *terminal() const { return m_terminal; }
    // True while a shell runs (closing the tab hangs it up).
    bool isBusy() const;

    // What the terminal's screen and scrollback show, as plain text.
    QString screenText() const;
    // Paused and terminated sandboxes get a banner (with Resume when paused).
    void setSandboxStatus(Orkestr::Sandbox::Status status);
    // Starts a new shell after the last one ended.
    void restart();

Q_SIGNALS:
    void busyChanged(bool busy);
    void resumeRequested(const QString &sandboxId);
    // The server has no pty endpoint.
    void unsupported();

protected:
    bool event(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void startWhenReady();
    void sendSize();
    void onExited(const Orkestr::PtyExit &exit);
    void onFailed(const Orkestr::ApiError &error);
    void writeNotice(const QString &text, const QByteArray &sgr);
    void showBanner(const QString &text, const QString &action);
    void applyPaletteScheme();

    OrkestrSession::ShellSession *m_session;
    QTermWidget *m_terminal;
    PtyWriter *m_writer = nullptr;
    QWidget *m_banner;
    QLabel *m_bannerLabel;
    QPushButton *m_bannerButton;
    QTimer m_sizeTimer;
    Orkestr::Sandbox::Status m_status = Orkestr::Sandbox::Status::Unknown;
    bool m_started = false;
    bool m_followsPalette = true;
};

} // namespace OrkestrUi
