#include "server/attachstream.h"

#include "server/journal.h"

#include <QJsonDocument>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// A read asks for this much, so that a replay takes few trips to the reader's thread and back.
constexpr int PageChunks = 1024;
constexpr qint64 PageBytes = AttachStream::MaxBuffered;

OutputStream streamOf(int which)
{
    return which == 0 ? OutputStream::Stdout : OutputStream::Stderr;
}
} // namespace

AttachStream::AttachStream(std::shared_ptr<ApiCall> call, Journal &journal, const QJsonObject &record,
                           bool live, QObject *parent)
    : QObject(parent)
    , m_call(std::move(call))
    , m_journal(journal)
    , m_execId(record.value(u"exec_id"_s).toString())
    , m_sandboxId(record.value(u"sandbox_id"_s).toString())
{
    if (live) {
        // From the next chunk on: skip everything recorded so far.
        const ExecOutputStore &output = m_journal.output();
        m_index = output.chunkCount(m_execId) - 1;
        for (int stream = 0; stream < 2; ++stream)
            m_expected[stream] = output.written(m_execId, stream);
    }
    auto *device = startEventStream(*m_call, m_keepalive);
    m_device = device;
    connect(device, &SseDevice::drained, this, &AttachStream::pump);
    connect(device, &QObject::destroyed, this, &QObject::deleteLater); // done, or the client left
    connect(&m_journal, &Journal::outputAppended, this, [this](const QString &execId) {
        if (execId == m_execId)
            pump();
    });
    m_execEnded = record.value(u"status"_s).toString() != u"running"_s;
    connect(&m_journal, &Journal::execEnded, this, [this](const QString &execId) {
        if (execId != m_execId)
            return;
        m_execEnded = true;
        pump();
    });
    // The responder has handed the body over; holding it longer would outlive the HTTP server's
    // connection at exit.
    m_requestId = m_call->requestId();
    m_call.reset();
    pump();
}

void AttachStream::sendEvent(const QByteArray &name, const QJsonObject &data)
{
    m_device->appendEvent("event: " + name + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact)
                          + "\n\n");
    m_keepalive.start();
}

void AttachStream::pump()
{
    // One read at a time: the page being read comes before anything after it.
    if (!m_device || m_ended || m_reading)
        return;
    ExecOutputStore &output = m_journal.output();
    while (m_device->buffered() < MaxBuffered) {
        auto page
            = output.read(m_execId, m_index, PageChunks, PageBytes, this, [this](ExecOutputStore::Page read) {
                  m_reading = false;
                  if (!m_device || m_ended)
                      return;
                  take(read);
                  pump();
              });
        if (!page) {
            m_reading = true; // from the files, on the reader's thread
            return;
        }
        if (page->last == m_index) {
            // Everything recorded is sent: the end, if the exec has ended.
            if (m_execEnded)
                sendEnd();
            return;
        }
        take(*page);
    }
}

void AttachStream::take(const ExecOutputStore::Page &page)
{
    for (const auto &chunk : page.chunks)
        sendChunk(chunk.stream, chunk.offset, chunk.data);
    m_index = page.last;
}

void AttachStream::sendChunk(int stream, qint64 offset, const QByteArray &bytes)
{
    if (offset > m_expected[stream]) {
        // Dropped by retention before this attacher read it (or before it attached).
        flushPending(stream);
        sendGap(stream, offset);
    }
    QByteArray data = m_pending[stream] + bytes;
    const qint64 start = m_expected[stream] - m_pending[stream].size();
    const qsizetype tail = incompleteUtf8Tail(data);
    m_pending[stream] = data.right(tail);
    data.chop(tail);
    m_expected[stream] = offset + bytes.size();
    if (!data.isEmpty()) {
        m_device->appendEvent(outputEvent(streamOf(stream), start, data));
        m_keepalive.start();
    }
}

void AttachStream::sendGap(int stream, qint64 to)
{
    sendEvent(
        "gap",
        {{u"stream"_s, outputStreamName(streamOf(stream))}, {u"from"_s, m_expected[stream]}, {u"to"_s, to}});
    m_expected[stream] = to;
}

void AttachStream::flushPending(int stream)
{
    if (m_pending[stream].isEmpty())
        return;
    const QByteArray bytes = std::exchange(m_pending[stream], {});
    m_device->appendEvent(outputEvent(streamOf(stream), m_expected[stream] - bytes.size(), bytes));
}

void AttachStream::sendEnd()
{
    const auto record = m_journal.exec(m_sandboxId, m_execId).value_or(QJsonObject());
    for (int stream = 0; stream < 2; ++stream) {
        flushPending(stream);
        // Output at the end that is not kept (its recording failed, or it came from an older build).
        const qint64 total = record.value(stream == 0 ? u"stdout_bytes"_s : u"stderr_bytes"_s).toInteger();
        if (total > m_expected[stream])
            sendGap(stream, total);
    }
    const QString status = record.value(u"status"_s).toString();
    const QJsonValue duration = record.value(u"duration_ms"_s);
    if (status == u"exited"_s) {
        sendEvent("exit", {{u"exit_code"_s, record.value(u"exit_code"_s)}, {u"duration_ms"_s, duration}});
    } else {
        // As exec/stream's error event; `lost`: the server restarted while it ran.
        QJsonObject error {{u"stdout"_s, u""_s}, {u"stderr"_s, u""_s}, {u"duration_ms"_s, duration}};
        error.insert(u"request_id"_s, m_requestId);
        if (status == u"timeout"_s) {
            error.insert(u"type"_s, u"exec_timeout"_s);
            error.insert(u"message"_s, u"The command ran past its timeout and was killed."_s);
        } else if (status == u"killed"_s) {
            error.insert(u"type"_s, u"exec_killed"_s);
            error.insert(u"message"_s, u"The command was killed."_s);
            error.insert(u"signal"_s, record.value(u"signal"_s));
        } else {
            error.insert(u"type"_s, u"exec_lost"_s);
            error.insert(u"message"_s, u"The server restarted while the command ran; its end is unknown."_s);
        }
        sendEvent("error", {{u"error"_s, error}});
    }
    m_ended = true;
    m_keepalive.stop();
    m_device->finish();
}

} // namespace OrkestrLocal
