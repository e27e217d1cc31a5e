#include "session/exportfilewriter.h"

#include <QSaveFile>
#include <QThread>

#include <memory>

namespace OrkestrSession {

// Lives in the writer's thread; owns the file there.
class ExportFileWriter::Worker : public QObject
{
    Q_OBJECT
public:
    void open(const QString &fileName)
    {
        m_failed = false;
        m_file = std::make_unique<QSaveFile>(fileName);
        if (!m_file->open(QIODevice::WriteOnly))
            fail();
    }
    void write(const QByteArray &bytes)
    {
        if (m_file && !m_failed && m_file->write(bytes) != bytes.size())
            fail();
        Q_EMIT written(bytes.size());
    }
    void commit()
    {
        if (!m_file || m_failed)
            return;
        if (!m_file->commit()) {
            fail();
            return;
        }
        m_file.reset();
        Q_EMIT committed();
    }
    void cancel()
    {
        if (m_file)
            m_file->cancelWriting();
        m_file.reset();
    }

Q_SIGNALS:
    void written(qint64 bytes);
    void committed();
    void failed(const QString &message);

private:
    void fail()
    {
        m_failed = true;
        const QString message = m_file->errorString();
        m_file->cancelWriting();
        m_file.reset();
        Q_EMIT failed(message);
    }

    std::unique_ptr<QSaveFile> m_file;
    bool m_failed = false;
};

ExportFileWriter::ExportFileWriter(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_worker(new Worker)
{
    m_thread->setObjectName(QStringLiteral("export writer"));
    m_worker->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &Worker::written, this, [this](qint64 bytes) {
        m_written += bytes;
        Q_EMIT written(pendingBytes());
    });
    connect(m_worker, &Worker::committed, this, &ExportFileWriter::committed);
    connect(m_worker, &Worker::failed, this, &ExportFileWriter::failed);
    m_thread->start();
}

ExportFileWriter::~ExportFileWriter()
{
    cancel();
    m_thread->quit();
    m_thread->wait();
}

void ExportFileWriter::open(const QString &fileName)
{
    m_sent = m_written = 0;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, fileName] { worker->open(fileName); });
}

void ExportFileWriter::write(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return;
    m_sent += bytes.size();
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, bytes] { worker->write(bytes); });
}

void ExportFileWriter::commit()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->commit(); });
}

void ExportFileWriter::cancel()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] { worker->cancel(); });
}

} // namespace OrkestrSession

#include "exportfilewriter.moc"
