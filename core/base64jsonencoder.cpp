#include "core/base64jsonencoder.h"

#include <QJsonDocument>

#include <cstring>

namespace Orkestr {

namespace {
// A multiple of 3, so that every chunk but the last encodes without padding.
constexpr qint64 RawChunk = 3 * 16 * 1024;
constexpr QByteArrayView Suffix = "\"}";
} // namespace

Base64JsonEncoder::Base64JsonEncoder(const QJsonObject &fields, QIODevice *source, qint64 size,
                                     QObject *parent)
    : QIODevice(parent)
    , m_source(source)
    , m_rawRemaining(size)
{
    QJsonObject head = fields;
    head.remove(QStringLiteral("content"));
    head.remove(QStringLiteral("encoding"));
    // The fields are small: let QJsonDocument escape them, then reopen the object for content.
    QByteArray prefix = QJsonDocument(head).toJson(QJsonDocument::Compact);
    prefix.chop(1); // the closing brace
    if (!head.isEmpty())
        prefix.append(',');
    prefix.append("\"encoding\":\"base64\",\"content\":\"");
    m_totalSize = prefix.size() + encodedSize(size) + Suffix.size();
    m_pending = prefix;
    if (m_source && m_source->isSequential())
        connect(m_source, &QIODevice::readyRead, this, &QIODevice::readyRead);
    open(QIODevice::ReadOnly);
}

qint64 Base64JsonEncoder::bytesAvailable() const
{
    return (m_pending.size() - m_pendingPos) + QIODevice::bytesAvailable();
}

bool Base64JsonEncoder::atEnd() const
{
    return m_produced >= m_totalSize && QIODevice::bytesAvailable() == 0;
}

Base64JsonEncoder::Refill Base64JsonEncoder::refill()
{
    m_pending.clear();
    m_pendingPos = 0;
    if (m_rawRemaining > 0) {
        const qint64 want = std::min(RawChunk, m_rawRemaining);
        const qsizetype have = m_raw.size();
        m_raw.resize(want);
        const qint64 n = m_source ? m_source->read(m_raw.data() + have, want - have) : -1;
        if (n < 0 || (n == 0 && !m_source->isSequential())) {
            m_raw.resize(have);
            setErrorString(tr("The data to upload ended %1 bytes early.").arg(m_rawRemaining - have));
            return Refill::Error;
        }
        m_raw.resize(have + n);
        if (m_raw.size() < want)
            return Refill::Wait;
        m_rawRemaining -= want;
        m_pending = m_raw.toBase64();
        m_raw.clear();
        return Refill::Ok;
    }
    if (!m_suffixDone) {
        m_suffixDone = true;
        m_pending = Suffix.toByteArray();
        return Refill::Ok;
    }
    return Refill::Done;
}

qint64 Base64JsonEncoder::readData(char *data, qint64 maxSize)
{
    qint64 copied = 0;
    while (copied < maxSize) {
        if (m_pendingPos == m_pending.size()) {
            const auto result = refill();
            if (result == Refill::Error && copied == 0)
                return -1; // errorString() says why
            if (result != Refill::Ok)
                break;
        }
        const qint64 n = std::min<qint64>(maxSize - copied, m_pending.size() - m_pendingPos);
        std::memcpy(data + copied, m_pending.constData() + m_pendingPos, size_t(n));
        m_pendingPos += n;
        copied += n;
    }
    m_produced += copied;
    return copied;
}

} // namespace Orkestr
