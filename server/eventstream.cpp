#include "server/eventstream.h"

#include "server/journal.h"

#include <QJsonDocument>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
constexpr int PageSize = 500;

bool isFinal(const QString &kind)
{
    return kind == u"sandbox.terminated"_s || kind == u"sandbox.failed"_s;
}
} // namespace

EventStream::EventStream(std::shared_ptr<ApiCall> call, Journal &journal, QString sandboxId,
                         std::optional<qint64> afterSeq, QObject *parent)
    : QObject(parent)
    , m_call(std::move(call))
    , m_journal(journal)
    , m_sandboxId(std::move(sandboxId))
{
    // Where the stream starts is fixed now, by what the loop has committed: an event the client
    // causes once it has the stream's headers comes after it.
    const qint64 latest = m_journal.latestSeq(m_sandboxId);
    m_sentSeq = afterSeq ? std::min(*afterSeq, latest) : latest;

    auto *device = startEventStream(*m_call, m_keepalive);
    m_device = device;
    connect(device, &SseDevice::drained, this, &EventStream::pump);
    connect(device, &QObject::destroyed, this, &QObject::deleteLater); // done, or the client left
    // The responder has handed the body over; holding it longer would outlive the HTTP server's
    // connection at exit.
    m_call.reset();

    // A read queued when the signal comes would run beside the commit of a transaction still
    // open on the loop and miss the event: pumped once the loop is done with it.
    connect(&m_journal, &Journal::appended, this, [this](const QString &id, const QJsonObject &) {
        if (id == m_sandboxId)
            QMetaObject::invokeMethod(this, &EventStream::pump, Qt::QueuedConnection);
    });
    m_journal.readSpan(m_sandboxId, [self = QPointer(this)](const JournalSpan &span) {
        if (self)
            self->start(span);
    });
}

void EventStream::start(const JournalSpan &span)
{
    m_started = true;
    if (!m_device)
        return;
    // Events the journal no longer holds (older than its retention) are one gap.
    const qint64 firstKept = span.firstSeq > 0 ? span.firstSeq : span.latestSeq + 1;
    if (m_sentSeq + 1 < firstKept) {
        m_device->appendEvent(
            "event: gap\ndata: "
            + QJsonDocument(QJsonObject {{u"from_seq"_s, m_sentSeq + 1}, {u"to_seq"_s, firstKept - 1}})
                  .toJson(QJsonDocument::Compact)
            + "\n\n");
        m_sentSeq = firstKept - 1;
    }
    // A stream that starts on a sandbox that has ended already sends the end and closes.
    if (m_sentSeq == span.latestSeq && isFinal(span.lastKind))
        m_ended = true;
    pump();
}

void EventStream::pump()
{
    if (!m_device || !m_started || m_reading)
        return;
    if (m_ended)
        return finish();
    // Read from the journal only while the socket takes it: a slow reader holds a seq, not a queue.
    if (m_device->buffered() >= MaxBuffered || m_sentSeq >= m_journal.latestSeq(m_sandboxId))
        return;
    m_reading = true;
    m_journal.readEventsAfter(m_sandboxId, m_sentSeq, PageSize,
                              [self = QPointer(this)](const QJsonArray &page) {
                                  if (!self)
                                      return;
                                  self->m_reading = false;
                                  if (!self->m_device)
                                      return;
                                  for (const auto &event : page) {
                                      self->send(event.toObject());
                                      if (self->m_ended)
                                          return self->finish();
                                  }
                                  // An empty page: nothing more is committed yet (the next append pumps
                                  // again).
                                  if (!page.isEmpty())
                                      self->pump();
                              });
}

void EventStream::send(const QJsonObject &event)
{
    m_sentSeq = event.value(u"seq"_s).toInteger();
    m_device->appendEvent("id: " + QByteArray::number(m_sentSeq) + "\nevent: activity\ndata: "
                          + QJsonDocument(event).toJson(QJsonDocument::Compact) + "\n\n");
    m_keepalive.start();
    if (isFinal(event.value(u"kind"_s).toString()))
        m_ended = true;
}

void EventStream::finish()
{
    m_keepalive.stop();
    disconnect(&m_journal, nullptr, this, nullptr);
    if (m_device)
        m_device->finish();
}

} // namespace OrkestrLocal
