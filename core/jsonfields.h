#pragma once

// The wire's JSON fields that need more than QJsonValue's own conversions: numbers and strings
// that may be null, and lists of objects (each type with fromJson and toJson). And field tables:
// a wire struct lists its members with their JSON keys once, and that one table reads and writes
// the object, so the two directions cannot disagree about a key or a type.

#include "core/jsontime.h"
#include "core/wirevalue.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <tuple>
#include <type_traits>

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

// Field tables. A table is a tuple of JsonField (a member) and JsonGroup (members that the wire
// nests in an object of their own); a missing or mistyped field reads as the type's empty value.
enum class EmptyString { AsEmpty, AsNull };

template<class T, class M> struct JsonField
{
    QStringView key;
    M T::*member;
    EmptyString empty = EmptyString::AsEmpty; // for QString members
};

template<class T, class M, class Fields> struct JsonGroup
{
    QStringView key;
    M T::*member;
    Fields fields; // the table of M
};

// A type that maps itself to an object (T::fromJson and toJson), e.g. Actor.
template<class T>
concept JsonObjectType = requires(const QJsonObject &object, const T &value)
{
    T::fromJson(object);
    value.toJson();
};

// How a member of each type reads from a JSON value and writes to one.
struct JsonValue
{
    static void read(const QJsonValue &value, QString &out) { out = value.toString(); }
    static void read(const QJsonValue &value, bool &out) { out = value.toBool(); }
    static void read(const QJsonValue &value, qint64 &out) { out = value.toInteger(); }
    static void read(const QJsonValue &value, int &out) { out = value.toInt(); }
    static void read(const QJsonValue &value, double &out) { out = value.toDouble(); }
    static void read(const QJsonValue &value, QJsonObject &out) { out = value.toObject(); }
    static void read(const QJsonValue &value, std::optional<int> &out) { out = optionalInt(value); }
    static void read(const QJsonValue &value, std::optional<qint64> &out) { out = optionalInteger(value); }
    static void read(const QJsonValue &value, QDateTime &out) { out = dateTimeFromJson(value); }
    static void read(const QJsonValue &value, QStringList &out)
    {
        const auto array = value.toArray();
        out.clear();
        out.reserve(array.size());
        for (const auto &item : array)
            out.append(item.toString());
    }
    template<JsonObjectType T> static void read(const QJsonValue &value, T &out)
    {
        out = T::fromJson(value.toObject());
    }
    // An object, or nullopt for null (or anything but an object).
    template<JsonObjectType T> static void read(const QJsonValue &value, std::optional<T> &out)
    {
        out = value.isObject() ? std::optional<T>(T::fromJson(value.toObject())) : std::nullopt;
    }
    template<JsonObjectType T> static void read(const QJsonValue &value, QList<T> &out)
    {
        out = listFromJson<T>(value);
    }

    template<class T>
    requires std::is_constructible_v<QJsonValue, T>
    static QJsonValue write(const T &value) { return QJsonValue(value); }
    template<class T> static QJsonValue write(const std::optional<T> &value) { return optionalToJson(value); }
    static QJsonValue write(const QDateTime &value) { return dateTimeToJson(value); }
    static QJsonValue write(const QStringList &value) { return QJsonArray::fromStringList(value); }
    template<JsonObjectType T> static QJsonValue write(const T &value) { return value.toJson(); }
    template<JsonObjectType T> static QJsonValue write(const std::optional<T> &value)
    {
        return value ? QJsonValue(value->toJson()) : QJsonValue(QJsonValue::Null);
    }
    template<JsonObjectType T> static QJsonValue write(const QList<T> &items) { return listToJson(items); }
};

template<class T, class... Fields>
void readFields(const QJsonObject &object, T &target, const std::tuple<Fields...> &fields);
template<class T, class... Fields>
void writeFields(const T &source, QJsonObject &object, const std::tuple<Fields...> &fields);

template<class T, class M> void readField(const QJsonObject &object, T &target, const JsonField<T, M> &field)
{
    JsonValue::read(object.value(field.key), target.*field.member);
}
template<class T, class M, class Fields>
void readField(const QJsonObject &object, T &target, const JsonGroup<T, M, Fields> &group)
{
    readFields(object.value(group.key).toObject(), target.*group.member, group.fields);
}

template<class T, class M> void writeField(const T &source, QJsonObject &object, const JsonField<T, M> &field)
{
    if constexpr (std::is_same_v<M, QString>) {
        if (field.empty == EmptyString::AsNull) {
            object.insert(field.key, stringOrNull(source.*field.member));
            return;
        }
    }
    object.insert(field.key, JsonValue::write(source.*field.member));
}
template<class T, class M, class Fields>
void writeField(const T &source, QJsonObject &object, const JsonGroup<T, M, Fields> &group)
{
    QJsonObject inner;
    writeFields(source.*group.member, inner, group.fields);
    object.insert(group.key, inner);
}

template<class T, class... Fields>
void readFields(const QJsonObject &object, T &target, const std::tuple<Fields...> &fields)
{
    std::apply([&](const auto &...field) { (readField(object, target, field), ...); }, fields);
}

template<class T, class... Fields>
void writeFields(const T &source, QJsonObject &object, const std::tuple<Fields...> &fields)
{
    std::apply([&](const auto &...field) { (writeField(source, object, field), ...); }, fields);
}

// The whole object from a table. A type that needs nothing beyond its table has its fromJson and
// toJson defined by ORKESTR_WIRE_VALUE_FIELDS below.
template<class T, class... Fields>
T fromJsonFields(const QJsonObject &object, const std::tuple<Fields...> &fields)
{
    T target;
    readFields(object, target, fields);
    return target;
}

template<class T, class... Fields>
QJsonObject toJsonFields(const T &source, const std::tuple<Fields...> &fields)
{
    QJsonObject object;
    writeFields(source, object, fields);
    return object;
}

} // namespace Orkestr

// Defines Type::fromJson and Type::toJson (declared by ORKESTR_WIRE_VALUE) as the table `fields`
// says; in the type's .cpp, which includes the generated core/wirefields.h (the tables, from the
// schema core/wirefields.json): `ORKESTR_WIRE_VALUE_FIELDS(Region, RegionFields)`.
#define ORKESTR_WIRE_VALUE_FIELDS(Type, fields)                                                              \
    Type Type::fromJson(const QJsonObject &object)                                                           \
    {                                                                                                        \
        return Orkestr::fromJsonFields<Type>(object, fields);                                                \
    }                                                                                                        \
    QJsonObject Type::toJson() const                                                                         \
    {                                                                                                        \
        return Orkestr::toJsonFields(*this, fields);                                                         \
    }
