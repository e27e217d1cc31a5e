#pragma once

#include <QObject>

#include <memory>

namespace OrkestrLocal {

class ApiCall;
class ApiServer;
class SandboxStore;
struct Sandbox;
struct SandboxServices;

// The HTTP side of the sandbox endpoints (create, list, get, terminate, exec, pause, resume,
// templates) and of the files': routing, parsing and answers. The work is done by the store
// (records), the lifecycle (transitions) and the runtime and exec runner (processes). The returned
// object holds the routes' state and the execs in flight: keep it while the server dispatches, and
// delete it while the services still exist.
[[nodiscard]] std::unique_ptr<QObject> registerSandboxEndpoints(ApiServer &server,
                                                                const SandboxServices &services);

// The sandbox the call's path names, or nullptr after answering 404.
Sandbox *findSandbox(SandboxStore &store, const std::shared_ptr<ApiCall> &call);

} // namespace OrkestrLocal
