#pragma once

// Shared by the fuzz targets: a small reader of the fuzzer's bytes, and a check that aborts with a
// message (libFuzzer and the replay driver report an abort as a crash, with the input).

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition)                                                                                \
    do {                                                                                                     \
        if (!(condition)) {                                                                                  \
            std::fprintf(stderr, "%s:%d: property violated: %s\n", __FILE__, __LINE__, #condition);          \
            std::abort();                                                                                    \
        }                                                                                                    \
    } while (false)

namespace OrkestrFuzz {

// Reads the input front to back; past the end every read gives zero or nothing.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data))
        , m_size(qsizetype(size))
    {
    }

    qsizetype remaining() const { return m_size - m_pos; }
    uint8_t byte() { return m_pos < m_size ? uint8_t(m_data[m_pos++]) : 0; }

    // Optional header line "name args..." ending in '\n' (for readable corpus files): returns the
    // line and consumes it when it starts with one of the names; otherwise consumes nothing.
    QByteArray headerLine(const QList<QByteArrayView> &names)
    {
        const QByteArrayView rest(m_data + m_pos, m_size - m_pos);
        const qsizetype end = rest.indexOf('\n');
        if (end < 0)
            return {};
        const QByteArrayView line = rest.first(end);
        for (const auto &name : names) {
            if (line == name || line.startsWith(QByteArray(name.toByteArray() + ' '))) {
                m_pos += end + 1;
                return line.toByteArray();
            }
        }
        return {};
    }

    // Piece sizes for feeding a stream in parts: one count byte (0..15), then that many size
    // bytes (each 1..256). No sizes means "all at once".
    QList<qsizetype> splitSizes()
    {
        QList<qsizetype> sizes;
        const int count = byte() % 16;
        for (int i = 0; i < count; ++i)
            sizes.append(qsizetype(byte()) + 1);
        return sizes;
    }

    // The next line without its '\n', consumed with it; all the rest when no '\n' follows.
    QByteArray line()
    {
        const QByteArrayView rest(m_data + m_pos, m_size - m_pos);
        const qsizetype end = rest.indexOf('\n');
        m_pos = end < 0 ? m_size : m_pos + end + 1;
        return (end < 0 ? rest : rest.first(end)).toByteArray();
    }

    QByteArray rest()
    {
        QByteArray bytes(m_data + m_pos, m_size - m_pos);
        m_pos = m_size;
        return bytes;
    }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};

// Cuts bytes into pieces of the given sizes, cycling through them; the last piece takes what is
// left. Empty sizes give the whole as one piece.
inline QList<QByteArrayView> splitBySizes(QByteArrayView bytes, const QList<qsizetype> &sizes)
{
    QList<QByteArrayView> pieces;
    if (sizes.isEmpty()) {
        pieces.append(bytes);
        return pieces;
    }
    qsizetype at = 0;
    for (qsizetype i = 0; at < bytes.size(); ++i) {
        const qsizetype n = std::min(sizes[i % sizes.size()], bytes.size() - at);
        pieces.append(bytes.sliced(at, n));
        at += n;
    }
    return pieces;
}

} // namespace OrkestrFuzz
