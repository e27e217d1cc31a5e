#pragma once

// The HTTP/1.1 wire format as HttpStreamReply reads and writes it: pure functions and a chunked
// decoder, no I/O (so that each can be tested, and fuzzed, on its own).

#include <QAbstractSocket>
#include <QByteArray>
#include <QList>
#include <QNetworkReply>

#include <optional>
#include <utility>

namespace Orkestr::Http1 {

// Longest chunk-size or trailer line accepted (the size, an extension and CRLF fit easily).
inline constexpr qsizetype MaxChunkLineBytes = 4096;

// A method or header name (an RFC 9110 token), and a field value that cannot split the request.
bool isToken(QByteArrayView name);
bool isFieldValue(QByteArrayView value);

// Where the head ends in `data` (an empty line: CRLF CRLF, or bare LFs as lenient clients accept),
// looking at the bytes from `from` on: the index just after the empty line, with *headEnd set to
// where the head's last line ends; -1 when the head is not complete yet.
qsizetype findHeadEnd(QByteArrayView data, qsizetype from, qsizetype *headEnd);

struct ResponseHead
{
    int status = 0;
    QByteArray reason;
    // In the order received; a repeated name is merged into the first with ", ".
    QList<std::pair<QByteArray, QByteArray>> headers;
};
// The status line and header fields of a response (without the empty line); nullopt when
// malformed.
std::optional<ResponseHead> parseResponseHead(QByteArrayView head);

// A hex chunk size, optionally followed by extensions (";name=value") and whitespace.
bool parseChunkSize(QByteArrayView line, qint64 *size);

// Removes the chunked framing of a response body in place, whatever the pieces it arrives in.
class ChunkedDecoder
{
public:
    // Decodes buffer[from, size()): the payload is moved down over the framing (each byte copied
    // at most once more) and the buffer shortened to the payload's end. Returns the payload bytes
    // decoded, or -1 on a framing error.
    qint64 decode(QByteArray &buffer, qsizetype from);
    // After the last chunk and its trailer: nothing more belongs to the response.
    bool isDone() const { return m_state == State::End; }

private:
    enum class State { Size, Data, DataCr, DataLf, Trailer, End };
    State m_state = State::Size;
    qint64 m_chunkLeft = 0; // payload bytes left in the current chunk
    QByteArray m_line; // a chunk-size or trailer line split across pieces
};

// The reply errors QNetworkAccessManager reports for an HTTP status and for a socket error.
QNetworkReply::NetworkError errorForStatus(int status);
QNetworkReply::NetworkError errorForSocket(QAbstractSocket::SocketError error);

} // namespace Orkestr::Http1
