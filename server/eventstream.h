#pragma once

#include "server/apiserver.h"
#include "server/execstream.h"

#include <QPointer>
#include <QTimer>

#include <memory>

namespace OrkestrLocal {

class Journal;
struct JournalSpan;

// GET .../events/stream: the journal's events after a seq as server-sent events, then live ones
// as they are appended, with keepalives. It reads the backlog from the journal a page at a time
// while the socket drains, on the journal's reader threads (one read in flight, so the order
// holds), and ends after sandbox.terminated or sandbox.failed (or when the client goes). It
// deletes itself.
class EventStream : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 MaxBuffered = 256 * 1024;

    // afterSeq: the last seq the client has; nullopt for new events only.
    EventStream(std::shared_ptr<ApiCall> call, Journal &journal, QString sandboxId,
                std::optional<qint64> afterSeq, QObject *parent = nullptr);

private:
    void start(const JournalSpan &span);
    void pump();
    void send(const QJsonObject &event);
    void finish();

    std::shared_ptr<ApiCall> m_call;
    Journal &m_journal;
    QString m_sandboxId;
    QPointer<SseDevice> m_device;
    qint64 m_sentSeq = 0;
    QTimer m_keepalive;
    bool m_started = false;
    bool m_reading = false;
    bool m_ended = false;
};

} // namespace OrkestrLocal
