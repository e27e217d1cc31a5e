#include "server/activityhandlers.h"

#include "server/activityquery.h"
#include "server/attachstream.h"
#include "server/eventstream.h"
#include "server/journal.h"
#include "server/sandboxhandlers.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

// Every endpoint here reads the journal of one sandbox, which must exist: an unknown id is
// answered 404 before the handler runs.
void routeSandboxRead(ApiServer &server, SandboxStore &store, const QString &subpath, ApiHandler handler)
{
    server.route("GET", u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)"_s + subpath, ApiServer::Scope::Read,
                 [&store, handler = std::move(handler)](const std::shared_ptr<ApiCall> &call) {
                     if (findSandbox(store, call))
                         handler(call);
                 });
}

void sendExecNotFound(ApiCall &call, const QString &execId)
{
    call.sendError(404, u"exec_not_found"_s, u"No exec %1 in this sandbox."_s.arg(execId),
                   {{u"exec_id"_s, execId}});
}

} // namespace

void registerActivityEndpoints(ApiServer &server, SandboxStore &store, Journal &journal)
{
    routeSandboxRead(server, store, u"/events"_s, [&journal](const std::shared_ptr<ApiCall> &call) {
        EventQuery query;
        if (auto problem = parseEventQuery(call->query(), &query))
            return call->sendProblem(*problem);
        journal.readEvents(call->capture(0), query, [call](const EventPage &page) {
            call->sendJson(200,
                           {{u"events"_s, page.events},
                            {u"has_more"_s, page.hasMore},
                            {u"latest_seq"_s, page.latestSeq}});
        });
    });
    routeSandboxRead(server, store, u"/events/stream"_s, [&journal](const std::shared_ptr<ApiCall> &call) {
        std::optional<qint64> after;
        if (auto problem = parseStreamStart(call->query(), call->request().value("last-event-id"), &after))
            return call->sendProblem(*problem);
        new EventStream(call, journal, call->capture(0), after, &journal);
    });
    routeSandboxRead(server, store, u"/execs"_s, [&journal](const std::shared_ptr<ApiCall> &call) {
        ExecQuery query;
        if (auto problem = parseExecQuery(call->query(), &query))
            return call->sendProblem(*problem);
        journal.readExecs(call->capture(0), query, [call](const ExecPage &page) {
            call->sendJson(200, {{u"execs"_s, page.execs}, {u"has_more"_s, page.hasMore}});
        });
    });
    routeSandboxRead(server, store, u"/execs/([^/]+)"_s, [&journal](const std::shared_ptr<ApiCall> &call) {
        const QString execId = call->capture(1);
        journal.readExec(call->capture(0), execId, [call, execId](const std::optional<QJsonObject> &record) {
            if (record)
                return call->sendJson(200, *record);
            sendExecNotFound(*call, execId);
        });
    });
    routeSandboxRead(
        server, store, u"/execs/([^/]+)/stream"_s, [&journal](const std::shared_ptr<ApiCall> &call) {
            const QString execId = call->capture(1);
            const QString from = call->query().queryItemValue(u"from"_s);
            if (!from.isEmpty() && from != u"start"_s && from != u"live"_s)
                return call->sendError(400, u"invalid_request"_s, u"from must be start or live."_s,
                                       {{u"field"_s, u"from"_s}});
            // Read on the loop: the stream must start from the record's state as the loop knows it
            // (an exec that ended after a read on a reader thread would be attached as running).
            const auto record = journal.exec(call->capture(0), execId);
            if (!record)
                return sendExecNotFound(*call, execId);
            new AttachStream(call, journal, *record, from == u"live"_s, &journal);
        });
}

} // namespace OrkestrLocal
