#pragma once

#include <QJsonObject>

// The members every value type of the API has: read from its JSON object (leniently, a missing or
// mistyped field reads as empty), written back to one, and compared field by field. Inside the
// struct: `ORKESTR_WIRE_VALUE(Region);`. A type with a field table defines the first two with
// ORKESTR_WIRE_VALUE_FIELDS (core/jsonfields.h).
#define ORKESTR_WIRE_VALUE(Type)                                                                             \
    static Type fromJson(const QJsonObject &object);                                                         \
    QJsonObject toJson() const;                                                                              \
    friend bool operator==(const Type &, const Type &) = default
