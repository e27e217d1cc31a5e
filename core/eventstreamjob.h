#pragma once

#include "core/activity.h"
#include "core/ssestreamjob.h"

#include <optional>

namespace Orkestr {

// GET /v1/sandboxes/{id}/events/stream: one connection of the events stream. Emits activity()
// for each event and gap() for events the server no longer holds, and succeeds when the server
// closes the stream (after sandbox.terminated or sandbox.failed: sawEnd() is then true). Never
// retried by the client: EventFollower reconnects from lastSeq() with Last-Event-ID instead.
class EventStreamJob : public SseStreamJob
{
    Q_OBJECT
public:
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
    void activity(const Orkestr::ActivityEvent &event);
    void gap(const Orkestr::EventGap &gap);

protected:
    ApiError handleEvent(const SseEvent &event) override;

private:
    QString m_sandboxId;
    qint64 m_lastSeq = 0;
    int m_events = 0;
    bool m_sawEnd = false;
};

} // namespace Orkestr
