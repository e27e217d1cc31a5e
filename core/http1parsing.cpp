#include "core/http1parsing.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <utility>

namespace Orkestr::Http1 {

bool isToken(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        const auto u = uchar(c);
        if (u <= 0x20 || u >= 0x7F || c == ':')
            return false;
    }
    return true;
}

bool isFieldValue(QByteArrayView value)
{
    for (const char c : value) {
        if (c == '\r' || c == '\n' || c == '\0')
            return false;
    }
    return true;
}

qsizetype findHeadEnd(QByteArrayView data, qsizetype from, qsizetype *headEnd)
{
    for (qsizetype i = std::max<qsizetype>(0, from); i < data.size(); ++i) {
        if (data[i] != '\n')
            continue;
        if (i >= 1 && data[i - 1] == '\n') {
            *headEnd = i - 1;
            return i + 1;
        }
        if (i >= 3 && data[i - 1] == '\r' && data[i - 2] == '\n' && data[i - 3] == '\r') {
            *headEnd = i - 3;
            return i + 1;
        }
    }
    return -1;
}

std::optional<ResponseHead> parseResponseHead(QByteArrayView head)
{
    QList<QByteArrayView> lines;
    qsizetype start = 0;
    while (start <= head.size()) {
        qsizetype lf = head.indexOf('\n', start);
        if (lf < 0)
            lf = head.size();
        QByteArrayView line = head.sliced(start, lf - start);
        if (line.endsWith('\r'))
            line.chop(1);
        lines.append(line);
        start = lf + 1;
    }
    // "HTTP/1.1 200 OK"
    const QByteArrayView status = lines.value(0);
    if (!status.startsWith("HTTP/1.") || status.size() < 12 || status[8] != ' ')
        return std::nullopt;
    bool ok = false;
    ResponseHead result;
    result.status = status.sliced(9, 3).toInt(&ok);
    if (!ok || result.status < 100 || result.status > 999 || (status.size() > 12 && status[12] != ' '))
        return std::nullopt;
    if (status.size() > 13)
        result.reason = status.sliced(13).toByteArray();

    auto &headers = result.headers;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines[i];
        if (line.startsWith(' ') || line.startsWith('\t')) {
            if (headers.isEmpty())
                return std::nullopt;
            headers.last().second += ' ' + line.trimmed().toByteArray(); // an obsolete folded line
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0 || !isToken(line.first(colon)))
            return std::nullopt;
        const QByteArray name = line.first(colon).toByteArray();
        const QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
        bool merged = false;
        for (auto &[key, existing] : headers) {
            if (key.compare(name, Qt::CaseInsensitive) == 0) {
                existing += ", " + value;
                merged = true;
                break;
            }
        }
        if (!merged)
            headers.append({name, value});
    }
    return result;
}

bool parseChunkSize(QByteArrayView line, qint64 *size)
{
    qint64 value = 0;
    qsizetype i = 0;
    for (; i < line.size(); ++i) {
        const char c = line[i];
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        else
            break;
        if (value > (std::numeric_limits<qint64>::max() >> 4))
            return false;
        value = value * 16 + digit;
    }
    if (i == 0)
        return false;
    for (; i < line.size(); ++i) {
        const char c = line[i];
        if (c == ';')
            break;
        if (c != ' ' && c != '\t')
            return false;
    }
    *size = value;
    return true;
}

qint64 ChunkedDecoder::decode(QByteArray &buffer, qsizetype from)
{
    char *const base = buffer.data();
    const char *p = base + from;
    const char *const end = base + buffer.size();
    char *w = base + from;
    while (p < end) {
        switch (m_state) {
        case State::Size:
        case State::Trailer: {
            const auto *lf = static_cast<const char *>(std::memchr(p, '\n', size_t(end - p)));
            const qsizetype take = (lf ? lf : end) - p;
            if (m_line.size() + take > MaxChunkLineBytes)
                return -1;
            m_line.append(p, take);
            if (!lf) {
                p = end;
                break;
            }
            p = lf + 1;
            QByteArrayView line(m_line);
            if (line.endsWith('\r'))
                line.chop(1);
            if (m_state == State::Size) {
                qint64 size = 0;
                if (!parseChunkSize(line, &size))
                    return -1;
                if (size == 0) {
                    m_state = State::Trailer;
                } else {
                    m_chunkLeft = size;
                    m_state = State::Data;
                }
            } else if (line.isEmpty()) {
                m_state = State::End;
            }
            // A trailer field: nothing here needs one.
            m_line.clear();
            break;
        }
        case State::Data: {
            const qint64 take = std::min<qint64>(m_chunkLeft, end - p);
            if (w != p)
                std::memmove(w, p, size_t(take));
            w += take;
            p += take;
            m_chunkLeft -= take;
            if (m_chunkLeft == 0)
                m_state = State::DataCr;
            break;
        }
        case State::DataCr:
            if (*p == '\r') {
                ++p;
                m_state = State::DataLf;
            } else if (*p == '\n') {
                ++p;
                m_state = State::Size;
            } else {
                return -1;
            }
            break;
        case State::DataLf:
            if (*p != '\n')
                return -1;
            ++p;
            m_state = State::Size;
            break;
        case State::End:
            p = end; // after the last chunk: nothing more belongs to this response
            break;
        }
    }
    const qint64 decoded = (w - base) - from;
    buffer.resize(w - base);
    return decoded;
}

QNetworkReply::NetworkError errorForStatus(int status)
{
    // As QNetworkAccessManager reports them.
    using enum QNetworkReply::NetworkError;
    static constexpr std::pair<int, QNetworkReply::NetworkError> byStatus[] = {
        {400, ProtocolInvalidOperationError},
        {401, AuthenticationRequiredError},
        {403, ContentAccessDenied},
        {404, ContentNotFoundError},
        {405, ContentOperationNotPermittedError},
        {407, ProxyAuthenticationRequiredError},
        {409, ContentConflictError},
        {410, ContentGoneError},
        {418, ProtocolInvalidOperationError},
        {500, InternalServerError},
        {501, OperationNotImplementedError},
        {503, ServiceUnavailableError},
    };
    for (const auto &[known, error] : byStatus) {
        if (known == status)
            return error;
    }
    if (status >= 400 && status < 500)
        return UnknownContentError;
    if (status >= 500)
        return UnknownServerError;
    return NoError;
}

QNetworkReply::NetworkError errorForSocket(QAbstractSocket::SocketError error)
{
    static constexpr std::pair<QAbstractSocket::SocketError, QNetworkReply::NetworkError> bySocket[] = {
        {QAbstractSocket::ConnectionRefusedError, QNetworkReply::ConnectionRefusedError},
        {QAbstractSocket::RemoteHostClosedError, QNetworkReply::RemoteHostClosedError},
        {QAbstractSocket::HostNotFoundError, QNetworkReply::HostNotFoundError},
        {QAbstractSocket::SocketTimeoutError, QNetworkReply::TimeoutError},
        {QAbstractSocket::SslHandshakeFailedError, QNetworkReply::SslHandshakeFailedError},
        {QAbstractSocket::TemporaryError, QNetworkReply::TemporaryNetworkFailureError},
    };
    for (const auto &[socketError, networkError] : bySocket) {
        if (socketError == error)
            return networkError;
    }
    return QNetworkReply::UnknownNetworkError;
}

} // namespace Orkestr::Http1
