#include "server/sandboxquery.h"

#include "server/sandbox.h"

#include <QRegularExpression>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
RequestProblem invalid(const QString &field, const QString &message)
{
    return {400, u"invalid_request"_s, message, {{u"field"_s, field}}};
}

// A version as the server gives them out: a whole number below 2^53, written plainly.
std::optional<qint64> parseVersion(const QString &text)
{
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(u"0|[1-9][0-9]{0,15}"_s));
    if (!pattern.match(text).hasMatch())
        return std::nullopt;
    const qint64 value = text.toLongLong();
    return value <= (1LL << 53) ? std::optional(value) : std::nullopt;
}
} // namespace

bool SandboxFilter::matchesPlace(const Sandbox &sandbox) const
{
    return (regions.isEmpty() || regions.contains(sandbox.region))
        && (templates.isEmpty() || templates.contains(sandbox.templateName));
}

bool SandboxFilter::matches(const Sandbox &sandbox) const
{
    return matchesPlace(sandbox) && (statuses.isEmpty() || statuses.contains(statusName(sandbox.status)));
}

std::optional<RequestProblem> parseSandboxFilter(const QUrlQuery &query, SandboxFilter *filter)
{
    for (const auto &status : query.allQueryItemValues(u"status"_s, QUrl::FullyDecoded)) {
        if (!statusFromName(status))
            return invalid(u"status"_s, u"Unknown sandbox status \"%1\"."_s.arg(status.left(100)));
        if (!filter->statuses.contains(status))
            filter->statuses.append(status);
    }
    static const QRegularExpression name(QRegularExpression::anchoredPattern(u"[a-z0-9][a-z0-9._-]{0,63}"_s));
    for (const auto &[field, target] :
         {std::pair {u"region"_s, &filter->regions}, std::pair {u"template"_s, &filter->templates}}) {
        for (const auto &value : query.allQueryItemValues(field, QUrl::FullyDecoded)) {
            if (!name.match(value).hasMatch())
                return invalid(field, u"%1 must be a %1 name."_s.arg(field));
            if (!target->contains(value))
                target->append(value);
        }
    }
    return std::nullopt;
}

std::optional<RequestProblem> parseWatchQuery(const QUrlQuery &query, const QByteArray &lastEventId,
                                              WatchQuery *request)
{
    if (auto problem = parseSandboxFilter(query, &request->filter))
        return problem;
    if (query.hasQueryItem(u"since_version"_s)) {
        request->sinceVersion = parseVersion(query.queryItemValue(u"since_version"_s, QUrl::FullyDecoded));
        if (!request->sinceVersion)
            return invalid(u"since_version"_s, u"since_version must be a version this server gave out."_s);
    } else if (!lastEventId.isEmpty()) {
        request->sinceVersion = parseVersion(QString::fromLatin1(lastEventId));
        if (!request->sinceVersion)
            return invalid(u"Last-Event-ID"_s, u"Last-Event-ID must be the id of a watch event."_s);
    }
    return std::nullopt;
}

} // namespace OrkestrLocal
