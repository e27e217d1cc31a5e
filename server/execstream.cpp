#include "server/execstream.h"

#include "core/jsonbytes.h"
#include "server/networkproxy.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <array>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
constexpr qint64 ChunkBytes = 64 * 1024;
constexpr int KeepaliveMs = 15000;

// Length of the end of data that starts a UTF-8 sequence which is not complete yet.
qsizetype incompleteTail(const QByteArray &data)
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
} // namespace

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

Base64JsonFile::Base64JsonFile(int fd, const QString &sandboxPath, QObject *parent)
    : QIODevice(parent)
{
    if (!m_file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
        ::close(fd);
    // The path as a JSON string, escaped by the JSON writer.
    const QByteArray path = QJsonDocument(QJsonArray {sandboxPath}).toJson(QJsonDocument::Compact);
    m_prefix = "{\"path\":" + path.mid(1, path.size() - 2) + ",\"size\":";
}

bool Base64JsonFile::openFile(QString *error)
{
    if (!m_file.isOpen()) {
        *error = m_file.errorString();
        return false;
    }
    m_fileSize = m_file.size();
    m_base64Size = (m_fileSize + 2) / 3 * 4;
    m_prefix += QByteArray::number(m_fileSize) + ",\"encoding\":\"base64\",\"content\":\"";
    return open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 Base64JsonFile::size() const
{
    return m_prefix.size() + m_base64Size + m_suffix.size();
}

qint64 Base64JsonFile::readData(char *data, qint64 maxSize)
{
    qint64 position = pos();
    qint64 written = 0;
    const auto copy = [&](const QByteArray &part, qint64 offset) {
        const qint64 n = std::min<qint64>(maxSize - written, part.size() - offset);
        memcpy(data + written, part.constData() + offset, size_t(n));
        written += n;
        position += n;
    };
    if (position < m_prefix.size())
        copy(m_prefix, position);
    while (written < maxSize && position < m_prefix.size() + m_base64Size) {
        // Whole groups of 3 bytes encode to 4 characters: start at the group that holds the position.
        const qint64 offset = position - m_prefix.size();
        const qint64 group = offset / 4;
        const qint64 groups = std::min<qint64>((maxSize - written) / 4 + 2, 16384);
        if (!m_file.seek(group * 3))
            return -1;
        const QByteArray raw = m_file.read(groups * 3);
        if (raw.isEmpty())
            return -1; // the file shrank while being sent
        copy(raw.toBase64(), offset - group * 4);
    }
    if (written < maxSize && position >= m_prefix.size() + m_base64Size)
        copy(m_suffix, position - m_prefix.size() - m_base64Size);
    return written;
}

ExecStream::ExecStream(std::shared_ptr<ApiCall> call, QObject *parent)
    : QObject(parent)
    , m_call(std::move(call))
{
}

ExecStream::~ExecStream()
{
    for (Pipe *pipe : {&m_stdout, &m_stderr})
        if (pipe->fd >= 0)
            ::close(pipe->fd);
    m_process.disconnect(this);
    if (m_process.state() != QProcess::NotRunning) {
        killTree(m_process.processId());
        m_process.waitForFinished(2000);
    }
}

void ExecStream::start(const QString &program, const QStringList &arguments,
                       const QProcessEnvironment &environment, double timeoutSeconds, const ChildSetup &setup)
{
    int out[2];
    int err[2];
    if (::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
        m_call->sendError(500, u"internal"_s, u"Cannot create pipes for the command."_s);
        deleteLater();
        return;
    }
    m_process.setProgram(program);
    m_process.setArguments(arguments);
    m_process.setProcessEnvironment(environment);
    m_process.setStandardInputFile(QProcess::nullDevice());
    m_process.setStandardOutputFile(QProcess::nullDevice());
    m_process.setStandardErrorFile(QProcess::nullDevice());
    const int outWrite = out[1];
    const int errWrite = err[1];
    // Our own pipes instead of QProcess's, which would read without bound.
    ChildSetup childSetup = setup;
    childSetup.modifier = [outWrite, errWrite] {
        ::dup2(outWrite, 1);
        ::dup2(errWrite, 2);
    };
    prepareChild(m_process, childSetup);
    m_process.start();
    ::close(out[1]);
    ::close(err[1]);
    m_stdout.fd = out[0];
    m_stderr.fd = err[0];
    if (!m_process.waitForStarted(10000)) {
        m_call->sendError(500, u"internal"_s, u"Cannot start the command: %1"_s.arg(m_process.errorString()));
        deleteLater();
        return;
    }
    m_elapsed.start();
    for (auto *pipe : {&m_stdout, &m_stderr}) {
        ::fcntl(pipe->fd, F_SETFL, ::fcntl(pipe->fd, F_GETFL) | O_NONBLOCK);
        pipe->notifier = new QSocketNotifier(pipe->fd, QSocketNotifier::Read, this);
    }
    connect(m_stdout.notifier, &QSocketNotifier::activated, this,
            [this] { readPipe(m_stdout, u"stdout"_s); });
    connect(m_stderr.notifier, &QSocketNotifier::activated, this,
            [this] { readPipe(m_stderr, u"stderr"_s); });
    connect(&m_process, &QProcess::finished, this, [this] {
        m_exited = true;
        pump();
    });

    m_timeout.setSingleShot(true);
    m_timeout.setTimerType(Qt::PreciseTimer);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_timedOut = true;
        killTree(m_process.processId());
    });
    m_timeout.start(int(std::min(timeoutSeconds * 1000, double(1 << 30))));
    m_keepalive.setInterval(KeepaliveMs);
    connect(&m_keepalive, &QTimer::timeout, this, [this] {
        if (m_device && m_device->buffered() < MaxBuffered)
            m_device->appendEvent(": keepalive\n\n");
    });
    m_keepalive.start();

    auto *device = new SseDevice;
    m_device = device;
    connect(device, &SseDevice::drained, this, &ExecStream::pump);
    connect(device, &QObject::destroyed, this, [this] {
        // The client is gone or the stream is complete. The process runs on to its own
        // timeout; its output is read and dropped so that it does not block on a full pipe.
        m_call.reset();
        if (m_done)
            deleteLater();
        else
            pump();
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

void ExecStream::emitOutput(const QString &stream, const QByteArray &bytes, qint64 offset)
{
    if (!m_device)
        return;
    // Invalid UTF-8 (only at the end of a pipe) takes the general path, which turns it into U+FFFD.
    if (!QByteArrayView(bytes).isValidUtf8()) {
        emitEvent("output",
                  {{u"stream"_s, stream}, {u"data"_s, QString::fromUtf8(bytes)}, {u"offset"_s, offset}});
        return;
    }
    // The hot path of a fast stream: no QString and no QJsonDocument round trip, which took most
    // of the server's time (UTF-8 to UTF-16 and back for every 64 KiB).
    QByteArray event;
    event.reserve(bytes.size() + 96);
    event.append("event: output\ndata: {\"stream\":\"");
    event.append(stream.toLatin1());
    event.append("\",\"data\":\"");
    appendJsonEscaped(&event, bytes);
    event.append("\",\"offset\":");
    event.append(QByteArray::number(offset));
    event.append("}\n\n");
    m_device->appendEvent(event);
    m_keepalive.start(); // a keepalive only after 15 s of silence
}

void ExecStream::readPipe(Pipe &pipe, const QString &name)
{
    while (!pipe.eof) {
        if (m_device && m_device->buffered() >= MaxBuffered) {
            // Backpressure: stop reading until the HTTP server has taken some bytes.
            pipe.notifier->setEnabled(false);
            return;
        }
        char buffer[ChunkBytes];
        const auto n = ::read(pipe.fd, buffer, sizeof buffer - size_t(pipe.pending.size()));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && errno == EAGAIN) {
            // After the command exited, a pipe kept open by a background process of the
            // sandbox counts as finished once it is empty.
            if (m_exited) {
                pipe.eof = true;
                break;
            }
            pipe.notifier->setEnabled(true);
            return;
        }
        if (n <= 0) {
            pipe.eof = true;
            break;
        }
        QByteArray data = pipe.pending + QByteArray(buffer, n);
        const qsizetype tail = incompleteTail(data);
        pipe.pending = data.right(tail);
        data.chop(tail);
        if (!data.isEmpty()) {
            emitOutput(name, data, pipe.offset);
            pipe.offset += data.size();
        }
        if (!m_exited)
            return; // let the event loop breathe; the notifier fires again if there is more
    }
    // End of the pipe: bytes of a sequence that never completed become U+FFFD.
    pipe.notifier->setEnabled(false);
    if (!pipe.pending.isEmpty()) {
        emitOutput(name, pipe.pending, pipe.offset);
        pipe.offset += pipe.pending.size();
        pipe.pending.clear();
    }
    maybeFinish();
}

void ExecStream::pump()
{
    if (m_done) {
        if (!m_device)
            deleteLater();
        return;
    }
    if (!m_stdout.eof) {
        m_stdout.notifier->setEnabled(true);
        if (m_exited)
            readPipe(m_stdout, u"stdout"_s);
    }
    if (!m_stderr.eof) {
        m_stderr.notifier->setEnabled(true);
        if (m_exited)
            readPipe(m_stderr, u"stderr"_s);
    }
    maybeFinish();
}

void ExecStream::maybeFinish()
{
    if (m_done || !m_exited || !m_stdout.eof || !m_stderr.eof)
        return;
    m_done = true;
    m_timeout.stop();
    m_keepalive.stop();
    const qint64 duration = m_elapsed.elapsed();
    const QString requestId = m_call ? m_call->requestId() : QString();
    if (m_timedOut) {
        emitEvent("error",
                  {{u"error"_s,
                    QJsonObject {{u"type"_s, u"exec_timeout"_s},
                                 {u"message"_s, u"The command ran past its timeout and was killed."_s},
                                 {u"request_id"_s, requestId},
                                 {u"stdout"_s, u""_s},
                                 {u"stderr"_s, u""_s},
                                 {u"duration_ms"_s, duration}}}});
    } else if (m_process.exitStatus() == QProcess::CrashExit) {
        const int signal = m_process.exitCode();
        emitEvent("error",
                  {{u"error"_s,
                    QJsonObject {{u"type"_s, u"exec_killed"_s},
                                 {u"message"_s, u"The command was killed by signal %1."_s.arg(signal)},
                                 {u"request_id"_s, requestId},
                                 {u"signal"_s, signal},
                                 {u"stdout"_s, u""_s},
                                 {u"stderr"_s, u""_s},
                                 {u"duration_ms"_s, duration}}}});
    } else if (const auto blocked = m_policyCheck ? m_policyCheck() : std::nullopt) {
        // As in the buffered exec: the command ended, but a host was refused while it ran.
        emitEvent("error",
                  {{u"error"_s,
                    QJsonObject {{u"type"_s, u"network_policy"_s},
                                 {u"message"_s, networkPolicyMessage(blocked->host, blocked->port)},
                                 {u"request_id"_s, requestId},
                                 {u"host"_s, blocked->host},
                                 {u"port"_s, blocked->port},
                                 {u"exit_code"_s, m_process.exitCode()},
                                 {u"stdout"_s, u""_s},
                                 {u"stderr"_s, u""_s},
                                 {u"duration_ms"_s, duration}}}});
    } else {
        emitEvent("exit", {{u"exit_code"_s, m_process.exitCode()}, {u"duration_ms"_s, duration}});
    }
    if (m_device)
        m_device->finish();
    else
        deleteLater();
}

} // namespace OrkestrLocal
