#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QWidget>

#include <functional>

class QAction;
class QLabel;
class QLineEdit;
class QModelIndex;
class QTabWidget;
class QTreeView;
class QHBoxLayout;

namespace Orkestr {
class Client;
}
namespace OrkestrSession {
class Prompter;
class RemoteFiles;
class TransferQueue;
} // namespace OrkestrSession

namespace OrkestrUi {

class EditorTab;
class OpenEditors;
class RemoteFsModel;
class TransfersPanel;
class FileListProxy;
class DirectoryProxy;

// The files of one sandbox: a directory tree and a list of the current directory (sortable,
// filtered by name) with a breadcrumb path bar, back/forward/up and refresh; uploads and
// downloads in a transfers panel; editor tabs; new file and folder, rename/move and delete.
// The workflows are the session's RemoteFiles; this widget shows them and forwards what the user
// asks for. Writes are possible under /workspace only, and never in read-only mode.
class FileBrowser : public QWidget
{
    Q_OBJECT
public:
    // `prompter` (not owned) asks the questions: overwrite, delete, discard changes, open a large file.
    FileBrowser(Orkestr::Client *client, const QString &sandboxId, OrkestrSession::Prompter *prompter,
                QWidget *parent = nullptr);
    ~FileBrowser() override;

    QString sandboxId() const { return m_sandboxId; }
    RemoteFsModel *model() const { return m_model; }
    OrkestrSession::RemoteFiles *files() const { return m_files; }
    OrkestrSession::TransferQueue *transfers() const;
    TransfersPanel *transfersPanel() const { return m_transfersPanel; }
    QTreeView *treeView() const { return m_tree; }
    QTreeView *listView() const { return m_list; }
    QTabWidget *tabs() const { return m_tabs; }

    // Navigation. Paths outside /workspace are browsed read-only; what the server refuses
    // (e.g. /etc is invalid_path) is shown as the directory's error.
    void navigateTo(const QString &path);
    QString currentPath() const { return m_path; }
    bool canGoBack() const { return m_back.size() > 0; }
    bool canGoForward() const { return m_forward.size() > 0; }
    void back();
    void forward();
    void up();
    void refresh();
    void setNameFilter(const QString &pattern);
    // The names in the list view, in its order (after sorting and filtering).
    QStringList visibleNames() const;
    // The message shown above the list (a directory's error or the last action's result).
    QString messageText() const;

    void setReadOnly(bool readOnly);
    bool isReadOnly() const;
    // True when writes are allowed in the current directory.
    bool canWriteHere() const;

    // Actions, forwarded to RemoteFiles (see there for what each returns); each ends with
    // actionFinished(ok, message), shown above the list.
    bool newFile(const QString &name);
    bool newFolder(const QString &name);
    bool rename(const QString &path, const QString &target);
    bool remove(const QString &path);
    int upload(const QStringList &localPaths, const QString &remoteDirectory);
    bool download(const QString &remotePath, const QString &localPath);
    bool downloadFolder(const QString &remoteDirectory, const QString &localDirectory);
    // Opens a file in an editor tab (or shows its tab); asks first above the size limit.
    void openFile(const QString &path);
    EditorTab *editorFor(const QString &path) const;
    // Closes an editor tab; unsaved changes ask first. True when it is closed by the time this
    // returns; `done` runs with the outcome once the question is answered.
    bool closeEditor(EditorTab *editor, std::function<void(bool closed)> done = {});
    // Editors with unsaved changes, and closing them all, one question at a time; true when all
    // are closed by the time this returns, and `done` says whether all were closed in the end.
    bool hasUnsavedChanges() const;
    bool closeAllEditors(std::function<void(bool closed)> done = {});
    void setOpenLimit(qint64 bytes);

Q_SIGNALS:
    void pathChanged(const QString &path);
    void actionFinished(bool ok, const QString &message);
    void editorOpened(OrkestrUi::EditorTab *editor);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *buildToolbar(QWidget *page);
    void setupList();
    void setPath(const QString &path, bool record);
    void updateBreadcrumb();
    void updateActions();
    void showMessage(const QString &text, bool error);
    void finishAction(bool ok, const QString &message);
    void activate(const QModelIndex &proxyIndex);
    QStringList selectedPaths() const;
    void uploadDialog(bool folder);
    void downloadSelected();
    void promptNewEntry(bool folder);
    void promptRename();
    void removeSelected();

    OrkestrSession::RemoteFiles *m_files;
    OrkestrSession::Prompter *m_prompter;
    OpenEditors *m_editors;
    QString m_sandboxId;
    RemoteFsModel *m_model;
    DirectoryProxy *m_dirProxy;
    FileListProxy *m_listProxy;
    QTreeView *m_tree;
    QTreeView *m_list;
    QTabWidget *m_tabs;
    TransfersPanel *m_transfersPanel;
    QHBoxLayout *m_crumbs;
    QLineEdit *m_pathEdit;
    QLineEdit *m_filter;
    QLabel *m_message;
    QString m_path;
    QStringList m_back;
    QStringList m_forward;
    QAction *m_backAction;
    QAction *m_forwardAction;
    QAction *m_upAction;
    QList<QAction *> m_writeActions;
    QAction *m_downloadAction;
};

} // namespace OrkestrUi
