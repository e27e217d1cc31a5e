#include "server/activityhandlers.h"

#include "server/activityquery.h"
#include "server/attachstream.h"
#include "server/eventstream.h"
#include "server/journal.h"
#include "server/sandboxhandlers.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
void answer(const std::shared_ptr<ApiCall> &call, const RequestProblem &problem)
{
    call->sendError(problem.status, problem.type, problem.message, problem.extra);
}
} // namespace

void registerActivityEndpoints(ApiServer &server, SandboxStore &store, Journal &journal)
{
    using S = ApiServer::Scope;
    const QString id = u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)"_s;
    server.route("GET", id + u"/events"_s, S::Read, [&store, &journal](const std::shared_ptr<ApiCall> &call) {
        if (!SandboxHandlers::find(store, call))
            return;
        EventQuery query;
        if (auto problem = parseEventQuery(call->query(), &query))
            return answer(call, *problem);
        const EventPage page = journal.events(call->capture(0), query);
        call->sendJson(
            200,
            {{u"events"_s, page.events}, {u"has_more"_s, page.hasMore}, {u"latest_seq"_s, page.latestSeq}});
    });
    server.route("GET", id + u"/events/stream"_s, S::Read,
                 [&store, &journal](const std::shared_ptr<ApiCall> &call) {
                     if (!SandboxHandlers::find(store, call))
                         return;
                     std::optional<qint64> after;
                     if (auto problem
                         = parseStreamStart(call->query(), call->request().value("last-event-id"), &after))
                         return answer(call, *problem);
                     new EventStream(call, journal, call->capture(0), after, &journal);
                 });
    server.route("GET", id + u"/execs"_s, S::Read, [&store, &journal](const std::shared_ptr<ApiCall> &call) {
        if (!SandboxHandlers::find(store, call))
            return;
        ExecQuery query;
        if (auto problem = parseExecQuery(call->query(), &query))
            return answer(call, *problem);
        const ExecPage page = journal.execs(call->capture(0), query);
        call->sendJson(200, {{u"execs"_s, page.execs}, {u"has_more"_s, page.hasMore}});
    });
    server.route("GET", id + u"/execs/([^/]+)"_s, S::Read,
                 [&store, &journal](const std::shared_ptr<ApiCall> &call) {
                     if (!SandboxHandlers::find(store, call))
                         return;
                     const QString execId = call->capture(1);
                     if (const auto record = journal.exec(call->capture(0), execId))
                         return call->sendJson(200, *record);
                     call->sendError(404, u"exec_not_found"_s, u"No exec %1 in this sandbox."_s.arg(execId),
                                     {{u"exec_id"_s, execId}});
                 });
    server.route("GET", id + u"/execs/([^/]+)/stream"_s, S::Read,
                 [&store, &journal](const std::shared_ptr<ApiCall> &call) {
                     if (!SandboxHandlers::find(store, call))
                         return;
                     const QString execId = call->capture(1);
                     const QString from = call->query().queryItemValue(u"from"_s);
                     if (!from.isEmpty() && from != u"start"_s && from != u"live"_s)
                         return call->sendError(400, u"invalid_request"_s, u"from must be start or live."_s,
                                                {{u"field"_s, u"from"_s}});
                     const auto record = journal.exec(call->capture(0), execId);
                     if (!record)
                         return call->sendError(404, u"exec_not_found"_s,
                                                u"No exec %1 in this sandbox."_s.arg(execId),
                                                {{u"exec_id"_s, execId}});
                     new AttachStream(call, journal, *record, from == u"live"_s, &journal);
                 });
}

} // namespace OrkestrLocal
