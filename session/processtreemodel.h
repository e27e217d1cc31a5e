#pragma once

#include "core/process.h"

#include <QAbstractItemModel>
#include <QList>
#include <QPointer>

#include <memory>
#include <unordered_map>

namespace OrkestrSession {

class ProcessesStore;

// A sandbox's processes as a tree by parent: a process is under its ppid when that is listed, at
// the top otherwise (an exec's shell, an orphan). parent() and row() are constant-time (each node
// keeps its parent and its row). A new list updates the tree in place by pid: rows of processes
// that stayed change only their data (dataChanged), ended ones are removed and new ones inserted,
// never with a reset, so a view keeps its selection and expansion across refreshes. A process
// whose parent changed (its parent ended) moves with its subtree: removed, then inserted anew.
// Sorting is a proxy's job (SortRole gives the raw values).
class ProcessTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column {
        PidColumn,
        CommandColumn,
        StateColumn,
        CpuColumn,
        MemoryColumn,
        StartedColumn,
        ExecColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        SortRole = Qt::UserRole + 1, // the column's raw value: qint64, QString, double or QDateTime
        PidRole, // qint64, any column
        ExecIdRole, // QString, empty when unknown; any column
        CommandRole, // QString, any column
    };
    Q_ENUM(Role)

    explicit ProcessTreeModel(QObject *parent = nullptr);
    // Follows the store: each list it gets is applied in place.
    explicit ProcessTreeModel(ProcessesStore *store, QObject *parent = nullptr);
    ~ProcessTreeModel() override;

    void setProcesses(const QList<Orkestr::ProcessInfo> &processes);

    // The process of a row (any column); nullptr for an invalid index.
    const Orkestr::ProcessInfo *processAt(const QModelIndex &index) const;
    QModelIndex indexOfPid(qint64 pid, int column = 0) const;
    int processCount() const { return int(m_nodes.size()); }

    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    // The tree's shape, each call constant-time.
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;

    // "Running", "Sleeping", ... for the letter of /proc/<pid>/stat; the letter itself when unknown.
    static QString stateName(const QString &state);

private:
    struct Node
    {
        Orkestr::ProcessInfo info;
        Node *parent = nullptr;
        int row = 0;
        QList<Node *> children;
    };

    Node *nodeOf(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node, int column = 0) const;
    void removeStale(Node *parent, const QHash<qint64, qint64> &parentOf);
    void forget(Node *node);
    void updateChanged(const QHash<qint64, const Orkestr::ProcessInfo *> &byPid);
    void insertNew(const QList<Orkestr::ProcessInfo> &processes, const QHash<qint64, qint64> &parentOf);
    static void renumber(Node *parent, qsizetype from);
    QVariant display(const Orkestr::ProcessInfo &process, int column) const;
    static QVariant sortValue(const Orkestr::ProcessInfo &process, int column);

    Node m_root;
    std::unordered_map<qint64, std::unique_ptr<Node>> m_nodes;
};

} // namespace OrkestrSession
