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

quint32 ActivityEventList::kindIndex(const QString &kind)
{
    const auto it = m_kindIndexes.constFind(kind);
    if (it != m_kindIndexes.cend())
        return *it;
    const auto index = quint32(m_kinds.size());
    m_kinds.append(kind);
    m_kindIndexes.insert(kind, index);
    return index;
}

quint32 ActivityEventList::actorIndex(const Actor &actor)
{
    const QString key = actor.typeText + QChar(0) + actor.tokenPrefix + QChar(0) + actor.tokenName + QChar(0)
        + actor.reason;
    const auto it = m_actorIndexes.constFind(key);
    if (it != m_actorIndexes.cend())
        return *it;
    const auto index = quint32(m_actors.size());
    m_actors.append(actor);
    m_actorIndexes.insert(key, index);
    return index;
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
