#include "core/eventstreamjob.h"

#include "core/jsonresponse.h"
#include "core/sandboxjobs.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

EventStreamJob::EventStreamJob(const QString &sandboxId, std::optional<qint64> afterSeq, QObject *parent)
    : SseStreamJob("GET", sandboxPath(sandboxId, u"/events/stream"_s), parent)
    , m_sandboxId(sandboxId)
    , m_lastSeq(afterSeq.value_or(0))
{
    if (afterSeq)
        setQuery(QUrlQuery {{u"after_seq"_s, QString::number(*afterSeq)}});
}

EventStreamJob *EventStreamJob::resuming(const QString &sandboxId, qint64 lastEventId, QObject *parent)
{
    auto *job = new EventStreamJob(sandboxId, std::nullopt, parent);
    job->m_lastSeq = lastEventId;
    job->setLastEventId(lastEventId);
    return job;
}

ApiError EventStreamJob::handleEvent(const SseEvent &event)
{
    if (event.event != "activity" && event.event != "gap")
        return {}; // unknown event names are for newer servers
    QJsonObject object;
    if (auto error = parseJsonObject(event.data, &object); error.isError())
        return error;
    if (event.event == "gap") {
        const auto skipped = EventGap::fromJson(object);
        m_lastSeq = std::max(m_lastSeq, skipped.toSeq);
        Q_EMIT gap(skipped);
        return {};
    }
    const auto activityEvent = ActivityEvent::fromJson(object);
    // A repeat of what was already delivered (a misbehaving server) is dropped, so that every seq
    // reaches the caller once.
    if (activityEvent.seq <= m_lastSeq)
        return {};
    m_lastSeq = activityEvent.seq;
    ++m_events;
    m_sawEnd = m_sawEnd || activityEvent.endsSandbox();
    Q_EMIT activity(activityEvent);
    return {};
}

} // namespace Orkestr
