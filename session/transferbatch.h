#pragma once

#include "core/apierror.h"
#include "session/transfer.h"

#include <QObject>
#include <QPointer>

namespace OrkestrSession {

// The transfers of one tree (an uploaded or downloaded folder): one progress figure, one result and
// one cancel. Work that may still add transfers (a folder being listed, the folders being made)
// holds the batch open; it finishes once nothing is held and every transfer has ended.
class TransferBatch : public QObject
{
    Q_OBJECT
public:
    explicit TransferBatch(QObject *parent = nullptr);

    void add(Transfer *transfer);
    void hold();
    void release();
    // Cancels the transfers so far; the walk adds no more.
    void cancel();
    // A step of the walk failed (e.g. a folder could not be listed): the batch fails with it.
    void fail(const Orkestr::ApiError &error);

    bool isCancelled() const { return m_cancelled; }
    bool isFinished() const { return m_finished; }
    // True when every file arrived and nothing failed or was cancelled.
    bool succeeded() const;
    TransferTotals totals() const;
    // The first failure, with its request id when the server answered.
    Orkestr::ApiError firstError() const { return m_firstError; }

Q_SIGNALS:
    void progress(qint64 bytesDone, qint64 bytesTotal);
    void finished(OrkestrSession::TransferBatch *batch);

private:
    void finishIfDone();

    QList<QPointer<Transfer>> m_transfers;
    int m_held = 0;
    int m_failed = 0; // transfers that failed or were cancelled, and failed steps
    bool m_cancelled = false;
    bool m_finished = false;
    Orkestr::ApiError m_firstError;
};

} // namespace OrkestrSession
