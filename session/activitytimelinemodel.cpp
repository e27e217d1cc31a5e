#include "session/activitytimelinemodel.h"

#include "session/activitystore.h"
#include "session/activitytext.h"

#include <algorithm>

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;

namespace OrkestrSession {

ActivityTimelineModel::ActivityTimelineModel(std::shared_ptr<ActivityStore> store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(std::move(store))
{
    connect(m_store.get(), &ActivityStore::eventsPrepended, this, &ActivityTimelineModel::onPrepended);
    connect(m_store.get(), &ActivityStore::eventsAppended, this, &ActivityTimelineModel::onAppended);
    connect(m_store.get(), &ActivityStore::eventsCleared, this, &ActivityTimelineModel::onCleared);
    connect(m_store.get(), &ActivityStore::execRecordChanged, this,
            [this](const QString &execId) { refreshExecRows(execId, 0); });
    connect(m_store.get(), &ActivityStore::ownTokenPrefixChanged, this,
            &ActivityTimelineModel::refreshActors);
    // What the store already has is an older page to this model.
    if (m_store->count() > 0)
        onPrepended(m_store->count());
}

ActivityTimelineModel::~ActivityTimelineModel() = default;

int ActivityTimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_visible.size());
}

ActivityEvent ActivityTimelineModel::eventAt(int row) const
{
    return m_store->at(storeIndex(m_visible.at(row)));
}

QVariant ActivityTimelineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int at = storeIndex(m_visible.at(index.row()));
    const ActivityEventList &events = m_store->events();
    const Row &row = m_rows.at(at);
    switch (role) {
    case Qt::DisplayRole:
    case SummaryRole:
        return row.summary;
    case Qt::ToolTipRole:
        return u"%1 · %2 · %3"_s.arg(events.at(at).toLocalTime().toString(Qt::ISODateWithMs), events.kind(at),
                                     row.actor);
    case TimeRole:
        return events.at(at);
    case KindRole:
        return events.kind(at);
    case FamilyRole:
        return ActivityText::familyName(ActivityText::familyOf(events.kind(at)));
    case IconNameRole:
        return ActivityText::iconName(events.knownKind(at), row.failure);
    case ActorRole:
        return row.actor;
    case FailureRole:
        return row.failure;
    case ExecIdRole:
        return events.execId(at);
    case PathRole:
        return m_store->at(at).path();
    case RequestIdRole:
        return m_store->at(at).requestId();
    case CommandRole:
        if (events.knownKind(at) == ActivityEvent::Kind::ExecFinished)
            return m_store->execCommand(events.execId(at));
        if (events.knownKind(at) == ActivityEvent::Kind::ExecStarted) {
            const QString command = m_store->execCommand(events.execId(at));
            return command.isEmpty() ? m_store->at(at).command() : command;
        }
        return m_store->at(at).command();
    case SeqRole:
        return events.seq(at);
    default:
        return {};
    }
}

QHash<int, QByteArray> ActivityTimelineModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{TimeRole, "time"},
                  {KindRole, "kind"},
                  {FamilyRole, "family"},
                  {IconNameRole, "iconName"},
                  {ActorRole, "actor"},
                  {SummaryRole, "summary"},
                  {FailureRole, "failure"},
                  {ExecIdRole, "execId"},
                  {PathRole, "path"},
                  {RequestIdRole, "requestId"},
                  {CommandRole, "command"},
                  {SeqRole, "seq"}});
    return names;
}

ActivityTimelineModel::Row ActivityTimelineModel::makeRow(int index)
{
    const ActivityEventList &events = m_store->events();
    const QString &execId = events.execId(index);
    const QString command = execId.isEmpty() ? QString() : m_store->execLabel(execId);
    Row row;
    row.summary = ActivityText::summary(m_store->at(index), command);
    row.summary.squeeze();
    row.actor = *m_actorNames.insert(ActivityText::actor(events.actor(index), m_store->ownTokenPrefix()));
    row.family = quint8(1 << int(ActivityText::familyOf(events.kind(index))));
    row.failure = events.isFailure(index);
    return row;
}

void ActivityTimelineModel::refreshActors()
{
    m_actorNames.clear();
    const ActivityEventList &events = m_store->events();
    for (int index = 0; index < int(m_rows.size()); ++index)
        m_rows[index].actor
            = *m_actorNames.insert(ActivityText::actor(events.actor(index), m_store->ownTokenPrefix()));
    if (!m_visible.isEmpty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {ActorRole, Qt::ToolTipRole});
}

bool ActivityTimelineModel::accepts(int index) const
{
    const Row &row = m_rows.at(index);
    if (!(int(m_families) & row.family))
        return false;
    if (m_failuresOnly && !row.failure)
        return false;
    return m_searchTrimmed.isEmpty() || row.summary.contains(m_searchTrimmed, Qt::CaseInsensitive)
        || m_store->events().execId(index).contains(m_searchTrimmed, Qt::CaseInsensitive);
}

void ActivityTimelineModel::noteExec(int index)
{
    const QString &execId = m_store->events().execId(index);
    if (!execId.isEmpty())
        m_execKeys[execId].append(qint64(index) - m_base);
}

void ActivityTimelineModel::onPrepended(int count)
{
    // Built newest first, so that each prepend is amortised O(1).
    m_base += count;
    QList<qint64> shown;
    for (int i = count - 1; i >= 0; --i) {
        m_rows.prepend(makeRow(i));
        noteExec(i);
    }
    for (int i = 0; i < count; ++i) {
        if (accepts(i))
            shown.append(qint64(i) - m_base);
    }
    if (!shown.isEmpty()) {
        beginInsertRows({}, 0, int(shown.size()) - 1);
        for (auto it = shown.crbegin(); it != shown.crend(); ++it)
            m_visible.prepend(*it);
        endInsertRows();
    }
    // An exec.started on this page gives its command to an exec.finished loaded before.
    for (int i = 0; i < count; ++i) {
        if (m_store->events().knownKind(i) == ActivityEvent::Kind::ExecStarted)
            refreshExecRows(m_store->events().execId(i), count);
    }
}

void ActivityTimelineModel::onAppended(int first, int count)
{
    if (!m_following && !m_newSinceKey)
        m_newSinceKey = qint64(first) - m_base;
    QList<qint64> shown;
    for (int i = first; i < first + count; ++i) {
        m_rows.append(makeRow(i));
        noteExec(i);
        if (accepts(i))
            shown.append(qint64(i) - m_base);
    }
    if (shown.isEmpty())
        return;
    const int at = int(m_visible.size());
    beginInsertRows({}, at, at + int(shown.size()) - 1);
    m_visible.append(shown);
    endInsertRows();
    countNewRows();
}

void ActivityTimelineModel::countNewRows()
{
    int count = 0;
    if (m_newSinceKey) {
        const auto first = std::lower_bound(m_visible.cbegin(), m_visible.cend(), *m_newSinceKey);
        count = int(m_visible.cend() - first);
    }
    if (count != m_newRows) {
        m_newRows = count;
        Q_EMIT newRowCountChanged(count);
    }
}

void ActivityTimelineModel::onCleared()
{
    beginResetModel();
    m_rows.clear();
    m_visible.clear();
    m_execKeys.clear();
    m_base = 0;
    m_newSinceKey.reset();
    endResetModel();
    countNewRows();
}

int ActivityTimelineModel::visibleRowOfKey(qint64 key) const
{
    const auto it = std::lower_bound(m_visible.cbegin(), m_visible.cend(), key);
    return it != m_visible.cend() && *it == key ? int(it - m_visible.cbegin()) : -1;
}

int ActivityTimelineModel::rowOfSeq(qint64 seq) const
{
    // Seqs ascend with the rows.
    const auto it
        = std::lower_bound(m_visible.cbegin(), m_visible.cend(), seq, [this](qint64 key, qint64 wanted) {
              return m_store->events().seq(storeIndex(key)) < wanted;
          });
    if (it == m_visible.cend() || m_store->events().seq(storeIndex(*it)) != seq)
        return -1;
    return int(it - m_visible.cbegin());
}

void ActivityTimelineModel::refreshExecRows(const QString &execId, int fromIndex)
{
    const auto keys = m_execKeys.value(execId);
    for (const qint64 key : keys) {
        const int index = storeIndex(key);
        if (index < fromIndex)
            continue;
        Row updated = makeRow(index);
        if (updated.summary == m_rows.at(index).summary)
            continue;
        m_rows[index] = std::move(updated);
        const int row = visibleRowOfKey(key);
        const bool accepted = accepts(index);
        if (row >= 0 && accepted) {
            Q_EMIT dataChanged(this->index(row), this->index(row),
                               {Qt::DisplayRole, SummaryRole, CommandRole});
        } else if (row >= 0) {
            beginRemoveRows({}, row, row);
            m_visible.remove(row);
            endRemoveRows();
        } else if (accepted) {
            const int at
                = int(std::lower_bound(m_visible.cbegin(), m_visible.cend(), key) - m_visible.cbegin());
            beginInsertRows({}, at, at);
            m_visible.insert(at, key);
            endInsertRows();
        }
    }
}

void ActivityTimelineModel::setFamilies(Families families)
{
    if (m_families == families)
        return;
    m_families = families;
    applyFilter();
}

void ActivityTimelineModel::setFailuresOnly(bool failuresOnly)
{
    if (m_failuresOnly == failuresOnly)
        return;
    m_failuresOnly = failuresOnly;
    applyFilter();
}

void ActivityTimelineModel::setSearchText(const QString &text)
{
    if (m_search == text)
        return;
    m_search = text;
    m_searchTrimmed = text.trimmed();
    applyFilter();
}

void ActivityTimelineModel::applyFilter()
{
    // Removes the runs that no longer pass (from the end, so rows above keep their numbers), then
    // inserts the runs that now pass: a user's selection among the rows that stay, stays.
    for (int row = int(m_visible.size()) - 1; row >= 0;) {
        if (accepts(storeIndex(m_visible.at(row)))) {
            --row;
            continue;
        }
        int first = row;
        while (first > 0 && !accepts(storeIndex(m_visible.at(first - 1))))
            --first;
        beginRemoveRows({}, first, row);
        m_visible.remove(first, row - first + 1);
        endRemoveRows();
        row = first - 1;
    }
    int row = 0;
    for (int index = 0; index < int(m_rows.size());) {
        const qint64 key = qint64(index) - m_base;
        if (row < m_visible.size() && m_visible.at(row) == key) {
            ++row;
            ++index;
            continue;
        }
        if (!accepts(index)) {
            ++index;
            continue;
        }
        QList<qint64> run;
        while (index < int(m_rows.size()) && accepts(index)
               && !(row < m_visible.size() && m_visible.at(row) == qint64(index) - m_base)) {
            run.append(qint64(index) - m_base);
            ++index;
        }
        beginInsertRows({}, row, row + int(run.size()) - 1);
        m_visible.insert(row, run.size(), 0);
        std::copy(run.cbegin(), run.cend(), m_visible.begin() + row);
        endInsertRows();
        row += int(run.size());
    }
    countNewRows();
}

bool ActivityTimelineModel::canFetchOlder() const
{
    return m_store->canFetchOlder();
}

void ActivityTimelineModel::fetchOlder()
{
    m_store->fetchOlder();
}

void ActivityTimelineModel::setFollowing(bool following)
{
    m_following = following;
    if (following) {
        m_newSinceKey.reset();
        countNewRows();
    }
}

} // namespace OrkestrSession
