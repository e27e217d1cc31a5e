// fuzz_server_watch_query: orkestr-local's query parsing of GET /v1/sandboxes/watch and of the
// listing's filters (server/sandboxquery).
//
// Input: a URL query string (the part after '?'), optionally after a first line
// "last-event-id <value>" for the resume header.
// Properties: an accepted query has a since_version (from the query, else the header) that is a
// whole number from 0 to 2^53 written plainly, only statuses the contract knows and region and
// template names of lower-case letters, digits, '.', '_' and '-' (at most 64, no line breaks),
// each once; a version given as digits in the query is the number written; the listing's filter
// parse accepts exactly the filters the watch does; every refusal is 400 invalid_request naming
// a field that the query (or the header) really has.

#include "fuzz/fuzzinput.h"
#include "server/sandbox.h"
#include "server/sandboxquery.h"

using namespace OrkestrLocal;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {
bool isName(const QString &name)
{
    if (name.isEmpty() || name.size() > 64)
        return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const QChar c = name.at(i);
        const bool alnum = (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
        if (!alnum && (i == 0 || (c != u'.' && c != u'_' && c != u'-')))
            return false;
    }
    return true;
}

template<typename T> bool unique(const QList<T> &list)
{
    for (qsizetype i = 0; i < list.size(); ++i)
        if (list.indexOf(list.at(i)) != i)
            return false;
    return true;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QByteArray header = input.headerLine({"last-event-id"});
    const QByteArray lastEventId = header.mid(14);
    const QUrlQuery query(QString::fromUtf8(input.rest()));

    WatchQuery watch;
    const auto problem = parseWatchQuery(query, lastEventId, &watch);
    SandboxFilter filter;
    const auto filterProblem = parseSandboxFilter(query, &filter);
    if (problem) {
        FUZZ_CHECK(problem->status == 400);
        FUZZ_CHECK(problem->type == u"invalid_request"_s);
        const QString field = problem->extra.value(u"field"_s).toString();
        FUZZ_CHECK(query.hasQueryItem(field) || (!lastEventId.isEmpty() && field == u"Last-Event-ID"_s));
        // A filter refused by the watch is refused by the listing, for the same field.
        if (field != u"since_version"_s && field != u"Last-Event-ID"_s)
            FUZZ_CHECK(filterProblem && filterProblem->extra.value(u"field"_s) == field);
        return 0;
    }
    FUZZ_CHECK(!filterProblem);
    FUZZ_CHECK(filter.statuses == watch.filter.statuses && filter.regions == watch.filter.regions
               && filter.templates == watch.filter.templates);
    if (watch.sinceVersion) {
        FUZZ_CHECK(*watch.sinceVersion >= 0 && *watch.sinceVersion <= (1LL << 53));
        const QString text = query.hasQueryItem(u"since_version"_s)
            ? query.queryItemValue(u"since_version"_s, QUrl::FullyDecoded)
            : QString::fromLatin1(lastEventId);
        FUZZ_CHECK(text == QString::number(*watch.sinceVersion));
    } else {
        FUZZ_CHECK(!query.hasQueryItem(u"since_version"_s) && lastEventId.isEmpty());
    }
    for (const auto &status : watch.filter.statuses)
        FUZZ_CHECK(statusFromName(status).has_value());
    for (const auto *names : {&watch.filter.regions, &watch.filter.templates})
        for (const auto &name : *names)
            FUZZ_CHECK(isName(name));
    FUZZ_CHECK(unique(watch.filter.statuses) && unique(watch.filter.regions)
               && unique(watch.filter.templates));
    return 0;
}
