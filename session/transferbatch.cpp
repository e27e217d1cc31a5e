#include "session/transferbatch.h"

namespace OrkestrSession {

TransferBatch::TransferBatch(QObject *parent)
    : QObject(parent)
{
}

void TransferBatch::add(Transfer *transfer)
{
    m_transfers.append(transfer);
    const auto count = [this](Transfer *done) {
        if (done->state() != Transfer::State::Succeeded) {
            ++m_failed;
            if (done->state() == Transfer::State::Failed && !m_firstError.isError())
                m_firstError = done->error();
        }
    };
    if (transfer->isFinished()) { // e.g. a local file that could not be opened
        count(transfer);
        finishIfDone();
        return;
    }
    connect(transfer, &Transfer::changed, this, [this] {
        const auto now = totals();
        Q_EMIT progress(now.bytesDone, now.bytesTotal);
    });
    connect(transfer, &Transfer::finished, this, [this, count](Transfer *done) {
        count(done);
        finishIfDone();
    });
    if (m_cancelled)
        transfer->cancel();
}

void TransferBatch::hold()
{
    ++m_held;
}

void TransferBatch::release()
{
    --m_held;
    finishIfDone();
}

void TransferBatch::cancel()
{
    m_cancelled = true;
    const auto transfers = m_transfers;
    for (const auto &transfer : transfers) {
        if (transfer)
            transfer->cancel();
    }
}

void TransferBatch::fail(const Orkestr::ApiError &error)
{
    ++m_failed;
    if (!m_firstError.isError())
        m_firstError = error;
}

bool TransferBatch::succeeded() const
{
    return m_finished && m_failed == 0 && !m_cancelled;
}

TransferTotals TransferBatch::totals() const
{
    QList<Transfer *> alive;
    for (const auto &transfer : m_transfers) {
        if (transfer)
            alive.append(transfer);
    }
    return totalsOf(alive);
}

void TransferBatch::finishIfDone()
{
    if (m_finished || m_held > 0)
        return;
    const bool running = std::any_of(m_transfers.cbegin(), m_transfers.cend(),
                                     [](const QPointer<Transfer> &t) { return t && !t->isFinished(); });
    if (running)
        return;
    m_finished = true;
    Q_EMIT finished(this);
}

} // namespace OrkestrSession
