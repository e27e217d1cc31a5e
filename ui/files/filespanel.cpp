#include "ui/files/filespanel.h"

#include "session/transferqueue.h"
#include "ui/files/inturn.h"

#include <QLabel>
#include <QPointer>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

FilesPanel::FilesPanel(Orkestr::Client *client, OrkestrSession::Prompter *prompter, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_prompter(prompter)
    , m_stack(new QStackedWidget(this))
    , m_empty(new QLabel(tr("Select a sandbox to browse its files."), this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_stack);
    m_empty->setAlignment(Qt::AlignCenter);
    m_stack->addWidget(m_empty);
}

void FilesPanel::showSandbox(const Orkestr::Sandbox &sandbox)
{
    FileBrowser *browser = m_browsers.value(sandbox.id);
    const auto previous = m_statuses.value(sandbox.id, Orkestr::Sandbox::Status::Unknown);
    if (!browser) {
        browser = new FileBrowser(m_client, sandbox.id, m_prompter, m_stack);
        browser->setReadOnly(m_readOnly);
        m_browsers.insert(sandbox.id, browser);
        m_stack->addWidget(browser);
    } else if (sandbox.isRunning() && previous != Orkestr::Sandbox::Status::Running) {
        browser->refresh();
    }
    m_statuses.insert(sandbox.id, sandbox.status);
    m_currentId = sandbox.id;
    m_stack->setCurrentWidget(browser);
}

void FilesPanel::forgetSandbox(const QString &sandboxId)
{
    FileBrowser *browser = m_browsers.take(sandboxId);
    m_statuses.remove(sandboxId);
    if (!browser)
        return;
    browser->transfers()->cancelAll();
    if (m_currentId == sandboxId) {
        m_currentId.clear();
        m_stack->setCurrentWidget(m_empty);
    }
    browser->deleteLater();
}

bool FilesPanel::hasUnsavedChanges() const
{
    return std::any_of(m_browsers.begin(), m_browsers.end(),
                       [](FileBrowser *b) { return b->hasUnsavedChanges(); });
}

bool FilesPanel::closeAllEditors(std::function<void(bool closed)> done)
{
    QList<AnsweredStep> steps;
    for (FileBrowser *browser : std::as_const(m_browsers)) {
        steps.append([browser = QPointer(browser)](std::function<void(bool)> closed) {
            if (!browser) {
                closed(true);
                return true;
            }
            return browser->closeAllEditors(std::move(closed));
        });
    }
    return runInTurn(std::move(steps), std::move(done));
}

void FilesPanel::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (FileBrowser *browser : std::as_const(m_browsers))
        browser->setReadOnly(readOnly);
}

} // namespace OrkestrUi
