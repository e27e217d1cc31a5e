#pragma once

#include "core/sandbox.h"
#include "ui/sandboxes/sandboxfilter.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

namespace OrkestrSession {
class SandboxStore;
}

namespace OrkestrUi {

class SandboxUsage;
namespace SandboxTree {
template<class Node> class Children;
}

// A view over the session's SandboxStore: its sandboxes grouped by region, by status, or region
// then status, with counts in the group rows. The store's changes are applied row by row
// (inserts, removals, moves between groups, changed cells), never with a model reset, so
// selection, scroll position and expanded groups stay. Filtering and sorting happen here too, not
// in a QSortFilterProxyModel: a proxy over 10,000 rows re-sorted and re-filtered whole groups on
// every poll that moved a sandbox, which cost more than the rest of a refresh (measured in
// bench_dashboard). The tree holds only the sandboxes that pass the filter, in the order of the
// sorted column within each group. Siblings are kept in chunks that know their first row, so a
// node's row costs O(1), the node at a row O(log n), and a sandbox entering or leaving a group of
// 100,000 renumbers at most a chunk's worth: k changes cost O(k log n) here, whatever the group
// sizes. QTreeView still lays out all its rows again after rows are inserted, removed or moved
// (once per pass of the event loop): setHoldBack gathers a stream of changes into a few of those.
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
        CpuUsageColumn, // recent use (SandboxUsage); the two usage columns stay adjacent
        MemoryUsageColumn,
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
        UsageSeriesRole, // usage columns: const SparkSeries *, null unless running and sampled
        UsageScaleRole, // usage columns: the value a full cell stands for (the limit), 0 if unknown
    };

    explicit SandboxTreeModel(OrkestrSession::SandboxStore *store, QObject *parent = nullptr);
    ~SandboxTreeModel() override;

    OrkestrSession::SandboxStore *store() const { return m_store; }

    Grouping grouping() const { return m_grouping; }
    // Changing the grouping rebuilds the tree (a user action, not a live update).
    void setGrouping(Grouping grouping);
    // Region labels for group rows, e.g. "fsn1" -> "Falkenstein, DE" (the store's, by default).
    void setRegionLocations(const QHash<QString, QString> &locations);

    // Shows only the sandboxes the filter accepts; rows come and go one run at a time, so the
    // selection of what stays shown survives typing in the search box.
    void setFilter(const SandboxFilter &filter);
    const SandboxFilter &filter() const { return m_filter; }
    // Sorts the sandboxes within each group by a column (-1: newest first, the default). Groups
    // keep their own order (regions by name, statuses by what needs attention).
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }

    // Invalid for a sandbox that is filtered out.
    QModelIndex indexForId(const QString &id, int column = 0) const;
    // Every sandbox of the store, shown or filtered out.
    int sandboxCount() const;
    int shownCount() const { return int(m_leaves.size()); }
    // How many nodes were looked at to find the rows of indexes made so far: one per index, since
    // a node keeps its row (for a test that the cost does not grow with the siblings).
    qint64 rowLookupSteps() const { return m_rowLookupSteps; }

    // The recent CPU and memory use the usage columns show (none: they show no values).
    void setUsage(const SandboxUsage *usage);
    // The usage of these sandboxes changed: their two usage cells change, in runs of adjacent
    // rows (whole groups when most rows changed); sorted by a usage column, the rows that no
    // longer sort between their neighbours move first, in one layout change.
    void usageChanged(const QStringList &ids);

    // Holds back the store's changes that may move or add rows for up to `interval` while at
    // least `fromRows` rows are shown (by default never), so that a stream of changes reaches a
    // view as a few structural changes rather than one per change: a QTreeView lays out every
    // shown row again after each one and repaints. A change after a quiet interval goes in at
    // once. Removals are applied at once, and whatever needs the rows in order (filter, sort,
    // moves by usage) applies what is held back first.
    void setHoldBack(std::chrono::milliseconds interval, int fromRows = 0);
    // The interval in force now (0 below `fromRows`).
    std::chrono::milliseconds holdBack() const;
    bool hasHeldBackChanges() const { return !m_heldBack.isEmpty(); }
    // Applies the changes held back now (nothing when none are).
    void applyHeldBackChanges();

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

private:
    struct Node;
    using Children = SandboxTree::Children<Node>;
    const Orkestr::Sandbox &sandboxOf(const Node *leaf) const;
    QStringList groupPath(const Orkestr::Sandbox &sandbox) const;
    QStringList pathOf(const Node *leaf) const;
    // Whether sandbox `a` sorts before `b` within a group.
    bool sortsBefore(const Orkestr::Sandbox &a, const Orkestr::Sandbox &b) const;
    // The row where `sandbox` goes among the group's leaves, which are in order.
    int insertPosition(const Node *group, const Orkestr::Sandbox &sandbox) const;
    bool inOrder(const Node *leaf, const QSet<const Node *> &leaving) const;
    void repositionLeaf(Node *leaf);
    QList<Node *> leafGroups() const;
    // Removes, one run of adjacent rows at a time, the leaves of `groups` that `goes` picks.
    void removeLeaves(const QList<Node *> &groups, const std::function<bool(const Node *)> &goes);
    // Removes these leaves, found by their rows.
    void removeLeafNodes(const QList<Node *> &leaves);
    // Rows first..last of a group go: one removal, the leaves forgotten, the rest renumbered.
    void removeChildRows(Node *group, int first, int last);
    // Group counts refreshed, then the groups left empty removed.
    void refreshThenPrune(const QList<Node *> &groups);
    void changeLayout(const QList<Node *> &groups, const std::function<void()> &change);
    QModelIndex indexOf(const Node *node, int column = 0) const;
    // An index's id is its node's address with the low bit set for a sandbox (nodes are pointer
    // aligned), so that flags() and rowCount() of a sandbox need not read the node: a QTreeView
    // asks for the flags of every row at each relayout, and at 100,000 nodes spread over the heap
    // those reads missed the cache and were most of a relayout.
    QModelIndex makeIndex(int row, int column, const Node *node, bool leaf) const;
    static Node *nodeOf(const QModelIndex &index);
    static bool isLeafIndex(const QModelIndex &index) { return (index.internalId() & 1U) != 0; }
    Node *ensureGroup(const QStringList &path);
    void moveLeaf(Node *leaf);
    void moveLeaves(const QList<Node *> &leaves);
    void insertLeaves(const QStringList &ids);
    void pruneIfEmpty(Node *group);
    void refreshGroupCounts(Node *group);
    void rebuild();
    void onRemoved(const QStringList &ids);
    // Changed or added sandboxes from the store: applied, or held back (setHoldBack).
    void onStoreChanged(const QStringList &ids);
    // Applies changes of these sandboxes, and those held back, to the tree.
    void onChanged(const QStringList &ids);
    void emitRowChanged(const Node *leaf);
    void tickTimeLeft();
    // A sandbox's cell, with its usage for the usage columns.
    QVariant cellData(const Orkestr::Sandbox &sandbox, int column, int role) const;
    // Sorted by a usage column: the leaves whose usage changed go where they now sort.
    void placeByUsage(const QList<Node *> &changed);
    // The usage cells of these leaves changed: one signal per run of adjacent rows.
    void emitUsageCellsChanged(const QList<Node *> &leaves);

    OrkestrSession::SandboxStore *m_store;
    Grouping m_grouping = Grouping::RegionThenStatus;
    SandboxFilter m_filter;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    std::unique_ptr<Node> m_root;
    QHash<QString, Node *> m_leaves;
    QHash<QString, QString> m_regionLocations;
    std::function<QDateTime()> m_clock;
    QTimer m_countdown;
    mutable qint64 m_rowLookupSteps = 0;
    const SandboxUsage *m_usage = nullptr;
    std::chrono::milliseconds m_holdBack {0};
    int m_holdBackFromRows = 0;
    QSet<QString> m_heldBack; // ids of changed or added sandboxes not yet applied to the tree
    QTimer m_heldBackTimer;
    QElapsedTimer m_sinceApplied; // since changes were last applied
};

} // namespace OrkestrUi
