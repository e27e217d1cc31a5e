#include "ui/files/filebrowser.h"

#include "core/client.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "ui/files/editortab.h"
#include "ui/files/remotedrag.h"
#include "ui/files/remotefsmodel.h"
#include "ui/files/transferspanel.h"

#include <QDirIterator>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QMimeData>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

// The tree shows directories only.
class DirectoryProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        return sourceModel()->index(row, 0, parent).data(RemoteFsModel::IsDirRole).toBool();
    }
};

// The list shows the current directory's children: directories first, then by the sort
// column; the name filter applies to the current directory only, so that its ancestors
// (which hold it) are never filtered away.
class FileListProxy : public QSortFilterProxyModel
{
public:
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setDirectory(const QModelIndex &sourceIndex)
    {
        m_directory = sourceIndex;
        invalidateFilter();
    }
    void setPattern(const QString &pattern)
    {
        m_pattern = pattern;
        invalidateFilter();
    }

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override
    {
        if (m_pattern.isEmpty() || parent != QModelIndex(m_directory))
            return true;
        const QString name = sourceModel()->index(row, 0, parent).data().toString();
        if (m_pattern.contains(u'*') || m_pattern.contains(u'?')) {
            return QRegularExpression(QRegularExpression::wildcardToRegularExpression(m_pattern),
                                      QRegularExpression::CaseInsensitiveOption)
                .match(name)
                .hasMatch();
        }
        return name.contains(m_pattern, Qt::CaseInsensitive);
    }
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override
    {
        const bool leftDir = left.data(RemoteFsModel::IsDirRole).toBool();
        const bool rightDir = right.data(RemoteFsModel::IsDirRole).toBool();
        if (leftDir != rightDir)
            return sortOrder() == Qt::AscendingOrder ? leftDir : rightDir;
        const QVariant a = left.data(RemoteFsModel::SortRole);
        const QVariant b = right.data(RemoteFsModel::SortRole);
        const auto order = QVariant::compare(a, b);
        if (order == QPartialOrdering::Equivalent || order == QPartialOrdering::Unordered)
            return left.data().toString() < right.data().toString();
        return order == QPartialOrdering::Less;
    }

private:
    QPersistentModelIndex m_directory;
    QString m_pattern;
};

FileBrowser::FileBrowser(Orkestr::Client *client, const QString &sandboxId, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
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

    auto *page = new QWidget(m_tabs);
    auto *layout = new QVBoxLayout(page);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *toolbar = new QToolBar(page);
    toolbar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
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
    layout->addWidget(toolbar);

    auto *pathRow = new QHBoxLayout;
    m_crumbs = new QHBoxLayout;
    m_crumbs->setSpacing(0);
    pathRow->addLayout(m_crumbs);
    m_pathEdit = new QLineEdit(page);
    m_pathEdit->setPlaceholderText(tr("Go to path, e.g. /etc"));
    m_pathEdit->setObjectName(u"pathEdit"_s);
    connect(m_pathEdit, &QLineEdit::returnPressed, this, [this] { navigateTo(m_pathEdit->text()); });
    pathRow->addWidget(m_pathEdit, 1);
    m_filter = new QLineEdit(page);
    m_filter->setPlaceholderText(tr("Filter by name"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setObjectName(u"nameFilter"_s);
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
    m_list = new QTreeView(views);
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
        return new RemoteDragMimeData(m_transfers, paths, RemoteDragMimeData::newStagingDirectory());
    });
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
    m_transfers = new TransfersPanel(client, sandboxId, split);
    split->addWidget(views);
    split->addWidget(m_transfers);
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
    connect(m_transfers, &TransfersPanel::transferFinished, this, [this](Transfer *transfer) {
        if (transfer->direction() == Transfer::Direction::Upload) {
            // A file deep in an uploaded folder: list the deepest folder the model knows, so
            // the new folders appear.
            QString directory = RemoteFsModel::parentPath(transfer->remotePath());
            while (directory != u"/"_s && !m_model->indexForPath(directory).isValid())
                directory = RemoteFsModel::parentPath(directory);
            m_model->refreshPath(directory);
        }
        if (transfer->state() == Transfer::State::Failed)
            showMessage(
                tr("Transfer of %1 failed: %2").arg(transfer->remotePath(), transfer->error().displayText()),
                true);
    });
    navigateTo(Home);
}

FileBrowser::~FileBrowser() = default;

QString FileBrowser::nameError(const QString &name)
{
    if (name.trimmed().isEmpty())
        return tr("A name is required.");
    if (name == u"."_s || name == u".."_s)
        return tr("“%1” is not a valid name.").arg(name);
    if (name.contains(u'/'))
        return tr("“%1” is not a valid name: a name cannot contain “/” (no paths such as “../x”).").arg(name);
    if (name.contains(QChar(0)))
        return tr("A name cannot contain a NUL character.");
    return {};
}

QString FileBrowser::shellQuote(const QString &text)
{
    // Single quotes keep everything literal; a single quote itself ends, escapes and reopens.
    QString quoted = text;
    quoted.replace(u"'"_s, u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

bool FileBrowser::isWritablePath(const QString &path)
{
    const QString clean = RemoteFsModel::cleanPath(path);
    return clean == Home || clean.startsWith(Home + u'/');
}

bool FileBrowser::canWriteHere() const
{
    return !m_readOnly && isWritablePath(m_path);
}

void FileBrowser::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(i)))
            editor->setReadOnly(readOnly || !isWritablePath(editor->path()));
    }
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

bool FileBrowser::ask(FileQuestion question, const QString &text)
{
    if (m_confirm)
        return m_confirm(question, text);
    return QMessageBox::question(this, tr("Files"), text) == QMessageBox::Yes;
}

void FileBrowser::navigateTo(const QString &path)
{
    setPath(RemoteFsModel::cleanPath(path), true);
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
        path = part.isEmpty() ? u"/"_s : RemoteFsModel::joinPath(path, part);
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
        navigateTo(RemoteFsModel::parentPath(m_path));
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

bool FileBrowser::childExists(const QString &directory, const QString &name) const
{
    return m_model->indexForPath(RemoteFsModel::joinPath(directory, name)).isValid();
}

void FileBrowser::activate(const QModelIndex &proxyIndex)
{
    const QString path = proxyIndex.data(RemoteFsModel::PathRole).toString();
    if (proxyIndex.data(RemoteFsModel::IsDirRole).toBool())
        navigateTo(path);
    else
        openFile(path);
}

void FileBrowser::runCommand(const QString &command, const QString &doneMessage,
                             const QStringList &refreshPaths)
{
    auto *job = new Orkestr::ExecJob(m_sandboxId, command);
    connect(job, &Orkestr::Job::finished, this, [this, job, doneMessage, refreshPaths] {
        for (const QString &path : refreshPaths)
            m_model->refreshPath(path);
        if (job->error().isError()) {
            finishAction(false, job->error().displayText());
        } else if (job->result().exitCode != 0) {
            finishAction(false,
                         tr("The command failed (exit %1): %2")
                             .arg(job->result().exitCode)
                             .arg(job->result().stderrText.trimmed()));
        } else {
            finishAction(true, doneMessage);
        }
    });
    m_client->run(job);
}

bool FileBrowser::newFile(const QString &name)
{
    if (!canWriteHere()) {
        finishAction(false, tr("%1 is read-only.").arg(m_path));
        return false;
    }
    if (const QString error = nameError(name); !error.isEmpty()) {
        finishAction(false, error);
        return false;
    }
    if (childExists(m_path, name)) {
        finishAction(false, tr("%1 already exists.").arg(name));
        return false;
    }
    const QString path = RemoteFsModel::joinPath(m_path, name);
    const QString directory = m_path;
    auto *job = new Orkestr::WriteFileJob(m_sandboxId, path, QString());
    connect(job, &Orkestr::Job::finished, this, [this, job, path, directory] {
        m_model->refreshPath(directory);
        if (job->error().isError())
            finishAction(false, tr("Cannot create %1: %2").arg(path, job->error().displayText()));
        else
            finishAction(true, tr("Created %1.").arg(path));
    });
    m_client->run(job);
    return true;
}

bool FileBrowser::newFolder(const QString &name)
{
    if (!canWriteHere()) {
        finishAction(false, tr("%1 is read-only.").arg(m_path));
        return false;
    }
    if (const QString error = nameError(name); !error.isEmpty()) {
        finishAction(false, error);
        return false;
    }
    const QString path = RemoteFsModel::joinPath(m_path, name);
    // The files API has no mkdir; "--" keeps a name starting with "-" from being an option.
    runCommand(u"mkdir -p -- "_s + shellQuote(path), tr("Created %1.").arg(path), {m_path});
    return true;
}

bool FileBrowser::rename(const QString &rawPath, const QString &target)
{
    const QString path = RemoteFsModel::cleanPath(rawPath);
    if (m_readOnly || !isWritablePath(path) || path == Home) {
        finishAction(false, tr("%1 cannot be renamed here: it is read-only.").arg(path));
        return false;
    }
    QString destination;
    if (target.startsWith(u'/')) {
        destination = RemoteFsModel::cleanPath(target);
        if (destination.split(u'/').contains(u".."_s) || !isWritablePath(destination)
            || destination == Home) {
            finishAction(
                false,
                tr("Cannot move to %1: the target must be inside %2, without “..”.").arg(target, Home));
            return false;
        }
        // Moving onto a known folder moves into it, as a file manager does.
        const QModelIndex existing = m_model->indexForPath(destination);
        if (existing.isValid() && m_model->entry(existing).isDir)
            destination = RemoteFsModel::joinPath(destination, QFileInfo(path).fileName());
    } else {
        if (const QString error = nameError(target); !error.isEmpty()) {
            finishAction(false, error);
            return false;
        }
        destination = RemoteFsModel::joinPath(RemoteFsModel::parentPath(path), target);
    }
    if (m_model->indexForPath(destination).isValid()
        && !ask(FileQuestion::Overwrite, tr("%1 exists. Replace it?").arg(destination))) {
        finishAction(false, tr("Not renamed."));
        return false;
    }
    // -T: a destination that is a directory is replaced, not entered.
    runCommand(u"mv -T -- "_s + shellQuote(path) + u' ' + shellQuote(destination),
               tr("Moved %1 to %2.").arg(path, destination),
               {RemoteFsModel::parentPath(path), RemoteFsModel::parentPath(destination)});
    return true;
}

bool FileBrowser::remove(const QString &rawPath)
{
    const QString path = RemoteFsModel::cleanPath(rawPath);
    if (m_readOnly || !isWritablePath(path) || path == Home) {
        finishAction(false, tr("%1 cannot be deleted: it is read-only.").arg(path));
        return false;
    }
    const bool isDir = m_model->entry(m_model->indexForPath(path)).isDir;
    const QString question
        = isDir ? tr("Delete the folder %1 and everything in it?").arg(path) : tr("Delete %1?").arg(path);
    if (!ask(FileQuestion::Delete, question)) {
        finishAction(false, tr("Not deleted."));
        return false;
    }
    auto *job = new Orkestr::DeleteFileJob(m_sandboxId, path, isDir);
    connect(job, &Orkestr::Job::finished, this, [this, job, path] {
        m_model->refreshPath(RemoteFsModel::parentPath(path));
        if (job->error().isError()) {
            finishAction(false, tr("Cannot delete %1: %2").arg(path, job->error().displayText()));
            return;
        }
        // Editors of deleted files stay open (their text may still be wanted) but are marked.
        finishAction(true, tr("Deleted %1.").arg(path));
    });
    m_client->run(job);
    return true;
}

int FileBrowser::upload(const QStringList &localPaths, const QString &remoteDirectory)
{
    if (m_readOnly || !isWritablePath(remoteDirectory)) {
        finishAction(false, tr("%1 is read-only.").arg(remoteDirectory));
        return 0;
    }
    int count = 0;
    for (const QString &localPath : localPaths) {
        const QFileInfo info(localPath);
        const QString name = info.fileName();
        if (const QString error = nameError(name); !error.isEmpty()) {
            finishAction(false, error);
            continue;
        }
        if (childExists(remoteDirectory, name)
            && !ask(FileQuestion::Overwrite,
                    tr("%1 already exists in %2. Replace it?").arg(name, remoteDirectory)))
            continue;
        const QString remote = RemoteFsModel::joinPath(remoteDirectory, name);
        if (info.isDir()) {
            // Folders recursively. Writing a file creates its parents; the files API has no
            // mkdir, so one exec of `mkdir -p` makes the folders (empty ones included).
            const QDir base(localPath);
            QStringList folders {shellQuote(remote)};
            QDirIterator dirs(localPath, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                              QDirIterator::Subdirectories);
            while (dirs.hasNext())
                folders.append(
                    shellQuote(RemoteFsModel::joinPath(remote, base.relativeFilePath(dirs.next()))));
            auto *mkdir = new Orkestr::ExecJob(m_sandboxId, u"mkdir -p -- "_s + folders.join(u' '));
            connect(mkdir, &Orkestr::Job::finished, this, [this, mkdir, remote, remoteDirectory] {
                m_model->refreshPath(remoteDirectory);
                if (mkdir->error().isError() || mkdir->result().exitCode != 0) {
                    const QString why = mkdir->error().isError() ? mkdir->error().displayText()
                                                                 : mkdir->result().stderrText.trimmed();
                    finishAction(false, tr("Cannot create the folders of %1: %2").arg(remote, why));
                }
            });
            m_client->run(mkdir);
            QDirIterator it(localPath, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                const QString file = it.next();
                m_transfers->upload(file, RemoteFsModel::joinPath(remote, base.relativeFilePath(file)));
                ++count;
            }
        } else {
            m_transfers->upload(localPath, remote);
            ++count;
        }
    }
    return count;
}

bool FileBrowser::download(const QString &remotePath, const QString &localPath)
{
    if (QFileInfo::exists(localPath)
        && !ask(FileQuestion::Overwrite, tr("%1 already exists. Replace it?").arg(localPath)))
        return false;
    m_transfers->download(remotePath, localPath);
    return true;
}

void FileBrowser::uploadDialog(bool folder)
{
    QStringList paths;
    if (folder) {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Upload Folder"));
        if (!dir.isEmpty())
            paths.append(dir);
    } else {
        paths = QFileDialog::getOpenFileNames(this, tr("Upload Files"));
    }
    if (!paths.isEmpty())
        upload(paths, m_path);
}

void FileBrowser::downloadFolder(const QString &remoteDirectory, const QString &localDirectory)
{
    if (QFileInfo::exists(localDirectory) && !QFileInfo(localDirectory).isDir()) {
        finishAction(false, tr("Cannot download %1: %2 is a file.").arg(remoteDirectory, localDirectory));
        return;
    }
    if (!QDir().mkpath(localDirectory)) {
        finishAction(false, tr("Cannot create the folder %1.").arg(localDirectory));
        return;
    }
    // Each folder is listed as it is reached; its files queue in the transfers panel and its
    // folders are walked the same way.
    auto *job = new Orkestr::ListFilesJob(m_sandboxId, remoteDirectory);
    connect(job, &Orkestr::Job::finished, this, [this, job, remoteDirectory, localDirectory] {
        if (job->error().isError()) {
            finishAction(false, tr("Cannot list %1: %2").arg(remoteDirectory, job->error().displayText()));
            return;
        }
        for (const auto &entry : job->entries()) {
            // A name from the server never leaves the target folder ("..", "a/b" are refused).
            if (!nameError(entry.name).isEmpty())
                continue;
            const QString remote = RemoteFsModel::joinPath(remoteDirectory, entry.name);
            const QString local = QDir(localDirectory).filePath(entry.name);
            if (entry.isDir)
                downloadFolder(remote, local);
            else
                m_transfers->download(remote, local);
        }
    });
    m_client->run(job);
}

void FileBrowser::downloadSelected()
{
    QStringList files;
    QStringList folders;
    for (const QString &path : selectedPaths()) {
        if (m_model->entry(m_model->indexForPath(path)).isDir)
            folders.append(path);
        else
            files.append(path);
    }
    if (files.isEmpty() && folders.isEmpty()) {
        finishAction(false, tr("Select one or more files or folders to download."));
        return;
    }
    if (!folders.isEmpty()) {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Download To"));
        if (dir.isEmpty())
            return;
        for (const QString &folder : std::as_const(folders)) {
            const QString local = QDir(dir).filePath(QFileInfo(folder).fileName());
            if (QFileInfo::exists(local)
                && !ask(FileQuestion::Overwrite,
                        tr("%1 already exists. Download into it, replacing files?").arg(local)))
                continue;
            downloadFolder(folder, local);
        }
        for (const QString &file : std::as_const(files))
            download(file, QDir(dir).filePath(QFileInfo(file).fileName()));
        return;
    }
    if (files.size() == 1) {
        const QString local
            = QFileDialog::getSaveFileName(this, tr("Download"), QFileInfo(files.first()).fileName(), {},
                                           nullptr, QFileDialog::DontConfirmOverwrite);
        if (!local.isEmpty())
            download(files.first(), local);
        return;
    }
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Download To"));
    if (dir.isEmpty())
        return;
    for (const QString &file : std::as_const(files))
        download(file, QDir(dir).filePath(QFileInfo(file).fileName()));
}

void FileBrowser::promptNewEntry(bool folder)
{
    const QString name = QInputDialog::getText(this, folder ? tr("New Folder") : tr("New File"), tr("Name:"));
    if (name.isEmpty())
        return;
    if (folder)
        newFolder(name);
    else
        newFile(name);
}

void FileBrowser::promptRename()
{
    const QStringList paths = selectedPaths();
    if (paths.size() != 1) {
        finishAction(false, tr("Select one file or folder to rename."));
        return;
    }
    const QString name
        = QInputDialog::getText(this, tr("Rename or Move"), tr("New name, or an absolute path to move to:"),
                                QLineEdit::Normal, QFileInfo(paths.first()).fileName());
    if (!name.isEmpty())
        rename(paths.first(), name);
}

void FileBrowser::removeSelected()
{
    for (const QString &path : selectedPaths())
        remove(path);
}

EditorTab *FileBrowser::editorFor(const QString &path) const
{
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(i)); editor && editor->path() == path)
            return editor;
    }
    return nullptr;
}

void FileBrowser::openFile(const QString &path)
{
    if (EditorTab *editor = editorFor(path)) {
        m_tabs->setCurrentWidget(editor);
        Q_EMIT editorOpened(editor);
        return;
    }
    const auto entry = m_model->entry(m_model->indexForPath(path));
    if (entry.size > m_openLimit
        && !ask(FileQuestion::OpenLargeFile,
                tr("%1 is %2. Open it anyway?").arg(path, QLocale().formattedDataSize(entry.size))))
        return;
    auto *job = new Orkestr::ReadFileBytesJob(m_sandboxId, path);
    connect(job, &Orkestr::Job::finished, this, [this, job, path] {
        if (job->error().isError()) {
            finishAction(false, tr("Cannot open %1: %2").arg(path, job->error().displayText()));
            return;
        }
        if (job->status() == Orkestr::Job::Status::Succeeded)
            addEditor(path, job->bytes());
    });
    m_client->run(job);
}

void FileBrowser::addEditor(const QString &path, const QByteArray &bytes)
{
    if (EditorTab *existing = editorFor(path)) {
        m_tabs->setCurrentWidget(existing);
        return;
    }
    auto *editor = new EditorTab(m_client, m_sandboxId, path, bytes, m_tabs);
    editor->setReadOnly(m_readOnly || !isWritablePath(path));
    const int index = m_tabs->addTab(editor, editor->title());
    m_tabs->setTabToolTip(index, path);
    m_tabs->setCurrentIndex(index);
    connect(editor, &EditorTab::titleChanged, this,
            [this, editor] { m_tabs->setTabText(m_tabs->indexOf(editor), editor->title()); });
    connect(editor, &EditorTab::saved, this,
            [this, path] { m_model->refreshPath(RemoteFsModel::parentPath(path)); });
    Q_EMIT editorOpened(editor);
}

bool FileBrowser::hasUnsavedChanges() const
{
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(i)); editor && editor->isModified())
            return true;
    }
    return false;
}

bool FileBrowser::closeAllEditors()
{
    for (int i = m_tabs->count() - 1; i >= 1; --i) {
        if (auto *editor = qobject_cast<EditorTab *>(m_tabs->widget(i)); editor && !closeEditor(editor))
            return false;
    }
    return true;
}

bool FileBrowser::closeEditor(EditorTab *editor)
{
    if (editor->isModified()
        && !ask(FileQuestion::DiscardChanges,
                tr("%1 has unsaved changes. Close it and lose them?").arg(editor->path())))
        return false;
    m_tabs->removeTab(m_tabs->indexOf(editor));
    editor->deleteLater();
    return true;
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
