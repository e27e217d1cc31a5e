#include "core/metricsjobs.h"

#include "core/jsonresponse.h"
#include "core/sandboxjobs.h"

#include <QCoreApplication>
#include <QUrl>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
ApiError requireSamples(const QJsonObject &object)
{
    return requireArrayField(object, u"samples"_s);
}

ApiError requireSandboxesObject(const QJsonObject &object)
{
    if (object.value(u"sandboxes"_s).isObject())
        return {};
    return ApiError(
        ApiError::Kind::Orkestr, u"invalid_response"_s,
        QCoreApplication::translate("Orkestr::Job", "The server's response has no \"sandboxes\" object."));
}
} // namespace

ApiError parseCheckedObject(const QByteArray &body, ApiError (*check)(const QJsonObject &),
                            QJsonObject *object)
{
    if (auto error = parseJsonObject(body, object); error.isError())
        return error;
    return check ? check(*object) : ApiError();
}

QString metricsTimestamp(const QDateTime &at)
{
    return at.toUTC().toString(Qt::ISODateWithMs);
}

GetSandboxMetricsJob::GetSandboxMetricsJob(const QString &sandboxId, const QDateTime &since, QObject *parent)
    : BackgroundObjectJob("GET", sandboxPath(sandboxId, u"/metrics"_s), &requireSamples, parent)
{
    if (since.isValid()) {
        QUrlQuery query;
        // '+' of an offset would read as a space: the value is percent-encoded.
        query.addQueryItem(u"since"_s, QString::fromLatin1(QUrl::toPercentEncoding(metricsTimestamp(since))));
        setQuery(query);
    }
}

ListLatestMetricsJob::ListLatestMetricsJob(const QByteArray &ifNoneMatch, QObject *parent)
    : BackgroundObjectJob("GET", u"/v1/metrics"_s, &requireSandboxesObject, parent)
    , m_ifNoneMatch(ifNoneMatch)
{
    if (!ifNoneMatch.isEmpty())
        setRawHeader("If-None-Match", ifNoneMatch);
}

ApiError ListLatestMetricsJob::onResponseFinished(const QByteArray &collected)
{
    if (httpStatus() == 304) {
        m_etag = m_ifNoneMatch;
        return {};
    }
    m_etag = responseHeader("ETag");
    return BackgroundObjectJob::onResponseFinished(collected);
}

} // namespace Orkestr
