#include "core/sseparser.h"

#include <cstring>

namespace Orkestr {

void SseParser::reset()
{
    *this = SseParser();
}

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
    return feedImpl(bytes, false);
}

QList<SseEvent> SseParser::feedInPlace(QByteArrayView bytes)
{
    return feedImpl(bytes, true);
}

void SseParser::keepData()
{
    // The data pointed into the input: copy it before the input goes away or grows.
    if (!m_dataIsView)
        return;
    m_dataBuffer = m_dataView.toByteArray();
    m_dataView = {};
    m_dataIsView = false;
}

QList<SseEvent> SseParser::feedImpl(QByteArrayView bytes, bool inPlace)
{
    m_inPlace = inPlace;
    QList<SseEvent> events;
    if (m_overflowed)
        return events;
    qsizetype i = 0;
    const qsizetype size = bytes.size();
    while (i < size) {
        if (m_skipLf) {
            m_skipLf = false;
            if (bytes[i] == '\n') {
                ++i;
                continue;
            }
        }
        // The next line end. Lines are long (64 KiB of output) and hold no raw CR or LF, so two
        // memchr passes beat a byte loop.
        const char *from = bytes.data() + i;
        const auto *lf = static_cast<const char *>(std::memchr(from, '\n', size_t(size - i)));
        const qsizetype untilLf = lf ? lf - from : size - i;
        const auto *cr = static_cast<const char *>(std::memchr(from, '\r', size_t(untilLf)));
        const qsizetype end = i + (cr ? cr - from : untilLf);
        if (m_line.size() + (end - i) > MaxLineBytes) {
            m_overflowed = true;
            m_line.clear();
            return events;
        }
        if (end == size) {
            m_line.append(bytes.sliced(i));
            break;
        }
        // A line whole in this piece is used in place; only a line split across pieces is copied.
        QByteArrayView line = bytes.sliced(i, end - i);
        const bool lineInInput = m_line.isEmpty();
        if (!lineInInput) {
            m_line.append(line);
            line = m_line;
        }
        m_skipLf = bytes[end] == '\r';
        i = end + 1;
        if (!m_bomChecked) {
            // A UTF-8 byte order mark may start the stream; it is not part of the first field.
            m_bomChecked = true;
            if (line.startsWith("\xEF\xBB\xBF"))
                line = line.sliced(3);
        }
        processLine(line, lineInInput, &events);
        m_line.clear();
    }
    keepData();
    return events;
}

void SseParser::processLine(QByteArrayView line, bool lineInInput, QList<SseEvent> *events)
{
    if (line.isEmpty()) {
        // A blank line dispatches the event; one without data is dropped, as the spec says.
        if (m_hasData) {
            m_current.data
                = m_dataIsView ? QByteArray::fromRawData(m_dataView.data(), m_dataView.size()) : m_dataBuffer;
            events->append(m_current);
        }
        m_dataView = {};
        m_dataIsView = false;
        const QByteArray lastId = m_current.id;
        m_current = SseEvent();
        m_current.id = lastId; // the last event id persists across events
        m_dataBuffer.clear();
        m_hasData = false;
        m_hasFields = false;
        return;
    }
    if (line.startsWith(':')) {
        ++m_comments;
        return;
    }
    m_hasFields = true;
    const qsizetype colon = line.indexOf(':');
    const QByteArrayView field = colon < 0 ? line : line.first(colon);
    QByteArrayView value;
    if (colon >= 0) {
        value = line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    if (field == "data") {
        if (!m_hasData && m_inPlace && lineInInput) {
            m_dataView = value; // most events: one data line, whole in this piece
            m_dataIsView = true;
        } else {
            keepData();
            if (m_hasData)
                m_dataBuffer.append('\n');
            m_dataBuffer.append(value);
        }
        m_hasData = true;
    } else if (field == "event") {
        m_current.event = value.toByteArray();
    } else if (field == "id") {
        if (!value.contains('\0'))
            m_current.id = value.toByteArray();
    }
    // "retry" and unknown fields do not matter to this client.
}

} // namespace Orkestr
