#include "server/sandboxhandlers.h"

#include "server/activity.h"
#include "server/apiserver.h"
#include "server/bufferedexec.h"
#include "server/etag.h"
#include "server/execstream.h"
#include "server/filehandlers.h"
#include "server/ids.h"
#include "server/requestparsing.h"
#include "server/sandboxjson.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxquery.h"
#include "server/sandboxruntime.h"
#include "server/sandboxservices.h"
#include "server/sandboxstore.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QUrlQuery>

#include <functional>
#include <optional>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// The routes of registerSandboxEndpoints and their state.
class SandboxHandlers : public RouteOwner
{
    Q_OBJECT
public:
    SandboxHandlers(ApiServer &server, const SandboxServices &services);

private:
    void create(const std::shared_ptr<ApiCall> &call);
    void list(const std::shared_ptr<ApiCall> &call);
    void exec(const std::shared_ptr<ApiCall> &call, bool stream);
    // pause and resume: the lifecycle's step, answered with the sandbox once it is done.
    void
    transition(const std::shared_ptr<ApiCall> &call,
               void (SandboxLifecycle::*step)(Sandbox &,
                                              std::function<void(const std::optional<RequestProblem> &)>));
    void terminate(const std::shared_ptr<ApiCall> &call);
    void templates(const std::shared_ptr<ApiCall> &call);

    PlanLimits m_plan;
};
} // namespace

SandboxHandlers::SandboxHandlers(ApiServer &server, const SandboxServices &services)
    : RouteOwner(services)
    , m_plan(PlanLimits::forPlan(services.config.plan)
                 .withOverrides(services.config.maxRunningSandboxes, services.config.snapshotCap))
{
    using S = ApiServer::Scope;
    const QString id = u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)"_s;
    auto bind = [this](void (SandboxHandlers::*method)(const std::shared_ptr<ApiCall> &)) {
        return [this, method](const std::shared_ptr<ApiCall> &call) {
            (this->*method)(call);
        };
    };
    server.route("POST", u"/v1/sandboxes"_s, S::Write, bind(&SandboxHandlers::create));
    server.route("GET", u"/v1/sandboxes"_s, S::Read, bind(&SandboxHandlers::list));
    server.route("GET", id, S::Read, [this](const std::shared_ptr<ApiCall> &call) {
        if (auto *sandbox = findSandbox(m_services.store, call))
            call->sendJson(200, sandbox->toJson());
    });
    server.route("DELETE", id, S::Write, bind(&SandboxHandlers::terminate));
    server.route("POST", id + u"/exec"_s, S::Write,
                 [this](const std::shared_ptr<ApiCall> &call) { exec(call, false); });
    server.route("POST", id + u"/exec/stream"_s, S::Write,
                 [this](const std::shared_ptr<ApiCall> &call) { exec(call, true); });
    server.route("POST", id + u"/pause"_s, S::Write, [this](const std::shared_ptr<ApiCall> &call) {
        transition(call, &SandboxLifecycle::pause);
    });
    server.route("POST", id + u"/resume"_s, S::Write, [this](const std::shared_ptr<ApiCall> &call) {
        transition(call, &SandboxLifecycle::resume);
    });
    server.route("GET", u"/v1/templates"_s, S::Read, bind(&SandboxHandlers::templates));
    registerFileEndpoints(server, m_services.store, m_services.lifecycle, m_services.activity);
}

Sandbox *findSandbox(SandboxStore &store, const std::shared_ptr<ApiCall> &call)
{
    const QString id = call->capture(0);
    Sandbox *sandbox = store.find(id);
    if (!sandbox)
        call->sendError(404, u"sandbox_not_found"_s, u"No sandbox %1."_s.arg(id));
    return sandbox;
}

void SandboxHandlers::templates(const std::shared_ptr<ApiCall> &call)
{
    QJsonArray list;
    for (const auto &entry : m_services.runtime.templates())
        list.append(QJsonObject {{u"name"_s, entry.name},
                                 {u"description"_s, entry.description},
                                 {u"available"_s, entry.available}});
    call->sendJson(200, {{u"templates"_s, list}});
}

void SandboxHandlers::create(const std::shared_ptr<ApiCall> &call)
{
    const QString idempotencyKey = QString::fromUtf8(call->request().value("idempotency-key"));
    if (!idempotencyKey.isEmpty()) {
        if (const auto earlier = m_services.store.idempotentAnswer(idempotencyKey))
            return call->sendJson(201, *earlier);
    }
    QJsonObject body;
    if (!call->parseJsonBody(&body))
        return;
    const auto planLimit = [&](const QString &limit, const QJsonValue &max, const QString &message) {
        call->sendError(402, u"plan_limit"_s, message, {{u"limit"_s, limit}, {u"max"_s, max}});
    };
    CreateRequest request;
    QStringList regionNames;
    for (const auto &region : std::as_const(m_services.config.regions))
        regionNames.append(region.name);
    const auto checkTemplate = [this](const QString &name) {
        return m_services.runtime.templateProblem(name);
    };
    if (auto problem = parseCreateRequest(body, checkTemplate, regionNames, &request))
        return call->sendProblem(*problem);
    if (request.cpu > m_plan.maxCpu)
        return planLimit(u"cpu"_s, m_plan.maxCpu,
                         u"The %1 plan allows at most %2 cpu."_s.arg(m_plan.name).arg(m_plan.maxCpu));
    if (request.memoryMb > m_plan.maxMemoryMb)
        return planLimit(u"memory_mb"_s, m_plan.maxMemoryMb,
                         u"The %1 plan allows at most %2 MB."_s.arg(m_plan.name).arg(m_plan.maxMemoryMb));
    if (request.timeoutSeconds > m_plan.maxTimeoutSeconds)
        return planLimit(
            u"timeout_seconds"_s, m_plan.maxTimeoutSeconds,
            u"The %1 plan allows timeouts up to %2 s."_s.arg(m_plan.name).arg(m_plan.maxTimeoutSeconds));
    if (m_services.store.usage().runningSandboxes >= m_plan.maxRunningSandboxes)
        return planLimit(
            u"running_sandboxes"_s, m_plan.maxRunningSandboxes,
            u"The %1 plan allows %2 running sandboxes."_s.arg(m_plan.name).arg(m_plan.maxRunningSandboxes));

    auto sandbox = std::make_unique<Sandbox>();
    sandbox->id = u"sbx_"_s + newUlid();
    sandbox->createdAt = QDateTime::currentDateTimeUtc();
    sandbox->templateName = request.templateName;
    sandbox->cpu = request.cpu;
    sandbox->memoryMb = request.memoryMb;
    sandbox->network = request.network;
    sandbox->timeoutSeconds = request.timeoutSeconds;
    sandbox->env = request.env;
    sandbox->metadata = request.metadata;
    sandbox->region = request.region;
    const QString id = sandbox->id;
    m_services.activity.setCause(id, Actor::token(call->token()));
    m_services.lifecycle.create(std::move(sandbox), [this, call, id, idempotencyKey](const auto &problem) {
        if (problem)
            return call->sendProblem(*problem);
        const Sandbox *created = m_services.store.find(id);
        const QJsonObject json = created ? created->toJson() : QJsonObject();
        if (!idempotencyKey.isEmpty())
            m_services.store.rememberIdempotent(idempotencyKey, json);
        call->sendJson(201, json);
    });
}

void SandboxHandlers::list(const std::shared_ptr<ApiCall> &call)
{
    const QUrlQuery query = call->query();
    SandboxFilter filter;
    if (auto problem = parseSandboxFilter(query, &filter))
        return call->sendProblem(*problem);
    int limit = 100;
    if (query.hasQueryItem(u"limit"_s)) {
        bool ok = false;
        limit = query.queryItemValue(u"limit"_s).toInt(&ok);
        if (!ok || limit < 1 || limit > 1000) {
            call->sendError(400, u"invalid_request"_s, u"limit must be between 1 and 1000."_s,
                            {{u"field"_s, u"limit"_s}});
            return;
        }
    }
    const QString cursor = query.queryItemValue(u"cursor"_s, QUrl::FullyDecoded);
    static const QRegularExpression cursorPattern(QRegularExpression::anchoredPattern(u"sbx_[0-9A-Z]{26}"_s));
    if (!cursor.isEmpty() && !cursorPattern.match(cursor).hasMatch()) {
        call->sendError(400, u"invalid_request"_s, u"cursor is not one this server gave out."_s,
                        {{u"field"_s, u"cursor"_s}});
        return;
    }
    // Every change of any sandbox (leaving the listing included) raises the version, so the
    // version and the query name the page: the ETag costs nothing, and a 304 on the first page
    // means that no page changed.
    const QByteArray version = QByteArray::number(m_services.store.latestVersion());
    const QByteArray etag = '"' + version + '-'
        + QCryptographicHash::hash(query.query(QUrl::FullyEncoded).toUtf8(), QCryptographicHash::Sha1)
              .toHex()
              .left(16)
        + '"';
    QHttpHeaders headers;
    headers.append(QHttpHeaders::WellKnownHeader::ETag, etag);
    headers.append("X-Orkestr-Version", version);
    if (ifNoneMatchHits(call->request().value("if-none-match"), etag))
        return call->sendEmpty(304, headers);

    const auto &sandboxes = m_services.store.all();
    SandboxPageJson page(limit);
    QString nextCursor;
    const Sandbox *last = nullptr;
    // Newest first: ids are ULIDs, so reverse id order is reverse creation order. The cursor is
    // the last id of the previous page, so paging is stable while sandboxes are created; the
    // map is sorted by id, so a page starts at its cursor without walking the ones before.
    auto it
        = cursor.isEmpty() ? sandboxes.rbegin() : std::make_reverse_iterator(sandboxes.lower_bound(cursor));
    for (; it != sandboxes.rend(); ++it) {
        const auto &sandbox = *it->second;
        if (!SandboxStore::isListed(sandbox) || !filter.matches(sandbox))
            continue;
        if (page.size() == limit) {
            nextCursor = last->id;
            break;
        }
        page.append(sandbox);
        last = &sandbox;
    }
    call->sendJsonBytes(200, page.finish(nextCursor), headers);
}

void SandboxHandlers::exec(const std::shared_ptr<ApiCall> &call, bool stream)
{
    auto *sandbox = findSandbox(m_services.store, call);
    if (!sandbox)
        return;
    QJsonObject body;
    if (!call->parseJsonBody(&body))
        return;
    ExecRequest request;
    if (auto problem = parseExecRequest(body, &request))
        return call->sendProblem(*problem);
    if (auto problem = SandboxLifecycle::requireRunning(*sandbox))
        return call->sendProblem(*problem);
    // A host the proxy refused while this command ran: the exec answers 403 network_policy (see
    // docs/server.md). Looked up by id: the sandbox may be gone by the time the command ends.
    const QString sandboxId = sandbox->id;
    const qint64 violationsBefore = sandbox->violationCount;
    const auto violation = [this, sandboxId, violationsBefore]() -> std::optional<Sandbox::Violation> {
        const Sandbox *ran = m_services.store.find(sandboxId);
        return ran ? ran->violationAfter(violationsBefore) : std::nullopt;
    };
    // Each answers the call itself and deletes itself when it is done.
    ExecRunner *runner = nullptr;
    if (stream)
        runner = &(new ExecStream(call, this))->runner();
    else
        runner = &(new BufferedExec(call, this))->runner();
    runner->setPolicyCheck(violation);
    m_services.activity.recordExec(sandboxId, Actor::token(call->token()), request,
                                   stream ? u"stream"_s : u"buffered"_s, *runner);
    m_services.lifecycle.attach(*sandbox, runner);
    SandboxCommand command = m_services.runtime.command(*sandbox, request);
    // Inherited by everything the command starts: processes it leaves in the background keep
    // their exec in the process list (server/sandboxprocesses.h).
    command.environment.insert(u"ORKESTR_EXEC_ID"_s, runner->execId());
    runner->start(command, request.timeoutSeconds);
}

void SandboxHandlers::transition(const std::shared_ptr<ApiCall> &call,
                                 void (SandboxLifecycle::*step)(Sandbox &, SandboxLifecycle::Done))
{
    auto *sandbox = findSandbox(m_services.store, call);
    if (!sandbox)
        return;
    const QString id = sandbox->id;
    m_services.activity.setCause(id, Actor::token(call->token()));
    (m_services.lifecycle.*step)(*sandbox, [this, call, id](const auto &problem) {
        if (problem)
            return call->sendProblem(*problem);
        call->sendJson(200, m_services.store.find(id)->toJson());
    });
}

void SandboxHandlers::terminate(const std::shared_ptr<ApiCall> &call)
{
    auto *sandbox = findSandbox(m_services.store, call);
    if (!sandbox)
        return;
    m_services.activity.setCause(sandbox->id, Actor::token(call->token()));
    m_services.lifecycle.terminate(*sandbox);
    call->sendJson(200, sandbox->toJson());
}

std::unique_ptr<QObject> registerSandboxEndpoints(ApiServer &server, const SandboxServices &services)
{
    return std::make_unique<SandboxHandlers>(server, services);
}

} // namespace OrkestrLocal

#include "sandboxhandlers.moc"
