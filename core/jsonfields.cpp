#include "core/jsonfields.h"

#include "core/sandbox.h"

namespace Orkestr {

void JsonValue::read(const QJsonValue &value, QDateTime &out)
{
    out = dateTimeFromJson(value);
}

QJsonValue JsonValue::write(const QDateTime &value)
{
    return dateTimeToJson(value);
}

} // namespace Orkestr
