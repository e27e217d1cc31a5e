#include "core/eventstreamjob.h"

#include "core/jsonresponse.h"
#include "core/sandboxjobs.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

EventStreamJob::EventStreamJob(const QString &sandboxId, std::optional<qint64> afterSeq, QObject *parent)
    : Job("GET", sandboxPath(sandboxId, u"/events/stream"_s), parent)
    , m_sandboxId(sandboxId)
    , m_lastSeq(afterSeq.value_or(0))
{
    if (afterSeq)
        setQuery(QUrlQuery {{u"after_seq"_s, QString::number(*afterSeq)}});
    // A repeat after a dropped connection must start where this one stopped, which only the
    // caller (EventFollower) knows.
    setIdempotent(false);
    setTransferTimeoutMs(QuietTimeoutMs);
    setPrefersStreamTransport(true);
}

EventStreamJob *EventStreamJob::resuming(const QString &sandboxId, qint64 lastEventId, QObject *parent)
{
    auto *job = new EventStreamJob(sandboxId, std::nullopt, parent);
    job->m_lastSeq = lastEventId;
    job->setRawHeader("Last-Event-ID", QByteArray::number(lastEventId));
    return job;
}

ApiError EventStreamJob::onResponseData(const QByteArray &data)
{
    const auto events = m_parser.feed(data);
    if (m_parser.overflowed()) {
        return ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                        tr("The server sent a malformed events stream (a line longer than %1 bytes).")
                            .arg(SseParser::MaxLineBytes));
    }
    for (const auto &event : events) {
        if (auto error = handle(event); error.isError())
            return error;
    }
    return {};
}

ApiError EventStreamJob::handle(const SseEvent &event)
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

ApiError EventStreamJob::onResponseFinished(const QByteArray &)
{
    return {};
}

} // namespace Orkestr
