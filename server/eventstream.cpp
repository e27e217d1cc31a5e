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
    const qint64 latest = m_journal.latestSeq(m_sandboxId);
    m_sentSeq = afterSeq ? std::min(*afterSeq, latest) : latest;

    auto *device = startEventStream(*m_call, m_keepalive);
    m_device = device;
    connect(device, &SseDevice::drained, this, &EventStream::pump);
    connect(device, &QObject::destroyed, this, &QObject::deleteLater); // done, or the client left
    // The responder has handed the body over; holding it longer would outlive the HTTP server's
    // connection at exit.
    m_call.reset();

    // Events the journal no longer holds (older than its retention) are one gap.
    const qint64 first = m_journal.firstSeq(m_sandboxId);
    const qint64 firstKept = first > 0 ? first : latest + 1;
    if (m_sentSeq + 1 < firstKept) {
        device->appendEvent(
            "event: gap\ndata: "
            + QJsonDocument(QJsonObject {{u"from_seq"_s, m_sentSeq + 1}, {u"to_seq"_s, firstKept - 1}})
                  .toJson(QJsonDocument::Compact)
            + "\n\n");
        m_sentSeq = firstKept - 1;
    }
    // A stream that starts on a sandbox that has ended already sends the end and closes.
    if (m_sentSeq == latest && isFinal(m_journal.lastKind(m_sandboxId)))
        m_ended = true;

    connect(&m_journal, &Journal::appended, this, [this](const QString &id, const QJsonObject &) {
        if (id == m_sandboxId)
            pump();
    });
    pump();
}

void EventStream::pump()
{
    if (!m_device)
        return;
    // Read from the journal only while the socket takes it: a slow reader holds a seq, not a queue.
    while (!m_ended && m_device->buffered() < MaxBuffered && m_sentSeq < m_journal.latestSeq(m_sandboxId)) {
        const QJsonArray page = m_journal.eventsAfter(m_sandboxId, m_sentSeq, PageSize);
        if (page.isEmpty())
            break;
        for (const auto &event : page) {
            send(event.toObject());
            if (m_ended)
                break;
        }
    }
    if (m_ended)
        finish();
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
