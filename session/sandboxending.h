#pragma once

#include "core/activity.h"
#include "core/apierror.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <optional>

namespace Orkestr {
class Client;
class ListEventsJob;
} // namespace Orkestr

namespace OrkestrSession {

// Why a sandbox ended, from its journal's sandbox.terminated or sandbox.failed event: the reason,
// who (the token that asked, or the system with its reason) and when. For the Overview.
struct SandboxEnding
{
    Q_DECLARE_TR_FUNCTIONS(OrkestrSession::SandboxEnding)
public:
    enum class Reason { Requested, Timeout, Error, Failed, Other };

    Reason reason = Reason::Other;
    QString reasonText; // the wire text: requested, timeout, error; "failed" for sandbox.failed
    QString detail;
    Orkestr::Actor actor;
    QDateTime at;
    qint64 seq = 0;

    // Nothing for an event that does not end a sandbox.
    static std::optional<SandboxEnding> fromEvent(const Orkestr::ActivityEvent &event);
    // One line: "Terminated by agent-runner", "Timed out (system: timeout)", "Failed: init died".
    QString displayText() const;
    friend bool operator==(const SandboxEnding &, const SandboxEnding &) = default;
};

// Fetches why one sandbox ended (the newest sandbox.terminated or sandbox.failed of its journal)
// with one request, for a view that does not keep the whole activity. finished() follows every
// fetch(); then ending() holds the answer (nothing when the sandbox has not ended), isUnsupported()
// says the server has no journal, error() any other failure.
class SandboxEndingLookup : public QObject
{
    Q_OBJECT
public:
    SandboxEndingLookup(Orkestr::Client *client, QString sandboxId, QObject *parent = nullptr);
    ~SandboxEndingLookup() override;

    void fetch();
    bool isBusy() const { return !m_job.isNull(); }
    std::optional<SandboxEnding> ending() const { return m_ending; }
    bool isUnsupported() const { return m_unsupported; }
    const Orkestr::ApiError &error() const { return m_error; }

Q_SIGNALS:
    void finished();

private:
    Orkestr::Client *m_client;
    QString m_sandboxId;
    QPointer<Orkestr::ListEventsJob> m_job;
    std::optional<SandboxEnding> m_ending;
    bool m_unsupported = false;
    Orkestr::ApiError m_error;
};

} // namespace OrkestrSession
