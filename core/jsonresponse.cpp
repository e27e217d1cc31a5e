#include "core/jsonresponse.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

namespace Orkestr {

using namespace Qt::StringLiterals;

ApiError parseJsonObject(const QByteArray &body, QJsonObject *object)
{
    QJsonParseError parseError;
    const auto document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        const QString reason = parseError.error != QJsonParseError::NoError ? parseError.errorString()
                                                                            : u"not a JSON object"_s;
        return ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                        QCoreApplication::translate("Orkestr::ApiError",
                                                    "The server sent a malformed response (%1 at byte %2).")
                            .arg(reason)
                            .arg(parseError.offset));
    }
    *object = document.object();
    return {};
}

ApiError parseJsonArrayField(const QByteArray &body, const QString &name, QJsonArray *array)
{
    QJsonObject object;
    if (auto error = parseJsonObject(body, &object); error.isError())
        return error;
    if (auto error = requireArrayField(object, name); error.isError())
        return error;
    *array = object.value(name).toArray();
    return {};
}

ApiError requireArrayField(const QJsonObject &object, const QString &name)
{
    if (object.value(name).isArray())
        return {};
    return ApiError(
        ApiError::Kind::Orkestr, u"invalid_response"_s,
        QCoreApplication::translate("Orkestr::Job", "The server's response has no \"%1\" array.").arg(name));
}

} // namespace Orkestr
