#include "core/sseparser.h"

namespace Orkestr {

void SseParser::reset()
{
    *this = SseParser();
}

QList<SseEvent> SseParser::feed(QByteArrayView bytes)
{
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
        // Copy the run up to the next line end in one go; most bytes are line content.
        qsizetype end = i;
        while (end < size && bytes[end] != '\n' && bytes[end] != '\r')
            ++end;
        m_line.append(bytes.sliced(i, end - i));
        if (m_line.size() > MaxLineBytes) {
            m_overflowed = true;
            m_line.clear();
            return events;
        }
        if (end == size)
            break;
        m_skipLf = bytes[end] == '\r';
        i = end + 1;
        if (!m_bomChecked) {
            // A UTF-8 byte order mark may start the stream; it is not part of the first field.
            m_bomChecked = true;
            if (m_line.startsWith("\xEF\xBB\xBF"))
                m_line.remove(0, 3);
        }
        processLine(&events);
        m_line.clear();
    }
    return events;
}

void SseParser::processLine(QList<SseEvent> *events)
{
    if (m_line.isEmpty()) {
        // A blank line dispatches the event; one without data is dropped, as the spec says.
        if (m_hasData) {
            m_current.data = m_dataBuffer;
            events->append(m_current);
        }
        const QByteArray lastId = m_current.id;
        m_current = SseEvent();
        m_current.id = lastId; // the last event id persists across events
        m_dataBuffer.clear();
        m_hasData = false;
        m_hasFields = false;
        return;
    }
    if (m_line.startsWith(':')) {
        ++m_comments;
        return;
    }
    m_hasFields = true;
    const qsizetype colon = m_line.indexOf(':');
    QByteArray field = colon < 0 ? m_line : m_line.left(colon);
    QByteArrayView value;
    if (colon >= 0) {
        value = QByteArrayView(m_line).sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);
    }
    if (field == "data") {
        if (m_hasData)
            m_dataBuffer.append('\n');
        m_dataBuffer.append(value);
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
