#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxcells.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxtreenode_p.h"
#include "ui/sandboxes/sandboxusage.h"

#include <QSet>

#include <algorithm>
#include <utility>
#include <vector>

// How SandboxTreeModel shows the recent CPU and memory use of its sandboxes: the usage columns'
// cells, and their changes as changed cells (and moved rows, while sorted by one of them).

namespace OrkestrUi {

using Orkestr::Sandbox;

namespace {
// What changes in a usage cell with a new sample.
const QList<int> UsageRoles {Qt::DisplayRole, Qt::ToolTipRole, SandboxTreeModel::SortRole,
                             SandboxTreeModel::UsageSeriesRole};
} // namespace

void SandboxTreeModel::setUsage(const SandboxUsage *usage)
{
    m_usage = usage;
    QStringList ids;
    ids.reserve(m_leaves.size());
    for (auto it = m_leaves.cbegin(); it != m_leaves.cend(); ++it)
        ids.append(it.key());
    usageChanged(ids);
}

QVariant SandboxTreeModel::cellData(const Sandbox &sandbox, int column, int role) const
{
    if (SandboxCells::isUsageColumn(column)) {
        const SandboxUsage::Trace *trace = m_usage ? m_usage->trace(sandbox.id) : nullptr;
        if (auto value = SandboxCells::usageData(sandbox, trace, column, role))
            return *value;
    }
    return SandboxCells::sandboxData(sandbox, column, role, m_clock);
}

void SandboxTreeModel::usageChanged(const QStringList &ids)
{
    if (!SandboxCells::isUsageColumn(m_sortColumn) && ids.size() >= m_leaves.size() / 2 && !ids.isEmpty()) {
        // A poll that changes most rows (every running sandbox) changes the usage cells of each
        // group whole: one signal per group, found without looking up thousands of rows. The
        // few rows that did not change (paused sandboxes) are only drawn again where shown.
        for (const Node *group : leafGroups()) {
            if (group->children.empty())
                continue;
            const QModelIndex parentIndex = indexOf(group);
            Q_EMIT dataChanged(index(0, CpuUsageColumn, parentIndex),
                               index(group->children.size() - 1, MemoryUsageColumn, parentIndex), UsageRoles);
        }
        return;
    }
    QList<Node *> leaves;
    leaves.reserve(ids.size());
    for (const auto &id : ids) {
        // A leaf whose sandbox left the store goes within this batch of removals: no cells to show.
        Node *leaf = m_leaves.value(id);
        if (leaf && m_store->find(id))
            leaves.append(leaf);
    }
    // Each leaf once, should a sandbox be named twice.
    std::sort(leaves.begin(), leaves.end());
    leaves.erase(std::unique(leaves.begin(), leaves.end()), leaves.end());
    if (SandboxCells::isUsageColumn(m_sortColumn))
        placeByUsage(leaves);
    emitUsageCellsChanged(leaves);
}

namespace {
// A leaf's place in the order of a usage column, looked up once: sorting a group of thousands
// then compares two numbers, not two sandboxes and their traces found by id on each comparison.
template<class Node> struct UsageKey
{
    bool valid = false; // a value to show (a running, sampled sandbox); the others sort last
    double value = 0;
    const Node *leaf = nullptr;
};
// A group whose changed leaves are at least this share of it is sorted whole (O(n log n) with
// cheap comparisons, so O(k log n) for its k changes); fewer are placed one by one.
constexpr int WholeGroupShare = 16;
} // namespace

void SandboxTreeModel::placeByUsage(const QList<Node *> &changed)
{
    using Key = UsageKey<Node>;
    const auto keyOf = [this](const Node *leaf) {
        const QVariant value = cellData(sandboxOf(leaf), m_sortColumn, SortRole);
        return Key {value.isValid(), value.isValid() ? value.toDouble() : 0.0, leaf};
    };
    // The order of sortsBefore(), from the keys.
    const auto before = [this](const Key &a, const Key &b) {
        if (a.valid != b.valid)
            return a.valid;
        if (a.value < b.value)
            return m_sortOrder == Qt::AscendingOrder;
        if (b.value < a.value)
            return m_sortOrder == Qt::DescendingOrder;
        return a.leaf->key > b.leaf->key;
    };
    QHash<Node *, QList<Node *>> byGroup;
    for (Node *leaf : changed)
        byGroup[leaf->parent].append(leaf);
    // The groups out of order: either their changed leaves are placed again one by one among the
    // others (still in order), or the group is sorted whole, in the order worked out here.
    QList<Node *> groups;
    QList<Node *> placed;
    std::vector<std::pair<Node *, std::vector<int>>> sorted; // a group, and its rows in their new order
    for (auto it = byGroup.cbegin(); it != byGroup.cend(); ++it) {
        Node *group = it.key();
        const QList<Node *> &leaves = it.value();
        if (leaves.size() * WholeGroupShare < group->children.size()) {
            // In order when each changed leaf still sorts between its neighbours.
            const QSet<const Node *> none;
            if (std::all_of(leaves.cbegin(), leaves.cend(),
                            [&](const Node *leaf) { return inOrder(leaf, none); }))
                continue;
            groups.append(group);
            placed.append(leaves);
            continue;
        }
        std::vector<Key> keys;
        keys.reserve(size_t(group->children.size()));
        group->children.forEach([&](const Node *leaf) { keys.push_back(keyOf(leaf)); });
        if (std::is_sorted(keys.cbegin(), keys.cend(), before))
            continue;
        std::vector<int> rows(keys.size());
        for (size_t i = 0; i < rows.size(); ++i)
            rows[i] = int(i);
        std::sort(rows.begin(), rows.end(),
                  [&](int a, int b) { return before(keys[size_t(a)], keys[size_t(b)]); });
        groups.append(group);
        sorted.emplace_back(group, std::move(rows));
    }
    if (groups.isEmpty())
        return;
    // One layout change for all of them: a view lays its rows out once, however many moved.
    changeLayout(groups, [&] {
        std::vector<std::unique_ptr<Node>> pulled;
        pulled.reserve(size_t(placed.size()));
        for (Node *leaf : std::as_const(placed))
            pulled.push_back(leaf->parent->children.take(leaf));
        for (auto &leaf : pulled) {
            Node *group = leaf->parent;
            const int row = insertPosition(group, sandboxOf(leaf.get()));
            group->children.insert(row, std::move(leaf));
        }
        for (auto &[group, rows] : sorted) {
            auto nodes = group->children.takeAll();
            std::vector<std::unique_ptr<Node>> ordered;
            ordered.reserve(nodes.size());
            for (const int row : rows)
                ordered.push_back(std::move(nodes[size_t(row)]));
            group->children.assign(std::move(ordered));
        }
    });
}

void SandboxTreeModel::emitUsageCellsChanged(const QList<Node *> &leaves)
{
    // Only the two usage cells change: one signal per run of adjacent rows, so that a poll that
    // changes every row of a group costs the view one update, not one per row.
    std::vector<std::pair<const Node *, int>> rows;
    rows.reserve(size_t(leaves.size()));
    for (const Node *leaf : leaves)
        rows.emplace_back(leaf->parent, leaf->row());
    std::sort(rows.begin(), rows.end());
    size_t first = 0;
    while (first < rows.size()) {
        size_t last = first;
        while (last + 1 < rows.size() && rows[last + 1].first == rows[first].first
               && rows[last + 1].second == rows[last].second + 1)
            ++last;
        const QModelIndex parentIndex = indexOf(rows[first].first);
        Q_EMIT dataChanged(index(rows[first].second, CpuUsageColumn, parentIndex),
                           index(rows[last].second, MemoryUsageColumn, parentIndex), UsageRoles);
        first = last + 1;
    }
}

} // namespace OrkestrUi
