#pragma once

#include <QSet>
#include <QSortFilterProxyModel>

namespace OrkestrUi {

// The search box and the facets over the grouped model: a sandbox is shown when it matches
// every word of the search (in its id, template or metadata "key=value") and every facet;
// a group is shown while it holds a shown sandbox.
class SandboxFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    enum class Facet { Region, Status, Template };

    explicit SandboxFilterModel(QObject *parent = nullptr);

    void setSearchText(const QString &text);
    // An empty set means "any".
    void setFacet(Facet facet, const QSet<QString> &allowed);
    QSet<QString> facet(Facet facet) const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    QStringList m_words;
    QSet<QString> m_regions;
    QSet<QString> m_statuses;
    QSet<QString> m_templates;
};

} // namespace OrkestrUi
