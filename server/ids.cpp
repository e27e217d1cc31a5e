#include "server/ids.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <array>

namespace OrkestrLocal {

QString newUlid()
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    // 128 bits: 48 of time then 80 of randomness, written as 26 base32 digits (130 bits).
    std::array<quint8, 16> bytes {};
    const quint64 ms = quint64(QDateTime::currentMSecsSinceEpoch());
    for (int i = 0; i < 6; ++i)
        bytes[size_t(i)] = quint8(ms >> (8 * (5 - i)));
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data() + 8), 2);
    const quint16 extra = quint16(QRandomGenerator::system()->generate());
    bytes[6] = quint8(extra >> 8);
    bytes[7] = quint8(extra);

    QString out(26, u'0');
    // Take 5 bits at a time from the 130-bit big-endian number (two leading zero bits).
    for (int digit = 0; digit < 26; ++digit) {
        const int bit = digit * 5 - 2; // position in the 128-bit number
        int value = 0;
        for (int b = 0; b < 5; ++b) {
            const int pos = bit + b;
            value <<= 1;
            if (pos >= 0)
                value |= (bytes[size_t(pos / 8)] >> (7 - pos % 8)) & 1;
        }
        out[digit] = QChar::fromLatin1(alphabet[value]);
    }
    return out;
}

QString randomBase62(int length)
{
    static constexpr char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    QString out;
    out.reserve(length);
    for (int i = 0; i < length; ++i)
        out.append(QChar::fromLatin1(alphabet[QRandomGenerator::system()->bounded(62)]));
    return out;
}

} // namespace OrkestrLocal
