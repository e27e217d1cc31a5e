#pragma once

#include <QMimeData>
#include <QPointer>
#include <QStringList>

namespace OrkestrSession {
class Transfer;
class TransferQueue;
} // namespace OrkestrSession

namespace OrkestrUi {

// The data of files dragged out of a sandbox onto the desktop or a file manager. A drop target
// needs local files, so the drag starts downloading the files at once (in the sandbox's transfer queue,
// into a staging folder under the cache) and offers their local URLs. When the target asks for
// the URLs (on drop), the answer waits for the downloads to end, showing progress in the panel;
// only files that arrived whole are offered (a download writes to a QSaveFile, so there is never
// a half-written file to copy).
class RemoteDragMimeData : public QMimeData
{
    Q_OBJECT
public:
    // Downloads start here. `stagingDirectory` is made if missing.
    RemoteDragMimeData(OrkestrSession::TransferQueue *transfers, const QStringList &remotePaths,
                       const QString &stagingDirectory);

    QStringList formats() const override;
    bool hasFormat(const QString &mimeType) const override;

    // How long a drop waits for the downloads before offering what arrived.
    static constexpr int DropWaitMs = 120000;
    // The staging folder of a new drag: a fresh folder under the cache.
    static QString newStagingDirectory();

protected:
    QVariant retrieveData(const QString &mimeType, QMetaType type) const override;

private:
    QList<QPointer<OrkestrSession::Transfer>> m_transfers;
    QStringList m_localPaths;
};

} // namespace OrkestrUi
