#include "core/execoutputjob.h"

#include "core/jsonresponse.h"
#include "core/outputevent.h"

#include <QJsonDocument>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// An error event carries no HTTP status; use the one the same error has as a response.
int statusForType(const QString &type)
{
    static const QHash<QString, int> statuses = {
        {u"exec_timeout"_s, 408},      {u"exec_killed"_s, 422},       {u"sandbox_not_ready"_s, 409},
        {u"sandbox_not_found"_s, 404}, {u"internal"_s, 500},          {u"unavailable"_s, 503},
        {u"network_policy"_s, 403},    {u"payload_too_large"_s, 413}, {u"invalid_request"_s, 400},
        {u"exec_not_found"_s, 404},
    };
    return statuses.value(type, 500);
}

// The UTF-8 size of text without converting it (the stream's hot path). A surrogate pair is
// 4 bytes, so each half counts 2.
qint64 utf8Size(QStringView text)
{
    qint64 size = 0;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        size += u < 0x80 ? 1 : u < 0x800 ? 2 : c.isSurrogate() ? 2 : 3;
    }
    return size;
}
} // namespace

ExecOutputJob::ExecOutputJob(QByteArray method, QString path, QObject *parent)
    : SseStreamJob(method, path, parent)
{
    // The events' data may point into the piece of the stream being read: they are used (or
    // copied) before the next piece comes.
    setReadsInPlace(true);
}

QString ExecOutputJob::malformedStreamMessage() const
{
    return tr("The server sent a malformed output stream (a line longer than %1 bytes).")
        .arg(SseParser::MaxLineBytes);
}

ApiError ExecOutputJob::handleEvent(const SseEvent &event)
{
    if (event.event == "output") {
        if (auto decoded = decodeOutputEvent(event.data)) {
            emitOutput(decoded->chunk, decoded->utf8Bytes);
            return {};
        }
    }
    QJsonObject object;
    if (event.event == "output" || event.event == "exit") {
        if (auto error = parseJsonObject(event.data, &object); error.isError())
            return error;
    }
    if (event.event == "output") {
        const auto piece = ExecChunk::fromOutputJson(object);
        emitOutput(piece, utf8Size(piece.data));
    } else if (event.event == "exit") {
        const auto last = ExecChunk::fromExitJson(object);
        m_exited = true;
        stopReading();
        m_exitCode = last.exitCode.value_or(0);
        m_durationMs = last.durationMs.value_or(0);
        ++m_chunks;
        Q_EMIT chunk(last);
    } else if (event.event == "error") {
        const auto type = QJsonDocument::fromJson(event.data)
                              .object()
                              .value(u"error"_s)
                              .toObject()
                              .value(u"type"_s)
                              .toString();
        // A deep copy: the event's data may point into the piece of the stream being read.
        return ApiError::fromResponse(statusForType(type),
                                      QByteArray(event.data.constData(), event.data.size()), requestId());
    } else {
        return handleOtherEvent(event);
    }
    return {};
}

ApiError ExecOutputJob::handleOtherEvent(const SseEvent &)
{
    return {}; // unknown event names are for newer servers
}

void ExecOutputJob::emitOutput(const ExecChunk &piece, qint64 utf8Bytes)
{
    const bool isStderr = piece.stream == u"stderr"_s;
    (isStderr ? m_stderrBytes : m_stdoutBytes) += utf8Bytes;
    if (m_collectOutput)
        (isStderr ? m_stderr : m_stdout).append(piece.data);
    ++m_chunks;
    Q_EMIT chunk(piece);
}

ApiError ExecOutputJob::cutShort(const QString &why) const
{
    return ApiError::connectionError(
        tr("The output stream was cut before the command finished (%1). %2").arg(why, cutShortConsequence()),
        requestId());
}

ApiError ExecOutputJob::onResponseFinished(const QByteArray &)
{
    if (m_exited)
        return {};
    return cutShort(tr("the server closed the stream without an exit event"));
}

ApiError ExecOutputJob::onResponseInterrupted(const ApiError &error)
{
    if (m_exited)
        return {}; // the final event arrived; losing the connection afterwards costs nothing
    return cutShort(error.message());
}

} // namespace Orkestr
