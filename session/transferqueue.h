#pragma once

#include "session/transfer.h"

#include <QList>
#include <QObject>

namespace Orkestr {
class Client;
}

namespace OrkestrSession {

// The uploads and downloads of one sandbox, oldest first. At most two run at a time; the rest wait
// their turn. A transfer stays in the list when it ends, until clearFinished().
class TransferQueue : public QObject
{
    Q_OBJECT
public:
    TransferQueue(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);

    Transfer *upload(const QString &localPath, const QString &remotePath);
    Transfer *download(const QString &remotePath, const QString &localPath);
    QList<Transfer *> transfers() const { return m_transfers; }
    int activeCount() const;
    bool isIdle() const;
    TransferTotals totals() const { return totalsOf(m_transfers); }
    void cancelAll();
    // Forgets (and deletes) the transfers that have ended.
    void clearFinished();

Q_SIGNALS:
    void transferAdded(OrkestrSession::Transfer *transfer);
    void transferFinished(OrkestrSession::Transfer *transfer);
    // Any transfer's progress or state changed.
    void progress();

private:
    Transfer *add(Transfer *transfer);
    void startQueued();

    static constexpr int MaxRunning = 2;
    Orkestr::Client *m_client;
    QString m_sandboxId;
    QList<Transfer *> m_transfers;
};

} // namespace OrkestrSession
