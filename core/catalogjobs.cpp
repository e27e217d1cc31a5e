#include "core/catalogjobs.h"

#include "core/jsonresponse.h"

#include <QCoreApplication>
#include <QJsonArray>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// The catalogue lists are an object holding one array; a missing array is a malformed response.
ApiError arrayField(const QByteArray &body, const QString &name, QJsonArray *array)
{
    QJsonObject object;
    if (auto error = parseJsonObject(body, &object); error.isError())
        return error;
    if (!object.value(name).isArray()) {
        return ApiError(
            ApiError::Kind::Orkestr, u"invalid_response"_s,
            QCoreApplication::translate("Orkestr::Job", "The server's response has no \"%1\" array.")
                .arg(name));
    }
    *array = object.value(name).toArray();
    return {};
}
} // namespace

GetTemplatesJob::GetTemplatesJob(QObject *parent)
    : Job("GET", u"/v1/templates"_s, parent)
{
}

ApiError GetTemplatesJob::onResponseFinished(const QByteArray &collected)
{
    QJsonArray array;
    if (auto error = arrayField(collected, u"templates"_s, &array); error.isError())
        return error;
    for (const auto &item : array)
        m_templates.append(Template::fromJson(item.toObject()));
    return {};
}

GetRegionsJob::GetRegionsJob(QObject *parent)
    : Job("GET", u"/v1/regions"_s, parent)
{
}

ApiError GetRegionsJob::onResponseFinished(const QByteArray &collected)
{
    QJsonArray array;
    if (auto error = arrayField(collected, u"regions"_s, &array); error.isError())
        return error;
    for (const auto &item : array)
        m_regions.append(Region::fromJson(item.toObject()));
    return {};
}

} // namespace Orkestr
