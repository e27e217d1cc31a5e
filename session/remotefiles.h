#pragma once

#include "core/apierror.h"
#include "core/sandbox.h"
#include "session/prompter.h"
#include "session/transferbatch.h" // complete for the signal's argument type

#include <QObject>

#include <functional>
#include <optional>

namespace Orkestr {
class Client;
class ExecJob;
class ReadFileBytesJob;
class WriteFileJob;
} // namespace Orkestr

namespace OrkestrSession {

class TransferQueue;

// The file workflows of one sandbox: new file and folder, move/rename, delete, and uploads and
// downloads of files and whole trees (through its TransferQueue). The files API has no mkdir or
// move, so those run as an exec whose words shellCommand() quotes. What replaces or deletes asks
// the Prompter first, and a declined question sends nothing.
//
// Each action returns false when it is refused at once (an invalid name, a read-only place, or a
// question already declined) and true when it runs or waits for an answer. It ends with
// actionFinished() (not for a declined overwrite of an upload or download, which just skips the
// file); the remote directories whose listing it changed are named by directoryChanged().
class RemoteFiles : public QObject
{
    Q_OBJECT
public:
    // What the caller already knows of a path (the listing it shows): lets a write that would
    // replace something ask first, a move onto a folder go into it, and a folder be deleted with
    // its content. No value when the path is not known.
    using Lookup = std::function<std::optional<Orkestr::FileEntry>(const QString &path)>;

    RemoteFiles(Orkestr::Client *client, const QString &sandboxId, Prompter *prompter,
                QObject *parent = nullptr);
    ~RemoteFiles() override;

    QString sandboxId() const { return m_sandboxId; }
    TransferQueue *transfers() const { return m_transfers; }
    void setLookup(Lookup lookup) { m_lookup = std::move(lookup); }
    void setReadOnly(bool readOnly) { m_readOnly = readOnly; }
    bool isReadOnly() const { return m_readOnly; }
    // Writes are possible under RemotePath::Home only, and never in read-only mode.
    bool canWrite(const QString &path) const;

    bool createFile(const QString &directory, const QString &name);
    bool makeFolder(const QString &directory, const QString &name);
    // `target` is a new name in the same directory, or an absolute path to move to (inside
    // RemotePath::Home, without ".."); moving onto a known folder moves into it.
    bool move(const QString &path, const QString &target);
    // A known folder is deleted with everything in it.
    bool remove(const QString &path);
    // Files and folders (recursively, empty folders included) into a remote directory; asks
    // before replacing a known entry. Returns the number of files queued by the time it returns.
    // Each folder is a TransferBatch (see batchStarted()).
    int upload(const QStringList &localPaths, const QString &remoteDirectory);
    // A file to a local path; asks before replacing a local file.
    bool download(const QString &remotePath, const QString &localPath);
    // A folder recursively into a local folder (made if missing, asked about if it exists), as a
    // TransferBatch.
    bool downloadTree(const QString &remoteDirectory, const QString &localDirectory);

    // A file's content, for an editor.
    void read(const QString &path, const QObject *context,
              std::function<void(Orkestr::ReadFileBytesJob *job)> done);
    // Writes text as UTF-8; `done` runs whatever the outcome (also when cancelled).
    Orkestr::WriteFileJob *writeText(const QString &path, const QString &text, const QObject *context,
                                     std::function<void(Orkestr::WriteFileJob *job)> done);

Q_SIGNALS:
    // `error` holds the failure (with the request id of the response, when there was one).
    void actionFinished(bool ok, const QString &message, const Orkestr::ApiError &error);
    void directoryChanged(const QString &path);
    // A folder's transfers begin: its progress, its cancel, and its end, which actionFinished()
    // also reports (the batch is deleted after that).
    void batchStarted(OrkestrSession::TransferBatch *batch);

private:
    std::optional<Orkestr::FileEntry> known(const QString &path) const;
    bool refuse(const QString &message);
    // Why a new file or folder cannot be made in a directory; empty when it can.
    QString newEntryError(const QString &directory, const QString &name) const;
    void report(bool ok, const QString &message, const Orkestr::ApiError &error = {});
    // Runs `action` once the question is answered yes; reports `declined` (when not empty) on no.
    // False when the answer was no before it returned.
    bool confirmThen(const Question &question, const QString &declined, std::function<void()> action);
    bool overwriteThen(const QString &text, const QString &declined, std::function<void()> action);
    static Orkestr::ApiError execFailure(const Orkestr::ExecJob *job);
    void runCommand(const QStringList &words, const QString &doneMessage, const QStringList &changed);
    int uploadEntry(const QString &localPath, const QString &remote, const QString &remoteDirectory);
    TransferBatch *startBatch(const QString &folder, const QString &doneMessage);
    void walkDownload(const QString &remoteDirectory, const QString &localDirectory, TransferBatch *batch);

    Orkestr::Client *m_client;
    QString m_sandboxId;
    TransferQueue *m_transfers;
    Prompter *m_prompter;
    Lookup m_lookup;
    bool m_readOnly = false;
};

} // namespace OrkestrSession
