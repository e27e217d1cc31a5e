#pragma once

#include "core/sandbox.h"
#include "ui/terminal/terminalsession.h"

#include <QPointer>
#include <QWidget>

class QTermWidget;
class QLabel;
class QPushButton;
class QSpinBox;
class QToolButton;
class QWidget;

namespace Orkestr {
class Client;
}

namespace OrkestrUi {

class CommandHistory;
class PromptEdit;
class PtyWriter;

// One terminal tab: a QTermWidget that shows what the sandbox prints (no local shell behind
// it), a prompt line under it that shows the working directory, and a TerminalSession that runs
// the commands. Keys typed into the terminal view go to the prompt.
class TerminalWidget : public QWidget
{
    Q_OBJECT
public:
    // history may be shared by the tabs of one sandbox; without one the tab keeps its own in the
    // default file for the sandbox.
    TerminalWidget(Orkestr::Client *client, const QString &sandboxId, CommandHistory *history = nullptr,
                   QWidget *parent = nullptr);
    ~TerminalWidget() override;

    QString sandboxId() const;
    TerminalSession *session() const { return m_session; }
    QTermWidget *terminal() const { return m_terminal; }
    PromptEdit *prompt() const { return m_prompt; }
    bool isBusy() const { return m_session->isRunning(); }

    // Runs a command as if typed at the prompt (it goes into the history too).
    void runCommand(const QString &command);
    // Ctrl+C.
    void interrupt();

    // What the terminal's screen and scrollback show, as plain text.
    QString screenText() const;
    bool saveTranscript(const QString &path) const;

    // The SGR parameters stderr is wrapped in ("2;31", dim red, by default); empty shows stderr
    // like stdout.
    // The SGR parameters that mark stderr ("2;31": dimmed red; empty: like stdout). Saved.
    void setStderrStyle(const QByteArray &sgr);
    QByteArray stderrStyle() const { return m_stderrSgr; }
    void setScrollbackLines(int lines);
    int scrollbackLines() const;
    void setTimeoutSeconds(int seconds);
    int timeoutSeconds() const;
    void setTerminalFont(const QFont &font);
    // A QTermWidget colour scheme name; empty follows the palette (light or dark).
    void setColorScheme(const QString &name);

    // Paused and terminated sandboxes get a banner (with Resume when paused).
    void setSandboxStatus(Orkestr::Sandbox::Status status);

Q_SIGNALS:
    void busyChanged(bool busy);
    void resumeRequested(const QString &sandboxId);

protected:
    bool event(QEvent *event) override;

private:
    void write(const QByteArray &bytes);
    void throttle();
    void loadSettings();
    void writeLine(const QString &text, const QByteArray &sgr);
    void onOutput(const QString &text, TerminalSession::Stream stream);
    void onFinished(const CommandResult &result);
    void updatePromptLabel();
    void applyPaletteScheme();
    void saveTranscriptInteractively();
    void showBanner(const QString &text, bool offerResume);

    TerminalSession *m_session;
    QPointer<CommandHistory> m_history;
    QTermWidget *m_terminal;
    PtyWriter *m_writer = nullptr;
    PromptEdit *m_prompt;
    QLabel *m_promptLabel;
    QLabel *m_searchLabel;
    QSpinBox *m_timeout;
    QToolButton *m_menuButton;
    QWidget *m_banner;
    QLabel *m_bannerLabel;
    QPushButton *m_resumeButton;
    QByteArray m_stderrSgr = "2;31";
    bool m_loadingSettings = false;
    QString m_colorScheme;
    bool m_atLineStart = true;
};

} // namespace OrkestrUi
