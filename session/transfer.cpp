#include "session/transfer.h"

#include "core/client.h"
#include "core/filejobs.h"

#include <QFile>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace OrkestrSession {

Transfer::Transfer(Direction direction, QString sandboxId, QString remotePath, QString localPath,
                   QObject *parent)
    : QObject(parent)
    , m_direction(direction)
    , m_sandboxId(std::move(sandboxId))
    , m_remotePath(std::move(remotePath))
    , m_localPath(std::move(localPath))
{
}

Transfer::~Transfer()
{
    if (m_job) {
        m_job->disconnect(this); // no callbacks into a half-destroyed transfer
        m_job->abort();
    }
    releaseDevices();
}

void Transfer::releaseDevices()
{
    if (m_target) {
        if (m_state != State::Succeeded)
            m_target->cancelWriting(); // nothing half-written is left behind
        m_target.reset(); // removes the temporary file now; nothing writes to it after the job
    }
    // The aborted or finished reply (deleted later) still holds an encoder that reads the
    // source: the file goes after it, not now.
    if (m_source)
        m_source.release()->deleteLater();
}

double Transfer::bytesPerSecond() const
{
    const qint64 ms = m_elapsed.isValid() ? m_elapsed.elapsed() : 0;
    if (ms <= 0 || m_fileSize <= 0)
        return 0;
    return m_fraction * double(m_fileSize) * 1000.0 / double(ms);
}

Orkestr::ApiError Transfer::localFileError(const QString &message) const
{
    return Orkestr::ApiError(Orkestr::ApiError::Kind::Orkestr, u"local_file"_s, message);
}

void Transfer::start(Orkestr::Client *client)
{
    if (m_state != State::Queued)
        return;
    m_state = State::Running;
    m_elapsed.start();
    Orkestr::Job *job = nullptr;
    if (m_direction == Direction::Upload) {
        m_source = std::make_unique<QFile>(m_localPath);
        if (!m_source->open(QIODevice::ReadOnly)) {
            finish(State::Failed,
                   localFileError(tr("Cannot read %1: %2").arg(m_localPath, m_source->errorString())));
            return;
        }
        m_fileSize = m_source->size();
        job = new Orkestr::WriteFileJob(m_sandboxId, m_remotePath, m_source.get());
    } else {
        m_target = std::make_unique<QSaveFile>(m_localPath);
        if (!m_target->open(QIODevice::WriteOnly)) {
            finish(State::Failed,
                   localFileError(tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString())));
            return;
        }
        auto *read = new Orkestr::ReadFileJob(m_sandboxId, m_remotePath, m_target.get());
        // The size is announced at the start of the response.
        connect(read, &Orkestr::Job::progress, this, [this, read] {
            if (read->size() >= 0)
                m_fileSize = read->size();
        });
        job = read;
    }
    m_job = job;
    connect(job, &Orkestr::Job::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0)
            m_fraction = std::clamp(double(done) / double(total), 0.0, 1.0);
        Q_EMIT changed();
    });
    connect(job, &Orkestr::Job::finished, this, [this](Orkestr::Job *finished) {
        m_job = nullptr;
        if (finished->status() == Orkestr::Job::Status::Cancelled) {
            finish(State::Cancelled);
        } else if (finished->error().isError()) {
            finish(State::Failed, finished->error());
        } else if (m_target && !m_target->commit()) {
            finish(State::Failed,
                   localFileError(tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString())));
        } else {
            m_fraction = 1;
            finish(State::Succeeded);
        }
    });
    client->run(job);
    Q_EMIT changed();
}

void Transfer::cancel()
{
    if (m_job)
        m_job->abort(); // finished() follows and ends the transfer as cancelled
    else if (m_state == State::Queued)
        finish(State::Cancelled);
}

void Transfer::finish(State state, const Orkestr::ApiError &error)
{
    m_state = state;
    m_error = error;
    releaseDevices();
    Q_EMIT changed();
    Q_EMIT finished(this);
}

TransferTotals totalsOf(const QList<Transfer *> &transfers)
{
    TransferTotals totals;
    for (const Transfer *transfer : transfers) {
        ++totals.files;
        totals.finished += transfer->isFinished();
        totals.failed += transfer->state() == Transfer::State::Failed
            || transfer->state() == Transfer::State::Cancelled;
        if (transfer->size() >= 0) {
            totals.bytesTotal += transfer->size();
            totals.bytesDone += qint64(transfer->fraction() * double(transfer->size()));
        }
    }
    return totals;
}

} // namespace OrkestrSession
