#include "ui/files/remotefsmodel.h"

#include "core/client.h"
#include "core/filejobs.h"
#include "session/remotepath.h"
#include "session/texttables.h"

#include <QApplication>
#include <QLocale>
#include <QStyle>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

int RemoteFsModel::Node::row() const
{
    if (!parent)
        return 0;
    const auto &siblings = parent->children;
    for (size_t i = 0; i < siblings.size(); ++i) {
        if (siblings[i].get() == this)
            return int(i);
    }
    return 0;
}

RemoteFsModel::RemoteFsModel(Orkestr::Client *client, const QString &sandboxId, QObject *parent)
    : QAbstractItemModel(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
    , m_root(std::make_unique<Node>())
{
    m_root->entry.isDir = true;
    m_root->path = u"/"_s;
    m_root->listed = true; // the API cannot list "/": its children are added by path
    for (const QString &name : {u"tmp"_s, u"workspace"_s}) {
        Orkestr::FileEntry entry;
        entry.name = name;
        entry.isDir = true;
        addChild(m_root.get(), entry, false);
    }
}

RemoteFsModel::~RemoteFsModel()
{
    // Running listings would call back into a dead model.
    std::vector<Node *> pending {m_root.get()};
    while (!pending.empty()) {
        Node *node = pending.back();
        pending.pop_back();
        if (node->job)
            node->job->abort();
        for (auto &child : node->children)
            pending.push_back(child.get());
    }
}

QString RemoteFsModel::modeText(int mode)
{
    static const char16_t letters[] = u"rwxrwxrwx";
    QString text(9, u'-');
    for (int i = 0; i < 9; ++i) {
        if (mode & (0400 >> i))
            text[i] = QChar(letters[i]);
    }
    return text;
}

RemoteFsModel::Node *RemoteFsModel::nodeFor(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex RemoteFsModel::indexFor(Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, node);
}

RemoteFsModel::Node *RemoteFsModel::childNamed(Node *node, const QString &name) const
{
    for (auto &child : node->children) {
        if (child->entry.name == name)
            return child.get();
    }
    return nullptr;
}

RemoteFsModel::Node *RemoteFsModel::addChild(Node *parent, const Orkestr::FileEntry &entry, bool notify)
{
    // Keep the server's order (by name) so that merging a new listing stays simple.
    auto it = std::lower_bound(
        parent->children.begin(), parent->children.end(), entry.name,
        [](const std::unique_ptr<Node> &n, const QString &name) { return n->entry.name < name; });
    const int row = int(it - parent->children.begin());
    auto node = std::make_unique<Node>();
    node->entry = entry;
    node->parent = parent;
    node->path = OrkestrSession::RemotePath::join(parent->path, entry.name);
    Node *raw = node.get();
    if (notify)
        beginInsertRows(indexFor(parent), row, row);
    parent->children.insert(parent->children.begin() + row, std::move(node));
    if (notify)
        endInsertRows();
    return raw;
}

QModelIndex RemoteFsModel::ensureDirectory(const QString &path)
{
    Node *node = m_root.get();
    for (const QString &part : OrkestrSession::RemotePath::clean(path).split(u'/', Qt::SkipEmptyParts)) {
        Node *child = childNamed(node, part);
        if (!child) {
            Orkestr::FileEntry entry;
            entry.name = part;
            entry.isDir = true;
            child = addChild(node, entry, true);
        }
        node = child;
    }
    return indexFor(node);
}

QModelIndex RemoteFsModel::indexForPath(const QString &path) const
{
    Node *node = m_root.get();
    for (const QString &part : OrkestrSession::RemotePath::clean(path).split(u'/', Qt::SkipEmptyParts)) {
        node = childNamed(node, part);
        if (!node)
            return {};
    }
    return indexFor(node);
}

QString RemoteFsModel::pathForIndex(const QModelIndex &index) const
{
    return nodeFor(index)->path;
}

Orkestr::FileEntry RemoteFsModel::entry(const QModelIndex &index) const
{
    // An unknown path is no entry (not the root's, which is a directory).
    return index.isValid() ? nodeFor(index)->entry : Orkestr::FileEntry {};
}

bool RemoteFsModel::isListed(const QModelIndex &index) const
{
    return nodeFor(index)->listed;
}

bool RemoteFsModel::isLoading(const QModelIndex &index) const
{
    return !nodeFor(index)->job.isNull();
}

Orkestr::ApiError RemoteFsModel::listError(const QModelIndex &index) const
{
    return nodeFor(index)->error;
}

void RemoteFsModel::refresh(const QModelIndex &index)
{
    Node *node = nodeFor(index);
    if (node == m_root.get() || !node->entry.isDir)
        return;
    if (node->job)
        node->job->abort();
    list(node);
}

void RemoteFsModel::refreshPath(const QString &path)
{
    const QModelIndex index = indexForPath(path);
    if (index.isValid())
        refresh(index);
}

void RemoteFsModel::list(Node *node)
{
    auto *job = new Orkestr::ListFilesJob(m_sandboxId, node->path);
    node->job = job;
    const QString path = node->path;
    // The node may be gone (a refresh of its parent) when the answer comes: find it by path.
    connect(job, &Orkestr::Job::finished, this, [this, job, path] {
        const QModelIndex index = indexForPath(path);
        Node *target = index.isValid() ? nodeFor(index) : nullptr;
        if (!target || target->job != job)
            return;
        target->job = nullptr;
        if (job->status() == Orkestr::Job::Status::Cancelled)
            return;
        target->error = job->error();
        if (!job->error().isError())
            applyListing(target, job->entries());
        target->listed = true;
        Q_EMIT dataChanged(indexFor(target), indexFor(target, ColumnCount - 1));
        Q_EMIT directoryLoaded(path, job->error());
    });
    m_client->run(job);
}

void RemoteFsModel::applyListing(Node *node, const QList<Orkestr::FileEntry> &entries)
{
    const QModelIndex parentIndex = indexFor(node);
    if (node->children.empty()) {
        // The first listing: one insertion, so that 10,000 entries arrive at once.
        if (entries.isEmpty())
            return;
        beginInsertRows(parentIndex, 0, int(entries.size()) - 1);
        for (const auto &entry : entries) {
            auto child = std::make_unique<Node>();
            child->entry = entry;
            child->parent = node;
            child->path = OrkestrSession::RemotePath::join(node->path, entry.name);
            node->children.push_back(std::move(child));
        }
        std::stable_sort(node->children.begin(), node->children.end(),
                         [](const auto &a, const auto &b) { return a->entry.name < b->entry.name; });
        endInsertRows();
        return;
    }
    QHash<QString, const Orkestr::FileEntry *> fresh;
    for (const auto &entry : entries)
        fresh.insert(entry.name, &entry);
    // Remove what is gone (or changed between file and directory), update the rest in place.
    for (int row = int(node->children.size()) - 1; row >= 0; --row) {
        Node *child = node->children[size_t(row)].get();
        const auto *entry = fresh.value(child->entry.name);
        if (!entry || entry->isDir != child->entry.isDir) {
            beginRemoveRows(parentIndex, row, row);
            node->children.erase(node->children.begin() + row);
            endRemoveRows();
            continue;
        }
        if (!(child->entry == *entry)) {
            child->entry = *entry;
            Q_EMIT dataChanged(index(row, 0, parentIndex), index(row, ColumnCount - 1, parentIndex));
        }
    }
    for (const auto &entry : entries) {
        if (!childNamed(node, entry.name))
            addChild(node, entry, true);
    }
}

QModelIndex RemoteFsModel::index(int row, int column, const QModelIndex &parent) const
{
    Node *node = nodeFor(parent);
    if (row < 0 || column < 0 || column >= ColumnCount || size_t(row) >= node->children.size())
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex RemoteFsModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexFor(nodeFor(child)->parent);
}

int RemoteFsModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(nodeFor(parent)->children.size());
}

int RemoteFsModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool RemoteFsModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const Node *node = nodeFor(parent);
    if (!node->entry.isDir)
        return false;
    return !node->listed || !node->children.empty();
}

bool RemoteFsModel::canFetchMore(const QModelIndex &parent) const
{
    const Node *node = nodeFor(parent);
    return node->entry.isDir && !node->listed && !node->job;
}

void RemoteFsModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        list(nodeFor(parent));
}

QVariant RemoteFsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeFor(index);
    const auto &entry = node->entry;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name;
        case SizeColumn:
            return entry.isDir ? QString() : QLocale().formattedDataSize(entry.size);
        case ModeColumn:
            return entry.modifiedAt.isValid() ? modeText(entry.mode) : QString();
        case ModifiedColumn:
            return entry.modifiedAt.isValid()
                ? QLocale().toString(entry.modifiedAt.toLocalTime(), QLocale::ShortFormat)
                : QString();
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return QApplication::style()->standardIcon(entry.isDir ? QStyle::SP_DirIcon
                                                                   : QStyle::SP_FileIcon);
        return {};
    case Qt::ToolTipRole:
        return node->error.isError() ? node->error.displayText() : node->path;
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case PathRole:
        return node->path;
    case IsDirRole:
        return entry.isDir;
    case SizeRole:
        return entry.size;
    case LoadingRole:
        return !node->job.isNull();
    case SortRole:
        switch (index.column()) {
        case NameColumn:
            return entry.name;
        case SizeColumn:
            return entry.size;
        case ModeColumn:
            return entry.mode;
        case ModifiedColumn:
            return entry.modifiedAt;
        }
        return {};
    }
    return {};
}

QVariant RemoteFsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    static constexpr const char *titles[] = {
        QT_TR_NOOP("Name"),
        QT_TR_NOOP("Size"),
        QT_TR_NOOP("Mode"),
        QT_TR_NOOP("Modified"),
    };
    static_assert(std::size(titles) == ColumnCount);
    return OrkestrSession::columnTitle<RemoteFsModel>(titles, section, orientation, role);
}

Qt::ItemFlags RemoteFsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::ItemIsDropEnabled;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (!nodeFor(index)->entry.isDir) {
        flags |= Qt::ItemNeverHasChildren;
        if (m_dragData)
            flags |= Qt::ItemIsDragEnabled;
    }
    return flags;
}

QStringList RemoteFsModel::mimeTypes() const
{
    return {QStringLiteral("text/uri-list")};
}

QMimeData *RemoteFsModel::mimeData(const QModelIndexList &indexes) const
{
    if (!m_dragData)
        return nullptr;
    QStringList paths;
    for (const auto &index : indexes) {
        // One index per column of a dragged row: each file once, and never a folder.
        const QString path = pathForIndex(index);
        if (index.isValid() && !nodeFor(index)->entry.isDir && !paths.contains(path))
            paths.append(path);
    }
    return paths.isEmpty() ? nullptr : m_dragData(paths);
}

Qt::DropActions RemoteFsModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

} // namespace OrkestrUi
