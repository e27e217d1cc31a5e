#pragma once

// Byte-level helpers for JSON strings, shared by the exec stream's encoder (orkestr-local) and its
// decoder (OrkestrCore), which look at eight bytes at a time: most output is plain text, and a
// byte at a time was most of the stream's cost on both sides. Header-only, so that the server
// does not link the client library.

#include <QSysInfo>
#include <QtGlobal>

#include <cstring>

namespace Orkestr::JsonBytes {

// Words are loaded in memory order; where the machine is little-endian, the lowest set bit of a
// mask below is the first byte in memory. Elsewhere the callers go a byte at a time.
constexpr bool WordsInMemoryOrder = QSysInfo::ByteOrder == QSysInfo::LittleEndian;

inline quint64 load(const char *bytes)
{
    quint64 word;
    std::memcpy(&word, bytes, sizeof word);
    return word;
}

// The high bit of each zero byte of word, exactly (no false positives above a zero byte).
constexpr quint64 zeroBytes(quint64 word)
{
    constexpr quint64 low7 = 0x7F7F7F7F7F7F7F7FULL;
    return ~(((word & low7) + low7) | word | low7);
}

// The high bit of each byte of word that a JSON string cannot hold as it is: a quote, a
// backslash, a control character (below 0x20).
constexpr quint64 specialBytes(quint64 word)
{
    constexpr quint64 ones = 0x0101010101010101ULL;
    return zeroBytes(word & (ones * 0xE0)) | zeroBytes(word ^ (ones * '"')) | zeroBytes(word ^ (ones * '\\'));
}

} // namespace Orkestr::JsonBytes
