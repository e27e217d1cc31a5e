#pragma once

#include "core/sandbox.h"

#include <QAbstractItemModel>
#include <QDateTime>
#include <QHash>
#include <QTimer>

#include <memory>
#include <vector>

namespace OrkestrUi {

// The sandboxes, grouped by region, by status, or region then status, with counts in the group
// rows. New data is applied row by row (inserts, removals, moves between groups, changed
// cells), never with a model reset, so selection, scroll position and expanded groups stay.
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
    std::optional<Orkestr::Sandbox> sandbox(const QString &id) const;
    QList<Orkestr::Sandbox> sandboxes() const;
    QModelIndex indexForId(const QString &id, int column = 0) const;
    int sandboxCount() const { return int(m_sandboxes.size()); }

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
    QStringList groupPath(const Orkestr::Sandbox &sandbox) const;
    Node *leafFor(const QString &id) const;
    QModelIndex indexOf(const Node *node, int column = 0) const;
    Node *ensureGroup(const QStringList &path);
    void insertLeaf(const Orkestr::Sandbox &sandbox);
    void removeLeaf(Node *leaf);
    void moveLeaf(Node *leaf, const Orkestr::Sandbox &sandbox);
    void moveLeaves(const QList<Orkestr::Sandbox> &moves);
    void insertLeaves(QList<Orkestr::Sandbox> sandboxes);
    QSet<QString> applySandboxes(const QList<Orkestr::Sandbox> &sandboxes);
    void pruneIfEmpty(Node *group);
    void refreshGroupCounts(Node *group);
    QVariant groupData(const Node *node, int column, int role) const;
    QVariant sandboxData(const Orkestr::Sandbox &sandbox, int column, int role) const;
    void tickTimeLeft();

    Grouping m_grouping = Grouping::RegionThenStatus;
    std::unique_ptr<Node> m_root;
    QHash<QString, Orkestr::Sandbox> m_sandboxes;
    QHash<QString, Node *> m_leaves;
    QHash<QString, QString> m_regionLocations;
    std::function<QDateTime()> m_clock;
    QTimer m_countdown;
};

} // namespace OrkestrUi
