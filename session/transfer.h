#pragma once

#include "core/apierror.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>

#include <memory>

class QFile;
class QSaveFile;

namespace Orkestr {
class Client;
class Job;
} // namespace Orkestr

namespace OrkestrSession {

// One upload or download through the core's streamed file jobs: the local file is read or written
// chunk by chunk through a QIODevice (base64 streamed), so a 256 MiB file is never held in memory.
// A download goes to a QSaveFile that is committed only on success, so a failed or cancelled one
// leaves nothing behind.
class Transfer : public QObject
{
    Q_OBJECT
public:
    enum class Direction { Upload, Download };
    enum class State { Queued, Running, Succeeded, Failed, Cancelled };
    Q_ENUM(State)

    Transfer(Direction direction, QString sandboxId, QString remotePath, QString localPath,
             QObject *parent = nullptr);
    ~Transfer() override;

    Direction direction() const { return m_direction; }
    State state() const { return m_state; }
    bool isFinished() const { return m_state >= State::Succeeded; }
    QString remotePath() const { return m_remotePath; }
    QString localPath() const { return m_localPath; }
    Orkestr::ApiError error() const { return m_error; }
    // The fraction done (0..1) and the bytes per second of the file's content so far.
    double fraction() const { return m_fraction; }
    double bytesPerSecond() const;
    // The file's size (the local one for uploads, the announced one for downloads); -1 when unknown.
    qint64 size() const { return m_fileSize; }

    void start(Orkestr::Client *client);
    void cancel();

Q_SIGNALS:
    void changed();
    void finished(OrkestrSession::Transfer *transfer);

private:
    void finish(State state, const Orkestr::ApiError &error = {});
    void releaseDevices();
    Orkestr::ApiError localFileError(const QString &message) const;

    Direction m_direction;
    QString m_sandboxId;
    QString m_remotePath;
    QString m_localPath;
    State m_state = State::Queued;
    Orkestr::ApiError m_error;
    std::unique_ptr<QFile> m_source;
    std::unique_ptr<QSaveFile> m_target;
    QPointer<Orkestr::Job> m_job;
    qint64 m_fileSize = -1;
    double m_fraction = 0;
    QElapsedTimer m_elapsed;
};

// The files and bytes of some transfers, for one progress figure over a tree or a queue.
struct TransferTotals
{
    int files = 0;
    int finished = 0;
    int failed = 0; // failed or cancelled
    qint64 bytesDone = 0;
    qint64 bytesTotal = 0; // of the files whose size is known yet
};
TransferTotals totalsOf(const QList<Transfer *> &transfers);

} // namespace OrkestrSession
