#include "ui/sandboxes/sandboxfiltermodel.h"

#include "core/sandbox.h"
#include "ui/sandboxes/sandboxtreemodel.h"

namespace OrkestrUi {

SandboxFilterModel::SandboxFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setRecursiveFilteringEnabled(true);
    setSortRole(SandboxTreeModel::SortRole);
    setDynamicSortFilter(true);
}

void SandboxFilterModel::setSearchText(const QString &text)
{
    m_words = text.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateRowsFilter();
}

void SandboxFilterModel::setFacet(Facet facet, const QSet<QString> &allowed)
{
    switch (facet) {
    case Facet::Region:
        m_regions = allowed;
        break;
    case Facet::Status:
        m_statuses = allowed;
        break;
    case Facet::Template:
        m_templates = allowed;
        break;
    }
    invalidateRowsFilter();
}

QSet<QString> SandboxFilterModel::facet(Facet facet) const
{
    switch (facet) {
    case Facet::Region:
        return m_regions;
    case Facet::Status:
        return m_statuses;
    case Facet::Template:
        return m_templates;
    }
    return {};
}

bool SandboxFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const auto index = sourceModel()->index(sourceRow, 0, sourceParent);
    // Groups are shown through their children (recursive filtering).
    if (index.data(SandboxTreeModel::IsGroupRole).toBool())
        return false;
    // No search and no facet: every sandbox, without building its search text (a poll that moves
    // sandboxes between groups makes the proxy filter the whole of each group involved again).
    if (m_words.isEmpty() && m_regions.isEmpty() && m_templates.isEmpty() && m_statuses.isEmpty())
        return true;
    const QString searchText = index.data(SandboxTreeModel::SearchTextRole).toString();
    for (const auto &word : m_words) {
        if (!searchText.contains(word, Qt::CaseInsensitive))
            return false;
    }
    if (!m_regions.isEmpty() && !m_regions.contains(index.data(SandboxTreeModel::RegionRole).toString()))
        return false;
    if (!m_templates.isEmpty()
        && !m_templates.contains(index.data(SandboxTreeModel::TemplateRole).toString()))
        return false;
    if (!m_statuses.isEmpty()) {
        const auto status = Orkestr::Sandbox::Status(index.data(SandboxTreeModel::StatusRole).toInt());
        if (!m_statuses.contains(Orkestr::Sandbox::statusToString(status)))
            return false;
    }
    return true;
}

} // namespace OrkestrUi
