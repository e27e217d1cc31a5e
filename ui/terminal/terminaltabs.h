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
class TerminalWidget;

// The terminals of all sandboxes, for embedding next to the sandbox list:
//
//     auto *terminals = new TerminalTabs(client, parent);
//     terminals->showSandbox(sandbox);   // on selection; also on every status update
//     connect(terminals, &TerminalTabs::resumeRequested, ...);  // run a ResumeSandboxJob
//
// Each sandbox has its own set of tabs (one to start with) that stays alive while other
// sandboxes are shown, so switching back finds the tabs and their running commands as they
// were. The tabs of one sandbox share one command history.
class TerminalTabs : public QWidget
{
    Q_OBJECT
public:
    TerminalTabs(Orkestr::Client *client, QWidget *parent = nullptr);

    // Shows the sandbox's tabs (creating the first one) and passes its status to them.
    void showSandbox(const Orkestr::Sandbox &sandbox);
    // Passes a status change to the sandbox's tabs without showing them.
    void updateSandbox(const Orkestr::Sandbox &sandbox);
    // Closes all tabs of a sandbox that is gone, without asking.
    void forgetSandbox(const QString &sandboxId);

    QString currentSandboxId() const { return m_currentId; }
    int tabCount(const QString &sandboxId) const;
    TerminalWidget *terminal(const QString &sandboxId, int index) const;
    TerminalWidget *currentTerminal() const;
    // A new tab for the shown sandbox.
    TerminalWidget *newTab();
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
    TerminalWidget *addTab(const QString &sandboxId);
    bool askToClose(TerminalWidget *terminal);

    Orkestr::Client *m_client;
    QStackedWidget *m_stack;
    QWidget *m_empty;
    QHash<QString, Entry> m_entries;
    QString m_currentId;
    QString m_historyDir;
    std::function<bool(TerminalWidget *)> m_confirm;
};

} // namespace OrkestrUi
