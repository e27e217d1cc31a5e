#include "server/execstream.h"

#include "wire/jsonbytes.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <bit>
#include <cstring>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
constexpr int KeepaliveMs = 15000;
} // namespace

SseDevice *startEventStream(ApiCall &call, QTimer &keepalive, int keepaliveMs)
{
    auto *device = new SseDevice;
    QHttpHeaders headers = call.baseHeaders();
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/event-stream; charset=utf-8");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache");
    headers.append(QHttpHeaders::WellKnownHeader::TransferEncoding, "chunked");
    call.responder().write(device, headers, QHttpServerResponder::StatusCode::Ok);
    call.logStreamStart(200);
    keepalive.setInterval(keepaliveMs);
    QObject::connect(&keepalive, &QTimer::timeout, device,
                     [device] { device->appendEvent(": keepalive\n\n"); });
    keepalive.start();
    return device;
}

qsizetype incompleteUtf8Tail(const QByteArray &data)
{
    for (qsizetype back = 1; back <= 3 && back <= data.size(); ++back) {
        const auto c = static_cast<unsigned char>(data.at(data.size() - back));
        if ((c & 0xC0) == 0x80)
            continue; // a continuation byte: look further back for the lead byte
        const qsizetype need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > back ? back : 0;
    }
    return 0;
}

SseDevice::SseDevice(QObject *parent)
    : QIODevice(parent)
{
    open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

void SseDevice::appendEvent(const QByteArray &event)
{
    if (m_finished || event.isEmpty())
        return;
    m_buffer += QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n";
    Q_EMIT readyRead();
}

void SseDevice::finish()
{
    if (m_finished)
        return;
    m_buffer += "0\r\n\r\n";
    m_finished = true;
    Q_EMIT readyRead();
}

qint64 SseDevice::readData(char *data, qint64 maxSize)
{
    const qint64 n = std::min<qint64>(maxSize, m_buffer.size());
    if (n <= 0)
        return 0; // nothing now; readyRead follows when there is
    memcpy(data, m_buffer.constData(), size_t(n));
    m_buffer.remove(0, n);
    // Queued: the HTTP server is inside its read loop right now.
    QMetaObject::invokeMethod(this, &SseDevice::drained, Qt::QueuedConnection);
    return n;
}

namespace {
// JSON string escaping of UTF-8 bytes, straight into a byte buffer: two passes, so that the
// buffer is allocated once at its exact size.
// For each byte: the bytes its escape adds (0: copied as it is).
constexpr std::array<quint8, 256> escapeExtra = [] {
    std::array<quint8, 256> table {};
    for (int b = 0; b < 0x20; ++b)
        table[b] = 5; // \u00XX
    for (const char c : {'"', '\\', '\n', '\r', '\t', '\b', '\f'})
        table[uchar(c)] = 1;
    return table;
}();

void appendJsonEscaped(QByteArray *out, QByteArrayView bytes)
{
    using namespace Orkestr::JsonBytes;
    static constexpr char Hex[] = "0123456789abcdef";
    const char *const begin = bytes.data();
    const char *const end = begin + bytes.size();
    // First the exact size, so that the event is allocated once: whole words without a special
    // byte cost one test.
    qsizetype extra = 0;
    const char *p = begin;
    if constexpr (WordsInMemoryOrder) {
        for (; end - p >= 8; p += 8) {
            if (specialBytes(load(p)) == 0)
                continue;
            for (int i = 0; i < 8; ++i)
                extra += escapeExtra[uchar(p[i])];
        }
    }
    for (; p < end; ++p)
        extra += escapeExtra[uchar(*p)];
    const qsizetype start = out->size();
    out->resize(start + bytes.size() + extra);
    char *dst = out->data() + start;
    if (extra == 0) {
        std::memcpy(dst, begin, size_t(bytes.size()));
        return;
    }
    p = begin;
    const char *wordsFrom = begin;
    while (p < end) {
        // Plain bytes eight at a time, up to the next special one; output dense with specials
        // ("y\n") goes byte by byte, trying words again 16 bytes later. (dst is never behind p's
        // offset, and the buffer holds all escapes, so an 8-byte store at dst stays inside.)
        if (WordsInMemoryOrder && p >= wordsFrom) {
            while (end - p >= 8) {
                const quint64 word = load(p);
                const quint64 mask = specialBytes(word);
                if (mask == 0) {
                    std::memcpy(dst, &word, 8);
                    dst += 8;
                    p += 8;
                    continue;
                }
                const int plain = std::countr_zero(mask) / 8;
                std::memcpy(dst, &word, 8);
                dst += plain;
                p += plain;
                if (plain < 4)
                    wordsFrom = end - p > 16 ? p + 16 : end; // a pointer past end is undefined
                break;
            }
            if (p == end)
                break;
        }
        const auto b = uchar(*p++);
        if (escapeExtra[b] == 0) {
            *dst++ = char(b);
            continue;
        }
        *dst++ = '\\';
        switch (b) {
        case '"':
            *dst++ = '"';
            break;
        case '\\':
            *dst++ = '\\';
            break;
        case '\n':
            *dst++ = 'n';
            break;
        case '\r':
            *dst++ = 'r';
            break;
        case '\t':
            *dst++ = 't';
            break;
        case '\b':
            *dst++ = 'b';
            break;
        case '\f':
            *dst++ = 'f';
            break;
        default:
            *dst++ = 'u';
            *dst++ = '0';
            *dst++ = '0';
            *dst++ = Hex[b >> 4];
            *dst++ = Hex[b & 0xF];
            break;
        }
    }
}
} // namespace

ExecStream::ExecStream(std::shared_ptr<ApiCall> call, QObject *parent)
    : QObject(parent)
    , m_call(std::move(call))
    , m_runner(*this, this)
{
}

bool ExecStream::hasRoom() const
{
    // Once the client is gone, the output is read and dropped so that the command does not block
    // on a full pipe; it runs on to its own timeout.
    return !m_device || m_device->buffered() < MaxBuffered;
}

void ExecStream::started()
{
    m_keepalive.setInterval(KeepaliveMs);
    connect(&m_keepalive, &QTimer::timeout, this, [this] {
        if (m_device && m_device->buffered() < MaxBuffered)
            m_device->appendEvent(": keepalive\n\n");
    });
    m_keepalive.start();

    auto *device = new SseDevice;
    m_device = device;
    connect(device, &SseDevice::drained, &m_runner, &ExecRunner::resumeReading);
    connect(device, &QObject::destroyed, this, [this] {
        // The client is gone or the stream is complete.
        m_call.reset();
        if (m_done)
            deleteLater();
        else
            m_runner.resumeReading();
    });
    QHttpHeaders headers = m_call->baseHeaders();
    headers.append(QHttpHeaders::WellKnownHeader::ContentType, "text/event-stream; charset=utf-8");
    headers.append(QHttpHeaders::WellKnownHeader::CacheControl, "no-cache");
    headers.append(QHttpHeaders::WellKnownHeader::TransferEncoding, "chunked");
    m_call->responder().write(device, headers, QHttpServerResponder::StatusCode::Ok);
    m_call->logStreamStart(200);
}

void ExecStream::emitEvent(const QByteArray &event, const QJsonObject &data)
{
    if (!m_device)
        return;
    m_device->appendEvent("event: " + event + "\ndata: " + QJsonDocument(data).toJson(QJsonDocument::Compact)
                          + "\n\n");
    m_keepalive.start(); // a keepalive only after 15 s of silence
}

void ExecStream::output(OutputStream which, const QByteArray &bytes)
{
    Stream &s = stream(which);
    QByteArray data = s.pending + bytes;
    const qsizetype tail = incompleteUtf8Tail(data);
    s.pending = data.right(tail);
    data.chop(tail);
    if (!data.isEmpty())
        emitOutput(which, data);
}

void ExecStream::endOfOutput(OutputStream which)
{
    // Bytes of a sequence that never completed become U+FFFD.
    Stream &s = stream(which);
    if (!s.pending.isEmpty())
        emitOutput(which, std::exchange(s.pending, {}));
}

QByteArray outputEvent(OutputStream which, qint64 offset, const QByteArray &bytes)
{
    const QString name = outputStreamName(which);
    // Invalid UTF-8 (only at the end of a pipe) takes the general path, which turns it into U+FFFD.
    if (!QByteArrayView(bytes).isValidUtf8())
        return "event: output\ndata: "
            + QJsonDocument(QJsonObject {{u"stream"_s, name},
                                         {u"data"_s, QString::fromUtf8(bytes)},
                                         {u"offset"_s, offset}})
                  .toJson(QJsonDocument::Compact)
            + "\n\n";
    // The hot path of a fast stream: no QString and no QJsonDocument round trip, which took most
    // of the server's time (UTF-8 to UTF-16 and back for every 64 KiB).
    QByteArray event;
    event.reserve(bytes.size() + 96);
    event.append("event: output\ndata: {\"stream\":\"");
    event.append(name.toLatin1());
    event.append("\",\"data\":\"");
    appendJsonEscaped(&event, bytes);
    event.append("\",\"offset\":");
    event.append(QByteArray::number(offset));
    event.append("}\n\n");
    return event;
}

void ExecStream::emitOutput(OutputStream which, const QByteArray &bytes)
{
    Stream &s = stream(which);
    const qint64 offset = s.offset;
    s.offset += bytes.size();
    if (!m_device)
        return;
    m_device->appendEvent(outputEvent(which, offset, bytes));
    m_keepalive.start(); // a keepalive only after 15 s of silence
}

void ExecStream::finished(const ExecOutcome &outcome)
{
    m_done = true;
    m_keepalive.stop();
    if (outcome.kind == ExecOutcome::Kind::FailedToStart && !m_device && m_call && !m_call->answered()) {
        const auto problem = outcome.problem();
        m_call->sendProblem(problem);
        deleteLater();
        return;
    }
    if (outcome.isResult()) {
        emitEvent("exit", {{u"exit_code"_s, outcome.exitCode}, {u"duration_ms"_s, outcome.durationMs}});
    } else {
        // As the buffered answer, with the output already sent as events.
        const auto problem = outcome.problem();
        QJsonObject error = problem.extra;
        error.insert(u"type"_s, problem.type);
        error.insert(u"message"_s, problem.message);
        error.insert(u"request_id"_s, m_call ? m_call->requestId() : QString());
        error.insert(u"stdout"_s, u""_s);
        error.insert(u"stderr"_s, u""_s);
        emitEvent("error", {{u"error"_s, error}});
    }
    if (m_device)
        m_device->finish();
    else
        deleteLater();
}

} // namespace OrkestrLocal
