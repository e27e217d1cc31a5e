#include "core/redaction.h"

#include <QJsonArray>
#include <QJsonObject>

namespace Orkestr {

QString redacted(QString text, const QString &secret)
{
    if (!secret.isEmpty())
        text.replace(secret, RedactedSecret);
    return text;
}

QJsonValue redacted(const QJsonValue &value, const QString &secret)
{
    if (secret.isEmpty())
        return value;
    if (value.isString())
        return redacted(value.toString(), secret);
    if (value.isArray()) {
        QJsonArray array;
        for (const auto &item : value.toArray())
            array.append(redacted(item, secret));
        return array;
    }
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        QJsonObject result;
        for (auto it = object.begin(); it != object.end(); ++it)
            result.insert(redacted(it.key(), secret), redacted(it.value(), secret));
        return result;
    }
    return value;
}

} // namespace Orkestr
