#include "server/filebody.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstring>
#include <unistd.h>

namespace OrkestrLocal {

Base64JsonFile::Base64JsonFile(int fd, const QString &sandboxPath, QObject *parent)
    : QIODevice(parent)
{
    if (!m_file.open(fd, QIODevice::ReadOnly, QFileDevice::AutoCloseHandle))
        ::close(fd);
    // The path as a JSON string, escaped by the JSON writer.
    const QByteArray path = QJsonDocument(QJsonArray {sandboxPath}).toJson(QJsonDocument::Compact);
    m_prefix = "{\"path\":" + path.mid(1, path.size() - 2) + ",\"size\":";
}

bool Base64JsonFile::openFile(QString *error)
{
    if (!m_file.isOpen()) {
        *error = m_file.errorString();
        return false;
    }
    m_fileSize = m_file.size();
    m_base64Size = (m_fileSize + 2) / 3 * 4;
    m_prefix += QByteArray::number(m_fileSize) + ",\"encoding\":\"base64\",\"content\":\"";
    return open(QIODevice::ReadOnly | QIODevice::Unbuffered);
}

qint64 Base64JsonFile::size() const
{
    return m_prefix.size() + m_base64Size + m_suffix.size();
}

qint64 Base64JsonFile::readData(char *data, qint64 maxSize)
{
    qint64 position = pos();
    qint64 written = 0;
    const auto copy = [&](const QByteArray &part, qint64 offset) {
        const qint64 n = std::min<qint64>(maxSize - written, part.size() - offset);
        memcpy(data + written, part.constData() + offset, size_t(n));
        written += n;
        position += n;
    };
    if (position < m_prefix.size())
        copy(m_prefix, position);
    while (written < maxSize && position < m_prefix.size() + m_base64Size) {
        // Whole groups of 3 bytes encode to 4 characters: start at the group that holds the position.
        const qint64 offset = position - m_prefix.size();
        const qint64 group = offset / 4;
        const qint64 groups = std::min<qint64>((maxSize - written) / 4 + 2, 16384);
        if (!m_file.seek(group * 3))
            return -1;
        const QByteArray raw = m_file.read(groups * 3);
        if (raw.isEmpty())
            return -1; // the file shrank while being sent
        copy(raw.toBase64(), offset - group * 4);
    }
    if (written < maxSize && position >= m_prefix.size() + m_base64Size)
        copy(m_suffix, position - m_prefix.size() - m_base64Size);
    return written;
}

} // namespace OrkestrLocal
