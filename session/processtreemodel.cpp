#include "session/processtreemodel.h"

#include "session/processesstore.h"

#include <QLocale>
#include <QSet>

#include <algorithm>
#include <iterator>
#include <utility>

namespace OrkestrSession {

using namespace Qt::StringLiterals;
using Orkestr::ProcessInfo;

namespace {
constexpr qint64 RootPid = 0;

// Each listed process's parent in the tree: its ppid when that is listed, else the top. A cycle
// of ppids (which /proc cannot show, a broken server could) is cut at the process that closes it.
QHash<qint64, qint64> treeParents(const QHash<qint64, const ProcessInfo *> &byPid)
{
    QHash<qint64, qint64> parentOf;
    parentOf.reserve(byPid.size());
    for (auto it = byPid.cbegin(); it != byPid.cend(); ++it) {
        const qint64 ppid = it.value()->ppid;
        parentOf.insert(it.key(), ppid != it.key() && byPid.contains(ppid) ? ppid : RootPid);
    }
    enum Mark : char { Unknown, Visiting, Reaches };
    QHash<qint64, Mark> marks;
    QList<qint64> path;
    const QList<qint64> pids = parentOf.keys();
    for (const qint64 start : pids) {
        path.clear();
        qint64 pid = start;
        while (pid != RootPid && marks.value(pid) == Unknown) {
            marks.insert(pid, Visiting);
            path.append(pid);
            pid = parentOf.value(pid);
        }
        if (pid != RootPid && marks.value(pid) == Visiting)
            parentOf.insert(path.last(), RootPid); // the last step led back into the path
        for (const qint64 visited : std::as_const(path))
            marks.insert(visited, Reaches);
    }
    return parentOf;
}
} // namespace

ProcessTreeModel::ProcessTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{
}

ProcessTreeModel::ProcessTreeModel(ProcessesStore *store, QObject *parent)
    : ProcessTreeModel(parent)
{
    if (!store)
        return;
    connect(store, &ProcessesStore::processesChanged, this,
            [this, store] { setProcesses(store->processes()); });
    setProcesses(store->processes());
}

ProcessTreeModel::~ProcessTreeModel() = default;

void ProcessTreeModel::setProcesses(const QList<ProcessInfo> &processes)
{
    QHash<qint64, const ProcessInfo *> byPid;
    byPid.reserve(processes.size());
    for (const auto &process : processes) {
        if (process.pid > 0 && !byPid.contains(process.pid))
            byPid.insert(process.pid, &process);
    }
    const QHash<qint64, qint64> parentOf = treeParents(byPid);
    removeStale(&m_root, parentOf);
    updateChanged(byPid);
    insertNew(processes, parentOf);
}

// Removes, below `parent`, every process that ended or whose tree parent changed, with its subtree.
void ProcessTreeModel::removeStale(Node *parent, const QHash<qint64, qint64> &parentOf)
{
    const qint64 parentPid = parent == &m_root ? RootPid : parent->info.pid;
    const auto stale = [&](const Node *child) {
        const auto it = parentOf.constFind(child->info.pid);
        return it == parentOf.cend() || it.value() != parentPid;
    };
    // Runs of stale rows, from the last, each in one removal.
    qsizetype last = parent->children.size() - 1;
    while (last >= 0) {
        if (!stale(parent->children.at(last))) {
            --last;
            continue;
        }
        qsizetype first = last;
        while (first > 0 && stale(parent->children.at(first - 1)))
            --first;
        beginRemoveRows(indexOfNode(parent), int(first), int(last));
        for (qsizetype row = first; row <= last; ++row)
            forget(parent->children.at(row));
        parent->children.remove(first, last - first + 1);
        renumber(parent, first);
        endRemoveRows();
        last = first - 1;
    }
    for (Node *child : std::as_const(parent->children))
        removeStale(child, parentOf);
}

// Drops a node and its subtree from the index (the rows are already being removed).
void ProcessTreeModel::forget(Node *node)
{
    for (Node *child : std::as_const(node->children))
        forget(child);
    const qint64 pid = node->info.pid; // the key must outlive the node erase() destroys
    m_nodes.erase(pid);
}

void ProcessTreeModel::updateChanged(const QHash<qint64, const ProcessInfo *> &byPid)
{
    for (auto &[pid, node] : m_nodes) {
        const ProcessInfo *fresh = byPid.value(pid);
        if (!fresh || node->info == *fresh)
            continue;
        node->info = *fresh;
        Q_EMIT dataChanged(indexOfNode(node.get(), 0), indexOfNode(node.get(), ColumnCount - 1));
    }
}

void ProcessTreeModel::insertNew(const QList<ProcessInfo> &processes, const QHash<qint64, qint64> &parentOf)
{
    // New processes by pid, so that each parent's new children come in pid order.
    QList<const ProcessInfo *> fresh;
    for (const auto &process : processes) {
        if (parentOf.contains(process.pid) && m_nodes.find(process.pid) == m_nodes.end())
            fresh.append(&process);
    }
    std::stable_sort(fresh.begin(), fresh.end(),
                     [](const auto *a, const auto *b) { return a->pid < b->pid; });
    fresh.erase(std::unique(fresh.begin(), fresh.end(),
                            [](const auto *a, const auto *b) { return a->pid == b->pid; }),
                fresh.end());
    QList<Node *> created;
    created.reserve(fresh.size());
    QSet<const Node *> isNew;
    for (const ProcessInfo *process : std::as_const(fresh)) {
        auto node = std::make_unique<Node>();
        node->info = *process;
        created.append(node.get());
        isNew.insert(node.get());
        m_nodes.emplace(process->pid, std::move(node));
    }
    // A new process under a new one joins it before either is shown; the others are inserted
    // under their (shown) parent, one insertion per parent.
    QList<Node *> parentsInOrder;
    QHash<Node *, QList<Node *>> shownUnder;
    for (Node *node : std::as_const(created)) {
        const qint64 parentPid = parentOf.value(node->info.pid);
        Node *parent = parentPid == RootPid ? &m_root : m_nodes.at(parentPid).get();
        node->parent = parent;
        if (isNew.contains(parent)) {
            node->row = int(parent->children.size());
            parent->children.append(node);
            continue;
        }
        if (!shownUnder.contains(parent))
            parentsInOrder.append(parent);
        shownUnder[parent].append(node);
    }
    for (Node *parent : std::as_const(parentsInOrder)) {
        const QList<Node *> &children = shownUnder.value(parent);
        const qsizetype first = parent->children.size();
        beginInsertRows(indexOfNode(parent), int(first), int(first + children.size() - 1));
        parent->children.append(children);
        renumber(parent, first);
        endInsertRows();
    }
}

void ProcessTreeModel::renumber(Node *parent, qsizetype from)
{
    for (qsizetype row = from; row < parent->children.size(); ++row)
        parent->children.at(row)->row = int(row);
}

ProcessTreeModel::Node *ProcessTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : const_cast<Node *>(&m_root);
}

QModelIndex ProcessTreeModel::indexOfNode(const Node *node, int column) const
{
    if (!node || node == &m_root)
        return {};
    return createIndex(node->row, column, const_cast<Node *>(node));
}

const ProcessInfo *ProcessTreeModel::processAt(const QModelIndex &index) const
{
    return index.isValid() && index.model() == this ? &nodeOf(index)->info : nullptr;
}

QModelIndex ProcessTreeModel::indexOfPid(qint64 pid, int column) const
{
    const auto it = m_nodes.find(pid);
    return it == m_nodes.end() ? QModelIndex() : indexOfNode(it->second.get(), column);
}

QModelIndex ProcessTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || (parent.isValid() && parent.column() != 0))
        return {};
    const Node *node = nodeOf(parent);
    if (row < 0 || row >= node->children.size())
        return {};
    return createIndex(row, column, node->children.at(row));
}

QModelIndex ProcessTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    return indexOfNode(nodeOf(child)->parent);
}

int ProcessTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeOf(parent)->children.size());
}

int ProcessTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant ProcessTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const ProcessInfo &process = nodeOf(index)->info;
    switch (role) {
    case Qt::DisplayRole:
        return display(process, index.column());
    case SortRole:
        return sortValue(process, index.column());
    case Qt::ToolTipRole:
        if (index.column() == StateColumn)
            return process.state;
        if (index.column() == StartedColumn)
            return QLocale().toString(process.startedAt.toLocalTime(), QLocale::LongFormat);
        return index.column() == CommandColumn ? process.command : QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == PidColumn || index.column() == CpuColumn || index.column() == MemoryColumn)
            return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
        return {};
    case PidRole:
        return sortValue(process, PidColumn);
    case ExecIdRole:
        return sortValue(process, ExecColumn);
    case CommandRole:
        return sortValue(process, CommandColumn);
    default:
        return {};
    }
}

QVariant ProcessTreeModel::display(const ProcessInfo &process, int column) const
{
    const QLocale locale;
    switch (column) {
    case StateColumn:
        return stateName(process.state);
    case CpuColumn:
        return tr("%1 %").arg(locale.toString(process.cpuPercent, 'f', 1));
    case MemoryColumn:
        return locale.formattedDataSize(process.memoryBytes, 1, QLocale::DataSizeTraditionalFormat);
    case StartedColumn:
        return process.startedAt.isValid()
            ? locale.toString(process.startedAt.toLocalTime().time(), QLocale::ShortFormat)
            : QString();
    default:
        return sortValue(process, column); // pid, command and exec show as they are
    }
}

QVariant ProcessTreeModel::sortValue(const ProcessInfo &process, int column)
{
    const QVariant values[] = {process.pid,         process.command,   process.state, process.cpuPercent,
                               process.memoryBytes, process.startedAt, process.execId};
    static_assert(std::size(values) == ColumnCount);
    return column >= 0 && column < ColumnCount ? values[column] : QVariant();
}

QVariant ProcessTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    // Each column's title, and what it means where the title alone does not say.
    static constexpr std::pair<const char *, const char *> columns[] = {
        {QT_TR_NOOP("PID"), nullptr},
        {QT_TR_NOOP("Command"), nullptr},
        {QT_TR_NOOP("State"), QT_TR_NOOP("What the process is doing, as /proc tells it")},
        {QT_TR_NOOP("CPU"), QT_TR_NOOP("Share of one core (200 % is two full cores)")},
        {QT_TR_NOOP("Memory"), QT_TR_NOOP("Resident memory")},
        {QT_TR_NOOP("Started"), nullptr},
        {QT_TR_NOOP("Exec"), QT_TR_NOOP("The command that started the process; click to see it in Activity")},
    };
    static_assert(std::size(columns) == ColumnCount);
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return {};
    const auto &[title, meaning] = columns[section];
    if (role == Qt::DisplayRole)
        return tr(title);
    if (role == Qt::ToolTipRole && meaning)
        return tr(meaning);
    return {};
}

QHash<int, QByteArray> ProcessTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(SortRole, "sortValue");
    names.insert(PidRole, "pid");
    names.insert(ExecIdRole, "execId");
    names.insert(CommandRole, "command");
    return names;
}

QString ProcessTreeModel::stateName(const QString &state)
{
    static constexpr std::pair<char16_t, const char *> names[] = {
        {u'R', QT_TR_NOOP("Running")}, {u'S', QT_TR_NOOP("Sleeping")}, {u'D', QT_TR_NOOP("Waiting for I/O")},
        {u'T', QT_TR_NOOP("Stopped")}, {u't', QT_TR_NOOP("Stopped")},  {u'Z', QT_TR_NOOP("Zombie")},
        {u'I', QT_TR_NOOP("Idle")},    {u'X', QT_TR_NOOP("Dead")},
    };
    for (const auto &[letter, name] : names) {
        if (state.size() == 1 && state.front() == letter)
            return tr(name);
    }
    return state;
}

} // namespace OrkestrSession
