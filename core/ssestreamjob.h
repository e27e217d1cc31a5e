#pragma once

#include "core/job.h"
#include "core/sseparser.h"

namespace Orkestr {

// One connection of a Server-Sent Events stream: feeds what arrives to an SseParser and hands
// each complete event to handleEvent(), failing on a stream no client should buffer (a line over
// SseParser::MaxLineBytes). The base of the event streams (the sandbox watch, a sandbox's events)
// and of an exec's output streams (ExecOutputJob). Never retried by the client: a repeat would
// start the stream over, so a follower reconnects with Last-Event-ID instead (only it knows where
// to resume), and an exec's output is never sent twice. Succeeds when the server closes the
// stream, unless a subclass says otherwise.
class SseStreamJob : public Job
{
    Q_OBJECT
public:
    static constexpr int QuietTimeoutMs = 60000; // keepalives come at least every 15 s

    SseStreamJob(const QByteArray &verb, const QString &path, QObject *parent = nullptr);

    // Comment lines (keepalives) received on this connection.
    int keepalives() const { return m_parser.commentCount(); }

Q_SIGNALS:
    // The server answered: the stream is open (events may be a while in coming).
    void connected();

protected:
    // One complete event; an error ends the stream (a malformed event).
    virtual ApiError handleEvent(const SseEvent &event) = 0;
    // After the events of one piece of the stream (to deliver them as one batch).
    virtual void afterEvents() { }
    // The error message for a line over SseParser::MaxLineBytes.
    virtual QString malformedStreamMessage() const;
    // Resumes after `lastEventId` with the standard SSE header.
    void setLastEventId(qint64 lastEventId);
    // Events whose data is one line whole in the piece being read point into it without a copy
    // (SseParser::feedInPlace): handleEvent() uses or copies the data before it returns. For
    // streams of large events.
    void setReadsInPlace(bool inPlace) { m_inPlace = inPlace; }
    // After the stream's last event: ignores all that follows, the rest of the piece being read
    // included.
    void stopReading() { m_stopped = true; }

    void onResponseStarted() override { Q_EMIT connected(); }
    ApiError onResponseData(const QByteArray &data) override;
    ApiError onResponseFinished(const QByteArray &) override { return {}; }

private:
    SseParser m_parser;
    bool m_inPlace = false;
    bool m_stopped = false;
};

} // namespace Orkestr
