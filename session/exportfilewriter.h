#pragma once

#include <QObject>

class QSaveFile;
class QThread;

namespace OrkestrSession {

// Writes a file on a thread of its own, so that neither a slow disk nor the final flush to disk
// stalls the event loop of the caller: open(), then write() pieces as they are made, then
// commit() (the file appears whole, under its name) or cancel() (nothing is left). Every call
// returns at once; the answers come as signals, in the caller's thread.
class ExportFileWriter : public QObject
{
    Q_OBJECT
public:
    explicit ExportFileWriter(QObject *parent = nullptr);
    // Cancels what is not committed, and waits for the thread (only a commit under way takes time).
    ~ExportFileWriter() override;

    void open(const QString &fileName);
    void write(const QByteArray &bytes);
    void commit();
    void cancel();

    // Bytes handed to write() and not yet written: a producer that runs ahead of the disk waits.
    qint64 pendingBytes() const { return m_sent - m_written; }

Q_SIGNALS:
    void written(qint64 pendingBytes);
    void committed();
    // Opening, writing or committing failed; nothing is left on disk.
    void failed(const QString &message);

private:
    class Worker;
    QThread *m_thread;
    Worker *m_worker;
    qint64 m_sent = 0;
    qint64 m_written = 0;
};

} // namespace OrkestrSession
