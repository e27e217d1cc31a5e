#pragma once

#include "server/apiserver.h"
#include "server/requestparsing.h"
#include "server/sandboxservices.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace OrkestrLocal {

class SandboxLifecycle;
class SandboxStore;
struct Sandbox;

// The HTTP side of the sandbox endpoints: routing, parsing and answers. The work is done by the
// store (records), the lifecycle (transitions) and the runtime and exec runner (processes).
class SandboxHandlers : public QObject
{
    Q_OBJECT
public:
    explicit SandboxHandlers(const SandboxServices &services, QObject *parent = nullptr);
    ~SandboxHandlers() override;

    void registerEndpoints(ApiServer &server);

    // The sandbox the call's path names, or nullptr after answering 404.
    static Sandbox *find(SandboxStore &store, const std::shared_ptr<ApiCall> &call);

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

    SandboxServices m_services;
    PlanLimits m_plan;
};

} // namespace OrkestrLocal
