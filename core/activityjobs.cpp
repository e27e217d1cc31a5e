#include "core/activityjobs.h"

#include "core/jsonresponse.h"
#include "core/sandboxjobs.h"

#include <QCoreApplication>
#include <QUrl>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
void addQueryItem(QUrlQuery *query, const QString &key, const QString &value)
{
    query->addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
}
} // namespace

QString execPath(const QString &sandboxId, const QString &execId, const QString &suffix)
{
    return sandboxPath(sandboxId,
                       u"/execs/"_s + QString::fromLatin1(QUrl::toPercentEncoding(execId)) + suffix);
}

ApiError ListEventsParams::validate() const
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("Orkestr::ListEventsParams", text);
    };
    auto invalid = [](const QString &field, const QString &message) {
        return ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s, message, 0, {},
                        QJsonObject {{u"field"_s, field}});
    };
    if (afterSeq && beforeSeq)
        return invalid(u"before_seq"_s, tr("after_seq and before_seq cannot be given together."));
    if (afterSeq && *afterSeq < 0)
        return invalid(u"after_seq"_s, tr("after_seq must not be negative."));
    if (beforeSeq && *beforeSeq < 0)
        return invalid(u"before_seq"_s, tr("before_seq must not be negative."));
    if (limit < 0 || limit > MaxLimit)
        return invalid(u"limit"_s, tr("limit must be between 1 and 1000."));
    return {};
}

QUrlQuery ListEventsParams::toQuery() const
{
    QUrlQuery query;
    if (afterSeq)
        addQueryItem(&query, u"after_seq"_s, QString::number(*afterSeq));
    if (beforeSeq)
        addQueryItem(&query, u"before_seq"_s, QString::number(*beforeSeq));
    for (const auto &kind : kinds)
        addQueryItem(&query, u"kind"_s, kind);
    if (limit > 0)
        addQueryItem(&query, u"limit"_s, QString::number(limit));
    return query;
}

ListEventsJob::ListEventsJob(const QString &sandboxId, const ListEventsParams &params, QObject *parent)
    : ObjectJob("GET", sandboxPath(sandboxId, u"/events"_s), parent)
    , m_validation(params.validate())
{
    setQuery(params.toQuery());
}

ApiError ListEventsJob::checkObject(const QJsonObject &object) const
{
    return requireArrayField(object, u"events"_s);
}

QUrlQuery ListExecsParams::toQuery() const
{
    QUrlQuery query;
    for (const auto &status : statuses)
        addQueryItem(&query, u"status"_s, status);
    if (limit > 0)
        addQueryItem(&query, u"limit"_s, QString::number(limit));
    if (!before.isEmpty())
        addQueryItem(&query, u"before"_s, before);
    return query;
}

ListExecsJob::ListExecsJob(const QString &sandboxId, const ListExecsParams &params, QObject *parent)
    : ObjectJob("GET", sandboxPath(sandboxId, u"/execs"_s), parent)
{
    setQuery(params.toQuery());
}

ApiError ListExecsJob::checkObject(const QJsonObject &object) const
{
    return requireArrayField(object, u"execs"_s);
}

GetExecJob::GetExecJob(const QString &sandboxId, const QString &execId, QObject *parent)
    : ObjectJob("GET", execPath(sandboxId, execId), parent)
{
}

} // namespace Orkestr
