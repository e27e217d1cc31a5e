#include "server/monitorparsing.h"

#include <QDateTime>
#include <QRegularExpression>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

std::optional<RequestProblem> parseSignalRequest(const QJsonObject &body, int *signal)
{
    const QJsonValue value = body.value(u"signal"_s);
    if (!isWholeNumber(value) || value.toInteger() < 1 || value.toInteger() > 31)
        return RequestProblem {400,
                               u"invalid_request"_s,
                               u"signal must be a whole number from 1 to 31."_s,
                               {{u"field"_s, u"signal"_s}}};
    *signal = int(value.toInteger());
    return std::nullopt;
}

std::optional<RequestProblem> parseMetricsQuery(const QUrlQuery &query, qint64 nowMs, qint64 *sinceMs)
{
    *sinceMs = nowMs - 3600LL * 1000;
    if (!query.hasQueryItem(u"since"_s))
        return std::nullopt;
    static const QRegularExpression rfc3339(
        u"\\A\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})\\z"_s);
    const QString text = query.queryItemValue(u"since"_s, QUrl::FullyDecoded);
    QString normalized = text.toUpper();
    // Qt reads at most milliseconds: longer fractions are cut to three digits.
    static const QRegularExpression longFraction(u"(\\.\\d{3})\\d+"_s);
    normalized.replace(longFraction, u"\\1"_s);
    const QDateTime since
        = rfc3339.match(text).hasMatch() ? QDateTime::fromString(normalized, Qt::ISODateWithMs) : QDateTime();
    if (!since.isValid())
        return RequestProblem {400,
                               u"invalid_request"_s,
                               u"since must be an RFC 3339 timestamp, e.g. 2026-11-21T20:32:00.123Z."_s,
                               {{u"field"_s, u"since"_s}}};
    *sinceMs = since.toMSecsSinceEpoch();
    return std::nullopt;
}

} // namespace OrkestrLocal
