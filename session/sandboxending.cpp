#include "session/sandboxending.h"

#include "core/activityjobs.h"
#include "core/client.h"
#include "session/activitytext.h"

using namespace Qt::StringLiterals;
using Orkestr::ActivityEvent;

namespace OrkestrSession {

std::optional<SandboxEnding> SandboxEnding::fromEvent(const ActivityEvent &event)
{
    if (!event.endsSandbox())
        return std::nullopt;
    SandboxEnding ending;
    ending.actor = event.actor;
    ending.at = event.at;
    ending.seq = event.seq;
    ending.detail = event.detail();
    if (event.knownKind() == ActivityEvent::Kind::SandboxFailed) {
        ending.reason = Reason::Failed;
        ending.reasonText = u"failed"_s;
        return ending;
    }
    ending.reasonText = event.reason();
    ending.reason = ending.reasonText == u"requested" ? Reason::Requested
        : ending.reasonText == u"timeout"             ? Reason::Timeout
        : ending.reasonText == u"error"               ? Reason::Error
                                                      : Reason::Other;
    return ending;
}

QString SandboxEnding::displayText() const
{
    const QString who = ActivityText::actor(actor);
    QString text;
    switch (reason) {
    case Reason::Requested:
        text = tr("Terminated by %1").arg(who);
        break;
    case Reason::Timeout:
        text = tr("Timed out (%1)").arg(who);
        break;
    case Reason::Error:
        text = tr("Terminated after an error (%1)").arg(who);
        break;
    case Reason::Failed:
        text = tr("Failed (%1)").arg(who);
        break;
    case Reason::Other:
        text = tr("Ended: %1 (%2)").arg(reasonText, who);
        break;
    }
    return detail.isEmpty() ? text : tr("%1: %2").arg(text, detail);
}

SandboxEndingLookup::SandboxEndingLookup(Orkestr::Client *client, QString sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(std::move(sandboxId))
{
}

SandboxEndingLookup::~SandboxEndingLookup()
{
    if (m_job)
        m_job->abort();
}

void SandboxEndingLookup::fetch()
{
    if (m_job)
        return;
    Orkestr::ListEventsParams params;
    params.kinds = {u"sandbox.terminated"_s, u"sandbox.failed"_s};
    params.limit = 1;
    m_job = m_client->call<Orkestr::ListEventsJob>(m_sandboxId, params);
    m_job->then(
        this,
        [this](Orkestr::ListEventsJob *job) {
            m_error = {};
            m_unsupported = false;
            const auto events = job->events();
            m_ending = events.isEmpty() ? std::nullopt : SandboxEnding::fromEvent(events.first());
            Q_EMIT finished();
        },
        [this](Orkestr::ListEventsJob *job) {
            m_error = job->error();
            m_unsupported = m_error.isUnsupportedEndpoint();
            Q_EMIT finished();
        });
}

} // namespace OrkestrSession
