#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Orkestr {

// One server-sent event.
struct SseEvent
{
    QByteArray event = "message"; // the "event:" field; "message" when absent
    QByteArray data; // "data:" lines joined with '\n'
    QByteArray id;
    friend bool operator==(const SseEvent &, const SseEvent &) = default;
};

// An incremental text/event-stream parser (WHATWG rules): feed bytes as they arrive, in any
// split, and get the same events. Lines end in CRLF, LF or CR; comment lines (": keepalive")
// are skipped; multi-line data is joined. No network here, so it can be tested byte by byte.
class SseParser
{
public:
    // A line longer than this is a broken or hostile stream, not output: output chunks hold at
    // most 64 KiB, which JSON escaping can grow at most sixfold.
    static constexpr qsizetype MaxLineBytes = 4 * 1024 * 1024;

    // Returns the events completed by this piece of the stream.
    QList<SseEvent> feed(QByteArrayView bytes);
    // The same events, but an event whose data is one line whole in `bytes` gets that data
    // without a copy (QByteArray::fromRawData): use the events, or copy them, before `bytes` goes
    // away. The exec stream's hot path; nothing is kept pointing into `bytes` after the call.
    QList<SseEvent> feedInPlace(QByteArrayView bytes);
    // True while an event has fields but no blank line yet: a stream ending now would lose it.
    bool hasPartialEvent() const { return !m_line.isEmpty() || m_hasFields; }
    // Comment lines seen so far (keepalives), for diagnostics.
    int commentCount() const { return m_comments; }
    // True once a line exceeded MaxLineBytes; the parser then ignores all further input.
    bool overflowed() const { return m_overflowed; }
    void reset();

private:
    QList<SseEvent> feedImpl(QByteArrayView bytes, bool inPlace);
    void processLine(QByteArrayView line, bool lineInInput, QList<SseEvent> *events);
    void keepData();

    QByteArray m_line;
    SseEvent m_current;
    QByteArray m_dataBuffer;
    QByteArrayView m_dataView; // the data, while it is one line of the current input (in place)
    bool m_dataIsView = false;
    bool m_inPlace = false;
    bool m_hasData = false;
    bool m_hasFields = false;
    bool m_skipLf = false; // the last byte was a CR: a following LF belongs to the same line end
    bool m_bomChecked = false;
    int m_comments = 0;
    bool m_overflowed = false;
};

} // namespace Orkestr
