#include "core/sandboxmetadata.h"

#include "core/stringtable.h"

#include <algorithm>

namespace Orkestr {

SandboxMetadata::SandboxMetadata(std::initializer_list<Entry> entries)
{
    m_entries.reserve(qsizetype(entries.size()));
    for (const auto &entry : entries)
        insert(entry.first, entry.second);
}

SandboxMetadata::SandboxMetadata(const QMap<QString, QString> &map)
{
    m_entries.reserve(map.size());
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        m_entries.append({it.key(), it.value()}); // a QMap is in key order already
}

QMap<QString, QString> SandboxMetadata::toMap() const
{
    QMap<QString, QString> map;
    for (const auto &entry : m_entries)
        map.insert(entry.first, entry.second);
    return map;
}

QList<SandboxMetadata::Entry>::const_iterator SandboxMetadata::lowerBound(const QString &key) const
{
    return std::lower_bound(m_entries.cbegin(), m_entries.cend(), key,
                            [](const Entry &entry, const QString &wanted) { return entry.first < wanted; });
}

bool SandboxMetadata::contains(const QString &key) const
{
    const auto it = lowerBound(key);
    return it != m_entries.cend() && it->first == key;
}

QString SandboxMetadata::value(const QString &key, const QString &defaultValue) const
{
    const auto it = lowerBound(key);
    return it != m_entries.cend() && it->first == key ? it->second : defaultValue;
}

QStringList SandboxMetadata::keys() const
{
    QStringList list;
    list.reserve(m_entries.size());
    for (const auto &entry : m_entries)
        list.append(entry.first);
    return list;
}

SandboxMetadata SandboxMetadata::fromJson(const QJsonObject &object)
{
    SandboxMetadata metadata;
    for (auto it = object.begin(); it != object.end(); ++it)
        metadata.insert(it.key(), it.value().toString());
    return metadata;
}

QJsonObject SandboxMetadata::toJson() const
{
    QJsonObject object;
    for (const auto &[key, value] : m_entries)
        object.insert(key, value);
    return object;
}

void SandboxMetadata::insert(const QString &key, const QString &value)
{
    const qsizetype at = lowerBound(key) - m_entries.cbegin();
    if (at < m_entries.size() && m_entries.at(at).first == key)
        m_entries[at].second = value;
    else
        m_entries.insert(at, {key, value});
}

qsizetype SandboxMetadata::remove(const QString &key)
{
    const qsizetype at = lowerBound(key) - m_entries.cbegin();
    if (at == m_entries.size() || m_entries.at(at).first != key)
        return 0;
    m_entries.removeAt(at);
    return 1;
}

void SandboxMetadata::shareKeys(StringTable &table)
{
    // Metadata shared with another copy of the sandbox whose keys are shared already stays as it
    // is: changing it would copy it.
    const auto held = [&table](const Entry &entry) {
        return table.holds(entry.first);
    };
    if (std::all_of(m_entries.cbegin(), m_entries.cend(), held) && m_entries.capacity() == m_entries.size())
        return;
    for (auto &entry : m_entries)
        table.intern(entry.first);
    m_entries.squeeze();
}

} // namespace Orkestr
