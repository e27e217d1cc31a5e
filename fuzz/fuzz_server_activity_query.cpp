// fuzz_server_activity_query: orkestr-local's query parsing of the activity endpoints
// (GET .../events, .../events/stream, .../execs).
//
// Input: a URL query string (the part after '?'), optionally after a first line
// "last-event-id <value>" for the stream's resume header.
// Properties: an accepted events query has at most one of after_seq and before_seq, each a whole
// number from 0 to 2^53, a limit from 1 to 1000 and only known kinds or families that match a
// known kind; an accepted exec query has known statuses, a limit from 1 to 1000 and a before that
// is an exec id; a stream start is never negative; every refusal is 400 invalid_request naming a
// field that the query (or the header) really has.

#include "fuzz/fuzzinput.h"
#include "server/activityquery.h"

using namespace OrkestrLocal;
using namespace OrkestrFuzz;
using namespace Qt::StringLiterals;

namespace {
void checkProblem(const RequestProblem &problem, const QUrlQuery &query, bool header)
{
    FUZZ_CHECK(problem.status == 400);
    FUZZ_CHECK(problem.type == u"invalid_request"_s);
    const QString field = problem.extra.value(u"field"_s).toString();
    FUZZ_CHECK(query.hasQueryItem(field) || (header && field == u"Last-Event-ID"_s));
}

bool kindKnown(const QString &kind)
{
    if (eventKinds().contains(kind))
        return true;
    if (!kind.endsWith(u".*"_s))
        return false;
    for (const auto &known : eventKinds())
        if (known.startsWith(kind.chopped(1)))
            return true;
    return false;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput input(data, size);
    const QByteArray header = input.headerLine({"last-event-id"});
    const QByteArray lastEventId = header.mid(14).trimmed();
    const QUrlQuery query(QString::fromUtf8(input.rest()));

    EventQuery events;
    if (auto problem = parseEventQuery(query, &events)) {
        checkProblem(*problem, query, false);
    } else {
        FUZZ_CHECK(!(events.afterSeq && events.beforeSeq));
        for (const auto &seq : {events.afterSeq, events.beforeSeq})
            FUZZ_CHECK(!seq || (*seq >= 0 && *seq <= (1LL << 53)));
        FUZZ_CHECK(events.limit >= 1 && events.limit <= 1000);
        for (const auto &kind : events.kinds)
            FUZZ_CHECK(kindKnown(kind));
    }

    std::optional<qint64> after;
    if (auto problem = parseStreamStart(query, lastEventId, &after))
        checkProblem(*problem, query, !header.isEmpty());
    else
        FUZZ_CHECK(!after || *after >= 0);

    ExecQuery execs;
    if (auto problem = parseExecQuery(query, &execs)) {
        checkProblem(*problem, query, false);
    } else {
        FUZZ_CHECK(execs.limit >= 1 && execs.limit <= 1000);
        FUZZ_CHECK(execs.before.isEmpty()
                   || (execs.before.startsWith(u"exe_"_s) && execs.before.size() == 30));
        for (const auto &status : execs.statuses)
            FUZZ_CHECK(QStringList({u"running"_s, u"exited"_s, u"timeout"_s, u"killed"_s, u"lost"_s})
                           .contains(status));
    }
    return 0;
}
