#include "ui/files/transferspanel.h"

#include "core/client.h"
#include "core/filejobs.h"

#include <QFile>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace OrkestrUi {

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
                   Orkestr::ApiError(Orkestr::ApiError::Kind::Orkestr, u"local_file"_s,
                                     tr("Cannot read %1: %2").arg(m_localPath, m_source->errorString())));
            return;
        }
        m_fileSize = m_source->size();
        job = new Orkestr::WriteFileJob(m_sandboxId, m_remotePath, m_source.get());
    } else {
        m_target = std::make_unique<QSaveFile>(m_localPath);
        if (!m_target->open(QIODevice::WriteOnly)) {
            finish(State::Failed,
                   Orkestr::ApiError(Orkestr::ApiError::Kind::Orkestr, u"local_file"_s,
                                     tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString())));
            return;
        }
        auto *read = new Orkestr::ReadFileJob(m_sandboxId, m_remotePath, m_target.get());
        job = read;
    }
    m_job = job;
    connect(job, &Orkestr::Job::progress, this, [this](qint64 done, qint64 total) {
        if (total > 0)
            m_fraction = std::clamp(double(done) / double(total), 0.0, 1.0);
        if (auto *read = qobject_cast<Orkestr::ReadFileJob *>(m_job.data()); read && read->size() >= 0)
            m_fileSize = read->size();
        Q_EMIT changed();
    });
    connect(job, &Orkestr::Job::finished, this, [this, job] {
        m_job = nullptr;
        if (job->status() == Orkestr::Job::Status::Cancelled) {
            finish(State::Cancelled);
        } else if (job->error().isError()) {
            finish(State::Failed, job->error());
        } else if (m_target && !m_target->commit()) {
            finish(State::Failed,
                   Orkestr::ApiError(Orkestr::ApiError::Kind::Orkestr, u"local_file"_s,
                                     tr("Cannot write %1: %2").arg(m_localPath, m_target->errorString())));
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

TransfersPanel::TransfersPanel(Orkestr::Client *client, const QString &sandboxId, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout;
    header->addWidget(new QLabel(tr("<b>Transfers</b>"), this));
    header->addStretch();
    m_clear = new QPushButton(tr("Clear finished"), this);
    header->addWidget(m_clear);
    layout->addLayout(header);
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    auto *content = new QWidget(scroll);
    m_rows = new QVBoxLayout(content);
    m_rows->addStretch();
    scroll->setWidget(content);
    layout->addWidget(scroll);
    connect(m_clear, &QPushButton::clicked, this, [this] {
        const QList<Transfer *> all = m_transfers; // m_transfers shrinks in the loop
        for (Transfer *transfer : all) {
            if (transfer->isFinished()) {
                m_transfers.removeOne(transfer);
                transfer->deleteLater(); // its row is its child's widget, deleted with it
            }
        }
    });
}

Transfer *TransfersPanel::upload(const QString &localPath, const QString &remotePath)
{
    return add(new Transfer(Transfer::Direction::Upload, m_sandboxId, remotePath, localPath, this));
}

Transfer *TransfersPanel::download(const QString &remotePath, const QString &localPath)
{
    return add(new Transfer(Transfer::Direction::Download, m_sandboxId, remotePath, localPath, this));
}

int TransfersPanel::activeCount() const
{
    return int(std::count_if(m_transfers.begin(), m_transfers.end(),
                             [](Transfer *t) { return t->state() == Transfer::State::Running; }));
}

void TransfersPanel::cancelAll()
{
    for (Transfer *transfer : std::as_const(m_transfers))
        transfer->cancel();
}

Transfer *TransfersPanel::add(Transfer *transfer)
{
    m_transfers.append(transfer);
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    const bool upload = transfer->direction() == Transfer::Direction::Upload;
    auto *name = new QLabel(upload ? tr("↑ %1").arg(transfer->remotePath())
                                   : tr("↓ %1 → %2").arg(transfer->remotePath(), transfer->localPath()),
                            row);
    name->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *bar = new QProgressBar(row);
    bar->setRange(0, 1000);
    bar->setMaximumWidth(200);
    auto *status = new QLabel(tr("Queued"), row);
    auto *cancel = new QPushButton(tr("Cancel"), row);
    layout->addWidget(name, 1);
    layout->addWidget(bar);
    layout->addWidget(status);
    layout->addWidget(cancel);
    m_rows->insertWidget(m_rows->count() - 1, row);
    connect(transfer, &QObject::destroyed, row, &QObject::deleteLater);
    connect(cancel, &QPushButton::clicked, transfer, &Transfer::cancel);
    connect(transfer, &Transfer::changed, row, [transfer, bar, status, cancel] {
        bar->setValue(int(transfer->fraction() * 1000));
        switch (transfer->state()) {
        case Transfer::State::Queued:
            status->setText(tr("Queued"));
            break;
        case Transfer::State::Running:
            status->setText(tr("%1/s").arg(QLocale().formattedDataSize(qint64(transfer->bytesPerSecond()))));
            break;
        case Transfer::State::Succeeded:
            status->setText(tr("Done"));
            break;
        case Transfer::State::Cancelled:
            status->setText(tr("Cancelled"));
            break;
        case Transfer::State::Failed:
            status->setText(tr("Failed: %1").arg(transfer->error().displayText()));
            status->setWordWrap(true);
            status->setToolTip(transfer->error().displayText());
            bar->setToolTip(transfer->error().displayText());
            break;
        }
        cancel->setEnabled(!transfer->isFinished());
    });
    connect(transfer, &Transfer::finished, this, [this](Transfer *t) {
        Q_EMIT transferFinished(t);
        startQueued();
    });
    startQueued();
    return transfer;
}

void TransfersPanel::startQueued()
{
    for (Transfer *transfer : std::as_const(m_transfers)) {
        if (activeCount() >= MaxRunning)
            return;
        if (transfer->state() == Transfer::State::Queued)
            transfer->start(m_client);
    }
}

} // namespace OrkestrUi
