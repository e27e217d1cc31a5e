#include "session/transferqueue.h"

#include <algorithm>

namespace OrkestrSession {

TransferQueue::TransferQueue(Orkestr::Client *client, const QString &sandboxId, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
{
}

Transfer *TransferQueue::upload(const QString &localPath, const QString &remotePath)
{
    return add(new Transfer(Transfer::Direction::Upload, m_sandboxId, remotePath, localPath, this));
}

Transfer *TransferQueue::download(const QString &remotePath, const QString &localPath)
{
    return add(new Transfer(Transfer::Direction::Download, m_sandboxId, remotePath, localPath, this));
}

int TransferQueue::activeCount() const
{
    return int(std::count_if(m_transfers.begin(), m_transfers.end(),
                             [](Transfer *t) { return t->state() == Transfer::State::Running; }));
}

bool TransferQueue::isIdle() const
{
    return std::all_of(m_transfers.begin(), m_transfers.end(), [](Transfer *t) { return t->isFinished(); });
}

void TransferQueue::cancelAll()
{
    const QList<Transfer *> all = m_transfers; // a cancelled one starts the next queued one
    for (Transfer *transfer : all)
        transfer->cancel();
}

void TransferQueue::clearFinished()
{
    const QList<Transfer *> all = m_transfers;
    for (Transfer *transfer : all) {
        if (transfer->isFinished()) {
            m_transfers.removeOne(transfer);
            transfer->deleteLater();
        }
    }
    Q_EMIT progress();
}

Transfer *TransferQueue::add(Transfer *transfer)
{
    m_transfers.append(transfer);
    connect(transfer, &Transfer::changed, this, &TransferQueue::progress);
    connect(transfer, &Transfer::finished, this, [this](Transfer *t) {
        Q_EMIT transferFinished(t);
        startQueued();
    });
    Q_EMIT transferAdded(transfer);
    startQueued();
    return transfer;
}

void TransferQueue::startQueued()
{
    const QList<Transfer *> all = m_transfers;
    for (Transfer *transfer : all) {
        if (activeCount() >= MaxRunning)
            return;
        if (transfer->state() == Transfer::State::Queued)
            transfer->start(m_client);
    }
}

} // namespace OrkestrSession
