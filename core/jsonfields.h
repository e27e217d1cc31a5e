#pragma once

// The wire's JSON fields that need more than QJsonValue's own conversions: numbers and strings
// that may be null, and lists of objects (each type with fromJson and toJson).

#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <optional>

namespace Orkestr {

// A number, or nullopt for null (or no field).
inline std::optional<qint64> optionalInteger(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return value.toInteger();
}

inline std::optional<int> optionalInt(const QJsonValue &value)
{
    if (!value.isDouble())
        return std::nullopt;
    return value.toInt();
}

template<class T> QJsonValue optionalToJson(const std::optional<T> &value)
{
    return value ? QJsonValue(qint64(*value)) : QJsonValue(QJsonValue::Null);
}

// An empty string goes on the wire as null.
inline QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

template<class T> QList<T> listFromJson(const QJsonValue &value)
{
    const auto array = value.toArray();
    QList<T> items;
    items.reserve(array.size());
    for (const auto &item : array)
        items.append(T::fromJson(item.toObject()));
    return items;
}

template<class T> QJsonArray listToJson(const QList<T> &items)
{
    QJsonArray array;
    for (const auto &item : items)
        array.append(item.toJson());
    return array;
}

} // namespace Orkestr
