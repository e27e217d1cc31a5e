#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxcells.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxtreenode_p.h"
#include "ui/sandboxes/sandboxusage.h"

#include <algorithm>
#include <utility>
#include <vector>

// How SandboxTreeModel shows the recent CPU and memory use of its sandboxes: the usage columns'
// cells, and their changes as changed cells (or moved rows, while sorted by one of them).

namespace OrkestrUi {

using Orkestr::Sandbox;

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
    if (SandboxCells::isUsageColumn(m_sortColumn)) {
        // The rows may sort elsewhere now: placed again as any changed sandbox is.
        QStringList shown;
        shown.reserve(ids.size());
        for (const auto &id : ids) {
            if (m_leaves.contains(id) && m_store->find(id))
                shown.append(id);
        }
        if (!shown.isEmpty())
            onChanged(shown);
        return;
    }
    // Only the two usage cells change: one signal per run of adjacent rows, so that a poll that
    // changes every row of a group costs the view one update, not one per row.
    std::vector<std::pair<const Node *, int>> rows;
    rows.reserve(size_t(ids.size()));
    for (const auto &id : ids) {
        if (const Node *leaf = m_leaves.value(id))
            rows.emplace_back(leaf->parent, leaf->row());
    }
    std::sort(rows.begin(), rows.end());
    size_t first = 0;
    while (first < rows.size()) {
        size_t last = first;
        while (last + 1 < rows.size() && rows[last + 1].first == rows[first].first
               && rows[last + 1].second == rows[last].second + 1)
            ++last;
        const QModelIndex parentIndex = indexOf(rows[first].first);
        Q_EMIT dataChanged(index(rows[first].second, CpuUsageColumn, parentIndex),
                           index(rows[last].second, MemoryUsageColumn, parentIndex),
                           {Qt::DisplayRole, Qt::ToolTipRole, SortRole, UsageSeriesRole});
        first = last + 1;
    }
}

} // namespace OrkestrUi
