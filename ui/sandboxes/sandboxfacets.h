#pragma once

#include "session/sandboxstore.h"
#include "ui/sandboxes/sandboxfilter.h"

#include <QTreeWidget>

namespace OrkestrUi {

// The facet list beside the sandboxes: every region, status and template with its count (from the
// store), each checkable. Checking values asks for a filter; the page applies it.
class SandboxFacets : public QTreeWidget
{
    Q_OBJECT
public:
    explicit SandboxFacets(OrkestrSession::SandboxStore *store, QWidget *parent = nullptr);

    // Shows the store's counts, with the values the filter selects checked.
    void showCounts(const SandboxFilter &filter);

Q_SIGNALS:
    // The checked values of one facet changed (none checked: any value).
    void facetChanged(OrkestrSession::SandboxStore::Facet facet, const QSet<QString> &allowed);

private:
    void onItemChanged(QTreeWidgetItem *item);

    OrkestrSession::SandboxStore *m_store;
    bool m_filling = false;
};

} // namespace OrkestrUi
