#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"

#include <QPointer>
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

namespace OrkestrUi {

class EditorTab;
class RemoteFsModel;
class TransfersPanel;
class FileListProxy;
class DirectoryProxy;

// The questions the file browser asks; tests replace the dialogs with a function.
enum class FileQuestion { Overwrite, Delete, DiscardChanges, OpenLargeFile };

// The files of one sandbox: a directory tree and a list of the current directory (sortable,
// filtered by name) with a breadcrumb path bar, back/forward/up and refresh; uploads and
// downloads in a transfers panel; editor tabs; new file and folder, rename/move and delete.
// Writes are possible under /workspace only, and never in read-only mode.
class FileBrowser : public QWidget
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultOpenLimit = 5 * 1024 * 1024;
    static inline const QString Home = QStringLiteral("/workspace");

    FileBrowser(Orkestr::Client *client, const QString &sandboxId, QWidget *parent = nullptr);
    ~FileBrowser() override;

    QString sandboxId() const { return m_sandboxId; }
    RemoteFsModel *model() const { return m_model; }
    QTreeView *treeView() const { return m_tree; }
    QTreeView *listView() const { return m_list; }
    TransfersPanel *transfers() const { return m_transfers; }
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
    bool isReadOnly() const { return m_readOnly; }
    // True when writes are allowed in the current directory.
    bool canWriteHere() const;
    static bool isWritablePath(const QString &path);

    // Actions on the current directory; each ends with actionFinished(ok, message).
    bool newFile(const QString &name);
    bool newFolder(const QString &name);
    // `target` is a new name in the same directory, or an absolute path to move to.
    bool rename(const QString &path, const QString &target);
    bool remove(const QString &path);
    // Uploads files and folders (recursively) into a directory; asks before overwriting.
    int upload(const QStringList &localPaths, const QString &remoteDirectory);
    // Downloads a file to a local path; asks before overwriting.
    bool download(const QString &remotePath, const QString &localPath);
    // Downloads a folder recursively into a local folder (made if missing).
    void downloadFolder(const QString &remoteDirectory, const QString &localDirectory);
    // Opens a file in an editor tab (or shows its tab); asks first above the size limit.
    void openFile(const QString &path);
    EditorTab *editorFor(const QString &path) const;
    // Closes an editor tab; unsaved changes ask first. False when the user said no.
    bool closeEditor(EditorTab *editor);
    // Editors with unsaved changes, and closing them all (each modified one asks); false when
    // the user kept one open. For the main window's close.
    bool hasUnsavedChanges() const;
    bool closeAllEditors();
    void setOpenLimit(qint64 bytes) { m_openLimit = bytes; }

    void setConfirmation(std::function<bool(FileQuestion, const QString &text)> confirm)
    {
        m_confirm = std::move(confirm);
    }

    // Checks a file or folder name typed by the user: not empty, not "." or "..", no "/" or
    // NUL. Returns the reason it is refused, or an empty string.
    static QString nameError(const QString &name);
    static QString shellQuote(const QString &text);

Q_SIGNALS:
    void pathChanged(const QString &path);
    void actionFinished(bool ok, const QString &message);
    void editorOpened(OrkestrUi::EditorTab *editor);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void setPath(const QString &path, bool record);
    void updateBreadcrumb();
    void updateActions();
    void showMessage(const QString &text, bool error);
    void finishAction(bool ok, const QString &message);
    bool ask(FileQuestion question, const QString &text);
    void runCommand(const QString &command, const QString &doneMessage, const QStringList &refreshPaths);
    void activate(const QModelIndex &proxyIndex);
    QStringList selectedPaths() const;
    bool childExists(const QString &directory, const QString &name) const;
    void addEditor(const QString &path, const QByteArray &bytes);
    void uploadDialog(bool folder);
    void downloadSelected();
    void promptNewEntry(bool folder);
    void promptRename();
    void removeSelected();

    Orkestr::Client *m_client;
    QString m_sandboxId;
    RemoteFsModel *m_model;
    DirectoryProxy *m_dirProxy;
    FileListProxy *m_listProxy;
    QTreeView *m_tree;
    QTreeView *m_list;
    QTabWidget *m_tabs;
    TransfersPanel *m_transfers;
    QHBoxLayout *m_crumbs;
    QLineEdit *m_pathEdit;
    QLineEdit *m_filter;
    QLabel *m_message;
    QString m_path;
    QStringList m_back;
    QStringList m_forward;
    bool m_readOnly = false;
    qint64 m_openLimit = DefaultOpenLimit;
    QAction *m_backAction;
    QAction *m_forwardAction;
    QAction *m_upAction;
    QList<QAction *> m_writeActions;
    QAction *m_downloadAction;
    std::function<bool(FileQuestion, const QString &)> m_confirm;
};

} // namespace OrkestrUi
