#include "core/ssestreamjob.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

SseStreamJob::SseStreamJob(const QByteArray &verb, const QString &path, QObject *parent)
    : Job(verb, path, parent)
{
    // A repeat after a dropped connection must start where this one stopped, which only the
    // follower knows.
    setIdempotent(false);
    setTransferTimeoutMs(QuietTimeoutMs);
    setPrefersStreamTransport(true);
}

void SseStreamJob::setLastEventId(qint64 lastEventId)
{
    setRawHeader("Last-Event-ID", QByteArray::number(lastEventId));
}

ApiError SseStreamJob::onResponseData(const QByteArray &data)
{
    const auto events = m_parser.feed(data);
    if (m_parser.overflowed()) {
        return ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                        tr("The server sent a malformed events stream (a line longer than %1 bytes).")
                            .arg(SseParser::MaxLineBytes));
    }
    for (const auto &event : events) {
        if (auto error = handleEvent(event); error.isError())
            return error;
    }
    if (!events.isEmpty())
        afterEvents();
    return {};
}

} // namespace Orkestr
