#include "ui/sandboxes/sandboxtreemodel.h"

#include "ui/sandboxes/statusstyle.h"

#include <QFont>
#include <QLocale>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Orkestr::Sandbox;

struct SandboxTreeModel::Node
{
    Node *parent = nullptr;
    QString key; // group value (region or status), or the sandbox id for a leaf
    bool isLeaf = false;
    int leafCount = 0; // sandboxes below a group
    std::vector<std::unique_ptr<Node>> children;

    int row() const
    {
        if (!parent)
            return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this)
                return int(i);
        }
        return -1;
    }
};

namespace {
// Groups of statuses in the order a person scans them: what runs, what waits, what is over.
int statusRank(const QString &status)
{
    static const QStringList order = {u"running"_s, u"starting"_s, u"resuming"_s,  u"pausing"_s,
                                      u"paused"_s,  u"failed"_s,   u"terminated"_s};
    const auto rank = order.indexOf(status);
    return rank < 0 ? int(order.size()) : int(rank);
}
} // namespace

SandboxTreeModel::SandboxTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &SandboxTreeModel::tickTimeLeft);
    m_countdown.start();
}

SandboxTreeModel::~SandboxTreeModel() = default;

QString SandboxTreeModel::statusLabel(Sandbox::Status status)
{
    switch (status) {
    case Sandbox::Status::Starting:
        return tr("Starting");
    case Sandbox::Status::Running:
        return tr("Running");
    case Sandbox::Status::Pausing:
        return tr("Pausing");
    case Sandbox::Status::Paused:
        return tr("Paused");
    case Sandbox::Status::Resuming:
        return tr("Resuming");
    case Sandbox::Status::Terminated:
        return tr("Terminated");
    case Sandbox::Status::Failed:
        return tr("Failed");
    case Sandbox::Status::Unknown:
        break;
    }
    return tr("Unknown");
}

QString SandboxTreeModel::formatTimeLeft(qint64 seconds)
{
    if (seconds <= 0)
        return tr("expiring");
    if (seconds < 3600)
        return tr("%1m %2s").arg(seconds / 60).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return tr("%1h %2m").arg(seconds / 3600).arg((seconds % 3600) / 60, 2, 10, QLatin1Char('0'));
}

void SandboxTreeModel::setGrouping(Grouping grouping)
{
    if (grouping == m_grouping)
        return;
    beginResetModel();
    m_grouping = grouping;
    m_root = std::make_unique<Node>();
    m_leaves.clear();
    const auto all = m_sandboxes;
    m_sandboxes.clear();
    endResetModel();
    for (const auto &sandbox : all)
        insertLeaf(sandbox);
}

void SandboxTreeModel::setRegionLocations(const QHash<QString, QString> &locations)
{
    m_regionLocations = locations;
    if (m_grouping == Grouping::Region || m_grouping == Grouping::RegionThenStatus) {
        for (const auto &child : m_root->children)
            Q_EMIT dataChanged(indexOf(child.get(), 0), indexOf(child.get(), 0));
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

SandboxTreeModel::Node *SandboxTreeModel::leafFor(const QString &id) const
{
    return m_leaves.value(id);
}

QModelIndex SandboxTreeModel::indexOf(const Node *node, int column) const
{
    if (!node || node == m_root.get())
        return {};
    return createIndex(node->row(), column, const_cast<Node *>(node));
}

SandboxTreeModel::Node *SandboxTreeModel::ensureGroup(const QStringList &path)
{
    Node *node = m_root.get();
    for (int level = 0; level < path.size(); ++level) {
        const QString &key = path.at(level);
        const bool byStatus
            = m_grouping == Grouping::Status || (m_grouping == Grouping::RegionThenStatus && level == 1);
        auto less = [byStatus](const std::unique_ptr<Node> &a, const QString &b) {
            return byStatus ? std::pair(statusRank(a->key), a->key) < std::pair(statusRank(b), b)
                            : a->key < b;
        };
        auto it = std::lower_bound(node->children.begin(), node->children.end(), key, less);
        if (it == node->children.end() || (*it)->key != key) {
            const int row = int(it - node->children.begin());
            beginInsertRows(indexOf(node), row, row);
            auto group = std::make_unique<Node>();
            group->parent = node;
            group->key = key;
            it = node->children.insert(it, std::move(group));
            endInsertRows();
        }
        node = it->get();
    }
    return node;
}

void SandboxTreeModel::insertLeaf(const Sandbox &sandbox)
{
    m_sandboxes.insert(sandbox.id, sandbox);
    Node *group = ensureGroup(groupPath(sandbox));
    // Newest first: ids are ULIDs, so they sort by creation time.
    auto it = std::lower_bound(group->children.begin(), group->children.end(), sandbox.id,
                               [](const std::unique_ptr<Node> &a, const QString &id) { return a->key > id; });
    const int row = int(it - group->children.begin());
    beginInsertRows(indexOf(group), row, row);
    auto leaf = std::make_unique<Node>();
    leaf->parent = group;
    leaf->key = sandbox.id;
    leaf->isLeaf = true;
    m_leaves.insert(sandbox.id, leaf.get());
    group->children.insert(it, std::move(leaf));
    endInsertRows();
    refreshGroupCounts(group);
}

void SandboxTreeModel::removeLeaf(Node *leaf)
{
    const QString id = leaf->key;
    Node *group = leaf->parent;
    const int row = leaf->row();
    beginRemoveRows(indexOf(group), row, row);
    group->children.erase(group->children.begin() + row);
    m_leaves.remove(id);
    m_sandboxes.remove(id);
    endRemoveRows();
    refreshGroupCounts(group);
    pruneIfEmpty(group);
}

void SandboxTreeModel::moveLeaf(Node *leaf, const Sandbox &sandbox)
{
    // A real move (not remove and insert), so that selection and persistent indexes follow it.
    m_sandboxes.insert(sandbox.id, sandbox);
    Node *target = ensureGroup(groupPath(sandbox));
    Node *source = leaf->parent;
    const int sourceRow = leaf->row();
    auto it = std::lower_bound(target->children.begin(), target->children.end(), sandbox.id,
                               [](const std::unique_ptr<Node> &a, const QString &id) { return a->key > id; });
    const int targetRow = int(it - target->children.begin());
    beginMoveRows(indexOf(source), sourceRow, sourceRow, indexOf(target), targetRow);
    std::unique_ptr<Node> moving = std::move(source->children[size_t(sourceRow)]);
    source->children.erase(source->children.begin() + sourceRow);
    moving->parent = target;
    target->children.insert(target->children.begin() + targetRow, std::move(moving));
    endMoveRows();
    // Its cells changed too (the status, at least).
    Q_EMIT dataChanged(indexOf(leaf, 0), indexOf(leaf, ColumnCount - 1));
    refreshGroupCounts(target);
    refreshGroupCounts(source);
    pruneIfEmpty(source);
}

void SandboxTreeModel::refreshGroupCounts(Node *group)
{
    for (Node *node = group; node && node != m_root.get(); node = node->parent) {
        int count = 0;
        for (const auto &child : node->children)
            count += child->isLeaf ? 1 : child->leafCount;
        if (count != node->leafCount) {
            node->leafCount = count;
            const auto index = indexOf(node, 0);
            Q_EMIT dataChanged(index, index, {Qt::DisplayRole, GroupCountRole});
        }
    }
}

void SandboxTreeModel::setSandboxes(const QList<Sandbox> &sandboxes)
{
    const QSet<QString> seen = applySandboxes(sandboxes);
    const auto known = m_leaves.keys();
    for (const auto &id : known) {
        if (!seen.contains(id))
            removeLeaf(m_leaves.value(id));
    }
}

void SandboxTreeModel::mergeSandboxes(const QList<Sandbox> &sandboxes)
{
    applySandboxes(sandboxes);
}

QSet<QString> SandboxTreeModel::applySandboxes(const QList<Sandbox> &sandboxes)
{
    QSet<QString> seen;
    seen.reserve(sandboxes.size());
    QList<Sandbox> inserts;
    QList<Sandbox> moves;
    for (const auto &sandbox : sandboxes) {
        seen.insert(sandbox.id);
        if (!leafFor(sandbox.id)) {
            inserts.append(sandbox);
            continue;
        }
        const Sandbox &previous = *m_sandboxes.constFind(sandbox.id);
        if (previous != sandbox && groupPath(previous) != groupPath(sandbox)) {
            moves.append(sandbox);
            continue;
        }
        updateSandbox(sandbox);
    }
    if (moves.size() == 1)
        moveLeaf(leafFor(moves.constFirst().id), moves.constFirst());
    else if (!moves.isEmpty())
        moveLeaves(moves);
    insertLeaves(inserts);
    return seen;
}

void SandboxTreeModel::insertLeaves(QList<Sandbox> sandboxes)
{
    // New sandboxes go in as runs of adjacent rows, one insertion per run rather than per
    // sandbox: the first list of 10,000 becomes one insertion per group.
    QHash<Node *, QList<Sandbox>> byGroup;
    for (auto &sandbox : sandboxes) {
        Node *group = ensureGroup(groupPath(sandbox));
        m_sandboxes.insert(sandbox.id, sandbox);
        byGroup[group].append(std::move(sandbox));
    }
    for (auto it = byGroup.begin(); it != byGroup.end(); ++it) {
        Node *group = it.key();
        QList<Sandbox> &fresh = it.value();
        // Newest first, as in the groups: ids are ULIDs, so they sort by creation time.
        std::sort(fresh.begin(), fresh.end(), [](const Sandbox &a, const Sandbox &b) { return a.id > b.id; });
        qsizetype first = 0;
        while (first < fresh.size()) {
            auto at = std::lower_bound(
                group->children.begin(), group->children.end(), fresh.at(first).id,
                [](const std::unique_ptr<Node> &a, const QString &id) { return a->key > id; });
            const int row = int(at - group->children.begin());
            // The run: every following new sandbox that sorts before the existing row at `at`.
            qsizetype last = first + 1;
            while (last < fresh.size() && (at == group->children.end() || fresh.at(last).id > (*at)->key))
                ++last;
            beginInsertRows(indexOf(group), row, row + int(last - first) - 1);
            std::vector<std::unique_ptr<Node>> run;
            run.reserve(size_t(last - first));
            for (qsizetype i = first; i < last; ++i) {
                auto leaf = std::make_unique<Node>();
                leaf->parent = group;
                leaf->key = fresh.at(i).id;
                leaf->isLeaf = true;
                m_leaves.insert(leaf->key, leaf.get());
                run.push_back(std::move(leaf));
            }
            group->children.insert(group->children.begin() + row, std::make_move_iterator(run.begin()),
                                   std::make_move_iterator(run.end()));
            endInsertRows();
            first = last;
        }
        refreshGroupCounts(group);
    }
}

void SandboxTreeModel::moveLeaves(const QList<Sandbox> &moves)
{
    // Many sandboxes changing group in one poll (a bulk pause, say) move in one layout change, not
    // one move each: the filter proxy takes every move as a layout change of the groups involved
    // and sorts them again, so 80 single moves among 10,000 rows cost a second. The layout change
    // names only the groups involved, and persistent indexes (selection, current row) follow.
    QList<Node *> targets;
    targets.reserve(moves.size());
    for (const auto &sandbox : moves)
        targets.append(ensureGroup(groupPath(sandbox))); // new groups are inserted before, as rows
    QSet<Node *> groups;
    for (qsizetype i = 0; i < moves.size(); ++i) {
        groups.insert(leafFor(moves.at(i).id)->parent);
        groups.insert(targets.at(i));
    }
    QList<QPersistentModelIndex> parents;
    parents.reserve(groups.size());
    for (Node *group : std::as_const(groups))
        parents.append(indexOf(group));

    Q_EMIT layoutAboutToBeChanged(parents);
    const QModelIndexList before = persistentIndexList();
    auto byNewestFirst = [](const std::unique_ptr<Node> &a, const QString &id) {
        return a->key > id;
    };
    for (qsizetype i = 0; i < moves.size(); ++i) {
        const Sandbox &sandbox = moves.at(i);
        Node *leaf = leafFor(sandbox.id);
        Node *source = leaf->parent;
        Node *target = targets.at(i);
        m_sandboxes.insert(sandbox.id, sandbox);
        auto from = std::find_if(source->children.begin(), source->children.end(),
                                 [leaf](const std::unique_ptr<Node> &node) { return node.get() == leaf; });
        std::unique_ptr<Node> moving = std::move(*from);
        source->children.erase(from);
        moving->parent = target;
        auto to
            = std::lower_bound(target->children.begin(), target->children.end(), sandbox.id, byNewestFirst);
        target->children.insert(to, std::move(moving));
    }
    QModelIndexList after;
    after.reserve(before.size());
    for (const auto &index : before) {
        const auto *node = static_cast<const Node *>(index.internalPointer());
        after.append(createIndex(node->row(), index.column(), const_cast<Node *>(node)));
    }
    changePersistentIndexList(before, after);
    Q_EMIT layoutChanged(parents);
    for (const auto &sandbox : moves) {
        const Node *leaf = leafFor(sandbox.id);
        Q_EMIT dataChanged(indexOf(leaf, 0), indexOf(leaf, ColumnCount - 1));
    }

    // Counts first, then the groups left empty go, from the bottom up. The groups in the set hold
    // sandboxes directly, so pruning one removes only ancestors that are not in the set.
    for (Node *group : std::as_const(groups))
        refreshGroupCounts(group);
    for (Node *group : std::as_const(groups))
        pruneIfEmpty(group);
}

void SandboxTreeModel::pruneIfEmpty(Node *group)
{
    while (group != m_root.get() && group->children.empty()) {
        Node *parentGroup = group->parent;
        const int groupRow = group->row();
        beginRemoveRows(indexOf(parentGroup), groupRow, groupRow);
        parentGroup->children.erase(parentGroup->children.begin() + groupRow);
        endRemoveRows();
        group = parentGroup;
    }
}

void SandboxTreeModel::updateSandbox(const Sandbox &sandbox)
{
    Node *leaf = leafFor(sandbox.id);
    if (!leaf) {
        insertLeaf(sandbox);
        return;
    }
    const Sandbox previous = m_sandboxes.value(sandbox.id);
    if (previous == sandbox)
        return;
    if (groupPath(previous) != groupPath(sandbox)) {
        moveLeaf(leaf, sandbox);
        return;
    }
    m_sandboxes.insert(sandbox.id, sandbox);
    Q_EMIT dataChanged(indexOf(leaf, 0), indexOf(leaf, ColumnCount - 1));
}

std::optional<Sandbox> SandboxTreeModel::sandbox(const QString &id) const
{
    if (const auto it = m_sandboxes.constFind(id); it != m_sandboxes.cend())
        return *it;
    return std::nullopt;
}

QList<Sandbox> SandboxTreeModel::sandboxes() const
{
    return m_sandboxes.values();
}

QModelIndex SandboxTreeModel::indexForId(const QString &id, int column) const
{
    return indexOf(leafFor(id), column);
}

void SandboxTreeModel::tickTimeLeft()
{
    // Only the countdown cells change; one range per group keeps the signals few.
    std::function<void(Node *)> visit = [&](Node *node) {
        int first = -1;
        int last = -1;
        for (size_t i = 0; i < node->children.size(); ++i) {
            Node *child = node->children[i].get();
            if (!child->isLeaf) {
                visit(child);
                continue;
            }
            if (!m_sandboxes.value(child->key).expiresAt.isValid())
                continue;
            if (first < 0)
                first = int(i);
            last = int(i);
        }
        if (first >= 0) {
            const auto parentIndex = indexOf(node);
            Q_EMIT dataChanged(index(first, TimeLeftColumn, parentIndex),
                               index(last, TimeLeftColumn, parentIndex), {Qt::DisplayRole, SortRole});
        }
    };
    visit(m_root.get());
}

QModelIndex SandboxTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return {};
    const Node *node = parent.isValid() ? static_cast<Node *>(parent.internalPointer()) : m_root.get();
    if (parent.isValid() && parent.column() != 0)
        return {};
    if (row >= int(node->children.size()))
        return {};
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex SandboxTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *node = static_cast<Node *>(child.internalPointer());
    return indexOf(node->parent, 0);
}

int SandboxTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(m_root->children.size());
    if (parent.column() != 0)
        return 0;
    return int(static_cast<Node *>(parent.internalPointer())->children.size());
}

int SandboxTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

Qt::ItemFlags SandboxTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    const Node *node = static_cast<Node *>(index.internalPointer());
    // Group rows fold and unfold, but are not selected for actions.
    return node->isLeaf ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren
                        : Qt::ItemIsEnabled;
}

QVariant SandboxTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case IdColumn:
        return tr("Sandbox");
    case StatusColumn:
        return tr("Status");
    case TemplateColumn:
        return tr("Template");
    case RegionColumn:
        return tr("Region");
    case CpuColumn:
        return tr("CPU");
    case MemoryColumn:
        return tr("Memory");
    case NetworkColumn:
        return tr("Network");
    case CreatedColumn:
        return tr("Created");
    case TimeLeftColumn:
        return tr("Time left");
    case MetadataColumn:
        return tr("Metadata");
    default:
        return {};
    }
}

QVariant SandboxTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Node *node = static_cast<Node *>(index.internalPointer());
    if (!node->isLeaf)
        return groupData(node, index.column(), role);
    return sandboxData(m_sandboxes.value(node->key), index.column(), role);
}

QVariant SandboxTreeModel::groupData(const Node *node, int column, int role) const
{
    const bool byStatus = m_grouping == Grouping::Status
        || (m_grouping == Grouping::RegionThenStatus && node->parent != m_root.get());
    switch (role) {
    case IsGroupRole:
        return true;
    case GroupCountRole:
        return node->leafCount;
    case SortRole:
        return byStatus ? QVariant(statusRank(node->key)) : QVariant(node->key);
    case Qt::DisplayRole:
        if (column != 0)
            return {};
        if (byStatus)
            return tr("%1 (%2)").arg(statusLabel(Sandbox::statusFromString(node->key))).arg(node->leafCount);
        if (const auto location = m_regionLocations.value(node->key); !location.isEmpty())
            return tr("%1 — %2 (%3)").arg(node->key, location).arg(node->leafCount);
        return tr("%1 (%2)").arg(node->key).arg(node->leafCount);
    case Qt::DecorationRole:
        if (column == 0 && byStatus)
            return StatusStyle::icon(Sandbox::statusFromString(node->key));
        return {};
    case Qt::FontRole: {
        QFont font;
        font.setBold(true);
        return font;
    }
    default:
        return {};
    }
}

QVariant SandboxTreeModel::sandboxData(const Sandbox &sandbox, int column, int role) const
{
    const auto secondsLeft = [&]() -> qint64 {
        return sandbox.expiresAt.isValid() ? m_clock().secsTo(sandbox.expiresAt) : -1;
    };
    const auto metadataText = [&] {
        QStringList pairs;
        for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
            pairs.append(u"%1=%2"_s.arg(it.key(), it.value()));
        return pairs.join(u", "_s);
    };
    switch (role) {
    case SandboxIdRole:
        return sandbox.id;
    case IsGroupRole:
        return false;
    case StatusRole:
        return int(sandbox.status);
    case RegionRole:
        return sandbox.region;
    case TemplateRole:
        return sandbox.templateName;
    case SearchTextRole:
        return QStringList {sandbox.id, sandbox.templateName, metadataText()}.join(u' ');
    case Qt::DecorationRole:
        return column == StatusColumn ? QVariant(StatusStyle::icon(sandbox.status)) : QVariant();
    case Qt::ToolTipRole:
        if (column == StatusColumn && !sandbox.terminationReason.isEmpty())
            return tr("Terminated: %1").arg(sandbox.terminationReason);
        if (column == TimeLeftColumn && sandbox.expiresAt.isValid())
            return tr("Expires at %1")
                .arg(QLocale().toString(sandbox.expiresAt.toLocalTime(), QLocale::LongFormat));
        return {};
    case Qt::TextAlignmentRole:
        if (column == CpuColumn || column == MemoryColumn || column == TimeLeftColumn)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case CpuColumn:
            return sandbox.cpu;
        case MemoryColumn:
            return sandbox.memoryMb;
        case CreatedColumn:
            return sandbox.createdAt.toMSecsSinceEpoch();
        case TimeLeftColumn:
            return secondsLeft();
        case StatusColumn:
            return statusRank(sandbox.statusText);
        default:
            return sandboxData(sandbox, column, Qt::DisplayRole);
        }
    case Qt::DisplayRole:
        switch (column) {
        case IdColumn:
            return sandbox.id;
        case StatusColumn:
            return sandbox.status == Sandbox::Status::Unknown ? sandbox.statusText
                                                              : statusLabel(sandbox.status);
        case TemplateColumn:
            return sandbox.templateName;
        case RegionColumn:
            return sandbox.region;
        case CpuColumn:
            return QLocale().toString(sandbox.cpu, 'g', 3);
        case MemoryColumn:
            return tr("%1 MB").arg(sandbox.memoryMb);
        case NetworkColumn:
            return sandbox.network;
        case CreatedColumn:
            return QLocale().toString(sandbox.createdAt.toLocalTime(), u"yyyy-MM-dd HH:mm:ss"_s);
        case TimeLeftColumn:
            if (sandbox.status == Sandbox::Status::Paused)
                return tr("paused");
            return sandbox.expiresAt.isValid() && !sandbox.isFinal() ? formatTimeLeft(secondsLeft()) : u"—"_s;
        case MetadataColumn:
            return metadataText();
        default:
            return {};
        }
    default:
        return {};
    }
}

} // namespace OrkestrUi
