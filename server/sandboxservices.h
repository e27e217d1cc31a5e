#pragma once

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

} // namespace OrkestrLocal
