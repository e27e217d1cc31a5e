#pragma once

#include <QObject>

#include <memory>

namespace OrkestrLocal {

class ApiServer;
struct SandboxServices;

// GET /v1/sandboxes/{id}/pty: the WebSocket upgrade of Qt HTTP Server (6.8) with Qt WebSockets.
//
// Qt asks the upgrade verifier before the upgrade; it accepts only a request that would succeed:
// the token authenticates, holds sandboxes:write and is within its rate limit, the sandbox exists
// and runs, the query is valid. Anything else is passed on, and the server's ordinary dispatch
// answers it as any request (ApiServer::missingHandler): the JSON refusal, journaled like any.
// An accepted upgrade is remembered by its Sec-WebSocket-Key until Qt hands over its socket;
// then a PtySession starts the command as an exec with mode "pty".
//
// The returned object holds the admissions and the open sessions: keep it while the server
// dispatches, and delete it while the services still exist.
[[nodiscard]] std::unique_ptr<QObject> registerPtyEndpoints(ApiServer &server,
                                                            const SandboxServices &services);

} // namespace OrkestrLocal
