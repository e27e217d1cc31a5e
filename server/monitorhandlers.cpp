#include "server/monitorhandlers.h"

#include "server/activity.h"
#include "server/apiserver.h"
#include "server/etag.h"
#include "server/metricssampler.h"
#include "server/monitorparsing.h"
#include "server/sandboxhandlers.h"
#include "server/sandboxstore.h"

#include <QJsonArray>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

// The processes of a sandbox exist while it runs or is paused (frozen).
bool requireProcesses(const std::shared_ptr<ApiCall> &call, const Sandbox &sandbox)
{
    if ((sandbox.status == SandboxStatus::Running || sandbox.status == SandboxStatus::Paused)
        && sandbox.initPid > 0)
        return true;
    call->sendError(409, u"sandbox_not_ready"_s,
                    u"Sandbox %1 is %2: it has processes only while running or paused."_s.arg(
                        sandbox.id, statusName(sandbox.status)),
                    {{u"status"_s, statusName(sandbox.status)}});
    return false;
}

} // namespace

void registerMonitorEndpoints(ApiServer &server, SandboxStore &store, MetricsSampler &sampler,
                              ActivityRecorder &activity)
{
    using S = ApiServer::Scope;
    const QString id = u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)"_s;

    server.route("GET", id + u"/processes"_s, S::Read,
                 [&store, &sampler](const std::shared_ptr<ApiCall> &call) {
                     const Sandbox *sandbox = findSandbox(store, call);
                     if (!sandbox || !requireProcesses(call, *sandbox))
                         return;
                     sampler.processes(*sandbox, [call](const QList<SandboxProcess> &processes) {
                         QList<SandboxProcess> sorted = processes;
                         std::sort(sorted.begin(), sorted.end(),
                                   [](const auto &a, const auto &b) { return a.pid < b.pid; });
                         QJsonArray list;
                         for (const auto &process : std::as_const(sorted))
                             list.append(process.toJson());
                         call->sendJson(200, {{u"processes"_s, list}});
                     });
                 });

    server.route(
        "POST", id + u"/processes/([0-9]{1,10})/signal"_s, S::Write,
        [&store, &sampler, &activity](const std::shared_ptr<ApiCall> &call) {
            const Sandbox *sandbox = findSandbox(store, call);
            if (!sandbox)
                return;
            QJsonObject body;
            if (!call->parseJsonBody(&body))
                return;
            int signal = 0;
            if (const auto problem = parseSignalRequest(body, &signal))
                return call->sendError(problem->status, problem->type, problem->message, problem->extra);
            if (!requireProcesses(call, *sandbox))
                return;
            const qint64 pid = call->capture(1).toLongLong();
            const QString sandboxId = sandbox->id;
            sampler.signal(
                *sandbox, pid, signal,
                [call, &activity, sandboxId, pid, signal](const std::optional<QString> &command) {
                    if (!command)
                        return call->sendError(404, u"process_not_found"_s,
                                               u"Sandbox %1 has no process %2."_s.arg(sandboxId).arg(pid),
                                               {{u"pid"_s, pid}});
                    activity.record(sandboxId, u"process.signalled"_s, Actor::token(call->token()),
                                    {{u"pid"_s, pid}, {u"signal"_s, signal}, {u"command"_s, *command}});
                    call->sendEmpty(204);
                });
        });

    server.route(
        "GET", id + u"/metrics"_s, S::Read, [&store, &sampler](const std::shared_ptr<ApiCall> &call) {
            const Sandbox *sandbox = findSandbox(store, call);
            if (!sandbox)
                return;
            qint64 sinceMs = 0;
            if (const auto problem
                = parseMetricsQuery(call->query(), QDateTime::currentMSecsSinceEpoch(), &sinceMs))
                return call->sendError(problem->status, problem->type, problem->message, problem->extra);
            const QJsonObject head {
                {u"interval_ms"_s, sampler.intervalMs()},
                {u"limits"_s, QJsonObject {{u"cpu"_s, sandbox->cpu}, {u"memory_mb"_s, sandbox->memoryMb}}}};
            sampler.history(sandbox->id, sinceMs, [call, head](const QList<MetricsSample> &samples) {
                QJsonArray list;
                for (const auto &sample : samples)
                    list.append(sample.toJson());
                QJsonObject body = head;
                body.insert(u"samples"_s, list);
                call->sendJson(200, body);
            });
        });

    server.route("GET", u"/v1/metrics"_s, S::Read, [&sampler](const std::shared_ptr<ApiCall> &call) {
        const QByteArray etag = sampler.latestEtag();
        QHttpHeaders headers;
        headers.append(QHttpHeaders::WellKnownHeader::ETag, etag);
        if (ifNoneMatchHits(call->request().value("if-none-match"), etag))
            return call->sendEmpty(304, headers);
        call->sendJsonBytes(200, sampler.latestJson(), headers);
    });
}

} // namespace OrkestrLocal
