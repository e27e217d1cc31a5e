#include "core/temporarysandbox.h"

#include "core/client.h"

namespace Orkestr {

TemporarySandbox::TemporarySandbox(Client *client, const CreateSandboxParams &params, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_params(params)
{
}

TemporarySandbox::~TemporarySandbox()
{
    if (!m_client)
        return;
    Client *client = m_client;
    switch (m_state) {
    case State::Creating:
        // The create may still succeed: terminate what it makes. The client outlives this object,
        // so it is the receiver's context.
        if (m_create) {
            m_create->disconnect(this);
            connect(m_create, &Job::succeeded, client, [client](Job *job) {
                client->call<TerminateSandboxJob>(static_cast<CreateSandboxJob *>(job)->sandbox().id);
            });
        }
        break;
    case State::Ready:
        client->call<TerminateSandboxJob>(m_sandbox.id);
        break;
    default:
        break;
    }
}

void TemporarySandbox::start()
{
    if (m_state != State::NotStarted || !m_client)
        return;
    m_state = State::Creating;
    m_create = m_client->call<CreateSandboxJob>(m_params);
    m_create->whenFinished(this, [this](CreateSandboxJob *create) {
        if (reportFailure(create, State::Failed))
            return;
        m_sandbox = create->sandbox();
        m_state = State::Ready;
        if (m_finishRequested) {
            finish();
            return;
        }
        Q_EMIT ready(m_sandbox);
    });
}

void TemporarySandbox::finish()
{
    if (!m_client)
        return;
    if (m_state == State::Creating) {
        m_finishRequested = true; // terminated as soon as it is created
        return;
    }
    if (m_state != State::Ready)
        return;
    m_state = State::Terminating;
    auto *job = m_client->call<TerminateSandboxJob>(m_sandbox.id);
    job->whenFinished(this, [this](TerminateSandboxJob *terminate) {
        // Not terminated: still there, so the destructor tries again.
        if (reportFailure(terminate, State::Ready))
            return;
        m_sandbox = terminate->sandbox();
        m_state = State::Terminated;
        Q_EMIT terminated(m_sandbox);
    });
}

bool TemporarySandbox::reportFailure(const Job *job, State state)
{
    if (job->status() == Job::Status::Succeeded)
        return false;
    m_state = state;
    m_error = job->error();
    Q_EMIT failed(m_error);
    return true;
}

} // namespace Orkestr
