#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxtreenode_p.h"

#include <QSet>

#include <algorithm>

// How SandboxTreeModel follows its store: removed, changed and added sandboxes become row
// removals, moves, changed cells and insertions, in runs where they can.

namespace OrkestrUi {

using Orkestr::Sandbox;

void SandboxTreeModel::removeLeaves(const QList<Node *> &groups,
                                    const std::function<bool(const Node *)> &goes)
{
    // From the bottom up, one removal per run of adjacent rows that go.
    for (Node *group : groups) {
        int last = int(group->children.size()) - 1;
        while (last >= 0) {
            const auto stays = [&](int row) {
                const Node *node = group->children.at(row);
                return !node->isLeaf || !goes(node);
            };
            if (stays(last)) {
                --last;
                continue;
            }
            int first = last;
            while (first > 0 && !stays(first - 1))
                --first;
            removeChildRows(group, first, last);
            last = first - 1;
        }
    }
    refreshThenPrune(groups);
}

void SandboxTreeModel::refreshThenPrune(const QList<Node *> &groups)
{
    // Counts first, then the groups left empty go (see moveLeaves).
    for (Node *group : groups)
        refreshGroupCounts(group);
    for (Node *group : groups)
        pruneIfEmpty(group);
}

void SandboxTreeModel::removeChildRows(Node *group, int first, int last)
{
    beginRemoveRows(indexOf(group), first, last);
    for (const auto &leaf : group->children.take(first, last))
        m_leaves.remove(leaf->key);
    endRemoveRows();
}

void SandboxTreeModel::removeLeafNodes(const QList<Node *> &leaves)
{
    // Found by their rows, not by a look at every sibling: the cost follows the leaves that go.
    // From the bottom up within each group, one removal per run of adjacent rows.
    QHash<Node *, QList<int>> rowsByGroup;
    for (const Node *leaf : leaves)
        rowsByGroup[leaf->parent].append(leaf->row());
    QList<Node *> groups;
    for (auto it = rowsByGroup.begin(); it != rowsByGroup.end(); ++it) {
        Node *group = it.key();
        groups.append(group);
        QList<int> &rows = it.value();
        std::sort(rows.begin(), rows.end(), std::greater<>());
        qsizetype at = 0;
        while (at < rows.size()) {
            const int last = rows.at(at);
            int first = last;
            while (at + 1 < rows.size() && rows.at(at + 1) == first - 1)
                first = rows.at(++at);
            ++at;
            removeChildRows(group, first, last);
        }
    }
    refreshThenPrune(groups);
}

bool SandboxTreeModel::inOrder(const Node *leaf, const QSet<const Node *> &leaving) const
{
    // Whether the leaf still sorts between its neighbours, not counting those that leave the group.
    const Children &siblings = leaf->parent->children;
    const Sandbox &sandbox = sandboxOf(leaf);
    for (int at = leaf->row() - 1; at >= 0; --at) {
        const Node *previous = siblings.at(at);
        if (leaving.contains(previous))
            continue;
        if (sortsBefore(sandbox, sandboxOf(previous)))
            return false;
        break;
    }
    for (int at = leaf->row() + 1; at < siblings.size(); ++at) {
        const Node *next = siblings.at(at);
        if (leaving.contains(next))
            continue;
        return !sortsBefore(sandboxOf(next), sandbox);
    }
    return true;
}

void SandboxTreeModel::repositionLeaf(Node *leaf)
{
    Node *group = leaf->parent;
    const int row = leaf->row();
    const Sandbox &sandbox = sandboxOf(leaf);
    // Its place among the others, which are in order (out for the search, back for the signal).
    std::unique_ptr<Node> moving = group->children.take(leaf);
    const int target = insertPosition(group, sandbox);
    group->children.insert(row, std::move(moving));
    if (target == row)
        return;
    // beginMoveRows counts the destination before the move: below the row, it is one further.
    const int destination = target < row ? target : target + 1;
    beginMoveRows(indexOf(group), row, row, indexOf(group), destination);
    group->children.insert(target, group->children.take(leaf));
    endMoveRows();
}

void SandboxTreeModel::moveLeaf(Node *leaf)
{
    // A real move (not remove and insert), so that selection and persistent indexes follow it.
    const Sandbox &sandbox = sandboxOf(leaf);
    Node *target = ensureGroup(groupPath(sandbox));
    Node *source = leaf->parent;
    const int sourceRow = leaf->row();
    const int targetRow = insertPosition(target, sandbox);
    beginMoveRows(indexOf(source), sourceRow, sourceRow, indexOf(target), targetRow);
    std::unique_ptr<Node> moving = source->children.take(leaf);
    moving->parent = target;
    target->children.insert(targetRow, std::move(moving));
    endMoveRows();
    // Its cells changed too (the status, at least).
    emitRowChanged(leaf);
    refreshGroupCounts(target);
    refreshGroupCounts(source);
    pruneIfEmpty(source);
}

void SandboxTreeModel::refreshGroupCounts(Node *group)
{
    // A group holds either sandboxes (counted by its size) or groups (a few): the cost follows the
    // groups, not the sandboxes.
    for (Node *node = group; node && node != m_root.get(); node = node->parent) {
        int count = 0;
        if (!node->children.empty() && node->children.front()->isLeaf)
            count = node->children.size();
        else
            node->children.forEach([&](const Node *child) { count += child->leafCount; });
        if (count != node->leafCount) {
            node->leafCount = count;
            const auto index = indexOf(node, 0);
            Q_EMIT dataChanged(index, index, {Qt::DisplayRole, GroupCountRole});
        }
    }
}

void SandboxTreeModel::onRemoved(const QStringList &ids)
{
    if (m_store->count() == 0) {
        // Everything went (another server or token): nothing of the tree is worth keeping.
        m_heldBack.clear();
        m_heldBackTimer.stop();
        if (!m_root->children.empty()) {
            beginResetModel();
            m_root = std::make_unique<Node>();
            m_leaves.clear();
            endResetModel();
        }
        return;
    }
    QList<Node *> gone;
    for (const auto &id : ids) {
        if (Node *leaf = m_leaves.value(id))
            gone.append(leaf);
    }
    if (!gone.isEmpty())
        removeLeafNodes(gone);
}

std::chrono::milliseconds SandboxTreeModel::holdBack() const
{
    // A view's relayout costs with the rows it shows: with a few thousand, well under a millisecond.
    return shownCount() >= m_holdBackFromRows ? m_holdBack : std::chrono::milliseconds(0);
}

void SandboxTreeModel::setHoldBack(std::chrono::milliseconds interval, int fromRows)
{
    m_holdBack = interval;
    m_holdBackFromRows = fromRows;
    if (interval.count() <= 0)
        applyHeldBackChanges();
}

void SandboxTreeModel::applyHeldBackChanges()
{
    if (!m_heldBack.isEmpty())
        onChanged({});
}

void SandboxTreeModel::onStoreChanged(const QStringList &ids)
{
    // The first change after a quiet hold-back interval goes in at once, the next ones together
    // when the interval since it has passed.
    const qint64 wait = holdBack().count();
    const qint64 since = m_sinceApplied.isValid() ? m_sinceApplied.elapsed() : wait;
    if (wait <= 0 || (!m_heldBackTimer.isActive() && since >= wait)) {
        onChanged(ids);
        return;
    }
    for (const auto &id : ids)
        m_heldBack.insert(id);
    if (!m_heldBackTimer.isActive())
        m_heldBackTimer.start(int(std::clamp<qint64>(wait - since, 0, wait)));
}

void SandboxTreeModel::onChanged(const QStringList &ids)
{
    m_heldBackTimer.stop();
    m_sinceApplied.start();
    QStringList changed = ids;
    if (!m_heldBack.isEmpty()) {
        // With those held back, each once; the store's removals have taken their rows already.
        for (const auto &id : ids)
            m_heldBack.remove(id);
        for (const auto &id : std::as_const(m_heldBack)) {
            if (m_store->find(id))
                changed.append(id);
        }
        m_heldBack.clear();
    }
    QStringList inserts;
    QList<Node *> moves;
    QList<Node *> stayers; // changed, and still in their group
    QList<Node *> hidden; // the filter no longer accepts them
    for (const auto &id : std::as_const(changed)) {
        const Sandbox &sandbox = *m_store->find(id);
        const bool accepted = m_filter.accepts(sandbox);
        Node *leaf = m_leaves.value(id);
        if (!leaf) {
            if (accepted)
                inserts.append(id);
        } else if (!accepted) {
            hidden.append(leaf);
        } else if (pathOf(leaf) != groupPath(sandbox)) {
            moves.append(leaf);
        } else {
            stayers.append(leaf);
        }
    }
    if (!hidden.isEmpty())
        removeLeafNodes(hidden);
    if (m_sortColumn >= 0 && !stayers.isEmpty()) {
        // A changed sandbox may now sort elsewhere in its group. When every changed one still sits
        // between its neighbours, the group is in order; otherwise all of that group's changed
        // ones are placed again, among the unchanged ones, which are still in order.
        const QSet<const Node *> leaving(moves.cbegin(), moves.cend());
        QSet<const Node *> unordered;
        for (const Node *leaf : std::as_const(stayers)) {
            if (!inOrder(leaf, leaving))
                unordered.insert(leaf->parent);
        }
        if (!unordered.isEmpty()) {
            QList<Node *> staying;
            for (Node *leaf : std::as_const(stayers))
                (unordered.contains(leaf->parent) ? moves : staying).append(leaf);
            stayers = staying;
        }
    }
    for (const Node *leaf : std::as_const(stayers))
        emitRowChanged(leaf);
    if (moves.size() == 1 && pathOf(moves.constFirst()) == groupPath(sandboxOf(moves.constFirst()))) {
        repositionLeaf(moves.constFirst());
        emitRowChanged(moves.constFirst());
    } else if (moves.size() == 1) {
        moveLeaf(moves.constFirst());
    } else if (!moves.isEmpty()) {
        moveLeaves(moves);
    }
    insertLeaves(inserts);
}

void SandboxTreeModel::emitRowChanged(const Node *leaf)
{
    Q_EMIT dataChanged(indexOf(leaf, 0), indexOf(leaf, ColumnCount - 1));
}

void SandboxTreeModel::insertLeaves(const QStringList &ids)
{
    // New sandboxes go in as runs of adjacent rows, one insertion per run rather than per
    // sandbox: the first list of 10,000 becomes one insertion per group.
    QHash<Node *, QList<const Sandbox *>> byGroup;
    for (const auto &id : ids) {
        const Sandbox *sandbox = m_store->find(id);
        byGroup[ensureGroup(groupPath(*sandbox))].append(sandbox);
    }
    const auto less = [this](const Sandbox *a, const Sandbox *b) {
        return sortsBefore(*a, *b);
    };
    for (auto it = byGroup.begin(); it != byGroup.end(); ++it) {
        Node *group = it.key();
        QList<const Sandbox *> &fresh = it.value();
        std::sort(fresh.begin(), fresh.end(), less);
        qsizetype first = 0;
        while (first < fresh.size()) {
            const int row = insertPosition(group, *fresh.at(first));
            // The run: every following new sandbox that sorts before the existing one at `row`.
            const Sandbox *next
                = row < group->children.size() ? &sandboxOf(group->children.at(row)) : nullptr;
            qsizetype last = first + 1;
            while (last < fresh.size() && (!next || sortsBefore(*fresh.at(last), *next)))
                ++last;
            beginInsertRows(indexOf(group), row, row + int(last - first) - 1);
            std::vector<std::unique_ptr<Node>> run;
            run.reserve(size_t(last - first));
            for (qsizetype i = first; i < last; ++i) {
                auto leaf = std::make_unique<Node>();
                leaf->parent = group;
                leaf->key = fresh.at(i)->id;
                leaf->isLeaf = true;
                m_leaves.insert(leaf->key, leaf.get());
                run.push_back(std::move(leaf));
            }
            group->children.insert(row, std::move(run));
            endInsertRows();
            first = last;
        }
        refreshGroupCounts(group);
    }
}

void SandboxTreeModel::moveLeaves(const QList<Node *> &leaves)
{
    // Many sandboxes changing place in one poll (a bulk pause, say) move in one layout change,
    // not one move each: a view takes every move as a layout change of the groups involved, so 80
    // single moves among 10,000 rows cost a second.
    QList<Node *> targets;
    targets.reserve(leaves.size());
    for (const Node *leaf : leaves)
        targets.append(ensureGroup(groupPath(sandboxOf(leaf)))); // new groups are inserted before, as rows
    QSet<Node *> groupSet;
    for (qsizetype i = 0; i < leaves.size(); ++i) {
        groupSet.insert(leaves.at(i)->parent);
        groupSet.insert(targets.at(i));
    }
    const QList<Node *> groups = groupSet.values();
    changeLayout(groups, [&] {
        // Out of their groups first (the rest keeps its order), then in: each goes into a group
        // already in order. Each costs O(log n) plus a chunk, not the size of its group.
        std::vector<std::unique_ptr<Node>> pulled;
        pulled.reserve(size_t(leaves.size()));
        for (Node *leaf : leaves)
            pulled.push_back(leaf->parent->children.take(leaf));
        for (qsizetype i = 0; i < leaves.size(); ++i) {
            Node *target = targets.at(i);
            auto &leaf = pulled[size_t(i)];
            const Sandbox &sandbox = sandboxOf(leaf.get());
            leaf->parent = target;
            target->children.insert(insertPosition(target, sandbox), std::move(leaf));
        }
    });
    for (const Node *leaf : leaves)
        emitRowChanged(leaf);

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
        parentGroup->children.take(groupRow, groupRow);
        endRemoveRows();
        group = parentGroup;
    }
}

} // namespace OrkestrUi
