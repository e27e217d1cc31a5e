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
    // The files and bytes of the transfers in the list, for one progress figure over a tree.
    struct Totals
    {
        int files = 0;
        int finished = 0;
        int failed = 0; // failed or cancelled
        qint64 bytesDone = 0;
        qint64 bytesTotal = 0; // of the files whose size is known yet
    };

    TransferQueue(Orkestr::Client *client, const QString &sandboxId, QObject *parent = nullptr);

    Transfer *upload(const QString &localPath, const QString &remotePath);
    Transfer *download(const QString &remotePath, const QString &localPath);
    QList<Transfer *> transfers() const { return m_transfers; }
    int activeCount() const;
    bool isIdle() const;
    Totals totals() const;
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
