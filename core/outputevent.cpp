#include "core/outputevent.h"

#include "wire/jsonbytes.h"

#include <QByteArray>

#include <array>
#include <bit>
#include <cstring>
#include <utility>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <tmmintrin.h>
#define ORKESTR_DENSE_SSSE3 1
#endif

namespace Orkestr {

namespace {

using namespace Qt::StringLiterals;

bool isSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int hexDigit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// The bytes a JSON string cannot hold as they are: the quote, the backslash, control characters.
constexpr std::array<bool, 256> isSpecial = [] {
    std::array<bool, 256> table {};
    for (int b = 0; b < 0x20; ++b)
        table[b] = true;
    table['"'] = true;
    table['\\'] = true;
    return table;
}();

// What a one-letter escape stands for (\\n is a line feed), or 0.
constexpr std::array<char, 256> simpleEscape = [] {
    std::array<char, 256> table {};
    table['"'] = '"';
    table['\\'] = '\\';
    table['/'] = '/';
    table['b'] = '\b';
    table['f'] = '\f';
    table['n'] = '\n';
    table['r'] = '\r';
    table['t'] = '\t';
    return table;
}();

#if defined(ORKESTR_DENSE_SSSE3)
// For each 8-bit mask of bytes to drop, the pshufb indices of the bytes kept (0x80 pads).
constexpr std::array<std::array<unsigned char, 8>, 256> keepIndices = [] {
    std::array<std::array<unsigned char, 8>, 256> table {};
    for (int mask = 0; mask < 256; ++mask) {
        int kept = 0;
        for (int i = 0; i < 8; ++i) {
            if (!(mask & (1 << i)))
                table[size_t(mask)][size_t(kept++)] = static_cast<unsigned char>(i);
        }
        while (kept < 8)
            table[size_t(mask)][size_t(kept++)] = 0x80;
    }
    return table;
}();

// Output dense with one-letter escapes ("y\\n" from yes: an escape every three bytes), 16 bytes
// at a time: the backslashes are dropped with a byte shuffle and the letters after them replaced.
// Stops at whatever it leaves to the byte loop (a quote, a control byte, an escaped backslash, a
// \u escape, fewer than 17 bytes left); returns how far it got.
__attribute__((target("ssse3"))) std::pair<const char *, char *> unescapeDense(const char *p, const char *end,
                                                                               char *dst)
{
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    const __m128i control = _mm_set1_epi8(0x1F);
    while (end - p >= 17) {
        const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
        const __m128i stop
            = _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(_mm_min_epu8(bytes, control), bytes));
        if (_mm_movemask_epi8(stop) != 0)
            break;
        unsigned escapes = unsigned(_mm_movemask_epi8(_mm_cmpeq_epi8(bytes, backslash)));
        if (escapes & (escapes << 1))
            break; // an escaped backslash: which backslash escapes what is for the byte loop
        // A backslash in the last byte: its letter is in the next block, so this block is 15 bytes.
        const int length = (escapes & 0x8000) ? 15 : 16;
        const unsigned letters = (escapes << 1) & 0xFFFF;
        alignas(16) char block[16];
        _mm_store_si128(reinterpret_cast<__m128i *>(block), bytes);
        bool simple = true;
        for (unsigned bits = letters; bits; bits &= bits - 1) {
            const int at = std::countr_zero(bits);
            const char replaced = simpleEscape[uchar(block[at])];
            simple = simple && replaced != 0;
            block[at] = replaced;
        }
        if (!simple)
            break; // \u or an invalid escape
        // The dropped bytes: the backslashes (and the 16th byte when the block is 15 long).
        const unsigned drop = escapes | (length == 15 ? 0x8000u : 0u);
        const auto &low = keepIndices[drop & 0xFF];
        const auto &high = keepIndices[drop >> 8];
        std::array<unsigned char, 16> indices {};
        for (int i = 0; i < 8; ++i) {
            indices[size_t(i)] = low[size_t(i)];
            indices[size_t(8 + i)]
                = high[size_t(i)] == 0x80 ? 0x80 : static_cast<unsigned char>(high[size_t(i)] + 8);
        }
        const __m128i packed
            = _mm_shuffle_epi8(_mm_load_si128(reinterpret_cast<const __m128i *>(block)),
                               _mm_loadu_si128(reinterpret_cast<const __m128i *>(indices.data())));
        const int keptLow = 8 - std::popcount(drop & 0xFF);
        const int keptHigh = 8 - std::popcount(drop >> 8);
        // dst never runs ahead of p, so 8 bytes at dst + keptLow (at most p + 16) stay inside the output.
        _mm_storel_epi64(reinterpret_cast<__m128i *>(dst), packed);
        _mm_storel_epi64(reinterpret_cast<__m128i *>(dst + keptLow), _mm_srli_si128(packed, 8));
        dst += keptLow + keptHigh;
        p += length;
    }
    return {p, dst};
}

// Static initialisation may run before the compiler runtime has read the CPU's features.
const bool haveSsse3 = [] {
    __builtin_cpu_init();
    return __builtin_cpu_supports("ssse3") != 0;
}();
#endif

class Reader
{
public:
    explicit Reader(QByteArrayView json)
        : m_p(json.data())
        , m_end(json.data() + json.size())
    {
    }

    void skipSpace()
    {
        while (m_p < m_end && isSpace(*m_p))
            ++m_p;
    }
    bool atEnd() const { return m_p == m_end; }
    bool take(char expected)
    {
        if (m_p < m_end && *m_p == expected) {
            ++m_p;
            return true;
        }
        return false;
    }

    // After the opening quote: the string's UTF-8 bytes into out, up to and past the closing
    // quote. False on anything the general path should judge (bad escapes, lone surrogates,
    // control characters, an unterminated string).
    bool readString(QByteArray *out)
    {
        // Locals, not the members: with the members, every byte stored through dst (a char, which
        // may alias anything) made the compiler reload m_p and m_end from memory.
        const char *after = unescape(m_p, m_end, out);
        if (after)
            m_p = after;
        return after != nullptr;
    }

private:
    // The position after the closing quote, or nullptr.
    static const char *unescape(const char *p, const char *const end, QByteArray *out)
    {
        // An unescaped string is never longer than its escaped form.
        const qsizetype room = end - p;
        out->resize(room);
        char *dst = out->data();
        char *const start = dst;
        const char *wordsFrom = p;
        while (p < end) {
            bool atSpecial = false; // the vector loop stopped at a special byte: go to it directly
#if defined(__SSE2__)
            // Sixteen bytes at a time where the machine has SSE2 (every x86-64): the same test as
            // the words below, the byte stored whether plain or not, counted only if plain.
            if (p >= wordsFrom) {
                const __m128i quote = _mm_set1_epi8('"');
                const __m128i backslash = _mm_set1_epi8('\\');
                const __m128i control = _mm_set1_epi8(0x1F);
                while (end - p >= 16) {
                    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i *>(p));
                    _mm_storeu_si128(reinterpret_cast<__m128i *>(dst), bytes);
                    const __m128i special = _mm_or_si128(
                        _mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                        _mm_cmpeq_epi8(_mm_min_epu8(bytes, control), bytes));
                    const auto mask = unsigned(_mm_movemask_epi8(special));
                    const int plain = mask == 0 ? 16 : std::countr_zero(mask);
                    dst += plain;
                    p += plain;
                    if (plain < 16) {
                        if (plain < 4)
                            wordsFrom = end - p > 16 ? p + 16 : end;
                        atSpecial = true;
                        break;
                    }
                }
                if (p == end)
                    break;
            }
#endif
            // Eight bytes at a time up to the next special byte: most output is plain text. Output
            // dense with escapes ("y\\n" from yes) goes byte by byte, trying words again after 16
            // bytes. (dst never runs ahead of p, so an 8-byte store at dst stays inside out.)
            if (JsonBytes::WordsInMemoryOrder && !atSpecial && p >= wordsFrom) {
                while (end - p >= 8) {
                    const quint64 word = JsonBytes::load(p);
                    std::memcpy(dst, &word, 8);
                    const quint64 mask = JsonBytes::specialBytes(word);
                    const int plain = mask == 0 ? 8 : std::countr_zero(mask) / 8;
                    dst += plain;
                    p += plain;
                    if (plain < 8) {
                        if (plain < 4)
                            wordsFrom = end - p > 16 ? p + 16 : end; // a pointer past end is undefined
                        break;
                    }
                }
                if (p == end)
                    break;
            }
#if defined(ORKESTR_DENSE_SSSE3)
            if (haveSsse3 && p < wordsFrom) {
                const auto [reached, written] = unescapeDense(p, end, dst);
                p = reached;
                dst = written;
            }
#endif
            // Byte by byte until words are worth trying again (output dense with escapes): plain
            // bytes and one-letter escapes right here, without the checks above for every byte.
            while (p < wordsFrom && end - p >= 2) {
                const char b = *p;
                if (!isSpecial[uchar(b)]) {
                    *dst++ = b;
                    ++p;
                    continue;
                }
                const char simple = b == '\\' ? simpleEscape[uchar(p[1])] : 0;
                if (!simple)
                    break;
                *dst++ = simple;
                p += 2;
            }
            if (p == end)
                break;
            const char c = *p++;
            if (!isSpecial[uchar(c)]) {
                *dst++ = c;
                continue;
            }
            if (c == '"') {
                out->truncate(dst - start);
                return p;
            }
            if (c != '\\')
                return nullptr; // a raw control character
            if (p == end)
                return nullptr;
            const char escaped = *p++;
            if (const char simple = simpleEscape[uchar(escaped)]) {
                *dst++ = simple;
                continue;
            }
            switch (escaped) {
            case 'u': {
                char32_t code = 0;
                if (end - p < 4 || !readHex4(p, &code))
                    return nullptr;
                p += 4;
                if (code >= 0xD800 && code <= 0xDBFF) {
                    char32_t low = 0;
                    if (end - p < 6 || p[0] != '\\' || p[1] != 'u' || !readHex4(p + 2, &low) || low < 0xDC00
                        || low > 0xDFFF)
                        return nullptr;
                    p += 6;
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                } else if (code >= 0xDC00 && code <= 0xDFFF) {
                    return nullptr;
                }
                dst = appendUtf8(dst, code);
                break;
            }
            default:
                return nullptr;
            }
        }
        return nullptr;
    }

public:
    // A plain integer of up to 15 digits (exactly what a double holds); anything else (a fraction,
    // an exponent, a longer number) is for the general path.
    bool readInteger(qint64 *value)
    {
        const bool negative = take('-');
        qint64 result = 0;
        int digits = 0;
        while (m_p < m_end && *m_p >= '0' && *m_p <= '9') {
            if (digits == 1 && result == 0)
                return false; // a leading zero
            result = result * 10 + (*m_p++ - '0');
            if (++digits > 15)
                return false;
        }
        if (digits == 0 || (m_p < m_end && (*m_p == '.' || *m_p == 'e' || *m_p == 'E')))
            return false;
        *value = negative ? -result : result;
        return true;
    }

private:
    // The four hex digits at p (the caller checked that they are there).
    static bool readHex4(const char *p, char32_t *code)
    {
        char32_t value = 0;
        for (int i = 0; i < 4; ++i) {
            const int digit = hexDigit(p[i]);
            if (digit < 0)
                return false;
            value = value * 16 + char32_t(digit);
        }
        *code = value;
        return true;
    }

    static char *appendUtf8(char *dst, char32_t code)
    {
        if (code < 0x80) {
            *dst++ = char(code);
        } else if (code < 0x800) {
            *dst++ = char(0xC0 | (code >> 6));
            *dst++ = char(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            *dst++ = char(0xE0 | (code >> 12));
            *dst++ = char(0x80 | ((code >> 6) & 0x3F));
            *dst++ = char(0x80 | (code & 0x3F));
        } else {
            *dst++ = char(0xF0 | (code >> 18));
            *dst++ = char(0x80 | ((code >> 12) & 0x3F));
            *dst++ = char(0x80 | ((code >> 6) & 0x3F));
            *dst++ = char(0x80 | (code & 0x3F));
        }
        return dst;
    }

    const char *m_p;
    const char *m_end;
};

} // namespace

std::optional<DecodedOutputEvent> decodeOutputEvent(QByteArrayView json)
{
    // QJsonDocument rejects invalid UTF-8 anywhere in the text; so does this (by not answering),
    // which also makes the UTF-8 size of the data the size of its unescaped bytes.
    if (!json.isValidUtf8())
        return std::nullopt;
    Reader reader(json);
    reader.skipSpace();
    if (!reader.take('{'))
        return std::nullopt;
    static const QString Stdout = u"stdout"_s;
    static const QString Stderr = u"stderr"_s;
    QByteArray key;
    QByteArray value;
    // The unescaped data goes into a buffer kept for the next event: a fresh one per event (64 KiB
    // of output, up to six times that of JSON) came from new pages each time, and the page faults
    // cost as much as the unescaping.
    thread_local QByteArray scratch;
    QByteArray &data = scratch;
    data.truncate(0);
    QList<QByteArray> keys;
    DecodedOutputEvent event;
    reader.skipSpace();
    if (!reader.take('}')) {
        while (true) {
            reader.skipSpace();
            if (!reader.take('"') || !reader.readString(&key) || keys.contains(key))
                return std::nullopt;
            keys.append(key);
            reader.skipSpace();
            if (!reader.take(':'))
                return std::nullopt;
            reader.skipSpace();
            if (reader.take('"')) {
                QByteArray *target = key == "data" ? &data : &value;
                if (!reader.readString(target))
                    return std::nullopt;
                if (key == "stream")
                    event.chunk.stream = value == "stdout" ? Stdout
                        : value == "stderr"                ? Stderr
                                                           : QString::fromUtf8(value);
                else if (key == "offset")
                    return std::nullopt; // a string where a number belongs: the general path decides
            } else {
                qint64 number = 0;
                if (!reader.readInteger(&number))
                    return std::nullopt; // objects, arrays, literals, fractions: the general path
                if (key == "offset")
                    event.chunk.offset = number;
                else if (key == "stream" || key == "data")
                    return std::nullopt;
            }
            reader.skipSpace();
            if (reader.take('}'))
                break;
            if (!reader.take(','))
                return std::nullopt;
        }
    }
    reader.skipSpace();
    if (!reader.atEnd())
        return std::nullopt;
    event.utf8Bytes = data.size();
    event.chunk.data = QString::fromUtf8(data);
    return event;
}

} // namespace Orkestr
