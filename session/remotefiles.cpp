#include "session/remotefiles.h"

#include "core/client.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "session/remotepath.h"
#include "session/shellquote.h"
#include "session/transferbatch.h"
#include "session/transferqueue.h"

#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QPointer>

#include <memory>

using namespace Qt::StringLiterals;

namespace OrkestrSession {

RemoteFiles::RemoteFiles(Orkestr::Client *client, const QString &sandboxId, Prompter *prompter,
                         QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_sandboxId(sandboxId)
    , m_transfers(new TransferQueue(client, sandboxId, this))
    , m_prompter(prompter)
{
}

RemoteFiles::~RemoteFiles() = default;

bool RemoteFiles::canWrite(const QString &path) const
{
    return !m_readOnly && RemotePath::isWritable(path);
}

std::optional<Orkestr::FileEntry> RemoteFiles::known(const QString &path) const
{
    return m_lookup ? m_lookup(path) : std::nullopt;
}

void RemoteFiles::report(bool ok, const QString &message, const Orkestr::ApiError &error)
{
    Q_EMIT actionFinished(ok, message, error);
}

bool RemoteFiles::refuse(const QString &message)
{
    report(false, message);
    return false;
}

bool RemoteFiles::confirmThen(const Question &question, const QString &declined, std::function<void()> action)
{
    // The answer may come before confirm() returns (tests) or later (a dialog).
    auto answer = std::make_shared<std::optional<bool>>();
    m_prompter->confirm(question,
                        [self = QPointer(this), answer, declined, action = std::move(action)](bool yes) {
                            *answer = yes;
                            if (!self)
                                return;
                            if (yes)
                                action();
                            else if (!declined.isEmpty())
                                self->report(false, declined);
                        });
    return answer->value_or(true);
}

bool RemoteFiles::overwriteThen(const QString &text, const QString &declined, std::function<void()> action)
{
    return confirmThen({tr("Replace?"), text, tr("Replace"), true}, declined, std::move(action));
}

// Why an exec did not do its work: the request's error, or a non-zero exit with its stderr (and
// the request id, for support); none when it succeeded.
Orkestr::ApiError RemoteFiles::execFailure(const Orkestr::ExecJob *job)
{
    if (job->error().isError() || job->status() != Orkestr::Job::Status::Succeeded)
        return job->error().isError() ? job->error() : Orkestr::ApiError::cancelled();
    if (job->result().exitCode == 0)
        return {};
    return Orkestr::ApiError(Orkestr::ApiError::Kind::Orkestr, u"command_failed"_s,
                             tr("The command failed (exit %1): %2")
                                 .arg(job->result().exitCode)
                                 .arg(job->result().stderrText.trimmed()),
                             job->httpStatus(), job->requestId());
}

void RemoteFiles::runCommand(const QStringList &words, const QString &doneMessage, const QStringList &changed)
{
    auto *request = new Orkestr::ExecJob(m_sandboxId, shellCommand(words));
    request->whenFinished(this, [this, doneMessage, changed](Orkestr::ExecJob *job) {
        for (const QString &path : changed)
            Q_EMIT directoryChanged(path);
        if (const auto error = execFailure(job); error.isError())
            report(false, error.displayText(), error);
        else
            report(true, doneMessage);
    });
    m_client->run(request);
}

QString RemoteFiles::newEntryError(const QString &directory, const QString &name) const
{
    if (!canWrite(directory))
        return tr("%1 is read-only.").arg(directory);
    return RemotePath::nameError(name);
}

bool RemoteFiles::createFile(const QString &directory, const QString &name)
{
    if (const QString why = newEntryError(directory, name); !why.isEmpty())
        return refuse(why);
    const QString path = RemotePath::join(directory, name);
    if (known(path))
        return refuse(tr("%1 already exists.").arg(name));
    auto *request = new Orkestr::WriteFileJob(m_sandboxId, path, QString());
    request->whenFinished(this, [this, path, directory](Orkestr::WriteFileJob *job) {
        Q_EMIT directoryChanged(directory);
        if (job->error().isError())
            report(false, tr("Cannot create %1: %2").arg(path, job->error().displayText()), job->error());
        else
            report(true, tr("Created %1.").arg(path));
    });
    m_client->run(request);
    return true;
}

bool RemoteFiles::makeFolder(const QString &directory, const QString &name)
{
    if (const QString why = newEntryError(directory, name); !why.isEmpty())
        return refuse(why);
    const QString path = RemotePath::join(directory, name);
    // "--" keeps a name starting with "-" from being an option.
    runCommand({u"mkdir"_s, u"-p"_s, u"--"_s, path}, tr("Created %1.").arg(path), {directory});
    return true;
}

bool RemoteFiles::move(const QString &rawPath, const QString &target)
{
    const QString path = RemotePath::clean(rawPath);
    if (!canWrite(path) || path == RemotePath::Home)
        return refuse(tr("%1 cannot be renamed here: it is read-only.").arg(path));
    QString destination;
    if (target.startsWith(u'/')) {
        destination = RemotePath::clean(target);
        if (destination.split(u'/').contains(u".."_s) || !RemotePath::isWritable(destination)
            || destination == RemotePath::Home) {
            return refuse(tr("Cannot move to %1: the target must be inside %2, without “..”.")
                              .arg(target, RemotePath::Home));
        }
        // Moving onto a known folder moves into it, as a file manager does.
        if (const auto existing = known(destination); existing && existing->isDir)
            destination = RemotePath::join(destination, RemotePath::fileName(path));
    } else {
        if (const QString error = RemotePath::nameError(target); !error.isEmpty())
            return refuse(error);
        destination = RemotePath::join(RemotePath::parent(path), target);
    }
    // -T: a destination that is a directory is replaced, not entered.
    auto run = [this, path, destination] {
        runCommand({u"mv"_s, u"-T"_s, u"--"_s, path, destination},
                   tr("Moved %1 to %2.").arg(path, destination),
                   {RemotePath::parent(path), RemotePath::parent(destination)});
    };
    if (known(destination))
        return overwriteThen(tr("%1 exists. Replace it?").arg(destination), tr("Not renamed."), run);
    run();
    return true;
}

bool RemoteFiles::remove(const QString &rawPath)
{
    const QString path = RemotePath::clean(rawPath);
    if (!canWrite(path) || path == RemotePath::Home)
        return refuse(tr("%1 cannot be deleted: it is read-only.").arg(path));
    const auto entry = known(path);
    const bool isDir = entry && entry->isDir;
    const Question question {tr("Delete?"),
                             isDir ? tr("Delete the folder %1 and everything in it?").arg(path)
                                   : tr("Delete %1?").arg(path),
                             tr("Delete"), true};
    return confirmThen(question, tr("Not deleted."), [this, path, isDir] {
        auto *request = new Orkestr::DeleteFileJob(m_sandboxId, path, isDir);
        request->whenFinished(this, [this, path](Orkestr::DeleteFileJob *job) {
            Q_EMIT directoryChanged(RemotePath::parent(path));
            if (job->error().isError())
                report(false, tr("Cannot delete %1: %2").arg(path, job->error().displayText()), job->error());
            else
                report(true, tr("Deleted %1.").arg(path));
        });
        m_client->run(request);
    });
}

int RemoteFiles::upload(const QStringList &localPaths, const QString &remoteDirectory)
{
    if (!canWrite(remoteDirectory)) {
        refuse(tr("%1 is read-only.").arg(remoteDirectory));
        return 0;
    }
    auto queued = std::make_shared<int>(0);
    for (const QString &localPath : localPaths) {
        const QString name = QFileInfo(localPath).fileName();
        if (const QString error = RemotePath::nameError(name); !error.isEmpty()) {
            refuse(error);
            continue;
        }
        const QString remote = RemotePath::join(remoteDirectory, name);
        auto start = [this, queued, localPath, remote, remoteDirectory] {
            *queued += uploadEntry(localPath, remote, remoteDirectory);
        };
        if (known(remote))
            overwriteThen(tr("%1 already exists in %2. Replace it?").arg(name, remoteDirectory), {}, start);
        else
            start();
    }
    return *queued;
}

int RemoteFiles::uploadEntry(const QString &localPath, const QString &remote, const QString &remoteDirectory)
{
    if (!QFileInfo(localPath).isDir()) {
        m_transfers->upload(localPath, remote);
        return 1;
    }
    // Writing a file creates its parents; one mkdir makes the folders, empty ones included.
    const QDir base(localPath);
    QStringList mkdir {u"mkdir"_s, u"-p"_s, u"--"_s, remote};
    QDirIterator dirs(localPath, QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot,
                      QDirIterator::Subdirectories);
    while (dirs.hasNext())
        mkdir.append(RemotePath::join(remote, base.relativeFilePath(dirs.next())));
    TransferBatch *batch = startBatch(remote, tr("Uploaded the folder %1.").arg(remote));
    batch->hold(); // until the folders are made
    auto *request = new Orkestr::ExecJob(m_sandboxId, shellCommand(mkdir));
    request->whenFinished(this, [this, remote, remoteDirectory, batch](Orkestr::ExecJob *job) {
        Q_EMIT directoryChanged(remoteDirectory);
        if (const auto error = execFailure(job); error.isError()) {
            report(false, tr("Cannot create the folders of %1: %2").arg(remote, error.displayText()), error);
            batch->fail(error);
        }
        batch->release();
    });
    m_client->run(request);
    int count = 0;
    QDirIterator files(localPath, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot,
                       QDirIterator::Subdirectories);
    while (files.hasNext()) {
        const QString file = files.next();
        batch->add(m_transfers->upload(file, RemotePath::join(remote, base.relativeFilePath(file))));
        ++count;
    }
    batch->release();
    return count;
}

TransferBatch *RemoteFiles::startBatch(const QString &folder, const QString &doneMessage)
{
    auto *batch = new TransferBatch(this);
    batch->hold(); // until every transfer of the walk is added
    connect(batch, &TransferBatch::finished, this, [this, folder, doneMessage](TransferBatch *finished) {
        if (finished->succeeded())
            report(true, doneMessage);
        else if (const auto error = finished->firstError(); error.isError())
            report(false, tr("The transfer of %1 failed: %2").arg(folder, error.displayText()), error);
        else
            report(false, tr("The transfer of %1 was cancelled.").arg(folder));
        finished->deleteLater();
    });
    Q_EMIT batchStarted(batch);
    return batch;
}

bool RemoteFiles::download(const QString &remotePath, const QString &localPath)
{
    auto start = [this, remotePath, localPath] {
        m_transfers->download(remotePath, localPath);
    };
    if (QFileInfo::exists(localPath))
        return overwriteThen(tr("%1 already exists. Replace it?").arg(localPath), {}, start);
    start();
    return true;
}

bool RemoteFiles::downloadTree(const QString &remoteDirectory, const QString &localDirectory)
{
    if (QFileInfo::exists(localDirectory) && !QFileInfo(localDirectory).isDir())
        return refuse(tr("Cannot download %1: %2 is a file.").arg(remoteDirectory, localDirectory));
    auto start = [this, remoteDirectory, localDirectory] {
        TransferBatch *batch = startBatch(
            remoteDirectory, tr("Downloaded the folder %1 to %2.").arg(remoteDirectory, localDirectory));
        walkDownload(remoteDirectory, localDirectory, batch);
        batch->release();
    };
    if (QFileInfo::exists(localDirectory))
        return overwriteThen(tr("%1 already exists. Download into it, replacing files?").arg(localDirectory),
                             {}, start);
    start();
    return true;
}

void RemoteFiles::walkDownload(const QString &remoteDirectory, const QString &localDirectory,
                               TransferBatch *batch)
{
    if (!QDir().mkpath(localDirectory)) {
        const Orkestr::ApiError error(Orkestr::ApiError::Kind::Orkestr, u"local_file"_s,
                                      tr("Cannot create the folder %1.").arg(localDirectory));
        report(false, error.displayText(), error);
        batch->fail(error);
        return;
    }
    // Each folder is listed as it is reached; its files queue and its folders are walked the same way.
    batch->hold();
    auto *request = new Orkestr::ListFilesJob(m_sandboxId, remoteDirectory);
    request->whenFinished(this, [this, remoteDirectory, localDirectory, batch](Orkestr::ListFilesJob *job) {
        if (job->error().isError()) {
            report(false, tr("Cannot list %1: %2").arg(remoteDirectory, job->error().displayText()),
                   job->error());
            batch->fail(job->error());
        }
        for (const auto &entry : job->entries()) {
            // A name from the server never leaves the target folder ("..", "a/b" are refused).
            if (batch->isCancelled() || !RemotePath::nameError(entry.name).isEmpty())
                continue;
            const QString remote = RemotePath::join(remoteDirectory, entry.name);
            const QString local = QDir(localDirectory).filePath(entry.name);
            if (entry.isDir)
                walkDownload(remote, local, batch);
            else
                batch->add(m_transfers->download(remote, local));
        }
        batch->release();
    });
    m_client->run(request);
}

void RemoteFiles::read(const QString &path, const QObject *context,
                       std::function<void(Orkestr::ReadFileBytesJob *job)> done)
{
    auto *request = new Orkestr::ReadFileBytesJob(m_sandboxId, path);
    request->whenFinished(context, std::move(done));
    m_client->run(request);
}

Orkestr::WriteFileJob *RemoteFiles::writeText(const QString &path, const QString &text,
                                              const QObject *context,
                                              std::function<void(Orkestr::WriteFileJob *job)> done)
{
    auto *request = new Orkestr::WriteFileJob(m_sandboxId, path, text);
    request->whenFinished(context, std::move(done));
    request->whenFinished(this, [this, path](Orkestr::WriteFileJob *job) {
        if (job->status() == Orkestr::Job::Status::Succeeded)
            Q_EMIT directoryChanged(RemotePath::parent(path));
    });
    m_client->run(request);
    return request;
}

} // namespace OrkestrSession
