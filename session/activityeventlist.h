#pragma once

#include "core/activity.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace OrkestrSession {

// The events of one sandbox's journal as a store keeps them, oldest first, compactly: an event is
// a small typed entry (seq, time, kind and actor as indexes into tables of the few distinct
// ones, the exec id) and its `data` as compact JSON, read again only when the whole event is
// asked for (details, rarely asked roles). A whole ActivityEvent (QStrings and a QJsonObject per
// field) takes several times that; a timeline of 100,000 events is kept in a few tens of MiB.
class ActivityEventList
{
public:
    explicit ActivityEventList(QString sandboxId = {});

    int size() const { return int(m_entries.size()); }
    bool isEmpty() const { return m_entries.isEmpty(); }
    void clear();
    void append(const Orkestr::ActivityEvent &event);
    void prepend(const Orkestr::ActivityEvent &event);

    // The whole event, made again from its entry.
    Orkestr::ActivityEvent event(int index) const;

    // Cheap reads of one entry's typed fields.
    qint64 seq(int index) const { return m_entries.at(index).seq; }
    QDateTime at(int index) const;
    const QString &kind(int index) const { return m_kinds.at(m_entries.at(index).kind); }
    Orkestr::ActivityEvent::Kind knownKind(int index) const { return m_entries.at(index).knownKind; }
    const Orkestr::Actor &actor(int index) const { return m_actors.at(m_entries.at(index).actor); }
    const QString &execId(int index) const { return m_entries.at(index).execId; }
    bool isFailure(int index) const { return m_entries.at(index).failure; }

private:
    struct Entry
    {
        qint64 seq = 0;
        qint64 atMs = 0; // UTC; INT64_MIN when the event had no valid time
        QString execId; // exec.*, network.denied
        QByteArray id;
        QByteArray data; // compact JSON
        quint32 kind = 0;
        quint32 actor = 0;
        Orkestr::ActivityEvent::Kind knownKind = Orkestr::ActivityEvent::Kind::Unknown;
        bool failure = false;
    };

    Entry entryOf(const Orkestr::ActivityEvent &event);
    quint32 kindIndex(const QString &kind);
    quint32 actorIndex(const Orkestr::Actor &actor);

    QString m_sandboxId;
    QList<Entry> m_entries;
    QList<QString> m_kinds;
    QHash<QString, quint32> m_kindIndexes;
    QList<Orkestr::Actor> m_actors;
    QHash<QString, quint32> m_actorIndexes; // by the actor's fields joined
};

} // namespace OrkestrSession
