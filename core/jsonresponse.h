#pragma once

#include "core/apierror.h"

#include <QJsonObject>

namespace Orkestr {

// Parses a successful response body that must be a JSON object. A malformed body is an
// OrkestrError of type "invalid_response" that says what was wrong.
ApiError parseJsonObject(const QByteArray &body, QJsonObject *object);

} // namespace Orkestr
