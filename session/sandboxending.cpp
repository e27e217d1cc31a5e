#include "session/sandboxending.h"

#include "core/activityjobs.h"
#include "core/client.h"
#include "session/activitytext.h"
#include "session/texttables.h"

#include <utility>

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
    static constexpr std::pair<Reason, const char *> texts[] = {
        {Reason::Requested, QT_TR_NOOP("Terminated by %1")},
        {Reason::Timeout, QT_TR_NOOP("Timed out (%1)")},
        {Reason::Error, QT_TR_NOOP("Terminated after an error (%1)")},
        {Reason::Failed, QT_TR_NOOP("Failed (%1)")},
    };
    const QString text = reason == Reason::Other ? tr("Ended: %1 (%2)").arg(reasonText, who)
                                                 : enumText<SandboxEnding>(texts, reason).arg(who);
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
    if (isBusy())
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
