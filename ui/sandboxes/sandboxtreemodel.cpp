#include "ui/sandboxes/sandboxtreemodel.h"

#include "ui/sandboxes/sandboxtreenode_p.h"

#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxcells.h"

#include <QSet>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

SandboxTreeModel::SandboxTreeModel(OrkestrSession::SandboxStore *store, QObject *parent)
    : QAbstractItemModel(parent)
    , m_store(store)
    , m_root(std::make_unique<Node>())
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_regionLocations = store->regionLocations();
    connect(store, &OrkestrSession::SandboxStore::sandboxesRemoved, this, &SandboxTreeModel::onRemoved);
    connect(store, &OrkestrSession::SandboxStore::sandboxesChanged, this, &SandboxTreeModel::onStoreChanged);
    connect(store, &OrkestrSession::SandboxStore::sandboxesAdded, this, &SandboxTreeModel::onStoreChanged);
    connect(store, &OrkestrSession::SandboxStore::regionLocationsChanged, this,
            [this] { setRegionLocations(m_store->regionLocations()); });
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SandboxTreeModel::tickTimeLeft);
    m_countdown.start();
    m_heldBackTimer.setSingleShot(true);
    connect(&m_heldBackTimer, &QTimer::timeout, this, &SandboxTreeModel::applyHeldBackChanges);
    rebuild();
}

SandboxTreeModel::~SandboxTreeModel() = default;

QString SandboxTreeModel::statusLabel(Sandbox::Status status)
{
    return SandboxCells::statusLabel(status);
}

QString SandboxTreeModel::formatTimeLeft(qint64 seconds)
{
    return SandboxCells::formatTimeLeft(seconds);
}

int SandboxTreeModel::sandboxCount() const
{
    return m_store->count();
}

const Sandbox &SandboxTreeModel::sandboxOf(const Node *leaf) const
{
    // Leaves exist only for sandboxes the store holds: removals reach the model at once.
    return *m_store->find(leaf->key);
}

void SandboxTreeModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    m_grouping = grouping;
    rebuild();
}

void SandboxTreeModel::rebuild()
{
    // Built from the store as it is now: nothing held back is left to apply.
    m_heldBack.clear();
    m_heldBackTimer.stop();
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_leaves.clear();
    endResetModel();
    QStringList shown;
    m_store->forEach([&](const Sandbox &sandbox) {
        if (m_filter.accepts(sandbox))
            shown.append(sandbox.id);
    });
    insertLeaves(shown);
}

void SandboxTreeModel::setRegionLocations(const QHash<QString, QString> &locations)
{
    m_regionLocations = locations;
    if (m_grouping == Grouping::Region || m_grouping == Grouping::RegionThenStatus) {
        m_root->children.forEach(
            [this](const Node *child) { Q_EMIT dataChanged(indexOf(child, 0), indexOf(child, 0)); });
    }
}

QStringList SandboxTreeModel::groupPath(const Sandbox &sandbox) const
{
    switch (m_grouping) {
    case Grouping::None:
        return {};
    case Grouping::Region:
        return {sandbox.region};
    case Grouping::Status:
        return {sandbox.statusText};
    case Grouping::RegionThenStatus:
        return {sandbox.region, sandbox.statusText};
    }
    return {};
}

QStringList SandboxTreeModel::pathOf(const Node *leaf) const
{
    QStringList path;
    for (const Node *group = leaf->parent; group && group != m_root.get(); group = group->parent)
        path.prepend(group->key);
    return path;
}

bool SandboxTreeModel::sortsBefore(const Sandbox &a, const Sandbox &b) const
{
    if (m_sortColumn >= 0 && m_sortColumn < ColumnCount) {
        const QVariant keyA = cellData(a, m_sortColumn, SortRole);
        const QVariant keyB = cellData(b, m_sortColumn, SortRole);
        // A cell without a value (the usage of a sandbox that is not running) sorts last either way.
        if (keyA.isValid() != keyB.isValid())
            return keyA.isValid();
        const auto order = QVariant::compare(keyA, keyB);
        if (order == QPartialOrdering::Less)
            return m_sortOrder == Qt::AscendingOrder;
        if (order == QPartialOrdering::Greater)
            return m_sortOrder == Qt::DescendingOrder;
    }
    // Newest first: ids are ULIDs, so they sort by creation time. Also the tie-breaker, so the
    // order is total and the same after every poll.
    return a.id > b.id;
}

int SandboxTreeModel::insertPosition(const Node *group, const Sandbox &sandbox) const
{
    return group->children.lowerBound(sandbox, [this](const Node *node, const Sandbox &other) {
        return sortsBefore(sandboxOf(node), other);
    });
}

QList<SandboxTreeModel::Node *> SandboxTreeModel::leafGroups() const
{
    QList<Node *> groups;
    std::function<void(Node *)> visit = [&](Node *node) {
        if (node->holdsLeaves()) {
            groups.append(node);
            return;
        }
        node->children.forEach(visit);
    };
    visit(m_root.get());
    return groups;
}

void SandboxTreeModel::changeLayout(const QList<Node *> &groups, const std::function<void()> &change)
{
    // The layout change names only the groups involved, and persistent indexes (selection,
    // current row, expanded groups) follow their rows.
    QList<QPersistentModelIndex> parents;
    parents.reserve(groups.size());
    for (Node *group : groups)
        parents.append(indexOf(group));
    Q_EMIT layoutAboutToBeChanged(parents, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    QList<const Node *> nodes;
    nodes.reserve(before.size());
    for (const auto &index : before)
        nodes.append(nodeOf(index));
    change();
    QModelIndexList after;
    after.reserve(before.size());
    for (qsizetype i = 0; i < before.size(); ++i)
        after.append(indexOf(nodes.at(i), before.at(i).column()));
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged(parents, QAbstractItemModel::VerticalSortHint);
}

void SandboxTreeModel::setFilter(const SandboxFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    applyHeldBackChanges(); // the insertions below need every group in order
    removeLeaves(leafGroups(), [this](const Node *leaf) { return !m_filter.accepts(sandboxOf(leaf)); });
    QStringList shown;
    m_store->forEach([&](const Sandbox &sandbox) {
        if (!m_leaves.contains(sandbox.id) && m_filter.accepts(sandbox))
            shown.append(sandbox.id);
    });
    insertLeaves(shown);
}

void SandboxTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= ColumnCount)
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    applyHeldBackChanges(); // sandboxes held back may belong to other groups
    const QList<Node *> groups = leafGroups();
    changeLayout(groups, [&] {
        for (Node *group : groups) {
            auto leaves = group->children.takeAll();
            std::stable_sort(leaves.begin(), leaves.end(),
                             [this](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) {
                                 return sortsBefore(sandboxOf(a.get()), sandboxOf(b.get()));
                             });
            group->children.assign(std::move(leaves));
        }
    });
}

QModelIndex SandboxTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    ++m_rowLookupSteps;
    return makeIndex(node->row(), column, node, node->isLeaf);
}

QModelIndex SandboxTreeModel::makeIndex(int row, int column, const Node *node, bool leaf) const
{
    static_assert(alignof(Node) > 1);
    return createIndex(row, column, reinterpret_cast<quintptr>(node) | quintptr(leaf ? 1 : 0));
}

SandboxTreeModel::Node *SandboxTreeModel::nodeOf(const QModelIndex &index)
{
    return reinterpret_cast<Node *>(index.internalId() & ~quintptr(1));
}

SandboxTreeModel::Node *SandboxTreeModel::ensureGroup(const QStringList &path)
{
    Node *node = m_root.get();
    for (int level = 0; level < path.size(); ++level) {
        const QString &key = path.at(level);
        const bool byStatus
            = m_grouping == Grouping::Status || (m_grouping == Grouping::RegionThenStatus && level == 1);
        auto less = [byStatus](const Node *a, const QString &b) {
            return byStatus ? std::pair(SandboxCells::statusRank(a->key), a->key)
                    < std::pair(SandboxCells::statusRank(b), b)
                            : a->key < b;
        };
        const int row = node->children.lowerBound(key, less);
        if (row == node->children.size() || node->children.at(row)->key != key) {
            beginInsertRows(indexOf(node), row, row);
            auto group = std::make_unique<Node>();
            group->parent = node;
            group->key = key;
            node->children.insert(row, std::move(group));
            endInsertRows();
        }
        node = node->children.at(row);
    }
    return node;
}

QModelIndex SandboxTreeModel::indexForId(const QString &id, int column) const
{
    return indexOf(m_leaves.value(id), column);
}

void SandboxTreeModel::tickTimeLeft()
{
    // Only the countdown cells change: one range per group of sandboxes, whatever their number (a
    // view repaints the cells it shows; looking at each sandbox here would cost every second what
    // the whole list costs).
    std::function<void(Node *)> visit = [&](Node *node) {
        if (node->children.empty())
            return;
        if (!node->holdsLeaves()) {
            node->children.forEach(visit);
            return;
        }
        const auto parentIndex = indexOf(node);
        Q_EMIT dataChanged(index(0, TimeLeftColumn, parentIndex),
                           index(int(node->children.size()) - 1, TimeLeftColumn, parentIndex),
                           {Qt::DisplayRole, Qt::ForegroundRole, SortRole});
    };
    visit(m_root.get());
}

QModelIndex SandboxTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    if (parent.isValid() && (parent.column() != 0 || isLeafIndex(parent)))
        return {};
    const Node *node = parent.isValid() ? nodeOf(parent) : m_root.get();
    if (row >= int(node->children.size()))
        return {};
    // A group holds either sandboxes or groups: its first child tells for all.
    return makeIndex(row, column, node->children.at(row), node->holdsLeaves());
}

QModelIndex SandboxTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeOf(child)->parent, 0);
}

int SandboxTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_root->children.size());
    if (parent.column() != 0 || isLeafIndex(parent))
        return 0;
    return int(nodeOf(parent)->children.size());
}

int SandboxTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags SandboxTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    // Group rows fold and unfold, but are not selected for actions.
    return isLeafIndex(index) ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                              : Qt::ItemIsEnabled;
}

QVariant SandboxTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    return SandboxCells::headerData(section, orientation, role);
}

QVariant SandboxTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = nodeOf(index);
    if (node->isLeaf) {
        // While a batch of removals is applied run by run, the rows still to go have left the
        // store already; whoever looks at them meanwhile (a selection) sees their id only.
        const Sandbox *sandbox = m_store->find(node->key);
        if (!sandbox)
            return role == SandboxIdRole ? QVariant(node->key) : QVariant();
        return cellData(*sandbox, index.column(), role);
    }
    const bool byStatus = m_grouping == Grouping::Status
        || (m_grouping == Grouping::RegionThenStatus && node->parent != m_root.get());
    return SandboxCells::groupData(node->key, node->leafCount, byStatus,
                                   byStatus ? QString() : m_regionLocations.value(node->key), index.column(),
                                   role);
}

} // namespace OrkestrUi
