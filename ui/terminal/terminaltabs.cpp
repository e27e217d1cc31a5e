#include "ui/terminal/terminaltabs.h"

#include "ui/terminal/commandhistory.h"
#include "ui/terminal/terminalwidget.h"

#include <QBoxLayout>
#include <QFileInfo>
#include <QLabel>
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
    plus->setText(u"+"_s);
    plus->setToolTip(tr("New terminal tab"));
    plus->setAutoRaise(true);
    connect(plus, &QToolButton::clicked, this, [this, sandboxId] {
        auto *terminal = addTab(sandboxId);
        m_entries[sandboxId].tabs->setCurrentWidget(terminal);
        terminal->setFocus();
    });
    entry.tabs->setCornerWidget(plus, Qt::TopRightCorner);
    connect(entry.tabs, &QTabWidget::tabCloseRequested, this, [this, sandboxId](int index) {
        auto *tabs = m_entries.value(sandboxId).tabs;
        auto *terminal = qobject_cast<TerminalWidget *>(tabs->widget(index));
        if (terminal && askToClose(terminal))
            delete terminal;
    });
    const QString historyPath = m_historyDir.isEmpty()
        ? CommandHistory::defaultFilePath(sandboxId)
        : m_historyDir + u'/' + QFileInfo(CommandHistory::defaultFilePath(sandboxId)).fileName();
    entry.history = new CommandHistory(historyPath, entry.tabs);
    m_stack->addWidget(entry.tabs);
    return *m_entries.insert(sandboxId, entry);
}

TerminalWidget *TerminalTabs::addTab(const QString &sandboxId)
{
    Entry &entry = entryFor(sandboxId);
    auto *terminal = new TerminalWidget(m_client, sandboxId, entry.history, entry.tabs);
    terminal->setSandboxStatus(entry.status);
    connect(terminal, &TerminalWidget::resumeRequested, this, &TerminalTabs::resumeRequested);
    // A tab with a running command gets a marker in its title.
    connect(terminal, &TerminalWidget::busyChanged, this, [terminal, tabs = entry.tabs](bool busy) {
        const int index = tabs->indexOf(terminal);
        if (index >= 0)
            tabs->setTabText(index,
                             terminal->property("baseTitle").toString() + (busy ? u" ●"_s : QString()));
    });
    // Each command's end, with the command it ran (for a notification when it is out of view).
    auto command = std::make_shared<QString>();
    connect(terminal->session(), &TerminalSession::started, terminal,
            [command](const QString &text) { *command = text; });
    connect(terminal->session(), &TerminalSession::finished, this,
            [this, terminal, command](const CommandResult &result) {
                Q_EMIT commandFinished(terminal, *command, result);
            });
    const QString title = tr("Terminal %1").arg(entry.tabs->count() + 1);
    terminal->setProperty("baseTitle", title);
    entry.tabs->addTab(terminal, title);
    return terminal;
}

void TerminalTabs::showSandbox(const Orkestr::Sandbox &sandbox)
{
    Entry &entry = entryFor(sandbox.id);
    if (entry.tabs->count() == 0)
        addTab(sandbox.id);
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

TerminalWidget *TerminalTabs::currentTerminal() const
{
    const auto it = m_entries.constFind(m_currentId);
    return it == m_entries.constEnd() ? nullptr : qobject_cast<TerminalWidget *>(it->tabs->currentWidget());
}

TerminalWidget *TerminalTabs::newTab()
{
    if (m_currentId.isEmpty())
        return nullptr;
    auto *terminal = addTab(m_currentId);
    m_entries[m_currentId].tabs->setCurrentWidget(terminal);
    return terminal;
}

bool TerminalTabs::closeTab(int index)
{
    auto *terminal = this->terminal(m_currentId, index);
    if (!terminal || !askToClose(terminal))
        return false;
    delete terminal;
    return true;
}

bool TerminalTabs::askToClose(TerminalWidget *terminal)
{
    if (!terminal->isBusy())
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
