#pragma once

#include <QObject>

namespace OrkestrLocal {

struct ServerConfig;
class ActivityRecorder;
class SandboxLifecycle;
class SandboxRuntime;
class SandboxStore;

// What the sandbox endpoints work with: made once in main(), they outlive every handler.
struct SandboxServices
{
    const ServerConfig &config;
    SandboxStore &store;
    SandboxRuntime &runtime;
    SandboxLifecycle &lifecycle;
    ActivityRecorder &activity;
};

// The owner of a group of routes whose work outlives a request (an exec, a pty session), each
// piece of work a child of it. At exit that work ends first, while the services it uses still
// exist and before it could answer from inside QObject's own teardown.
class RouteOwner : public QObject
{
    Q_OBJECT
public:
    explicit RouteOwner(const SandboxServices &services)
        : m_services(services)
    {
    }
    ~RouteOwner() override
    {
        for (auto *child : findChildren<QObject *>(Qt::FindDirectChildrenOnly))
            delete child;
    }

protected:
    const SandboxServices m_services;
};

} // namespace OrkestrLocal
