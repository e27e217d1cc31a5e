#include "ui/files/remotedrag.h"

#include "session/transferqueue.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QStandardPaths>
#include <QTimer>
#include <QUrl>
#include <QUuid>

using namespace Qt::StringLiterals;
using OrkestrSession::Transfer;

namespace OrkestrUi {

RemoteDragMimeData::RemoteDragMimeData(OrkestrSession::TransferQueue *transfers,
                                       const QStringList &remotePaths, const QString &stagingDirectory)
{
    QDir().mkpath(stagingDirectory);
    for (const QString &remote : remotePaths) {
        const QString local = QDir(stagingDirectory).filePath(QFileInfo(remote).fileName());
        m_localPaths.append(local);
        m_transfers.append(transfers->download(remote, local));
    }
}

QString RemoteDragMimeData::newStagingDirectory()
{
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::CacheLocation);
    return QDir(cache).filePath(u"dragged/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces));
}

QStringList RemoteDragMimeData::formats() const
{
    return {u"text/uri-list"_s};
}

bool RemoteDragMimeData::hasFormat(const QString &mimeType) const
{
    return mimeType == u"text/uri-list"_s;
}

QVariant RemoteDragMimeData::retrieveData(const QString &mimeType, QMetaType type) const
{
    Q_UNUSED(type)
    if (mimeType != u"text/uri-list"_s)
        return {};
    // The drop target asks now: wait (with the event loop running, so the downloads go on and
    // the window repaints) until every download has ended, or the limit is reached.
    const auto pending = [this] {
        return std::any_of(m_transfers.cbegin(), m_transfers.cend(), [](const QPointer<Transfer> &transfer) {
            return transfer && !transfer->isFinished();
        });
    };
    if (pending()) {
        QEventLoop loop;
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
            if (!pending())
                loop.quit();
        });
        poll.start(20);
        QTimer::singleShot(DropWaitMs, &loop, &QEventLoop::quit);
        loop.exec();
    }
    QList<QVariant> urls;
    for (qsizetype i = 0; i < m_transfers.size(); ++i) {
        const auto &transfer = m_transfers.at(i);
        // A transfer cleared from the panel meanwhile left its file only if it succeeded.
        if (transfer ? transfer->state() == Transfer::State::Succeeded
                     : QFileInfo::exists(m_localPaths.at(i)))
            urls.append(QUrl::fromLocalFile(m_localPaths.at(i)));
    }
    return urls;
}

} // namespace OrkestrUi
