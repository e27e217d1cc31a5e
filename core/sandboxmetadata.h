#pragma once

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <initializer_list>
#include <utility>

namespace Orkestr {

class StringTable;

// A sandbox's metadata: at most 16 key/value pairs, read like a QMap (in key order). Held as one
// sorted array rather than a tree: a client holds it for every sandbox it lists, and a QMap of two
// keys costs three heap blocks where this costs one.
class SandboxMetadata
{
public:
    using Entry = std::pair<QString, QString>;

    // Read-only, in key order; key() and value() as a QMap's.
    class const_iterator
    {
    public:
        using iterator_category = std::bidirectional_iterator_tag;
        using difference_type = qsizetype;
        using value_type = QString;
        using pointer = const QString *;
        using reference = const QString &;

        const_iterator() = default;
        const QString &key() const { return m_it->first; }
        const QString &value() const { return m_it->second; }
        const QString &operator*() const { return m_it->second; }
        const QString *operator->() const { return &m_it->second; }
        const_iterator &operator++()
        {
            ++m_it;
            return *this;
        }
        const_iterator operator++(int) { return const_iterator(m_it++); }
        const_iterator &operator--()
        {
            --m_it;
            return *this;
        }
        const_iterator operator--(int) { return const_iterator(m_it--); }
        friend bool operator==(const const_iterator &, const const_iterator &) = default;

    private:
        friend class SandboxMetadata;
        explicit const_iterator(QList<Entry>::const_iterator it)
            : m_it(it)
        {
        }
        QList<Entry>::const_iterator m_it;
    };
    using iterator = const_iterator;

    SandboxMetadata() = default;
    SandboxMetadata(std::initializer_list<Entry> entries);
    SandboxMetadata(const QMap<QString, QString> &map); // NOLINT(google-explicit-constructor): reads as one
    QMap<QString, QString> toMap() const;
    // The wire's object of string values; a value of another type reads as empty.
    static SandboxMetadata fromJson(const QJsonObject &object);
    QJsonObject toJson() const;

    bool isEmpty() const { return m_entries.isEmpty(); }
    qsizetype size() const { return m_entries.size(); }
    qsizetype count() const { return m_entries.size(); }
    bool contains(const QString &key) const;
    QString value(const QString &key, const QString &defaultValue = {}) const;
    QStringList keys() const;
    // The first pair in key order; the metadata must not be empty.
    const QString &firstKey() const { return m_entries.first().first; }
    const QString &first() const { return m_entries.first().second; }

    // Sets the value of `key`, adding the key if new.
    void insert(const QString &key, const QString &value);
    // Removes `key`; the number of pairs removed (0 or 1).
    qsizetype remove(const QString &key);
    void clear() { m_entries.clear(); }
    // Makes the keys share `table`'s copies, and frees spare room.
    void shareKeys(StringTable &table);

    const_iterator cbegin() const { return const_iterator(m_entries.cbegin()); }
    const_iterator cend() const { return const_iterator(m_entries.cend()); }
    const_iterator begin() const { return cbegin(); }
    const_iterator end() const { return cend(); }
    const_iterator constBegin() const { return cbegin(); }
    const_iterator constEnd() const { return cend(); }

    friend bool operator==(const SandboxMetadata &, const SandboxMetadata &) = default;

private:
    QList<Entry>::const_iterator lowerBound(const QString &key) const;

    QList<Entry> m_entries; // sorted by key, each key once
};

} // namespace Orkestr
