#pragma once

#include "core/sandbox.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <vector>

namespace OrkestrUi {

// What the list shows: a sandbox matches when it contains every word of the search (in its id,
// template or metadata "key=value", case-insensitive) and its region, status and template are
// each in their facet (an empty facet means any).
struct SandboxFilter
{
    QStringList words;
    QSet<QString> regions;
    QSet<QString> statuses;
    QSet<QString> templates;

    bool isEmpty() const
    {
        return words.isEmpty() && regions.isEmpty() && statuses.isEmpty() && templates.isEmpty();
    }
    bool accepts(const Orkestr::Sandbox &sandbox) const;
    static QString searchText(const Orkestr::Sandbox &sandbox);
    friend bool operator==(const SandboxFilter &, const SandboxFilter &) = default;
};

// The sandboxes, grouped by region, by status, or region then status, with counts in the group
// rows. New data is applied row by row (inserts, removals, moves between groups, changed
// cells), never with a model reset, so selection, scroll position and expanded groups stay.
// Filtering and sorting happen here too, not in a QSortFilterProxyModel: a proxy over 10,000
// rows re-sorted and re-filtered whole groups on every poll that moved a sandbox, which cost
// more than the rest of a refresh (measured in bench_dashboard). The tree holds only the
// sandboxes that pass the filter, in the order of the sorted column within each group.
class SandboxTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum class Grouping { None, Region, Status, RegionThenStatus };
    Q_ENUM(Grouping)

    enum Column {
        IdColumn,
        StatusColumn,
        TemplateColumn,
        RegionColumn,
        CpuColumn,
        MemoryColumn,
        NetworkColumn,
        CreatedColumn,
        TimeLeftColumn,
        MetadataColumn,
        ColumnCount
    };

    enum Role {
        SandboxIdRole = Qt::UserRole + 1, // empty on group rows
        IsGroupRole,
        GroupCountRole,
        StatusRole, // Sandbox::Status as int
        SearchTextRole, // id, template and metadata as "key=value", for the search box
        RegionRole,
        TemplateRole,
        SortRole,
    };

    explicit SandboxTreeModel(QObject *parent = nullptr);
    ~SandboxTreeModel() override;

    Grouping grouping() const { return m_grouping; }
    // Changing the grouping rebuilds the tree (a user action, not a live update).
    void setGrouping(Grouping grouping);
    // Region labels for group rows, e.g. "fsn1" -> "Falkenstein, DE".
    void setRegionLocations(const QHash<QString, QString> &locations);

    // Applies a complete list: what is new is inserted, what is gone removed, what changed updated.
    void setSandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    // Applies part of a list (the first page, shown before the rest arrives): inserts and updates,
    // removes nothing.
    void mergeSandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    // Applies one sandbox (after an action's answer) without waiting for the next poll.
    void updateSandbox(const Orkestr::Sandbox &sandbox);
    // Shows only the sandboxes the filter accepts; rows come and go one run at a time, so the
    // selection of what stays shown survives typing in the search box.
    void setFilter(const SandboxFilter &filter);
    const SandboxFilter &filter() const { return m_filter; }
    // Sorts the sandboxes within each group by a column (-1: newest first, the default). Groups
    // keep their own order (regions by name, statuses by what needs attention).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // How many sandboxes (shown or filtered out) have each region, status and template.
    enum class Facet { Region, Status, Template };
    const QHash<QString, int> &facetCounts(Facet facet) const { return m_facetCounts[int(facet)]; }

    // Every sandbox known, shown or filtered out.
    std::optional<Orkestr::Sandbox> sandbox(const QString &id) const;
    QList<Orkestr::Sandbox> sandboxes() const;
    // Invalid for a sandbox that is filtered out.
    QModelIndex indexForId(const QString &id, int column = 0) const;
    int sandboxCount() const { return int(m_sandboxes.size()); }
    int shownCount() const { return int(m_leaves.size()); }

    // For tests: the time used for "time left", normally the clock.
    void setClock(std::function<QDateTime()> clock) { m_clock = std::move(clock); }
    static QString formatTimeLeft(qint64 seconds);
    static QString statusLabel(Orkestr::Sandbox::Status status);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    // The facet counts changed (once per burst of changes, from the event loop).
    void facetCountsChanged();

private:
    struct Node;
    void store(const Orkestr::Sandbox &sandbox);
    void forget(const QString &id);
    void countFacets(const Orkestr::Sandbox &sandbox, int delta);
    QStringList groupPath(const Orkestr::Sandbox &sandbox) const;
    Node *leafFor(const QString &id) const;
    // Whether sandbox `a` sorts before `b` within a group.
    bool sortsBefore(const Orkestr::Sandbox &a, const Orkestr::Sandbox &b) const;
    std::vector<std::unique_ptr<Node>>::iterator insertPosition(Node *group, const Orkestr::Sandbox &sandbox);
    void repositionLeaf(Node *leaf);
    QList<Node *> leafGroups() const;
    void removeFiltered(const QList<Node *> &groups);
    void changeLayout(const QList<Node *> &groups, const std::function<void()> &change);
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *ensureGroup(const QStringList &path);
    void insertLeaf(const Orkestr::Sandbox &sandbox);
    void removeLeaf(Node *leaf, bool forgetSandbox = true);
    void moveLeaf(Node *leaf, const Orkestr::Sandbox &sandbox);
    void moveLeaves(const QList<Orkestr::Sandbox> &moves);
    void insertLeaves(QList<Orkestr::Sandbox> sandboxes);
    // Returns how many of the sandboxes were known before.
    qsizetype applySandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    void pruneIfEmpty(Node *group);
    void refreshGroupCounts(Node *group);
    QVariant groupData(const Node *node, int column, int role) const;
    QVariant sandboxData(const Orkestr::Sandbox &sandbox, int column, int role) const;
    void tickTimeLeft();

    Grouping m_grouping = Grouping::RegionThenStatus;
    SandboxFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::unique_ptr<Node> m_root;
    QHash<QString, Orkestr::Sandbox> m_sandboxes;
    QHash<QString, Node *> m_leaves;
    QHash<QString, int> m_facetCounts[3];
    bool m_facetCountsChanged = false;
    bool m_facetSignalPending = false;
    QHash<QString, QString> m_regionLocations;
    std::function<QDateTime()> m_clock;
    QTimer m_countdown;
};

} // namespace OrkestrUi
