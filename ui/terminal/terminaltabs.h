#pragma once

#include "core/sandbox.h"
#include "ui/terminal/terminalsession.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QStackedWidget;
class QTabWidget;

namespace Orkestr {
class Client;
}

namespace OrkestrUi {

class CommandHistory;
class ShellWidget;
class TerminalWidget;

// The terminals of all sandboxes, for embedding next to the sandbox list:
//
//     auto *terminals = new TerminalTabs(client, parent);
//     terminals->showSandbox(sandbox);   // on selection; also on every status update
//     connect(terminals, &TerminalTabs::resumeRequested, ...);  // run a ResumeSandboxJob
//
// Each sandbox has its own set of tabs (one to start with) that stays alive while other
// sandboxes are shown, so switching back finds the tabs and their running commands as they
// were. A tab is a Shell (ShellWidget: a pty in the sandbox) or Commands (TerminalWidget: one
// exec per command line, with history, cwd and env tracking); the tabs of one sandbox share one
// command history. New tabs are Shells unless the server was seen without the pty endpoint (a Shell
// tab that finds so turns into a Commands tab in place) or the tabs are disabled (read-only).
class TerminalTabs : public QWidget
{
    Q_OBJECT
public:
    enum class Kind { Shell, Commands };
    Q_ENUM(Kind)

    TerminalTabs(Orkestr::Client *client, QWidget *parent = nullptr);

    // What the first tab of a sandbox and the "+" button open (Shell unless set).
    void setDefaultKind(Kind kind) { m_defaultKind = kind; }
    Kind defaultKind() const { return m_defaultKind; }
    // The kind a new tab gets: the default, unless the server has no pty or the tabs are disabled.
    Kind kindForNewTab() const;

    // Shows the sandbox's tabs (creating the first one) and passes its status to them.
    void showSandbox(const Orkestr::Sandbox &sandbox);
    // Passes a status change to the sandbox's tabs without showing them.
    void updateSandbox(const Orkestr::Sandbox &sandbox);
    // Closes all tabs of a sandbox that is gone, without asking.
    void forgetSandbox(const QString &sandboxId);

    QString currentSandboxId() const { return m_currentId; }
    int tabCount(const QString &sandboxId) const;
    // The Commands terminal at index (nullptr where the tab is a Shell).
    TerminalWidget *terminal(const QString &sandboxId, int index) const;
    TerminalWidget *currentTerminal() const;
    ShellWidget *shell(const QString &sandboxId, int index) const;
    ShellWidget *currentShell() const;
    // A new Commands tab for the shown sandbox.
    TerminalWidget *newTab();
    // A new Shell tab for the shown sandbox (nullptr when the server has no pty or read-only).
    ShellWidget *newShellTab();
    // Gives the current tab the keyboard focus (a Commands tab's prompt, a Shell's view).
    void focusCurrent();
    // Closes a tab of the shown sandbox; a tab with a running command asks first. False when
    // the user said no.
    bool closeTab(int index);

    // Replaces the "really close?" question (tests answer it without a dialog).
    void setCloseConfirmation(std::function<bool(TerminalWidget *)> confirm)
    {
        m_confirm = std::move(confirm);
    }
    // Where the histories live; empty for CommandHistory::defaultFilePath.
    void setHistoryDirectory(const QString &path) { m_historyDir = path; }

Q_SIGNALS:
    void resumeRequested(const QString &sandboxId);
    // A command of one of the tabs ended (however it ended).
    void commandFinished(OrkestrUi::TerminalWidget *terminal, const QString &command,
                         const OrkestrUi::CommandResult &result);

private:
    struct Entry
    {
        QTabWidget *tabs = nullptr;
        CommandHistory *history = nullptr;
        Orkestr::Sandbox::Status status = Orkestr::Sandbox::Status::Unknown;
    };
    Entry &entryFor(const QString &sandboxId);
    QWidget *addTab(const QString &sandboxId, Kind kind, int index = -1);
    TerminalWidget *addCommandsTab(const QString &sandboxId, int index);
    ShellWidget *addShellTab(const QString &sandboxId, int index);
    // A Shell that found no pty on the server becomes a Commands tab in its place.
    void replaceWithCommands(ShellWidget *shell);
    bool askToClose(QWidget *tab);
    QWidget *currentTab() const;

    Orkestr::Client *m_client;
    QStackedWidget *m_stack;
    QWidget *m_empty;
    QHash<QString, Entry> m_entries;
    QString m_currentId;
    QString m_historyDir;
    std::function<bool(TerminalWidget *)> m_confirm;
    Kind m_defaultKind = Kind::Shell;
};

} // namespace OrkestrUi
