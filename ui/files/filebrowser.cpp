#include "ui/files/filebrowser.h"

#include "core/filejobs.h"
#include "session/prompter.h"
#include "session/remotefiles.h"
#include "session/remotepath.h"
#include "session/transferqueue.h"
#include "ui/files/editortab.h"
#include "ui/files/filelistproxy.h"
#include "ui/files/localpicker.h"
#include "ui/files/openeditors.h"
#include "ui/files/remotedrag.h"
#include "ui/files/remotefsmodel.h"
#include "ui/files/transferspanel.h"

#include <QDir>
#include <QDragEnterEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPointer>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;
using OrkestrSession::Transfer;
namespace RemotePath = OrkestrSession::RemotePath;

namespace OrkestrUi {

FileBrowser::FileBrowser(Orkestr::Client *client, const QString &sandboxId,
                         OrkestrSession::Prompter *prompter, QWidget *parent)
    : QWidget(parent)
    , m_files(new OrkestrSession::RemoteFiles(client, sandboxId, prompter, this))
    , m_prompter(prompter)
    , m_sandboxId(sandboxId)
    , m_model(new RemoteFsModel(client, sandboxId, this))
    , m_dirProxy(new DirectoryProxy(this))
    , m_listProxy(new FileListProxy(this))
{
    m_dirProxy->setSourceModel(m_model);
    m_listProxy->setSourceModel(m_model);
    m_listProxy->setSortRole(RemoteFsModel::SortRole);

    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    outer->addWidget(m_tabs);
    m_editors = new OpenEditors(m_tabs, m_files, prompter, this);
    connect(m_editors, &OpenEditors::opened, this, &FileBrowser::editorOpened);
    connect(m_editors, &OpenEditors::failed, this,
            [this](const QString &message) { finishAction(false, message); });

    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(buildToolbar(page));

    auto *pathRow = new QHBoxLayout;
    m_crumbs = new QHBoxLayout;
    m_crumbs->setSpacing(0);
    pathRow->addLayout(m_crumbs);
    m_pathEdit = new QLineEdit(page);
    m_pathEdit->setPlaceholderText(tr("Go to path, e.g. /etc"));
    m_pathEdit->setObjectName(u"pathEdit"_s);
    m_pathEdit->setAccessibleName(tr("Path"));
    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] { navigateTo(m_pathEdit->text()); });
    pathRow->addWidget(m_pathEdit, 1);
    m_filter = new QLineEdit(page);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(u"nameFilter"_s);
    m_filter->setAccessibleName(tr("Filter names"));
    connect(m_filter, &QLineEdit::textChanged, this,
            [this](const QString &text) { m_listProxy->setPattern(text); });
    pathRow->addWidget(m_filter);
    layout->addLayout(pathRow);

    m_message = new QLabel(page);
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_message->setObjectName(u"filesMessage"_s);
    m_message->hide();
    layout->addWidget(m_message);

    auto *split = new QSplitter(Qt::Vertical, page);
    auto *views = new QSplitter(Qt::Horizontal, split);
    m_tree = new QTreeView(views);
    m_tree->setModel(m_dirProxy);
    for (int column = 1; column < RemoteFsModel::ColumnCount; ++column)
        m_tree->hideColumn(column);
    m_tree->setHeaderHidden(true);
    m_tree->setAccessibleName(tr("Folders"));
    m_list = new QTreeView(views);
    m_list->setAccessibleName(tr("Files and folders"));
    setupList();
    // A context menu with what applies to the selection and the directory.
    auto *openAction = new QAction(tr("Open"), m_list);
    connect(openAction, &QAction::triggered, this, [this] {
        const auto rows = m_list->selectionModel()->selectedRows();
        if (rows.size() == 1)
            activate(rows.first());
    });
    auto *separator = new QAction(m_list);
    separator->setSeparator(true);
    m_list->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_list->addActions({openAction, m_downloadAction, separator});
    m_list->addActions(m_writeActions);
    views->addWidget(m_tree);
    views->addWidget(m_list);
    views->setStretchFactor(1, 3);
    // The folders need little width; the names in the list need most of it, also in a narrow view.
    views->setSizes({150, 450});
    m_transfersPanel = new TransfersPanel(m_files->transfers(), split);
    split->addWidget(views);
    split->addWidget(m_transfersPanel);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    layout->addWidget(split, 1);

    m_tabs->addTab(page, tr("Files"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the browser stays
    m_tabs->tabBar()->setTabButton(0, QTabBar::LeftSide, nullptr);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(index)))
            closeEditor(editor);
    });

    connect(m_tree, &QTreeView::clicked, this,
            [this](const QModelIndex &index) { navigateTo(index.data(RemoteFsModel::PathRole).toString()); });
    connect(m_list, &QTreeView::activated, this, &FileBrowser::activate);
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FileBrowser::updateActions);
    connect(m_model, &RemoteFsModel::directoryLoaded, this,
            [this](const QString &path, const Orkestr::ApiError &error) {
                if (path != m_path)
                    return;
                if (error.isError())
                    showMessage(tr("Cannot list %1: %2").arg(path, error.displayText()), true);
            });
    m_files->setLookup([this](const QString &path) -> std::optional<Orkestr::FileEntry> {
        const QModelIndex index = m_model->indexForPath(path);
        return index.isValid() ? std::optional(m_model->entry(index)) : std::nullopt;
    });
    connect(m_files, &OrkestrSession::RemoteFiles::directoryChanged, m_model, &RemoteFsModel::refreshPath);
    connect(m_files, &OrkestrSession::RemoteFiles::actionFinished, this,
            [this](bool ok, const QString &message) { finishAction(ok, message); });
    connect(transfers(), &OrkestrSession::TransferQueue::transferFinished, this, [this](Transfer *transfer) {
        if (transfer->direction() == Transfer::Direction::Upload) {
            // A file deep in an uploaded folder: list the deepest folder the model knows, so
            // the new folders appear.
            QString directory = RemotePath::parent(transfer->remotePath());
            while (directory != u"/"_s && !m_model->indexForPath(directory).isValid())
                directory = RemotePath::parent(directory);
            m_model->refreshPath(directory);
        }
        if (transfer->state() == Transfer::State::Failed)
            showMessage(
                tr("Transfer of %1 failed: %2").arg(transfer->remotePath(), transfer->error().displayText()),
                true);
    });
    navigateTo(RemotePath::Home);
}

FileBrowser::~FileBrowser() = default;

QWidget *FileBrowser::buildToolbar(QWidget *page)
{
    auto *toolbar = new QToolBar(page);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    // In a narrow view the actions that do not fit go behind the toolbar's » button.
    if (auto *more = toolbar->findChild<QToolButton *>(u"qt_toolbar_ext_button"_s)) {
        more->setAccessibleName(tr("More actions"));
        more->setToolTip(tr("More actions"));
    }
    m_backAction = toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowBack), tr("Back"), this,
                                      &FileBrowser::back);
    m_forwardAction = toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("Forward"), this,
                                         &FileBrowser::forward);
    m_upAction
        = toolbar->addAction(style()->standardIcon(QStyle::SP_ArrowUp), tr("Up"), this, &FileBrowser::up);
    auto *refreshAction = toolbar->addAction(style()->standardIcon(QStyle::SP_BrowserReload), tr("Refresh"),
                                             this, &FileBrowser::refresh);
    toolbar->addSeparator();
    m_writeActions.append(toolbar->addAction(tr("Upload…"), this, [this] { uploadDialog(false); }));
    m_writeActions.append(toolbar->addAction(tr("Upload Folder…"), this, [this] { uploadDialog(true); }));
    m_downloadAction = toolbar->addAction(tr("Download…"), this, &FileBrowser::downloadSelected);
    toolbar->addSeparator();
    m_writeActions.append(toolbar->addAction(tr("New File…"), this, [this] { promptNewEntry(false); }));
    m_writeActions.append(toolbar->addAction(tr("New Folder…"), this, [this] { promptNewEntry(true); }));
    m_writeActions.append(toolbar->addAction(tr("Rename/Move…"), this, &FileBrowser::promptRename));
    m_writeActions.append(toolbar->addAction(tr("Delete"), this, &FileBrowser::removeSelected));
    // The usual file manager keys, active anywhere on the page (not only on the toolbar).
    const std::pair<QAction *, QKeySequence> keys[] = {
        {m_backAction, QKeySequence::Back},
        {m_forwardAction, QKeySequence::Forward},
        {m_upAction, QKeySequence(Qt::ALT | Qt::Key_Up)},
        {refreshAction, QKeySequence::Refresh},
        {m_writeActions.last(), QKeySequence::Delete},
    };
    for (const auto &[action, key] : keys) {
        action->setShortcut(key);
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        page->addAction(action);
    }
    return toolbar;
}

void FileBrowser::setupList()
{
    m_list->setModel(m_listProxy);
    m_list->setRootIsDecorated(false);
    m_list->setItemsExpandable(false);
    m_list->setUniformRowHeights(true); // keeps 10,000 rows smooth
    m_list->setSortingEnabled(true);
    m_list->sortByColumn(RemoteFsModel::NameColumn, Qt::AscendingOrder);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->header()->setSectionResizeMode(RemoteFsModel::NameColumn, QHeaderView::Stretch);
    m_list->header()->setStretchLastSection(false);
    // Fixed widths from the font: measuring 10,000 rows (ResizeToContents) would not be smooth.
    const QFontMetrics metrics = fontMetrics();
    m_list->setColumnWidth(RemoteFsModel::SizeColumn, metrics.horizontalAdvance(u"1023.99 MiB__"_s));
    m_list->setColumnWidth(RemoteFsModel::ModeColumn, metrics.horizontalAdvance(u"rwxrwxrwx____"_s));
    m_list->setColumnWidth(
        RemoteFsModel::ModifiedColumn,
        metrics.horizontalAdvance(
            QLocale().toString(QDateTime(QDate(2026, 12, 31), QTime(23, 59)), QLocale::ShortFormat)
            + u"____"_s));
    m_list->setAcceptDrops(true);
    m_list->viewport()->setAcceptDrops(true);
    m_list->viewport()->installEventFilter(this);
    // Files dragged out are downloaded to a staging folder and dropped from there.
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragDrop);
    m_list->setDefaultDropAction(Qt::CopyAction);
    m_model->setDragDataFactory([this](const QStringList &paths) -> QMimeData * {
        return new RemoteDragMimeData(transfers(), paths, RemoteDragMimeData::newStagingDirectory());
    });
}

bool FileBrowser::isReadOnly() const
{
    return m_files->isReadOnly();
}

OrkestrSession::TransferQueue *FileBrowser::transfers() const
{
    return m_files->transfers();
}

bool FileBrowser::canWriteHere() const
{
    return m_files->canWrite(m_path);
}

void FileBrowser::setReadOnly(bool readOnly)
{
    m_files->setReadOnly(readOnly);
    m_editors->updateReadOnly();
    updateActions();
}

void FileBrowser::updateActions()
{
    const bool writable = canWriteHere();
    for (QAction *action : std::as_const(m_writeActions))
        action->setEnabled(writable);
    m_backAction->setEnabled(canGoBack());
    m_forwardAction->setEnabled(canGoForward());
    m_upAction->setEnabled(m_path != u"/"_s);
    m_downloadAction->setEnabled(!selectedPaths().isEmpty());
}

void FileBrowser::showMessage(const QString &text, bool error)
{
    m_message->setText(text);
    m_message->setStyleSheet(error ? u"color: white; background: #b3261e; padding: 4px;"_s : QString());
    m_message->setVisible(!text.isEmpty());
}

QString FileBrowser::messageText() const
{
    return m_message->isHidden() ? QString() : m_message->text();
}

void FileBrowser::finishAction(bool ok, const QString &message)
{
    showMessage(message, !ok);
    Q_EMIT actionFinished(ok, message);
}

void FileBrowser::navigateTo(const QString &path)
{
    setPath(RemotePath::clean(path.trimmed()), true); // typed paths come with stray spaces
}

void FileBrowser::setPath(const QString &path, bool record)
{
    if (record && !m_path.isEmpty() && path != m_path) {
        m_back.append(m_path);
        m_forward.clear();
    }
    m_path = path;
    showMessage({}, false);
    const QModelIndex source = m_model->ensureDirectory(path);
    m_listProxy->setDirectory(source);
    m_list->setRootIndex(m_listProxy->mapFromSource(source));
    const QModelIndex treeIndex = m_dirProxy->mapFromSource(source);
    m_tree->setCurrentIndex(treeIndex);
    m_tree->scrollTo(treeIndex);
    if (m_model->canFetchMore(source))
        m_model->fetchMore(source);
    else if (m_model->listError(source).isError())
        m_model->refresh(source); // try again: the error may have been transient
    m_pathEdit->setText(path);
    updateBreadcrumb();
    updateActions();
    Q_EMIT pathChanged(path);
}

void FileBrowser::updateBreadcrumb()
{
    while (QLayoutItem *item = m_crumbs->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    QString path;
    QStringList parts = m_path.split(u'/', Qt::SkipEmptyParts);
    parts.prepend(QString());
    for (const QString &part : std::as_const(parts)) {
        path = part.isEmpty() ? u"/"_s : RemotePath::join(path, part);
        auto *button = new QToolButton(this);
        button->setText(part.isEmpty() ? u"/"_s : part);
        button->setAutoRaise(true);
        const QString target = path;
        connect(button, &QToolButton::clicked, this, [this, target] { navigateTo(target); });
        m_crumbs->addWidget(button);
    }
}

void FileBrowser::back()
{
    if (m_back.isEmpty())
        return;
    m_forward.append(m_path);
    setPath(m_back.takeLast(), false);
}

void FileBrowser::forward()
{
    if (m_forward.isEmpty())
        return;
    m_back.append(m_path);
    setPath(m_forward.takeLast(), false);
}

void FileBrowser::up()
{
    if (m_path != u"/"_s)
        navigateTo(RemotePath::parent(m_path));
}

void FileBrowser::refresh()
{
    showMessage({}, false);
    m_model->refreshPath(m_path);
}

void FileBrowser::setNameFilter(const QString &pattern)
{
    m_filter->setText(pattern);
}

QStringList FileBrowser::visibleNames() const
{
    QStringList names;
    const QModelIndex root = m_list->rootIndex();
    for (int row = 0; row < m_listProxy->rowCount(root); ++row)
        names.append(m_listProxy->index(row, 0, root).data().toString());
    return names;
}

QStringList FileBrowser::selectedPaths() const
{
    QStringList paths;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows())
        paths.append(index.data(RemoteFsModel::PathRole).toString());
    return paths;
}

void FileBrowser::activate(const QModelIndex &proxyIndex)
{
    const QString path = proxyIndex.data(RemoteFsModel::PathRole).toString();
    if (proxyIndex.data(RemoteFsModel::IsDirRole).toBool())
        navigateTo(path);
    else
        openFile(path);
}

bool FileBrowser::newFile(const QString &name)
{
    return m_files->createFile(m_path, name);
}

bool FileBrowser::newFolder(const QString &name)
{
    return m_files->makeFolder(m_path, name);
}

bool FileBrowser::rename(const QString &path, const QString &target)
{
    return m_files->move(path, target);
}

bool FileBrowser::remove(const QString &path)
{
    return m_files->remove(path);
}

int FileBrowser::upload(const QStringList &localPaths, const QString &remoteDirectory)
{
    return m_files->upload(localPaths, remoteDirectory);
}

bool FileBrowser::download(const QString &remotePath, const QString &localPath)
{
    return m_files->download(remotePath, localPath);
}

bool FileBrowser::downloadFolder(const QString &remoteDirectory, const QString &localDirectory)
{
    return m_files->downloadTree(remoteDirectory, localDirectory);
}

void FileBrowser::uploadDialog(bool folder)
{
    // The directory when the dialog opened, not when it closes.
    const auto upload = [self = QPointer(this), directory = m_path](const QStringList &paths) {
        if (self)
            self->upload(paths, directory);
    };
    if (folder)
        LocalPicker::folder(this, tr("Upload Folder"), [upload](const QString &path) { upload({path}); });
    else
        LocalPicker::openFiles(this, tr("Upload Files"), upload);
}

void FileBrowser::downloadSelected()
{
    QStringList files;
    QStringList folders;
    for (const QString &path : selectedPaths())
        (m_model->entry(m_model->indexForPath(path)).isDir ? folders : files).append(path);
    if (files.isEmpty() && folders.isEmpty()) {
        finishAction(false, tr("Select one or more files or folders to download."));
        return;
    }
    if (folders.isEmpty() && files.size() == 1) {
        LocalPicker::saveFile(this, tr("Download"), RemotePath::fileName(files.first()),
                              [self = QPointer(this), remote = files.first()](const QString &local) {
                                  if (self)
                                      self->download(remote, local);
                              });
        return;
    }
    LocalPicker::folder(this, tr("Download To"), [self = QPointer(this), files, folders](const QString &dir) {
        if (!self)
            return;
        for (const QString &folder : folders)
            self->downloadFolder(folder, QDir(dir).filePath(RemotePath::fileName(folder)));
        for (const QString &file : files)
            self->download(file, QDir(dir).filePath(RemotePath::fileName(file)));
    });
}

void FileBrowser::promptNewEntry(bool folder)
{
    const OrkestrSession::Question question {folder ? tr("New Folder") : tr("New File"), tr("Name:"),
                                             tr("Create")};
    m_prompter->askText(question, {}, [self = QPointer(this), folder](std::optional<QString> name) {
        if (!self || !name || name->isEmpty())
            return;
        if (folder)
            self->newFolder(*name);
        else
            self->newFile(*name);
    });
}

void FileBrowser::promptRename()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1) {
        finishAction(false, tr("Select one file or folder to rename."));
        return;
    }
    const QString path = paths.first();
    const OrkestrSession::Question question {tr("Rename or Move"),
                                             tr("New name, or an absolute path to move to:"), tr("Rename")};
    m_prompter->askText(question, RemotePath::fileName(path),
                        [self = QPointer(this), path](std::optional<QString> target) {
                            if (self && target && !target->isEmpty())
                                self->rename(path, *target);
                        });
}

void FileBrowser::removeSelected()
{
    for (const QString &path : selectedPaths())
        remove(path);
}

EditorTab *FileBrowser::editorFor(const QString &path) const
{
    return m_editors->editorFor(path);
}

void FileBrowser::openFile(const QString &path)
{
    m_editors->open(path, m_model->entry(m_model->indexForPath(path)).size);
}

void FileBrowser::setOpenLimit(qint64 bytes)
{
    m_editors->setOpenLimit(bytes);
}

bool FileBrowser::hasUnsavedChanges() const
{
    return m_editors->hasUnsavedChanges();
}

bool FileBrowser::closeEditor(EditorTab *editor, std::function<void(bool closed)> done)
{
    return m_editors->close(editor, std::move(done));
}

bool FileBrowser::closeAllEditors(std::function<void(bool closed)> done)
{
    return m_editors->closeAll(std::move(done));
}

bool FileBrowser::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_list->viewport())
        return QWidget::eventFilter(watched, event);
    switch (event->type()) {
    case QEvent::DragEnter:
    case QEvent::DragMove: {
        auto *drag = static_cast<QDragMoveEvent *>(event);
        // A drag out of this list is not an upload into it.
        const bool fromHere = qobject_cast<const RemoteDragMimeData *>(drag->mimeData()) != nullptr;
        if (!fromHere && drag->mimeData()->hasUrls() && canWriteHere()) {
            drag->acceptProposedAction();
            return true;
        }
        drag->ignore();
        return true;
    }
    case QEvent::Drop: {
        auto *drop = static_cast<QDropEvent *>(event);
        if (qobject_cast<const RemoteDragMimeData *>(drop->mimeData())) {
            drop->ignore();
            return true;
        }
        QStringList paths;
        for (const QUrl &url : drop->mimeData()->urls()) {
            if (url.isLocalFile())
                paths.append(url.toLocalFile());
        }
        // Dropped on a folder row: into that folder; elsewhere: into the current directory.
        QString target = m_path;
        const QModelIndex index = m_list->indexAt(drop->position().toPoint());
        if (index.isValid() && index.data(RemoteFsModel::IsDirRole).toBool())
            target = index.data(RemoteFsModel::PathRole).toString();
        if (!paths.isEmpty() && canWriteHere()) {
            upload(paths, target);
            drop->acceptProposedAction();
        }
        return true;
    }
    default:
        return QWidget::eventFilter(watched, event);
    }
}

} // namespace OrkestrUi
