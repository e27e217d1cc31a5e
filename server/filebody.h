#pragma once

#include <QFile>
#include <QIODevice>

namespace OrkestrLocal {

// A file answered as the JSON of GET /files, base64-encoded chunk by chunk while the socket
// drains, so a 256 MiB file never sits in memory whole. Not sequential: its size is known, so
// the answer has a Content-Length.
class Base64JsonFile : public QIODevice
{
    Q_OBJECT
public:
    // fd is open for reading (SandboxFs::openForReading); the device owns it from here on.
    Base64JsonFile(int fd, const QString &sandboxPath, QObject *parent = nullptr);
    bool openFile(QString *error);
    qint64 fileSize() const { return m_fileSize; }

    bool isSequential() const override { return false; }
    qint64 size() const override;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QFile m_file;
    QByteArray m_prefix;
    QByteArray m_suffix = "\"}";
    qint64 m_fileSize = 0;
    qint64 m_base64Size = 0;
};

} // namespace OrkestrLocal
