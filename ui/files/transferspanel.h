#pragma once

#include "core/apierror.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QWidget>

#include <memory>

class QFile;
class QLabel;
class QProgressBar;
class QPushButton;
class QSaveFile;
class QVBoxLayout;

namespace Orkestr {
class Client;
class Job;
} // namespace Orkestr

namespace OrkestrUi {

// One upload or download through the core's streamed jobs: the local file is read or written
// chunk by chunk through a QIODevice, so a 256 MiB file is never held in memory. A download
// goes to a QSaveFile that is committed only on success, so a failed or cancelled one leaves
// nothing behind.
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

    void start(Orkestr::Client *client);
    void cancel();

Q_SIGNALS:
    void changed();
    void finished(OrkestrUi::Transfer *transfer);

private:
    void finish(State state, const Orkestr::ApiError &error = {});
    void releaseDevices();

    Direction m_direction;
    QString m_sandboxId;
    QString m_remotePath;
    QString m_localPath;
    State m_state = State::Queued;
    Orkestr::ApiError m_error;
    std::unique_ptr<QFile> m_source;
    std::unique_ptr<QSaveFile> m_target;
    QPointer<Orkestr::Job> m_job;
    qint64 m_fileSize = -1; // the local file's size for uploads, the remote size for downloads
    double m_fraction = 0;
    QElapsedTimer m_elapsed;
};

// The transfers of one sandbox, newest last, each with a progress bar, its speed and a cancel
// button. At most two run at a time; the rest wait their turn.
class TransfersPanel : public QWidget
{
    Q_OBJECT
public:
    TransfersPanel(Orkestr::Client *client, const QString &sandboxId, QWidget *parent = nullptr);

    Transfer *upload(const QString &localPath, const QString &remotePath);
    Transfer *download(const QString &remotePath, const QString &localPath);
    QList<Transfer *> transfers() const { return m_transfers; }
    int activeCount() const;
    void cancelAll();

Q_SIGNALS:
    void transferFinished(OrkestrUi::Transfer *transfer);

private:
    Transfer *add(Transfer *transfer);
    void startQueued();

    static constexpr int MaxRunning = 2;
    Orkestr::Client *m_client;
    QString m_sandboxId;
    QVBoxLayout *m_rows;
    QPushButton *m_clear;
    QList<Transfer *> m_transfers;
};

} // namespace OrkestrUi
