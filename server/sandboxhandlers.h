#pragma once

#include "server/apiserver.h"

#include <QObject>

#include <memory>

namespace OrkestrLocal {

class SandboxLifecycle;
class SandboxRuntime;
class SandboxStore;
struct Sandbox;

// The HTTP side of the sandbox endpoints: routing, parsing and answers. The work is done by the
// store (records), the lifecycle (transitions) and the runtime and exec runner (processes).
class SandboxHandlers : public QObject
{
    Q_OBJECT
public:
    SandboxHandlers(const ServerConfig &config, SandboxStore &store, SandboxRuntime &runtime,
                    SandboxLifecycle &lifecycle, QObject *parent = nullptr);
    ~SandboxHandlers() override;

    void registerEndpoints(ApiServer &server);

    // The sandbox the call's path names, or nullptr after answering 404.
    static Sandbox *find(SandboxStore &store, const std::shared_ptr<ApiCall> &call);

private:
    void create(const std::shared_ptr<ApiCall> &call);
    void list(const std::shared_ptr<ApiCall> &call);
    void exec(const std::shared_ptr<ApiCall> &call, bool stream);
    void pause(const std::shared_ptr<ApiCall> &call);
    void resume(const std::shared_ptr<ApiCall> &call);
    void terminate(const std::shared_ptr<ApiCall> &call);
    void templates(const std::shared_ptr<ApiCall> &call);

    ServerConfig m_config;
    PlanLimits m_plan;
    SandboxStore &m_store;
    SandboxRuntime &m_runtime;
    SandboxLifecycle &m_lifecycle;
};

// GET, PUT and DELETE /files and GET /files/list: through SandboxFs, and after any snapshot being
// written or restored (SandboxLifecycle::whenFilesSettled).
void registerFileEndpoints(ApiServer &server, SandboxStore &store, SandboxLifecycle &lifecycle);

} // namespace OrkestrLocal
