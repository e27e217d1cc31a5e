#include "server/apiserver.h"

#include "server/log.h"

#include "server/ids.h"
#include "server/requestparsing.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

#include <cmath>
#include <cstdio>
#include <utility>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// Replies often go out in two writes (headers, then body): with Nagle's algorithm the second
// waits for the client's delayed acknowledgement, about 40 ms per request. Send at once.
class LowDelayTcpServer : public QTcpServer
{
public:
    using QTcpServer::QTcpServer;

protected:
    void incomingConnection(qintptr descriptor) override
    {
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(descriptor)) {
            delete socket;
            return;
        }
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        addPendingConnection(socket);
    }
};
} // namespace

QByteArray methodName(QHttpServerRequest::Method method)
{
    static constexpr std::pair<QHttpServerRequest::Method, const char *> names[] = {
        {QHttpServerRequest::Method::Get, "GET"},       {QHttpServerRequest::Method::Put, "PUT"},
        {QHttpServerRequest::Method::Delete, "DELETE"}, {QHttpServerRequest::Method::Post, "POST"},
        {QHttpServerRequest::Method::Head, "HEAD"},     {QHttpServerRequest::Method::Options, "OPTIONS"},
        {QHttpServerRequest::Method::Patch, "PATCH"},
    };
    for (const auto &[value, name] : names) {
        if (value == method)
            return name;
    }
    return "OTHER";
}

ApiCall::ApiCall(const QHttpServerRequest &request, QHttpServerResponder &&responder, QString requestId)
    : m_request(&request)
    , m_responder(std::move(responder))
    , m_requestId(std::move(requestId))
    , m_body(request.body())
    , m_query(request.query())
    , m_method(methodName(request.method()))
    , m_path(request.url().path())
{
    m_elapsed.start();
    m_baseHeaders.append(QByteArrayView("X-Request-Id"), m_requestId);
    m_baseHeaders.append(QHttpHeaders::WellKnownHeader::Server, serverSoftware());
}

QByteArray ApiCall::serverSoftware()
{
    return QByteArrayLiteral("orkestr-local/" ORKESTR_VERSION);
}

bool ApiCall::parseJsonBody(QJsonObject *object)
{
    if (auto problem = parseJsonObjectBody(m_body, object)) {
        sendProblem(*problem);
        return false;
    }
    return true;
}

void ApiCall::sendJson(int status, const QJsonObject &object, QHttpHeaders extra)
{
    if (!m_answered)
        sendJsonBytes(status, QJsonDocument(object).toJson(QJsonDocument::Compact), std::move(extra));
}

void ApiCall::sendJsonBytes(int status, const QByteArray &json, QHttpHeaders extra)
{
    if (m_answered)
        return;
    QHttpHeaders headers = m_baseHeaders;
    for (qsizetype i = 0; i < extra.size(); ++i)
        headers.append(extra.nameAt(i), extra.valueAt(i));
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "application/json");
    m_responder.write(json, headers, QHttpServerResponder::StatusCode(status));
    m_answered = true;
    log(status);
}

void ApiCall::sendEmpty(int status, QHttpHeaders extra)
{
    if (m_answered)
        return;
    QHttpHeaders headers = m_baseHeaders;
    for (qsizetype i = 0; i < extra.size(); ++i)
        headers.append(extra.nameAt(i), extra.valueAt(i));
    m_responder.write(headers, QHttpServerResponder::StatusCode(status));
    m_answered = true;
    log(status);
}

void ApiCall::sendProblem(const RequestProblem &problem)
{
    sendError(problem.status, problem.type, problem.message, problem.extra);
}

void ApiCall::sendError(int status, const QString &type, const QString &message, const QJsonObject &extra)
{
    if (m_errorObserver && !m_answered)
        m_errorObserver(*this, status, type);
    QJsonObject error = extra;
    error.insert(u"type"_s, type);
    error.insert(u"message"_s, message);
    error.insert(u"request_id"_s, m_requestId);
    QHttpHeaders headers;
    if (status == 429 && extra.contains(u"retry_after"_s))
        headers.append(QHttpHeaders::WellKnownHeader::RetryAfter,
                       QByteArray::number(qint64(std::ceil(extra.value(u"retry_after"_s).toDouble()))));
    sendJson(status, QJsonObject {{u"error"_s, error}}, headers);
}

void ApiCall::logStreamStart(int status)
{
    m_answered = true;
    log(status);
}

void ApiCall::log(int status)
{
    ApiServer::logRequest(m_method, m_path, status, m_elapsed.nsecsElapsed(), m_requestId, m_token.prefix);
}

void ApiServer::logRequest(const QByteArray &method, const QString &path, int status, qint64 elapsedNs,
                           const QString &requestId, const QString &tokenPrefix)
{
    // One line per request; the token never appears (only its public prefix).
    const QString line = u"%1 %2 %3 %4 %5ms %6 %7"_s.arg(
        QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs), QString::fromLatin1(method), path,
        QString::number(status), QString::number(double(elapsedNs) / 1e6, 'f', 1), requestId,
        tokenPrefix.isEmpty() ? u"-"_s : tokenPrefix);
    qCInfo(lcRequests).noquote() << line;
}

ApiServer::ApiServer(ServerConfig config, TokenStore *tokens, QObject *parent)
    : QAbstractHttpServer(parent)
    , m_config(std::move(config))
    , m_tokens(tokens)
    , m_rateLimiter(RateLimiter::parse(m_config.rateLimit).value_or(RateLimiter(6000, 60)))
{
}

bool ApiServer::listen(QString *error)
{
    m_tcpServer = new LowDelayTcpServer(this);
    if (!m_tcpServer->listen(m_config.address, m_config.port)) {
        *error = u"cannot listen on %1:%2: %3"_s.arg(m_config.address.toString())
                     .arg(m_config.port)
                     .arg(m_tcpServer->errorString());
        return false;
    }
    if (!bind(m_tcpServer)) {
        *error = u"cannot bind the HTTP server to its socket"_s;
        return false;
    }
    return true;
}

quint16 ApiServer::port() const
{
    return m_tcpServer ? m_tcpServer->serverPort() : 0;
}

void ApiServer::route(QByteArray method, const QString &pattern, Scope scope, ApiHandler handler)
{
    m_routes.append({std::move(method), QRegularExpression(QRegularExpression::anchoredPattern(pattern)),
                     scope, std::move(handler)});
}

bool ApiServer::handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    auto call = std::make_shared<ApiCall>(request, std::move(responder), u"req_"_s + newUlid());
    const QString path = request.url().path();
    const QByteArray method = methodName(request.method());

    const Route *matched = nullptr;
    bool pathKnown = false;
    for (const auto &route : std::as_const(m_routes)) {
        const auto match = route.pattern.match(path);
        if (!match.hasMatch())
            continue;
        pathKnown = true;
        if (route.method != method)
            continue;
        matched = &route;
        call->m_captures = match.capturedTexts().mid(1);
        break;
    }

    // Authenticate first: an unknown caller learns nothing about which paths exist.
    const QByteArray authorization = request.value("authorization");
    const std::optional<TokenRecord> token = authenticate(request);

    const QString limiterKey = token ? token->id : u"anonymous:"_s + request.remoteAddress().toString();
    const auto decision = m_rateLimiter.take(limiterKey, QDateTime::currentMSecsSinceEpoch());
    call->m_baseHeaders.append(QByteArrayView("X-RateLimit-Limit"), QByteArray::number(decision.limit));
    call->m_baseHeaders.append(QByteArrayView("X-RateLimit-Remaining"),
                               QByteArray::number(decision.remaining));
    call->m_baseHeaders.append(QByteArrayView("X-RateLimit-Reset"),
                               QByteArray::number(decision.resetUnixSeconds));

    if (token)
        call->m_token = *token;
    // Callers without a valid token have a bucket per address: guessing tokens (or flooding the
    // server with bad ones, a SHA-256 each) is throttled like any other traffic.
    if (!decision.allowed) {
        call->sendError(429, u"rate_limited"_s,
                        u"Too many requests: at most %1 per %2 s for %3."_s.arg(decision.limit)
                            .arg(m_rateLimiter.windowSeconds())
                            .arg(token ? u"this token"_s : u"this address without a valid token"_s),
                        {{u"retry_after"_s, decision.retryAfterSeconds}});
        return true;
    }
    if (!token) {
        call->sendError(401, u"unauthorized"_s, u"Missing or invalid API token."_s,
                        {{u"detail"_s,
                          authorization.isEmpty() ? u"no Authorization header"_s
                              : authorization.startsWith("Bearer ")
                              ? u"the token is not known to this server"_s
                              : u"the Authorization header must be \"Bearer <token>\""_s}});
        return true;
    }
    call->m_errorObserver = m_errorObserver; // authenticated from here on
    if (!matched) {
        if (pathKnown)
            call->sendError(405, u"invalid_request"_s,
                            u"Method %1 is not allowed on %2."_s.arg(QString::fromLatin1(method), path));
        else
            call->sendError(404, u"invalid_request"_s,
                            u"No such endpoint: %1 %2."_s.arg(QString::fromLatin1(method), path));
        return true;
    }
    const QString needed = matched->scope == Scope::Write ? u"sandboxes:write"_s
        : matched->scope == Scope::Read                   ? u"sandboxes:read"_s
                                                          : QString();
    if (!needed.isEmpty() && !token->hasScope(needed)) {
        call->sendError(
            403, u"forbidden"_s, u"This token lacks the scope %1."_s.arg(needed),
            {{u"detail"_s, u"token %1 has scopes: %2"_s.arg(token->prefix, token->scopes.join(u", "_s))},
             {u"required_scope"_s, needed}});
        return true;
    }
    if (call->m_body.size() > m_config.maxBodyBytes) {
        call->sendError(413, u"payload_too_large"_s, u"The request body is larger than the server accepts."_s,
                        {{u"max_bytes"_s, m_config.maxBodyBytes}});
        return true;
    }
    matched->handler(call);
    // The request object dies with this call; a handler that answers later no longer sees it.
    call->m_request = nullptr;
    return true;
}

std::optional<TokenRecord> ApiServer::authenticate(const QHttpServerRequest &request)
{
    const QByteArray authorization = request.value("authorization");
    m_tokens->reloadIfChanged();
    if (!authorization.startsWith("Bearer "))
        return std::nullopt;
    return m_tokens->authenticate(QByteArrayView(authorization).mid(7).trimmed());
}

std::optional<TokenRecord> ApiServer::authorizeUpgrade(const QHttpServerRequest &request, Scope scope)
{
    const auto token = authenticate(request);
    if (!token || !token->hasScope(scope == Scope::Write ? u"sandboxes:write"_s : u"sandboxes:read"_s))
        return std::nullopt;
    if (!m_rateLimiter.take(token->id, QDateTime::currentMSecsSinceEpoch()).allowed)
        return std::nullopt;
    return token;
}

void ApiServer::missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder)
{
    // A WebSocket upgrade no verifier accepted: answered as any request, so that its refusal (401,
    // 403, 404, 409...) is the ordinary JSON answer. Qt closes the connection afterwards.
    if (request.value("upgrade").compare("websocket", Qt::CaseInsensitive) == 0) {
        handleRequest(request, responder);
        return;
    }
    ApiCall call(request, std::move(responder), u"req_"_s + newUlid());
    call.sendError(404, u"invalid_request"_s, u"No such endpoint."_s);
}

} // namespace OrkestrLocal
