#pragma once

#include "server/plan.h"
#include "server/requestparsing.h"
#include "server/sandbox.h"

#include <QObject>

#include <functional>
#include <memory>
#include <optional>

namespace OrkestrLocal {

class ExecRunner;
class SandboxRuntime;
class SandboxStore;

// The sandboxes' state machine: every change of status happens here, and is announced by
// changed(). The transitions:
//
//   starting --init runs--> running --pause--> pausing --snapshot--> paused --resume--> running
//      |                      |  ^                |                     |
//      |                      |  '----failed------'                     '--> resuming --> running
//      '--init fails--> failed                                               (restore and init)
//   any --terminate or expiry--> terminated;  running --init dies--> failed
//
// It serialises the files API with the snapshot: file operations that arrive while a snapshot is
// written or restored wait until that is done. Execs running at a pause freeze with the sandbox
// and thaw with it (server/execrunner.h).
class SandboxLifecycle : public QObject
{
    Q_OBJECT
public:
    // nullopt when the transition happened, or why it did not.
    using Done = std::function<void(const std::optional<RequestProblem> &problem)>;

    SandboxLifecycle(const PlanLimits &plan, SandboxStore &store, SandboxRuntime &runtime,
                     QObject *parent = nullptr);

    // Stores the new sandbox as starting and starts its init; done once it runs.
    void create(std::unique_ptr<Sandbox> sandbox, Done done);
    void pause(Sandbox &sandbox, Done done);
    void resume(Sandbox &sandbox, Done done);
    void terminate(Sandbox &sandbox);

    // Runs operation now, or once the sandbox's snapshot is no longer being written or restored.
    void whenFilesSettled(Sandbox &sandbox, std::function<void()> operation);
    // An exec started in the sandbox: it freezes and thaws with it until it ends.
    void attach(Sandbox &sandbox, ExecRunner *runner);

    // 409 sandbox_not_ready unless the sandbox is running.
    static std::optional<RequestProblem> requireRunning(const Sandbox &sandbox);

Q_SIGNALS:
    // The sandbox's record changed (status, times, snapshot); it is saved already.
    void changed(const QString &id);

private:
    void setStatus(Sandbox &sandbox, SandboxStatus status);
    void save(Sandbox &sandbox);
    void finish(Sandbox &sandbox, SandboxStatus status, const QString &reason);
    void armExpiry(Sandbox &sandbox);
    void freeze(Sandbox &sandbox);
    void thaw(Sandbox &sandbox);
    void becameRunning(Sandbox &sandbox);
    void releaseFileOperations(const QString &id);
    bool filesBusy(const Sandbox &sandbox) const;

    PlanLimits m_plan;
    SandboxStore &m_store;
    SandboxRuntime &m_runtime;
};

} // namespace OrkestrLocal
