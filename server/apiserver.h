#pragma once

#include "server/plan.h"
#include "server/ratelimiter.h"
#include "server/tokenstore.h"

#include <QAbstractHttpServer>
#include <QElapsedTimer>
#include <QHostAddress>
#include <QHttpHeaders>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonObject>
#include <QRegularExpression>

#include <functional>
#include <memory>

class QTcpServer;

namespace OrkestrLocal {

struct RequestProblem;

struct Region
{
    QString name;
    QString location;
};

struct ServerConfig
{
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 8787;
    QString dataDir;
    QString plan = QStringLiteral("pro");
    // Overrides of the plan's running-sandbox and snapshot caps (0: the plan's own).
    int maxRunningSandboxes = 0;
    int snapshotCap = 0;
    QString accountName = QStringLiteral("local");
    QList<Region> regions;
    QString rateLimit = QStringLiteral("6000/min");
    qint64 maxBodyBytes = 400LL * 1024 * 1024; // a 256 MiB file as base64 in JSON, with room
    int journalRetentionHours = 24; // after termination
    int outputRetentionMib = 256; // per sandbox
    int ptyPingSeconds = 15; // how often pty sessions' WebSockets are pinged
};

// One request being answered. Handlers that answer later (exec streams) keep it alive through
// the shared pointer; everything about the request they need must be read while dispatching.
class ApiCall
{
public:
    ApiCall(const QHttpServerRequest &request, QHttpServerResponder &&responder, QString requestId);

    const QHttpServerRequest &request() const { return *m_request; }
    QString requestId() const { return m_requestId; }
    const TokenRecord &token() const { return m_token; }
    QString capture(int index) const { return m_captures.value(index); }
    QByteArray body() const { return m_body; }
    QUrlQuery query() const { return m_query; }
    QString path() const { return m_path; }
    QByteArray method() const { return m_method; }
    // Parses the body as a JSON object; answers 400 invalid_request and returns false if it is not.
    bool parseJsonBody(QJsonObject *object);

    void sendJson(int status, const QJsonObject &object, QHttpHeaders extra = {});
    // A body serialized already (compact JSON), e.g. an answer cached between requests.
    void sendJsonBytes(int status, const QByteArray &json, QHttpHeaders extra = {});
    void sendEmpty(int status, QHttpHeaders extra = {});
    void sendError(int status, const QString &type, const QString &message, const QJsonObject &extra = {});
    // Answers with a refusal found by the request checks (requestparsing.h, sandboxfs.h, ...).
    void sendProblem(const RequestProblem &problem);
    // Headers every response carries (request id, Server, rate limit).
    QHttpHeaders baseHeaders() const { return m_baseHeaders; }
    // "orkestr-local/<version>": the Server header of every response.
    static QByteArray serverSoftware();
    // For streamed answers: the responder, and a note for the log once the stream starts.
    QHttpServerResponder &responder() { return m_responder; }
    void logStreamStart(int status);
    bool answered() const { return m_answered; }

private:
    friend class ApiServer;
    void log(int status);

    const QHttpServerRequest *m_request;
    QHttpServerResponder m_responder;
    QString m_requestId;
    TokenRecord m_token;
    QStringList m_captures;
    QByteArray m_body;
    QUrlQuery m_query;
    QByteArray m_method;
    QString m_path;
    QHttpHeaders m_baseHeaders;
    QElapsedTimer m_elapsed;
    bool m_answered = false;
    std::function<void(const ApiCall &, int status, const QString &type)> m_errorObserver;
};

using ApiHandler = std::function<void(const std::shared_ptr<ApiCall> &call)>;

// The HTTP front of orkestr-local: routing, authentication, scopes, rate limits, request ids,
// body limits and the request log. The endpoints themselves are registered with route().
class ApiServer : public QAbstractHttpServer
{
    Q_OBJECT
public:
    enum class Scope { None, Read, Write };

    ApiServer(ServerConfig config, TokenStore *tokens, QObject *parent = nullptr);

    bool listen(QString *error);
    quint16 port() const;
    const ServerConfig &config() const { return m_config; }

    // Registers an endpoint; the pattern matches the whole path and its groups become captures.
    void route(QByteArray method, const QString &pattern, Scope scope, ApiHandler handler);
    // For a WebSocket upgrade verifier: the caller's token when it authenticates, holds the scope
    // and is within its rate limit (then the upgrade counts as its request). Otherwise nullopt:
    // the verifier passes the request on, and the ordinary dispatch answers the refusal as JSON.
    std::optional<TokenRecord> authorizeUpgrade(const QHttpServerRequest &request, Scope scope);
    // One line of the request log for an answer that is no ApiCall's (an accepted upgrade).
    static void logRequest(const QByteArray &method, const QString &path, int status, qint64 elapsedNs,
                           const QString &requestId, const QString &tokenPrefix);
    // Told of every error answered to an authenticated request (not 401 or 429), before it is sent.
    using ErrorObserver = std::function<void(const ApiCall &call, int status, const QString &type)>;
    void setErrorObserver(ErrorObserver observer) { m_errorObserver = std::move(observer); }

protected:
    bool handleRequest(const QHttpServerRequest &request, QHttpServerResponder &responder) override;
    void missingHandler(const QHttpServerRequest &request, QHttpServerResponder &responder) override;

private:
    std::optional<TokenRecord> authenticate(const QHttpServerRequest &request);

    struct Route
    {
        QByteArray method;
        QRegularExpression pattern;
        Scope scope;
        ApiHandler handler;
    };

    ServerConfig m_config;
    TokenStore *m_tokens;
    RateLimiter m_rateLimiter;
    QList<Route> m_routes;
    ErrorObserver m_errorObserver;
    QTcpServer *m_tcpServer = nullptr;
};

QByteArray methodName(QHttpServerRequest::Method method);

} // namespace OrkestrLocal
