#include "ui/terminal/terminaltabs.h"

#include "core/client.h"
#include "session/shellsession.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/promptedit.h"
#include "ui/terminal/shellwidget.h"
#include "ui/terminal/terminalwidget.h"

#include <QApplication>
#include <QBoxLayout>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

TerminalTabs::TerminalTabs(Orkestr::Client *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_stack(new QStackedWidget(this))
{
    setObjectName(u"terminalTabs"_s);
    auto *empty = new QLabel(tr("Select a sandbox to open a terminal in it."), m_stack);
    empty->setAlignment(Qt::AlignCenter);
    m_empty = empty;
    m_stack->addWidget(m_empty);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
}

TerminalTabs::Entry &TerminalTabs::entryFor(const QString &sandboxId)
{
    auto it = m_entries.find(sandboxId);
    if (it != m_entries.end())
        return *it;
    Entry entry;
    entry.tabs = new QTabWidget(m_stack);
    entry.tabs->setObjectName(u"terminalTabWidget"_s);
    entry.tabs->setTabsClosable(true);
    entry.tabs->setMovable(true);
    entry.tabs->setDocumentMode(true);
    auto *plus = new QToolButton(entry.tabs);
    plus->setObjectName(u"newTerminalTab"_s);
    plus->setText(u"+"_s);
    plus->setToolTip(tr("New terminal tab"));
    plus->setAutoRaise(true);
    plus->setPopupMode(QToolButton::MenuButtonPopup);
    auto open = [this, sandboxId](Kind kind) {
        QWidget *tab = addTab(sandboxId, kind);
        m_entries[sandboxId].tabs->setCurrentWidget(tab);
        tab->setFocus();
    };
    connect(plus, &QToolButton::clicked, this, [this, open] { open(kindForNewTab()); });
    auto *menu = new QMenu(plus);
    QAction *shellAction = menu->addAction(tr("New Shell"), this, [open] { open(Kind::Shell); });
    shellAction->setToolTip(tr("An interactive shell in the sandbox: vim, top, a REPL, Ctrl+C"));
    menu->addAction(tr("New Commands Terminal"), this, [open] { open(Kind::Commands); });
    connect(menu, &QMenu::aboutToShow, this, [this, shellAction] {
        shellAction->setEnabled(!OrkestrSession::ShellSession::isKnownUnsupported(m_client->baseUrl()));
    });
    plus->setMenu(menu);
    entry.tabs->setCornerWidget(plus, Qt::TopRightCorner);
    connect(entry.tabs, &QTabWidget::tabCloseRequested, this, [this, sandboxId](int index) {
        auto *tabs = m_entries.value(sandboxId).tabs;
        QWidget *tab = tabs->widget(index);
        if (tab && askToClose(tab))
            delete tab;
    });
    const QString historyPath = m_historyDir.isEmpty()
        ? CommandHistory::defaultFilePath(sandboxId)
        : m_historyDir + u'/' + QFileInfo(CommandHistory::defaultFilePath(sandboxId)).fileName();
    entry.history = new CommandHistory(historyPath, entry.tabs);
    m_stack->addWidget(entry.tabs);
    return *m_entries.insert(sandboxId, entry);
}

TerminalTabs::Kind TerminalTabs::kindForNewTab() const
{
    if (m_defaultKind == Kind::Commands || !isEnabled()
        || OrkestrSession::ShellSession::isKnownUnsupported(m_client->baseUrl()))
        return Kind::Commands;
    return Kind::Shell;
}

QWidget *TerminalTabs::addTab(const QString &sandboxId, Kind kind, int index)
{
    if (kind == Kind::Shell
        && (!isEnabled() || OrkestrSession::ShellSession::isKnownUnsupported(m_client->baseUrl())))
        kind = Kind::Commands;
    if (kind == Kind::Shell)
        return addShellTab(sandboxId, index);
    return addCommandsTab(sandboxId, index);
}

ShellWidget *TerminalTabs::addShellTab(const QString &sandboxId, int index)
{
    Entry &entry = entryFor(sandboxId);
    auto *shell = new ShellWidget(m_client, sandboxId, entry.tabs);
    shell->setSandboxStatus(entry.status);
    connect(shell, &ShellWidget::resumeRequested, this, &TerminalTabs::resumeRequested);
    connect(shell, &ShellWidget::unsupported, this, [this, shell] { replaceWithCommands(shell); });
    const QString title = tr("Shell %1").arg(entry.tabs->count() + 1);
    entry.tabs->insertTab(index, shell, title);
    return shell;
}

TerminalWidget *TerminalTabs::addCommandsTab(const QString &sandboxId, int index)
{
    Entry &entry = entryFor(sandboxId);
    auto *terminal = new TerminalWidget(m_client, sandboxId, entry.history, entry.tabs);
    terminal->setSandboxStatus(entry.status);
    connect(terminal, &TerminalWidget::resumeRequested, this, &TerminalTabs::resumeRequested);
    // A tab with a running command gets a marker in its title.
    connect(terminal, &TerminalWidget::busyChanged, this, [terminal, tabs = entry.tabs](bool busy) {
        const int at = tabs->indexOf(terminal);
        if (at >= 0)
            tabs->setTabText(at, terminal->property("baseTitle").toString() + (busy ? u" ●"_s : QString()));
    });
    // Each command's end, with the command it ran (for a notification when it is out of view).
    auto command = std::make_shared<QString>();
    connect(terminal->session(), &TerminalSession::started, terminal,
            [command](const QString &text) { *command = text; });
    connect(terminal->session(), &TerminalSession::finished, this,
            [this, terminal, command](const CommandResult &result) {
                Q_EMIT commandFinished(terminal, *command, result);
            });
    const QString title = tr("Commands %1").arg(entry.tabs->count() + 1);
    terminal->setProperty("baseTitle", title);
    entry.tabs->insertTab(index, terminal, title);
    return terminal;
}

void TerminalTabs::replaceWithCommands(ShellWidget *shell)
{
    auto it = m_entries.find(shell->sandboxId());
    if (it == m_entries.end())
        return;
    QTabWidget *tabs = it->tabs;
    const int index = tabs->indexOf(shell);
    if (index < 0)
        return;
    const bool wasCurrent = tabs->currentIndex() == index;
    const bool hadFocus = shell->isAncestorOf(QApplication::focusWidget());
    TerminalWidget *terminal = addCommandsTab(shell->sandboxId(), index);
    if (wasCurrent)
        tabs->setCurrentWidget(terminal);
    if (hadFocus)
        terminal->setFocus();
    // From the shell's own signal: it goes once that returns.
    tabs->removeTab(tabs->indexOf(shell));
    shell->hide();
    shell->deleteLater();
}

void TerminalTabs::showSandbox(const Orkestr::Sandbox &sandbox)
{
    Entry &entry = entryFor(sandbox.id);
    if (entry.tabs->count() == 0)
        addTab(sandbox.id, kindForNewTab());
    m_currentId = sandbox.id;
    m_stack->setCurrentWidget(entry.tabs);
    updateSandbox(sandbox);
}

void TerminalTabs::updateSandbox(const Orkestr::Sandbox &sandbox)
{
    auto it = m_entries.find(sandbox.id);
    if (it == m_entries.end())
        return;
    it->status = sandbox.status;
    for (int i = 0; i < it->tabs->count(); ++i) {
        if (auto *terminal = qobject_cast<TerminalWidget *>(it->tabs->widget(i)))
            terminal->setSandboxStatus(sandbox.status);
        else if (auto *shell = qobject_cast<ShellWidget *>(it->tabs->widget(i)))
            shell->setSandboxStatus(sandbox.status);
    }
}

void TerminalTabs::forgetSandbox(const QString &sandboxId)
{
    const Entry entry = m_entries.take(sandboxId);
    if (!entry.tabs)
        return;
    if (m_currentId == sandboxId) {
        m_currentId.clear();
        m_stack->setCurrentWidget(m_empty);
    }
    delete entry.tabs;
}

int TerminalTabs::tabCount(const QString &sandboxId) const
{
    const auto it = m_entries.constFind(sandboxId);
    return it == m_entries.constEnd() ? 0 : it->tabs->count();
}

TerminalWidget *TerminalTabs::terminal(const QString &sandboxId, int index) const
{
    const auto it = m_entries.constFind(sandboxId);
    return it == m_entries.constEnd() ? nullptr : qobject_cast<TerminalWidget *>(it->tabs->widget(index));
}

QWidget *TerminalTabs::currentTab() const
{
    const auto it = m_entries.constFind(m_currentId);
    return it == m_entries.constEnd() ? nullptr : it->tabs->currentWidget();
}

TerminalWidget *TerminalTabs::currentTerminal() const
{
    return qobject_cast<TerminalWidget *>(currentTab());
}

ShellWidget *TerminalTabs::shell(const QString &sandboxId, int index) const
{
    const auto it = m_entries.constFind(sandboxId);
    return it == m_entries.constEnd() ? nullptr : qobject_cast<ShellWidget *>(it->tabs->widget(index));
}

ShellWidget *TerminalTabs::currentShell() const
{
    return qobject_cast<ShellWidget *>(currentTab());
}

TerminalWidget *TerminalTabs::newTab()
{
    if (m_currentId.isEmpty())
        return nullptr;
    auto *terminal = addCommandsTab(m_currentId, -1);
    m_entries[m_currentId].tabs->setCurrentWidget(terminal);
    return terminal;
}

ShellWidget *TerminalTabs::newShellTab()
{
    if (m_currentId.isEmpty())
        return nullptr;
    if (!isEnabled() || OrkestrSession::ShellSession::isKnownUnsupported(m_client->baseUrl()))
        return nullptr;
    auto *shell = addShellTab(m_currentId, -1);
    m_entries[m_currentId].tabs->setCurrentWidget(shell);
    return shell;
}

void TerminalTabs::focusCurrent()
{
    if (auto *terminal = currentTerminal())
        terminal->prompt()->setFocus();
    else if (auto *tab = currentTab())
        tab->setFocus();
}

bool TerminalTabs::closeTab(int index)
{
    const auto it = m_entries.constFind(m_currentId);
    QWidget *tab = it == m_entries.constEnd() ? nullptr : it->tabs->widget(index);
    if (!tab || !askToClose(tab))
        return false;
    delete tab;
    return true;
}

bool TerminalTabs::askToClose(QWidget *tab)
{
    // A Shell is hung up when its tab closes, as a terminal window's shell is.
    auto *terminal = qobject_cast<TerminalWidget *>(tab);
    if (!terminal || !terminal->isBusy())
        return true;
    if (m_confirm)
        return m_confirm(terminal);
    const auto answer = QMessageBox::question(
        this, tr("Close Terminal"),
        tr("“%1” is still running. Closing the tab stops showing its output; the command keeps running in "
           "the sandbox until its timeout. Close anyway?")
            .arg(terminal->session()->runningCommand()));
    return answer == QMessageBox::Yes;
}

} // namespace OrkestrUi
