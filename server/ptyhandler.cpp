#include "server/ptyhandler.h"

#include "server/activity.h"
#include "server/apiserver.h"
#include "server/ids.h"
#include "server/ptyprotocol.h"
#include "server/ptysession.h"
#include "server/sandboxlifecycle.h"
#include "server/sandboxruntime.h"
#include "server/sandboxservices.h"
#include "server/sandboxstore.h"
#include "server/tokenstore.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QHttpServerWebSocketUpgradeResponse>
#include <QRegularExpression>
#include <QWebSocket>

#include <memory>
#include <optional>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// From the verifier's answer to Qt handing over the socket: the handshake, on loopback.
constexpr int AdmissionMs = 30000;
// Keystrokes and pastes: a larger message is refused by the socket (close 1009).
constexpr qint64 MaxIncomingMessage = 1024 * 1024;

// The verifier, the refusals and the sessions of registerPtyEndpoints.
class PtyHandler : public RouteOwner
{
    Q_OBJECT
public:
    PtyHandler(ApiServer &server, const SandboxServices &services);

private:
    struct Admission
    {
        QString sandboxId;
        TokenRecord token;
        PtyRequest request;
        QString path;
        QString requestId;
        QDeadlineTimer expires;
        QElapsedTimer since;
    };

    QHttpServerWebSocketUpgradeResponse verify(ApiServer &server, const QHttpServerRequest &request);
    // 404, 400 or 409 for this sandbox and query, in the order an exec checks them; or nullopt.
    std::optional<RequestProblem> check(const QString &sandboxId, const QUrlQuery &query,
                                        PtyRequest *request) const;
    void connected(std::unique_ptr<QWebSocket> socket);
    // The command line the session runs, and the one it is recorded as.
    QString defaultCommand() const;

    int m_pingIntervalMs;
    QHash<QByteArray, Admission> m_admitted; // by Sec-WebSocket-Key
};
} // namespace

PtyHandler::PtyHandler(ApiServer &server, const SandboxServices &services)
    : RouteOwner(services)
    , m_pingIntervalMs(services.config.ptyPingSeconds * 1000)
{
    server.addWebSocketUpgradeVerifier(
        this, [this, &server](const QHttpServerRequest &request) { return verify(server, request); });
    connect(&server, &QAbstractHttpServer::newWebSocketConnection, this, [this, &server] {
        while (server.hasPendingWebSocketConnections())
            connected(server.nextPendingWebSocketConnection());
    });
    // Reached by a plain GET, or by an upgrade the verifier passed on: answers the refusal.
    server.route("GET", u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)/pty"_s, ApiServer::Scope::Write,
                 [this](const std::shared_ptr<ApiCall> &call) {
                     PtyRequest request;
                     if (auto problem = check(call->capture(0), call->query(), &request))
                         return call->sendProblem(*problem);
                     call->sendError(400, u"invalid_request"_s,
                                     u"GET /pty is a WebSocket upgrade (RFC 6455): send Connection: Upgrade, "
                                     "Upgrade: websocket and the Sec-WebSocket headers."_s);
                 });
}

std::optional<RequestProblem> PtyHandler::check(const QString &sandboxId, const QUrlQuery &query,
                                                PtyRequest *request) const
{
    const Sandbox *sandbox = m_services.store.find(sandboxId);
    if (!sandbox)
        return RequestProblem {404, u"sandbox_not_found"_s, u"No sandbox %1."_s.arg(sandboxId), {}};
    if (auto problem = parsePtyQuery(query, request))
        return problem;
    return SandboxLifecycle::requireRunning(*sandbox);
}

QHttpServerWebSocketUpgradeResponse PtyHandler::verify(ApiServer &server, const QHttpServerRequest &request)
{
    static const QRegularExpression path(
        QRegularExpression::anchoredPattern(u"/v1/sandboxes/(sbx_[0-9A-Za-z]+)/pty"_s));
    for (auto it = m_admitted.begin(); it != m_admitted.end();)
        it = it->expires.hasExpired() ? m_admitted.erase(it) : std::next(it);
    const auto match = path.match(request.url().path());
    const QByteArray key = request.value("sec-websocket-key");
    Admission admission;
    if (!match.hasMatch() || request.method() != QHttpServerRequest::Method::Get || key.isEmpty()
        || m_admitted.contains(key) || check(match.captured(1), request.query(), &admission.request))
        return QHttpServerWebSocketUpgradeResponse::passToNext();
    // Last, as it counts the request against the token's rate limit.
    const auto token = server.authorizeUpgrade(request, ApiServer::Scope::Write);
    if (!token)
        return QHttpServerWebSocketUpgradeResponse::passToNext();
    admission.sandboxId = match.captured(1);
    admission.token = *token;
    admission.path = request.url().path();
    admission.requestId = u"req_"_s + newUlid();
    admission.expires = QDeadlineTimer(AdmissionMs);
    admission.since.start();
    m_admitted.insert(key, admission);
    return QHttpServerWebSocketUpgradeResponse::accept();
}

QString PtyHandler::defaultCommand() const
{
    // The sandbox sees the host's /usr.
    return QFileInfo(u"/usr/bin/bash"_s).isExecutable() ? u"bash -l"_s : u"sh"_s;
}

void PtyHandler::connected(std::unique_ptr<QWebSocket> socket)
{
    if (!socket)
        return;
    socket->setMaxAllowedIncomingMessageSize(MaxIncomingMessage);
    const auto admission = m_admitted.take(socket->request().rawHeader("Sec-WebSocket-Key"));
    auto *session
        = new PtySession(std::move(socket), admission.sandboxId, m_services.store, m_pingIntervalMs, this);
    Sandbox *sandbox = m_services.store.find(admission.sandboxId);
    if (admission.sandboxId.isEmpty() || !sandbox) {
        session->fail(u"this upgrade was not admitted"_s);
        return;
    }
    ApiServer::logRequest("GET", admission.path, 101, admission.since.nsecsElapsed(), admission.requestId,
                          admission.token.prefix);
    // Paused (or ended) during the handshake.
    if (auto problem = SandboxLifecycle::requireRunning(*sandbox)) {
        session->fail(u"sandbox_not_ready: %1"_s.arg(problem->message));
        return;
    }
    QString error;
    if (!session->openTerminal(sandbox->initPid, admission.request.cols, admission.request.rows, &error)) {
        session->fail(error);
        return;
    }
    ExecRequest request;
    request.command = admission.request.command.isEmpty() ? defaultCommand() : admission.request.command;
    request.cwd = admission.request.cwd;
    request.timeoutSeconds = 0; // a session has no timeout; it ends with its sandbox
    ExecRunner &runner = session->runner();
    m_services.activity.recordExec(sandbox->id, Actor::token(admission.token), request, u"pty"_s, runner);
    m_services.lifecycle.attach(*sandbox, &runner);
    SandboxCommand command = m_services.runtime.command(*sandbox, request, true);
    command.environment.insert(u"ORKESTR_EXEC_ID"_s, runner.execId());
    session->start(command);
}

std::unique_ptr<QObject> registerPtyEndpoints(ApiServer &server, const SandboxServices &services)
{
    return std::make_unique<PtyHandler>(server, services);
}

} // namespace OrkestrLocal

#include "ptyhandler.moc"
