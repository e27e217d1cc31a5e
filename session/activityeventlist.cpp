#include "session/activityeventlist.h"

#include <QJsonDocument>
#include <QTimeZone>

#include <limits>

using Orkestr::ActivityEvent;
using Orkestr::Actor;

namespace OrkestrSession {

namespace {
constexpr qint64 NoTime = std::numeric_limits<qint64>::min();
}

ActivityEventList::ActivityEventList(QString sandboxId)
    : m_sandboxId(std::move(sandboxId))
{
}

void ActivityEventList::clear()
{
    m_entries.clear();
}

void ActivityEventList::append(const ActivityEvent &event)
{
    m_entries.append(entryOf(event));
}

void ActivityEventList::prepend(const ActivityEvent &event)
{
    m_entries.prepend(entryOf(event));
}

namespace {

// The index of `value` in `table`, added when new; `indexes` finds it by `key`.
template<class T>
quint32 intern(QList<T> &table, QHash<QString, quint32> &indexes, const QString &key, const T &value)
{
    const auto it = indexes.constFind(key);
    if (it != indexes.cend())
        return *it;
    const auto index = quint32(table.size());
    table.append(value);
    indexes.insert(key, index);
    return index;
}

} // namespace

quint32 ActivityEventList::kindIndex(const QString &kind)
{
    return intern(m_kinds, m_kindIndexes, kind, kind);
}

quint32 ActivityEventList::actorIndex(const Actor &actor)
{
    const QString key = actor.typeText + QChar(0) + actor.tokenPrefix + QChar(0) + actor.tokenName + QChar(0)
        + actor.reason;
    return intern(m_actors, m_actorIndexes, key, actor);
}

ActivityEventList::Entry ActivityEventList::entryOf(const ActivityEvent &event)
{
    Entry entry;
    entry.seq = event.seq;
    entry.atMs = event.at.isValid() ? event.at.toMSecsSinceEpoch() : NoTime;
    entry.execId = event.execId();
    entry.id = event.id.toUtf8();
    entry.data = QJsonDocument(event.data).toJson(QJsonDocument::Compact);
    entry.kind = kindIndex(event.kind);
    entry.actor = actorIndex(event.actor);
    entry.knownKind = event.knownKind();
    entry.failure = event.isFailure();
    // Reallocation slack of the byte arrays would outweigh the saving.
    entry.id.squeeze();
    entry.data.squeeze();
    return entry;
}

QDateTime ActivityEventList::at(int index) const
{
    const qint64 ms = m_entries.at(index).atMs;
    return ms == NoTime ? QDateTime() : QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::UTC);
}

ActivityEvent ActivityEventList::event(int index) const
{
    const Entry &entry = m_entries.at(index);
    ActivityEvent event;
    event.seq = entry.seq;
    event.id = QString::fromUtf8(entry.id);
    event.sandboxId = m_sandboxId;
    event.at = at(index);
    event.kind = m_kinds.at(entry.kind);
    event.actor = m_actors.at(entry.actor);
    event.data = QJsonDocument::fromJson(entry.data).object();
    return event;
}

} // namespace OrkestrSession
