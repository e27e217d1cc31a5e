#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"
#include "core/sandboxjobs.h"

#include <QObject>
#include <QPointer>

namespace Orkestr {

class Client;

// Sandbox.withTemp of the SDKs, for an event loop: creates a sandbox and terminates it when the
// work with it is over, whichever way that ends: finish(), or the object's destruction (its
// parent going away, an early return that deletes it, a failed step). This keeps the bill
// bounded when an agent loop stops before it calls terminate.
//
//   auto *temp = new TemporarySandbox(client, params, this);
//   connect(temp, &TemporarySandbox::ready, this, [=](const Sandbox &sandbox) { ...; temp->finish(); });
//   temp->start();
class TemporarySandbox : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Creating, Ready, Terminating, Terminated, Failed };
    Q_ENUM(State)

    TemporarySandbox(Client *client, const CreateSandboxParams &params, QObject *parent = nullptr);
    // Terminates the sandbox if it is still there (or, while it is being created, as soon as it is).
    ~TemporarySandbox() override;

    void start();
    // The work is done: terminates the sandbox (once created, if it is still being created);
    // terminated() follows.
    void finish();

    State state() const { return m_state; }
    // The sandbox as created (empty before ready()).
    const Sandbox &sandbox() const { return m_sandbox; }
    const ApiError &error() const { return m_error; }

Q_SIGNALS:
    void ready(const Orkestr::Sandbox &sandbox);
    void terminated(const Orkestr::Sandbox &sandbox);
    // The create or the terminate failed.
    void failed(const Orkestr::ApiError &error);

private:
    // A job that did not succeed: the state becomes `state` and failed() says why. False when the
    // job succeeded.
    bool reportFailure(const Job *job, State state);

    QPointer<Client> m_client;
    CreateSandboxParams m_params;
    QPointer<CreateSandboxJob> m_create;
    State m_state = State::NotStarted;
    bool m_finishRequested = false;
    Sandbox m_sandbox;
    ApiError m_error;
};

} // namespace Orkestr
