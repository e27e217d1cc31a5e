#include "core/ssestreamjob.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

SseStreamJob::SseStreamJob(const QByteArray &verb, const QString &path, QObject *parent)
    : Job(verb, path, parent)
{
    setIdempotent(false);
    setTransferTimeoutMs(QuietTimeoutMs);
    setPrefersStreamTransport(true);
}

void SseStreamJob::setLastEventId(qint64 lastEventId)
{
    setRawHeader("Last-Event-ID", QByteArray::number(lastEventId));
}

QString SseStreamJob::malformedStreamMessage() const
{
    return tr("The server sent a malformed events stream (a line longer than %1 bytes).")
        .arg(SseParser::MaxLineBytes);
}

ApiError SseStreamJob::onResponseData(const QByteArray &data)
{
    if (m_stopped)
        return {}; // nothing may follow the last event; ignore a server's trailing bytes
    const auto events = m_inPlace ? m_parser.feedInPlace(data) : m_parser.feed(data);
    if (m_parser.overflowed())
        return ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s, malformedStreamMessage());
    for (const auto &event : events) {
        if (auto error = handleEvent(event); error.isError())
            return error;
        if (m_stopped)
            break;
    }
    if (!events.isEmpty())
        afterEvents();
    return {};
}

} // namespace Orkestr
