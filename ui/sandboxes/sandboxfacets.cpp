#include "ui/sandboxes/sandboxfacets.h"

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QMap>

namespace OrkestrUi {

using Facet = OrkestrSession::SandboxStore::Facet;

namespace {
enum FacetGroup { RegionFacets, StatusFacets, TemplateFacets };
}

SandboxFacets::SandboxFacets(OrkestrSession::SandboxStore *store, QWidget *parent)
    : QTreeWidget(parent)
    , m_store(store)
{
    setObjectName(QStringLiteral("facets"));
    setHeaderHidden(true);
    setRootIsDecorated(false);
    for (const auto &title : {tr("Regions"), tr("Statuses"), tr("Templates")}) {
        auto *group = new QTreeWidgetItem(this, {title});
        QFont bold = group->font(0);
        bold.setBold(true);
        group->setFont(0, bold);
        group->setFlags(Qt::ItemIsEnabled);
    }
    expandAll();
    connect(this, &QTreeWidget::itemChanged, this, &SandboxFacets::onItemChanged);
}

void SandboxFacets::showCounts(const SandboxFilter &filter)
{
    const auto sorted = [this](Facet facet) {
        const auto &counts = m_store->facetCounts(facet);
        QMap<QString, int> byName;
        for (auto it = counts.cbegin(); it != counts.cend(); ++it)
            byName.insert(it.key(), it.value());
        return byName;
    };
    m_filling = true;
    const auto fill
        = [this](int group, const QMap<QString, int> &counts, const QSet<QString> &checked, auto label) {
              auto *parent = topLevelItem(group);
              // Values that are selected but have no sandbox now stay, with a count of zero.
              QMap<QString, int> all = counts;
              for (const auto &value : checked)
                  all.insert(value, counts.value(value));
              while (parent->childCount() > all.size())
                  delete parent->takeChild(parent->childCount() - 1);
              int row = 0;
              for (auto it = all.cbegin(); it != all.cend(); ++it, ++row) {
                  QTreeWidgetItem *item
                      = row < parent->childCount() ? parent->child(row) : new QTreeWidgetItem(parent);
                  // Only what differs is set: each change repaints, and the counts follow every
                  // batch of a live list.
                  const auto flags = Qt::ItemIsEnabled | Qt::ItemIsUserCheckable;
                  if (item->flags() != flags)
                      item->setFlags(flags);
                  if (item->data(0, Qt::UserRole).toString() != it.key())
                      item->setData(0, Qt::UserRole, it.key());
                  const QString text = tr("%1 (%2)").arg(label(it.key())).arg(it.value());
                  if (item->text(0) != text)
                      item->setText(0, text);
                  const auto state = checked.contains(it.key()) ? Qt::Checked : Qt::Unchecked;
                  if (item->data(0, Qt::CheckStateRole).isNull() || item->checkState(0) != state)
                      item->setCheckState(0, state);
              }
          };
    fill(RegionFacets, sorted(Facet::Region), filter.regions, [](const QString &v) { return v; });
    fill(StatusFacets, sorted(Facet::Status), filter.statuses, [](const QString &v) {
        return SandboxTreeModel::statusLabel(Orkestr::Sandbox::statusFromString(v));
    });
    fill(TemplateFacets, sorted(Facet::Template), filter.templates, [](const QString &v) { return v; });
    m_filling = false;
}

void SandboxFacets::onItemChanged(QTreeWidgetItem *item)
{
    if (m_filling || !item->parent())
        return;
    const int group = indexOfTopLevelItem(item->parent());
    QSet<QString> allowed;
    for (int i = 0; i < item->parent()->childCount(); ++i) {
        const auto *child = item->parent()->child(i);
        if (child->checkState(0) == Qt::Checked)
            allowed.insert(child->data(0, Qt::UserRole).toString());
    }
    Q_EMIT facetChanged(group == RegionFacets       ? Facet::Region
                            : group == StatusFacets ? Facet::Status
                                                    : Facet::Template,
                        allowed);
}

} // namespace OrkestrUi
