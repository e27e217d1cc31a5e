#pragma once

#include "core/apierror.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Orkestr {

// Parses a successful response body that must be a JSON object. A malformed body is an
// OrkestrError of type "invalid_response" that says what was wrong.
ApiError parseJsonObject(const QByteArray &body, QJsonObject *object);
// Parses a body that must be an object holding an array under `name`; a missing array is an
// "invalid_response" too.
ApiError parseJsonArrayField(const QByteArray &body, const QString &name, QJsonArray *array);
// The "invalid_response" error of an object that lacks the array `name`, or none.
ApiError requireArrayField(const QJsonObject &object, const QString &name);

} // namespace Orkestr
