#pragma once

#include <QDateTime>
#include <QJsonValue>

namespace Orkestr {

// Timestamps on the wire: RFC 3339 UTC with milliseconds; null stays null.
QDateTime dateTimeFromJson(const QJsonValue &value);
QJsonValue dateTimeToJson(const QDateTime &dateTime);

} // namespace Orkestr
