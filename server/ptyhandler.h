#pragma once

#include "server/apiserver.h"
#include "server/journal.h"
#include "server/ptyprotocol.h"
#include "server/sandboxservices.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QHash>
#include <QHttpServerWebSocketUpgradeResponse>
#include <QObject>

#include <memory>

class QWebSocket;

namespace OrkestrLocal {

// GET /v1/sandboxes/{id}/pty: the WebSocket upgrade of Qt HTTP Server (6.8) with Qt WebSockets.
//
// Qt asks the upgrade verifier before the upgrade; it accepts only a request that would succeed:
// the token authenticates, holds sandboxes:write and is within its rate limit, the sandbox exists
// and runs, the query is valid. Anything else is passed on, and the server's ordinary dispatch
// answers it as any request (ApiServer::missingHandler): the JSON refusal, journaled like any.
// An accepted upgrade is remembered by its Sec-WebSocket-Key until Qt hands over its socket;
// then a PtySession starts the command as an exec with mode "pty".
class PtyHandler : public QObject
{
    Q_OBJECT
public:
    explicit PtyHandler(const SandboxServices &services, QObject *parent = nullptr);
    ~PtyHandler() override;

    void registerEndpoints(ApiServer &server);

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
    SandboxServices m_services;
    QHash<QByteArray, Admission> m_admitted; // by Sec-WebSocket-Key
};

} // namespace OrkestrLocal
