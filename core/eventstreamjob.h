#pragma once

#include "core/activity.h"
#include "core/job.h"
#include "core/sseparser.h"

#include <optional>

namespace Orkestr {

// GET /v1/sandboxes/{id}/events/stream: one connection of the events stream. Emits activity()
// for each event and gap() for events the server no longer holds, and succeeds when the server
// closes the stream (after sandbox.terminated or sandbox.failed: sawEnd() is then true). Never
// retried by the client: EventFollower reconnects from lastSeq() with Last-Event-ID instead.
class EventStreamJob : public Job
{
    Q_OBJECT
public:
    static constexpr int QuietTimeoutMs = 60000; // keepalives come at least every 15 s

    // Starts after `afterSeq` (the after_seq query), else with new events only.
    explicit EventStreamJob(const QString &sandboxId, std::optional<qint64> afterSeq = std::nullopt,
                            QObject *parent = nullptr);
    // Resumes after `lastEventId` with the standard SSE header (Last-Event-ID) instead.
    static EventStreamJob *resuming(const QString &sandboxId, qint64 lastEventId, QObject *parent = nullptr);

    QString sandboxId() const { return m_sandboxId; }
    // The newest seq received (an event's or a gap's end); the start seq before any.
    qint64 lastSeq() const { return m_lastSeq; }
    int eventCount() const { return m_events; }
    // An event that ends the sandbox arrived: the server closes the stream after it.
    bool sawEnd() const { return m_sawEnd; }

Q_SIGNALS:
    // The server answered: the stream is open (events may be a while in coming).
    void connected();
    void activity(const Orkestr::ActivityEvent &event);
    void gap(const Orkestr::EventGap &gap);

protected:
    void onResponseStarted() override { Q_EMIT connected(); }
    ApiError onResponseData(const QByteArray &data) override;
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    ApiError handle(const SseEvent &event);

    QString m_sandboxId;
    SseParser m_parser;
    qint64 m_lastSeq = 0;
    int m_events = 0;
    bool m_sawEnd = false;
};

} // namespace Orkestr
