#pragma once

#include "core/job.h"
#include "core/sseparser.h"

namespace Orkestr {

// One connection of a Server-Sent Events stream: feeds what arrives to an SseParser and hands
// each complete event to handleEvent(), failing on a stream no client should buffer (a line over
// SseParser::MaxLineBytes). Never retried by the client: the follower that owns it reconnects
// with Last-Event-ID instead, since only it knows where to resume. Succeeds when the server
// closes the stream.
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
    // Resumes after `lastEventId` with the standard SSE header.
    void setLastEventId(qint64 lastEventId);

    void onResponseStarted() override { Q_EMIT connected(); }
    ApiError onResponseData(const QByteArray &data) override;
    ApiError onResponseFinished(const QByteArray &) override { return {}; }

private:
    SseParser m_parser;
};

} // namespace Orkestr
