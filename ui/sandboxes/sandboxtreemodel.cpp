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

QString SandboxFilter::searchText(const Sandbox &sandbox)
{
    QString text = sandbox.id + u' ' + sandbox.templateName;
    for (auto it = sandbox.metadata.cbegin(); it != sandbox.metadata.cend(); ++it)
        text += u' ' + it.key() + u'=' + it.value();
    return text;
}

bool SandboxFilter::accepts(const Sandbox &sandbox) const
{
    if (!regions.isEmpty() && !regions.contains(sandbox.region))
        return false;
    if (!templates.isEmpty() && !templates.contains(sandbox.templateName))
        return false;
    if (!statuses.isEmpty() && !statuses.contains(sandbox.statusText))
        return false;
    if (words.isEmpty())
        return true;
    const QString text = searchText(sandbox);
    return std::all_of(words.cbegin(), words.cend(),
                       [&text](const QString &word) { return text.contains(word, Qt::CaseInsensitive); });
}

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
    endResetModel();
    QList<Sandbox> shown;
    for (const auto &sandbox : std::as_const(m_sandboxes)) {
        if (m_filter.accepts(sandbox))
            shown.append(sandbox);
    }
    insertLeaves(shown);
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

void SandboxTreeModel::store(const Sandbox &sandbox)
{
    auto it = m_sandboxes.find(sandbox.id);
    if (it == m_sandboxes.end()) {
        it = m_sandboxes.insert(sandbox.id, sandbox);
        countFacets(*it, 1);
        return;
    }
    const bool sameFacets = it->region == sandbox.region && it->statusText == sandbox.statusText
        && it->templateName == sandbox.templateName;
    if (!sameFacets)
        countFacets(*it, -1);
    *it = sandbox;
    if (!sameFacets)
        countFacets(*it, 1);
}

void SandboxTreeModel::forget(const QString &id)
{
    if (const auto it = m_sandboxes.find(id); it != m_sandboxes.end()) {
        countFacets(*it, -1);
        m_sandboxes.erase(it);
    }
}

void SandboxTreeModel::countFacets(const Sandbox &sandbox, int delta)
{
    const auto add = [delta](QHash<QString, int> &counts, const QString &value) {
        if ((counts[value] += delta) <= 0)
            counts.remove(value);
    };
    add(m_facetCounts[int(Facet::Region)], sandbox.region);
    add(m_facetCounts[int(Facet::Status)], sandbox.statusText);
    add(m_facetCounts[int(Facet::Template)], sandbox.templateName);
    m_facetCountsChanged = true;
    if (!m_facetSignalPending) {
        // Once per burst of changes (a poll may change hundreds of sandboxes).
        m_facetSignalPending = true;
        QMetaObject::invokeMethod(
            this,
            [this] {
                m_facetSignalPending = false;
                if (std::exchange(m_facetCountsChanged, false))
                    Q_EMIT facetCountsChanged();
            },
            Qt::QueuedConnection);
    }
}

bool SandboxTreeModel::sortsBefore(const Sandbox &a, const Sandbox &b) const
{
    if (m_sortColumn >= 0 && m_sortColumn < ColumnCount) {
        const auto order = QVariant::compare(sandboxData(a, m_sortColumn, SortRole),
                                             sandboxData(b, m_sortColumn, SortRole));
        if (order == QPartialOrdering::Less)
            return m_sortOrder == Qt::AscendingOrder;
        if (order == QPartialOrdering::Greater)
            return m_sortOrder == Qt::DescendingOrder;
    }
    // Newest first: ids are ULIDs, so they sort by creation time. Also the tie-breaker, so the
    // order is total and the same after every poll.
    return a.id > b.id;
}

std::vector<std::unique_ptr<SandboxTreeModel::Node>>::iterator
SandboxTreeModel::insertPosition(Node *group, const Sandbox &sandbox)
{
    return std::lower_bound(group->children.begin(), group->children.end(), sandbox,
                            [this](const std::unique_ptr<Node> &node, const Sandbox &other) {
                                return sortsBefore(*m_sandboxes.constFind(node->key), other);
                            });
}

QList<SandboxTreeModel::Node *> SandboxTreeModel::leafGroups() const
{
    QList<Node *> groups;
    std::function<void(Node *)> visit = [&](Node *node) {
        if (node->children.empty() || node->children.front()->isLeaf) {
            groups.append(node);
            return;
        }
        for (const auto &child : node->children)
            visit(child.get());
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
        nodes.append(static_cast<const Node *>(index.internalPointer()));
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
    removeFiltered(leafGroups());
    QList<Sandbox> shown;
    for (auto it = m_sandboxes.cbegin(); it != m_sandboxes.cend(); ++it) {
        if (!m_leaves.contains(it.key()) && m_filter.accepts(*it))
            shown.append(*it);
    }
    insertLeaves(shown);
}

void SandboxTreeModel::removeFiltered(const QList<Node *> &groups)
{
    // From the bottom up, one removal per run of adjacent rows the filter no longer accepts.
    for (Node *group : groups) {
        int last = int(group->children.size()) - 1;
        while (last >= 0) {
            const auto accepted = [&](int row) {
                const Node *node = group->children[size_t(row)].get();
                return !node->isLeaf || m_filter.accepts(*m_sandboxes.constFind(node->key));
            };
            if (accepted(last)) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !accepted(first - 1))
                --first;
            beginRemoveRows(indexOf(group), first, last);
            for (int row = first; row <= last; ++row)
                m_leaves.remove(group->children[size_t(row)]->key);
            group->children.erase(group->children.begin() + first, group->children.begin() + last + 1);
            endRemoveRows();
            last = first - 1;
        }
    }
    // Counts first, then the groups left empty go (see moveLeaves).
    for (Node *group : groups)
        refreshGroupCounts(group);
    for (Node *group : groups)
        pruneIfEmpty(group);
}

void SandboxTreeModel::sort(int column, Qt::SortOrder order)
{
    if (column < -1 || column >= ColumnCount)
        column = -1;
    if (column == m_sortColumn && order == m_sortOrder)
        return;
    m_sortColumn = column;
    m_sortOrder = order;
    const QList<Node *> groups = leafGroups();
    changeLayout(groups, [&] {
        for (Node *group : groups) {
            std::stable_sort(group->children.begin(), group->children.end(),
                             [this](const std::unique_ptr<Node> &a, const std::unique_ptr<Node> &b) {
                                 return sortsBefore(*m_sandboxes.constFind(a->key),
                                                    *m_sandboxes.constFind(b->key));
                             });
        }
    });
}

void SandboxTreeModel::repositionLeaf(Node *leaf)
{
    // Only a sorted column can change a sandbox's place within its group (ids never change).
    if (m_sortColumn < 0)
        return;
    Node *group = leaf->parent;
    const int row = leaf->row();
    const Sandbox &sandbox = *m_sandboxes.constFind(leaf->key);
    const auto sandboxAt = [&](int at) -> const Sandbox & {
        return *m_sandboxes.constFind(group->children[size_t(at)]->key);
    };
    const bool afterPrevious = row == 0 || !sortsBefore(sandbox, sandboxAt(row - 1));
    const bool beforeNext
        = row + 1 >= int(group->children.size()) || !sortsBefore(sandboxAt(row + 1), sandbox);
    if (afterPrevious && beforeNext)
        return;
    std::unique_ptr<Node> moving = std::move(group->children[size_t(row)]);
    group->children.erase(group->children.begin() + row);
    const int target = int(insertPosition(group, sandbox) - group->children.begin());
    group->children.insert(group->children.begin() + row, std::move(moving)); // back, for the signal
    // beginMoveRows counts the destination before the move: below the row, it is one further.
    const int destination = target < row ? target : target + 1;
    beginMoveRows(indexOf(group), row, row, indexOf(group), destination);
    moving = std::move(group->children[size_t(row)]);
    group->children.erase(group->children.begin() + row);
    group->children.insert(group->children.begin() + target, std::move(moving));
    endMoveRows();
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
    store(sandbox);
    Node *group = ensureGroup(groupPath(sandbox));
    auto it = insertPosition(group, sandbox);
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

void SandboxTreeModel::removeLeaf(Node *leaf, bool forgetSandbox)
{
    const QString id = leaf->key;
    Node *group = leaf->parent;
    const int row = leaf->row();
    beginRemoveRows(indexOf(group), row, row);
    group->children.erase(group->children.begin() + row);
    m_leaves.remove(id);
    if (forgetSandbox)
        forget(id);
    endRemoveRows();
    refreshGroupCounts(group);
    pruneIfEmpty(group);
}

void SandboxTreeModel::moveLeaf(Node *leaf, const Sandbox &sandbox)
{
    // A real move (not remove and insert), so that selection and persistent indexes follow it.
    store(sandbox);
    Node *target = ensureGroup(groupPath(sandbox));
    Node *source = leaf->parent;
    const int sourceRow = leaf->row();
    const int targetRow = int(insertPosition(target, sandbox) - target->children.begin());
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
    const qsizetype knownBefore = m_sandboxes.size();
    // Every sandbox known before is in the list (ids are unique in a list): nothing is gone, and
    // the set of ids below (10,000 strings hashed on every poll) is not needed.
    if (applySandboxes(sandboxes) == knownBefore)
        return;
    QSet<QString> seen;
    seen.reserve(sandboxes.size());
    for (const auto &sandbox : sandboxes)
        seen.insert(sandbox.id);
    QStringList gone;
    for (auto it = m_sandboxes.cbegin(); it != m_sandboxes.cend(); ++it) {
        if (!seen.contains(it.key()))
            gone.append(it.key());
    }
    for (const auto &id : std::as_const(gone)) {
        if (Node *leaf = leafFor(id))
            removeLeaf(leaf);
        else
            forget(id);
    }
}

void SandboxTreeModel::mergeSandboxes(const QList<Sandbox> &sandboxes)
{
    applySandboxes(sandboxes);
}

qsizetype SandboxTreeModel::applySandboxes(const QList<Sandbox> &sandboxes)
{
    qsizetype known = 0;
    QList<Sandbox> inserts;
    QList<Sandbox> moves;
    QSet<Node *> losingRows; // groups with sandboxes the filter no longer accepts
    for (const auto &sandbox : sandboxes) {
        const auto previous = m_sandboxes.constFind(sandbox.id);
        if (previous != m_sandboxes.cend())
            ++known;
        if (previous != m_sandboxes.cend() && *previous == sandbox)
            continue; // the common case of a poll: nothing changed
        const bool accepted = m_filter.accepts(sandbox);
        Node *leaf = previous != m_sandboxes.cend() ? leafFor(sandbox.id) : nullptr;
        if (!leaf) {
            if (accepted)
                inserts.append(sandbox);
            else
                store(sandbox);
        } else if (!accepted) {
            store(sandbox);
            losingRows.insert(leaf->parent);
        } else if (groupPath(*previous) != groupPath(sandbox)) {
            moves.append(sandbox);
        } else {
            updateSandbox(sandbox);
        }
    }
    if (moves.size() == 1)
        moveLeaf(leafFor(moves.constFirst().id), moves.constFirst());
    else if (!moves.isEmpty())
        moveLeaves(moves);
    if (!losingRows.isEmpty())
        removeFiltered(losingRows.values());
    insertLeaves(inserts);
    return known;
}

void SandboxTreeModel::insertLeaves(QList<Sandbox> sandboxes)
{
    // New sandboxes go in as runs of adjacent rows, one insertion per run rather than per
    // sandbox: the first list of 10,000 becomes one insertion per group.
    QHash<Node *, QList<Sandbox>> byGroup;
    for (auto &sandbox : sandboxes) {
        Node *group = ensureGroup(groupPath(sandbox));
        store(sandbox);
        byGroup[group].append(std::move(sandbox));
    }
    const auto less = [this](const Sandbox &a, const Sandbox &b) {
        return sortsBefore(a, b);
    };
    for (auto it = byGroup.begin(); it != byGroup.end(); ++it) {
        Node *group = it.key();
        QList<Sandbox> &fresh = it.value();
        std::sort(fresh.begin(), fresh.end(), less);
        qsizetype first = 0;
        while (first < fresh.size()) {
            auto at = insertPosition(group, fresh.at(first));
            const int row = int(at - group->children.begin());
            // The run: every following new sandbox that sorts before the existing row at `at`.
            qsizetype last = first + 1;
            while (
                last < fresh.size()
                && (at == group->children.end() || less(fresh.at(last), *m_sandboxes.constFind((*at)->key))))
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
    // one move each: a view takes every move as a layout change of the groups involved, so 80
    // single moves among 10,000 rows cost a second.
    QList<Node *> targets;
    targets.reserve(moves.size());
    for (const auto &sandbox : moves)
        targets.append(ensureGroup(groupPath(sandbox))); // new groups are inserted before, as rows
    QSet<Node *> groupSet;
    for (qsizetype i = 0; i < moves.size(); ++i) {
        groupSet.insert(leafFor(moves.at(i).id)->parent);
        groupSet.insert(targets.at(i));
    }
    const QList<Node *> groups = groupSet.values();
    changeLayout(groups, [&] {
        // Out of their groups first, then in: each goes into a group already in order.
        std::vector<std::unique_ptr<Node>> moving;
        moving.reserve(size_t(moves.size()));
        for (const auto &sandbox : moves) {
            Node *leaf = leafFor(sandbox.id);
            Node *source = leaf->parent;
            auto from
                = std::find_if(source->children.begin(), source->children.end(),
                               [leaf](const std::unique_ptr<Node> &node) { return node.get() == leaf; });
            moving.push_back(std::move(*from));
            source->children.erase(from);
            store(sandbox);
        }
        for (qsizetype i = 0; i < moves.size(); ++i) {
            Node *target = targets.at(i);
            moving[size_t(i)]->parent = target;
            target->children.insert(insertPosition(target, moves.at(i)), std::move(moving[size_t(i)]));
        }
    });
    for (const auto &sandbox : moves) {
        const Node *leaf = leafFor(sandbox.id);
        Q_EMIT dataChanged(indexOf(leaf, 0), indexOf(leaf, ColumnCount - 1));
    }

    // Counts first, then the groups left empty go, from the bottom up. The groups in the set hold
    // sandboxes directly, so pruning one removes only ancestors that are not in the set.
    for (Node *group : groups)
        refreshGroupCounts(group);
    for (Node *group : groups)
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
    const bool accepted = m_filter.accepts(sandbox);
    Node *leaf = leafFor(sandbox.id);
    if (!leaf) {
        if (accepted)
            insertLeaf(sandbox);
        else
            store(sandbox);
        return;
    }
    const auto known = m_sandboxes.constFind(sandbox.id);
    if (*known == sandbox)
        return;
    if (!accepted) {
        store(sandbox);
        removeLeaf(leaf, false);
        return;
    }
    if (groupPath(*known) != groupPath(sandbox)) {
        moveLeaf(leaf, sandbox);
        return;
    }
    store(sandbox);
    repositionLeaf(leaf);
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
            if (!m_sandboxes.constFind(child->key)->expiresAt.isValid())
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
    return sandboxData(*m_sandboxes.constFind(node->key), index.column(), role);
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
        return SandboxFilter::searchText(sandbox);
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
