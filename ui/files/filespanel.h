#pragma once

#include "core/sandbox.h"
#include "ui/files/filebrowser.h"

#include <QHash>
#include <QWidget>

#include <functional>

class QLabel;
class QStackedWidget;

namespace Orkestr {
class Client;
}
namespace OrkestrSession {
class Prompter;
}

namespace OrkestrUi {

// The Files tab of all sandboxes, for embedding next to the sandbox list:
//
//     auto *files = new FilesPanel(client, prompter, parent);
//     files->showSandbox(sandbox);      // on selection; also on every status update
//     files->setReadOnly(!canWrite);    // a read-only token: every write action disabled
//
// Each sandbox has its own FileBrowser (directory, history, open editors and transfers) that
// stays alive while other sandboxes are shown, so switching back finds it as it was. Writes are
// allowed under /workspace only; other directories (e.g. /etc) are browsed read-only.
class FilesPanel : public QWidget
{
    Q_OBJECT
public:
    // `prompter` (not owned) asks the browsers' questions (overwrite, delete, discard changes, ...).
    FilesPanel(Orkestr::Client *client, OrkestrSession::Prompter *prompter, QWidget *parent = nullptr);

    // Shows the sandbox's browser (creating it at /workspace). When a sandbox becomes running
    // its current directory is listed again (it could not be while it was paused or starting).
    void showSandbox(const Orkestr::Sandbox &sandbox);
    // Drops the browser of a sandbox that is gone, cancelling its transfers, without asking.
    void forgetSandbox(const QString &sandboxId);
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }

    QString currentSandboxId() const { return m_currentId; }
    FileBrowser *browser(const QString &sandboxId) const { return m_browsers.value(sandboxId); }
    FileBrowser *currentBrowser() const { return browser(m_currentId); }

    // For the main window's close: any unsaved editor in any sandbox, and closing them all, one
    // question at a time. True when all are closed by the time it returns; `done` says whether
    // all were closed in the end (false when the user kept one open).
    bool hasUnsavedChanges() const;
    bool closeAllEditors(std::function<void(bool closed)> done = {});

private:
    Orkestr::Client *m_client;
    OrkestrSession::Prompter *m_prompter;
    QStackedWidget *m_stack;
    QLabel *m_empty;
    QHash<QString, FileBrowser *> m_browsers;
    QHash<QString, Orkestr::Sandbox::Status> m_statuses;
    QString m_currentId;
    bool m_readOnly = false;
};

} // namespace OrkestrUi
