#pragma once

#include <QIODevice>
#include <QJsonObject>

namespace Orkestr {

// A sequential device that reads `size` bytes from a source device and produces the JSON body
// of a file write, {...fields, "encoding":"base64","content":"<base64>"}, encoding chunk by chunk.
// Its size is known up front (for Content-Length), and memory stays at one chunk whatever the
// file size.
class Base64JsonEncoder : public QIODevice
{
    Q_OBJECT
public:
    // `fields` go before the content (e.g. path and mode). The source is read from its current
    // position and must deliver exactly `size` bytes; it is not owned. A random-access source
    // that ends early is an error; a sequential one (a pipe) is waited for through readyRead().
    Base64JsonEncoder(const QJsonObject &fields, QIODevice *source, qint64 size, QObject *parent = nullptr);

    static qint64 encodedSize(qint64 rawSize) { return (rawSize + 2) / 3 * 4; }
    // The exact number of bytes this device produces.
    qint64 size() const override { return m_totalSize; }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override;
    bool atEnd() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    enum class Refill { Ok, Wait, Done, Error };
    Refill refill();

    QIODevice *m_source;
    QByteArray m_raw; // source bytes of the chunk being gathered
    QByteArray m_pending; // encoded bytes not yet handed out, from m_pendingPos on
    qsizetype m_pendingPos = 0;
    qint64 m_rawRemaining;
    qint64 m_totalSize;
    qint64 m_produced = 0;
    bool m_suffixDone = false;
};

} // namespace Orkestr
