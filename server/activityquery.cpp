#include "server/activityquery.h"

#include <QRegularExpression>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
RequestProblem invalid(const QString &field, const QString &message)
{
    return {400, u"invalid_request"_s, message, {{u"field"_s, field}}};
}

// A whole number in [min, max], written plainly (no sign, spaces or exponent).
std::optional<qint64> wholeNumber(const QString &text, qint64 min, qint64 max)
{
    if (text.isEmpty() || text.size() > 18)
        return std::nullopt;
    for (const QChar c : text)
        if (c < u'0' || c > u'9')
            return std::nullopt;
    const qint64 value = text.toLongLong();
    if (value < min || value > max)
        return std::nullopt;
    return value;
}

std::optional<RequestProblem> parseLimit(const QUrlQuery &query, int max, int *limit)
{
    if (!query.hasQueryItem(u"limit"_s))
        return std::nullopt;
    const auto value = wholeNumber(query.queryItemValue(u"limit"_s, QUrl::FullyDecoded), 1, max);
    if (!value)
        return invalid(u"limit"_s, u"limit must be a whole number from 1 to %1."_s.arg(max));
    *limit = int(*value);
    return std::nullopt;
}

constexpr qint64 MaxSeq = 1LL << 53; // exact in a JSON number
} // namespace

const QStringList &eventKinds()
{
    static const QStringList kinds {
        u"sandbox.created"_s, u"sandbox.paused"_s, u"sandbox.resumed"_s,   u"sandbox.terminated"_s,
        u"sandbox.failed"_s,  u"exec.started"_s,   u"exec.finished"_s,     u"file.written"_s,
        u"file.deleted"_s,    u"network.denied"_s, u"process.signalled"_s, u"request.failed"_s,
    };
    return kinds;
}

std::optional<RequestProblem> parseEventQuery(const QUrlQuery &query, EventQuery *request)
{
    for (const auto &[name, target] :
         {std::pair {u"after_seq"_s, &request->afterSeq}, std::pair {u"before_seq"_s, &request->beforeSeq}}) {
        if (!query.hasQueryItem(name))
            continue;
        const auto value = wholeNumber(query.queryItemValue(name, QUrl::FullyDecoded), 0, MaxSeq);
        if (!value)
            return invalid(name, u"%1 must be a whole number from 0 to 2^53."_s.arg(name));
        *target = value;
    }
    if (request->afterSeq && request->beforeSeq)
        return invalid(u"before_seq"_s, u"Give after_seq or before_seq, not both."_s);
    for (const auto &kind : query.allQueryItemValues(u"kind"_s, QUrl::FullyDecoded)) {
        bool known = eventKinds().contains(kind);
        if (!known && kind.endsWith(u".*"_s)) {
            const QString family = kind.chopped(1); // "exec."
            for (const auto &candidate : eventKinds())
                known = known || candidate.startsWith(family);
        }
        if (!known)
            return invalid(u"kind"_s, u"Unknown event kind \"%1\"."_s.arg(kind.left(100)));
        if (!request->kinds.contains(kind))
            request->kinds.append(kind);
    }
    return parseLimit(query, 1000, &request->limit);
}

std::optional<RequestProblem> parseStreamStart(const QUrlQuery &query, const QByteArray &lastEventId,
                                               std::optional<qint64> *afterSeq)
{
    if (query.hasQueryItem(u"after_seq"_s)) {
        const auto value = wholeNumber(query.queryItemValue(u"after_seq"_s, QUrl::FullyDecoded), 0, MaxSeq);
        if (!value)
            return invalid(u"after_seq"_s, u"after_seq must be a whole number from 0 to 2^53."_s);
        *afterSeq = value;
        return std::nullopt;
    }
    if (!lastEventId.trimmed().isEmpty()) {
        const auto value = wholeNumber(QString::fromLatin1(lastEventId.trimmed()), 0, MaxSeq);
        if (!value)
            return invalid(u"Last-Event-ID"_s, u"Last-Event-ID must be the seq of an event."_s);
        *afterSeq = value;
    }
    return std::nullopt;
}

std::optional<RequestProblem> parseExecQuery(const QUrlQuery &query, ExecQuery *request)
{
    static const QStringList statuses {u"running"_s, u"exited"_s, u"timeout"_s, u"killed"_s, u"lost"_s};
    for (const auto &status : query.allQueryItemValues(u"status"_s, QUrl::FullyDecoded)) {
        if (!statuses.contains(status))
            return invalid(u"status"_s, u"Unknown exec status \"%1\"."_s.arg(status.left(100)));
        if (!request->statuses.contains(status))
            request->statuses.append(status);
    }
    if (query.hasQueryItem(u"before"_s)) {
        static const QRegularExpression pattern(QRegularExpression::anchoredPattern(u"exe_[0-9A-Z]{26}"_s));
        request->before = query.queryItemValue(u"before"_s, QUrl::FullyDecoded);
        if (!pattern.match(request->before).hasMatch())
            return invalid(u"before"_s, u"before must be an exec_id this server gave out."_s);
    }
    return parseLimit(query, 1000, &request->limit);
}

} // namespace OrkestrLocal
