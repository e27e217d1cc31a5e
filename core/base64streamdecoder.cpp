#include "core/base64streamdecoder.h"

#include <QCoreApplication>
#include <QIODevice>
#include <QJsonDocument>

#include <array>

namespace Orkestr {

namespace {
// The envelope holds only small fields; a response bigger than this outside the field is broken.
constexpr qsizetype MaxEnvelope = 1024 * 1024;
// Decode in pieces of this many base64 characters (a multiple of 4).
constexpr qsizetype DecodeChunk = 64 * 1024;

QString tr(const char *text)
{
    return QCoreApplication::translate("Orkestr::Base64StreamDecoder", text);
}
} // namespace

Base64StreamDecoder::Base64StreamDecoder(QIODevice *target, QString field)
    : m_target(target)
    , m_field(std::move(field))
{
}

bool Base64StreamDecoder::fail(const QString &message)
{
    if (m_error.isEmpty())
        m_error = message;
    return false;
}

bool Base64StreamDecoder::writeOut(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return true;
    qint64 written = 0;
    while (written < bytes.size()) {
        const qint64 n = m_target->write(bytes.constData() + written, bytes.size() - written);
        if (n <= 0)
            return fail(tr("Could not write the downloaded file: %1").arg(m_target->errorString()));
        written += n;
    }
    m_decoded += written;
    return true;
}

namespace {
constexpr quint8 Invalid = 0xFF;
constexpr quint8 Padding = 0xFE;
// Each byte's 6-bit value in the base64 alphabet, Padding for '=', Invalid for the rest.
constexpr std::array<quint8, 256> base64Values = [] {
    std::array<quint8, 256> table {};
    table.fill(Invalid);
    const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i)
        table[uchar(alphabet[i])] = quint8(i);
    table['='] = Padding;
    return table;
}();
} // namespace

void Base64StreamDecoder::keepStringCharacter(char c)
{
    m_rest.append(c);
    if (m_inKey)
        m_key.append(c);
}

bool Base64StreamDecoder::decodeQuads(bool final)
{
    // Until the value ends, keep its last quad back: only that one may carry padding.
    const qsizetype usable = final ? m_base64.size() : std::max<qsizetype>(0, (m_base64.size() - 1) / 4 * 4);
    if (usable == 0)
        return true;
    if (final && usable % 4 != 0)
        return fail(tr("The file content is not valid base64 (its length is not a multiple of 4)."));
    // A table per character instead of QByteArray::fromBase64Encoding and its copies: the
    // decode was most of a download's time on the GUI thread.
    const auto *in = reinterpret_cast<const uchar *>(m_base64.constData());
    m_decodeBuffer.resize(usable / 4 * 3);
    char *out = m_decodeBuffer.data();
    for (qsizetype q = 0; q < usable; q += 4) {
        const quint32 a = base64Values[in[q]];
        const quint32 b = base64Values[in[q + 1]];
        const quint32 c = base64Values[in[q + 2]];
        const quint32 d = base64Values[in[q + 3]];
        if (((a | b | c | d) & 0x80) == 0) {
            const quint32 value = a << 18 | b << 12 | c << 6 | d;
            *out++ = char(value >> 16);
            *out++ = char(value >> 8);
            *out++ = char(value);
            continue;
        }
        // Padding may only end the whole value: "xx==" or "xxx=" as its very last quad.
        const bool lastQuad = final && q + 4 == usable;
        if (a == Invalid || b == Invalid || c == Invalid || d == Invalid)
            return fail(tr("The file content is not valid base64."));
        if (!lastQuad || a == Padding || b == Padding || (c == Padding && d != Padding))
            return fail(tr("The file content is not valid base64 (padding in the middle)."));
        const quint32 value = a << 18 | b << 12 | (c == Padding ? 0 : c << 6);
        *out++ = char(value >> 16);
        if (c != Padding)
            *out++ = char(value >> 8);
    }
    m_decodeBuffer.truncate(out - m_decodeBuffer.constData());
    m_base64.remove(0, usable);
    return writeOut(m_decodeBuffer);
}

bool Base64StreamDecoder::feed(QByteArrayView bytes)
{
    if (!m_error.isEmpty())
        return false;
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const char c = bytes[i];
        switch (m_state) {
        case State::InField: {
            // The hot path: take the run of base64 characters up to the closing quote in one go.
            qsizetype end = bytes.indexOf('"', i);
            if (end < 0)
                end = size;
            if (const qsizetype escape = bytes.sliced(i, end - i).indexOf('\\'); escape >= 0)
                end = i + escape;
            m_base64.append(bytes.sliced(i, end - i));
            if (m_base64.size() >= DecodeChunk && !decodeQuads(false))
                return false;
            i = end;
            if (i == size)
                continue; // the value goes on in the next piece
            if (bytes[i] == '\\') {
                m_state = State::InFieldEscape;
            } else {
                if (!decodeQuads(true))
                    return false;
                m_fieldDone = true;
                m_state = State::Outside;
                m_rest.append("\"\"");
            }
            ++i;
            continue;
        }
        case State::InFieldEscape:
            // Only an escaped slash can stand for a base64 character.
            if (c != '/')
                return fail(tr("The file content holds an unexpected escape sequence."));
            m_base64.append('/');
            m_state = State::InField;
            ++i;
            continue;
        case State::AfterFieldColon:
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                ++i;
                continue;
            }
            if (c != '"')
                return fail(tr("The \"%1\" field of the response is not a string.").arg(m_field));
            if (m_foundField)
                return fail(tr("The response holds the \"%1\" field twice.").arg(m_field));
            m_foundField = true;
            m_state = State::InField;
            ++i;
            continue;
        case State::InString:
            keepStringCharacter(c);
            if (c == '\\') {
                m_state = State::InStringEscape;
            } else if (c == '"') {
                m_state = State::Outside;
                if (m_inKey) {
                    m_key.chop(1);
                    m_lastKey = m_key;
                    m_inKey = false;
                }
            }
            ++i;
            continue;
        case State::InStringEscape:
            keepStringCharacter(c);
            m_state = State::InString;
            ++i;
            continue;
        case State::Outside:
            break;
        }

        // Outside strings.
        if (m_documentDone && c != ' ' && c != '\t' && c != '\n' && c != '\r')
            return fail(tr("The response holds data after its JSON document."));
        m_rest.append(c);
        switch (c) {
        case '"':
            m_state = State::InString;
            m_inKey = m_expectKey && m_depth == 1;
            m_key.clear();
            m_expectKey = false;
            break;
        case '{':
            ++m_depth;
            m_expectKey = true;
            break;
        case '[':
            ++m_depth;
            m_expectKey = false;
            break;
        case '}':
        case ']':
            if (--m_depth < 0)
                return fail(tr("The response is not valid JSON."));
            m_documentDone = m_depth == 0;
            break;
        case ',':
            m_expectKey = m_depth == 1;
            break;
        case ':':
            if (m_depth == 1 && QString::fromUtf8(m_lastKey) == m_field) {
                m_state = State::AfterFieldColon;
            }
            m_lastKey.clear();
            break;
        default:
            break;
        }
        if (m_rest.size() > MaxEnvelope)
            return fail(tr("The response is too large outside its file content."));
        ++i;
    }
    return true;
}

bool Base64StreamDecoder::finish()
{
    if (!m_error.isEmpty())
        return false;
    if (!m_documentDone || m_state != State::Outside)
        return fail(tr("The response ended before its JSON document was complete."));
    if (!m_foundField || !m_fieldDone)
        return fail(tr("The response has no \"%1\" field.").arg(m_field));
    QJsonParseError error;
    const auto document = QJsonDocument::fromJson(m_rest, &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        return fail(tr("The server sent a malformed response (%1).").arg(error.errorString()));
    m_envelope = document.object();
    // The field's value stands as "" in the envelope. Anything else means a second key that is the
    // field's name once unescaped ("cont\\u0065nt") came later, and a JSON reader takes that one.
    if (m_envelope.value(m_field) != QJsonValue(QString()))
        return fail(tr("The response holds the \"%1\" field twice.").arg(m_field));
    m_envelope.remove(m_field);
    const auto encoding = m_envelope.value(QStringLiteral("encoding")).toString();
    if (!encoding.isEmpty() && encoding != QStringLiteral("base64"))
        return fail(tr("The file has an unsupported encoding \"%1\".").arg(encoding));
    return true;
}

} // namespace Orkestr
