// OrkestrSession::RemoteFiles headless (no widgets) against a real orkestr-local: hostile names
// survive the shell quoting of mkdir and move and come back from the server's own listing
// unchanged; trees go up and come back byte for byte; a cancelled download leaves no partial
// file; a declined question sends no request; failures carry the request id.

#include "core/client.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "files/answeringprompter.h"
#include "jobtesting.h"
#include "session/remotefiles.h"
#include "session/remotepath.h"
#include "session/shellquote.h"
#include "session/transferbatch.h"
#include "session/transferqueue.h"
#include "testserver.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFileInfo>
#include <QRandomGenerator>

using namespace Qt::StringLiterals;
using namespace OrkestrSession;

namespace {

// Names that break a command built without quoting: spaces, quotes, command substitution,
// newlines, options, globs, unicode.
const QStringList HostileNames {
    u"a b"_s,
    u"it's"_s,
    u"\"double\""_s,
    u"'"_s,
    u"$(touch pwned)"_s,
    u"`touch pwned`"_s,
    u"line\nbreak"_s,
    u"tab\there"_s,
    u"-rf"_s,
    u"--help"_s,
    u"*"_s,
    u"~"_s,
    u"$HOME"_s,
    u"semi;colon && echo x > pwned"_s,
    u"back\\slash"_s,
    u"ünïcødé ✓ 名前 🚀"_s,
    u" leading and trailing "_s,
};

struct Outcome
{
    bool ok = false;
    QString message;
    Orkestr::ApiError error;
};

} // namespace

class TestRemoteFiles : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;
    AnsweringPrompter m_prompter;
    QHash<QString, Orkestr::FileEntry> m_known; // what a browser would have listed
    int m_requests = 0;

    bool runJob(Orkestr::Job *job)
    {
        m_client.run(job);
        return runToEnd(job, 60000);
    }
    Orkestr::ExecResult exec(const QString &command)
    {
        auto *job = new Orkestr::ExecJob(m_id, command);
        if (!runJob(job))
            qWarning() << "exec failed:" << command << job->error().displayText();
        return job->result();
    }
    QList<Orkestr::FileEntry> list(const QString &directory)
    {
        auto *job = new Orkestr::ListFilesJob(m_id, directory);
        if (!runJob(job))
            return {};
        for (const auto &entry : job->entries())
            m_known.insert(RemotePath::join(directory, entry.name), entry);
        return job->entries();
    }
    QStringList names(const QString &directory)
    {
        QStringList names;
        for (const auto &entry : list(directory))
            names.append(entry.name);
        return names;
    }
    QByteArray readRemote(const QString &path)
    {
        auto *job = new Orkestr::ReadFileBytesJob(m_id, path);
        m_client.run(job);
        if (!runToEnd(job, 60000))
            return "<read failed>";
        return job->bytes();
    }
    std::unique_ptr<RemoteFiles> files(Prompter *prompter = nullptr)
    {
        auto files = std::make_unique<RemoteFiles>(&m_client, m_id, prompter ? prompter : &m_prompter);
        files->setLookup([this](const QString &path) -> std::optional<Orkestr::FileEntry> {
            const auto it = m_known.constFind(path);
            return it == m_known.cend() ? std::nullopt : std::optional(*it);
        });
        return files;
    }
    static Outcome waitAction(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(60000))
            return {false, u"no result in time"_s, {}};
        const auto args = spy.takeFirst();
        return {args.at(0).toBool(), args.at(1).toString(), args.at(2).value<Orkestr::ApiError>()};
    }
    static bool waitIdle(TransferQueue *queue)
    {
        return OrkestrTest::waitUntil([&] { return queue->isIdle(); }, std::chrono::minutes(4));
    }
    static void writeLocal(const QString &path, const QByteArray &bytes)
    {
        QDir().mkpath(QFileInfo(path).path());
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        QCOMPARE(file.write(bytes), bytes.size());
    }
    static QByteArray randomBytes(qsizetype size)
    {
        QByteArray bytes(size, Qt::Uninitialized);
        for (auto &byte : bytes)
            byte = char(QRandomGenerator::global()->bounded(256));
        return bytes;
    }
    // Every file below a local folder (relative path -> content) and its folders.
    static std::pair<QMap<QString, QByteArray>, QStringList> localTree(const QString &root)
    {
        QMap<QString, QByteArray> files;
        QStringList folders;
        QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            const QString relative = QDir(root).relativeFilePath(path);
            if (it.fileInfo().isDir()) {
                folders.append(relative);
            } else {
                QFile file(path);
                files.insert(relative, file.open(QIODevice::ReadOnly) ? file.readAll() : "<unreadable>");
            }
        }
        folders.sort();
        return {files, folders};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        connect(&m_client, &Orkestr::Client::requestLogged, this, [this] { ++m_requests; });
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = new Orkestr::CreateSandboxJob(params);
        QVERIFY(runJob(create));
        m_id = create->sandbox().id;
    }

    void init()
    {
        m_prompter.reset();
        m_known.clear();
    }

    void shellQuoteKeepsEveryWordLiteral()
    {
        QCOMPARE(shellQuote(u"it's"_s), u"'it'\\''s'"_s);
        QCOMPARE(shellCommand({u"mv"_s, u"-T"_s, u"a b"_s}), u"'mv' '-T' 'a b'"_s);
        // Through the sandbox's real shell: each word comes back as exactly one argument.
        QStringList words = HostileNames;
        words.append(QString());
        const auto result = exec(u"printf '<%s>' "_s + shellCommand(words));
        QString expected;
        for (const QString &word : std::as_const(words))
            expected += u'<' + word + u'>';
        QCOMPARE(result.exitCode, 0);
        QCOMPARE(result.stdoutText, expected);
    }

    void hostileNamesRoundTripThroughMkdirMoveAndDelete()
    {
        QCOMPARE(exec(u"rm -rf /workspace/names && mkdir /workspace/names"_s).exitCode, 0);
        const QString root = u"/workspace/names"_s;
        auto remote = files();
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        QSignalSpy changed(remote.get(), &RemoteFiles::directoryChanged);
        for (const QString &name : HostileNames) {
            QVERIFY2(RemotePath::nameError(name).isEmpty(), qPrintable(name));
            QVERIFY(remote->makeFolder(root, name));
            auto outcome = waitAction(done);
            QVERIFY2(outcome.ok, qPrintable(name + u": "_s + outcome.message));
            QVERIFY2(names(root).contains(name), qPrintable(name));
            QVERIFY(m_known.value(RemotePath::join(root, name)).isDir);
            QVERIFY(changed.contains(QVariantList {root}));

            // A file inside it, then the folder renamed to another hostile name.
            QVERIFY(remote->createFile(RemotePath::join(root, name), name));
            outcome = waitAction(done);
            QVERIFY2(outcome.ok, qPrintable(outcome.message));
            const QString renamed = name + u" → moved"_s;
            QVERIFY(remote->move(RemotePath::join(root, name), renamed));
            outcome = waitAction(done);
            QVERIFY2(outcome.ok, qPrintable(name + u": "_s + outcome.message));
            const QStringList after = names(root);
            QVERIFY2(after.contains(renamed) && !after.contains(name), qPrintable(after.join(u'|')));
            QCOMPARE(names(RemotePath::join(root, renamed)), QStringList {name});
            m_known.remove(RemotePath::join(root, name));

            // Moved by absolute path into a folder that is known: it goes inside.
            QVERIFY(remote->makeFolder(root, u"into"_s));
            QVERIFY(waitAction(done).ok);
            list(root);
            QVERIFY(remote->move(RemotePath::join(root, renamed), RemotePath::join(root, u"into"_s)));
            outcome = waitAction(done);
            QVERIFY2(outcome.ok, qPrintable(outcome.message));
            QCOMPARE(names(RemotePath::join(root, u"into"_s)), QStringList {renamed});

            // Deleted (a known folder: with its content).
            list(RemotePath::join(root, u"into"_s));
            QVERIFY(remote->remove(RemotePath::join(root, u"into"_s)));
            outcome = waitAction(done);
            QVERIFY2(outcome.ok, qPrintable(outcome.message));
            QVERIFY2(names(root).isEmpty(), qPrintable(names(root).join(u'|')));
            m_known.clear();
        }
        // Nothing ran that a name spelled out.
        QCOMPARE(exec(u"find / -xdev -name pwned 2>/dev/null | wc -l"_s).stdoutText, u"0\n"_s);
        QCOMPARE(m_prompter.asked.size(), int(HostileNames.size())); // one delete question each
    }

    void invalidAndReadOnlyAreRefusedWithoutRequests()
    {
        auto remote = files();
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        const int before = m_requests;
        QVERIFY(!remote->makeFolder(u"/workspace"_s, u"../escape"_s));
        QVERIFY(!remote->createFile(u"/workspace"_s, u".."_s));
        QVERIFY(!remote->makeFolder(u"/workspace"_s, QString(u"nul"_s) + QChar(0)));
        QVERIFY(!remote->move(u"/workspace/x"_s, u"/workspace/../etc/x"_s));
        QVERIFY(!remote->move(u"/workspace/x"_s, u"/etc/x"_s));
        QVERIFY(!remote->remove(u"/workspace"_s));
        QVERIFY(!remote->makeFolder(u"/etc"_s, u"x"_s));
        remote->setReadOnly(true);
        QVERIFY(!remote->makeFolder(u"/workspace"_s, u"x"_s));
        QVERIFY(!remote->remove(u"/workspace/x"_s));
        QCOMPARE(remote->upload({QDir::tempPath()}, u"/workspace"_s), 0);
        QCOMPARE(done.size(), 10);
        for (const auto &args : std::as_const(done))
            QVERIFY(!args.at(0).toBool() && !args.at(1).toString().isEmpty());
        QTest::qWait(200);
        QCOMPARE(m_requests, before);
        QVERIFY(m_prompter.asked.isEmpty());
    }

    void treeUploadAndDownloadAreByteExact()
    {
        QTemporaryDir local;
        const QString tree = local.filePath(u"tree"_s);
        writeLocal(tree + u"/top.txt"_s, "top\n");
        writeLocal(tree + u"/empty-file"_s, {});
        writeLocal(tree + u"/a/b/c/deep.bin"_s, randomBytes(200 * 1024 + 3));
        writeLocal(tree + u"/a/every-byte"_s, [] {
            QByteArray all;
            for (int i = 0; i < 256; ++i)
                all.append(char(i));
            return all;
        }());
        writeLocal(tree + u"/it's a \"dir\"/$(x) `y`/ünï.txt"_s, "quoted path\n");
        writeLocal(tree + u"/big/one.bin"_s, randomBytes(3 * 1024 * 1024 + 1));
        writeLocal(tree + u"/.hidden/.dot"_s, "hidden");
        QVERIFY(QDir().mkpath(tree + u"/empty/deeper"_s));
        const auto [sent, sentFolders] = localTree(tree);
        QCOMPARE(sent.size(), 7);

        QCOMPARE(exec(u"rm -rf /workspace/up"_s).exitCode, 0);
        auto remote = files();
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        QSignalSpy progress(remote->transfers(), &TransferQueue::progress);
        QSignalSpy batches(remote.get(), &RemoteFiles::batchStarted);
        QCOMPARE(remote->upload({tree}, u"/workspace/up"_s), 7);
        // The folder is one batch: its progress covers all its files, and its end is one result.
        QCOMPARE(batches.size(), 1);
        auto *batch = batches.first().first().value<TransferBatch *>();
        QSignalSpy batchProgress(batch, &TransferBatch::progress);
        QSignalSpy batchFinished(batch, &TransferBatch::finished);
        auto outcome = waitAction(done);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QCOMPARE(outcome.message, u"Uploaded the folder /workspace/up/tree."_s);
        QCOMPARE(batchFinished.size(), 1);
        QVERIFY(!batchProgress.isEmpty());
        QCOMPARE(batchProgress.constLast().at(0), batchProgress.constLast().at(1));
        QVERIFY(remote->transfers()->isIdle());
        for (Transfer *t : remote->transfers()->transfers())
            QVERIFY2(t->state() == Transfer::State::Succeeded, qPrintable(t->error().displayText()));
        QVERIFY2(done.isEmpty(), done.isEmpty() ? "" : qPrintable(done.first().at(1).toString()));
        auto totals = remote->transfers()->totals();
        QCOMPARE(totals.files, 7);
        QCOMPARE(totals.finished, 7);
        QCOMPARE(totals.failed, 0);
        qint64 bytes = 0;
        for (const auto &content : sent)
            bytes += content.size();
        QCOMPARE(totals.bytesTotal, bytes);
        QCOMPARE(totals.bytesDone, bytes);
        QVERIFY(progress.size() >= 7);
        for (auto it = sent.cbegin(); it != sent.cend(); ++it)
            QVERIFY2(readRemote(u"/workspace/up/tree/"_s + it.key()) == it.value(), qPrintable(it.key()));
        QTRY_COMPARE_WITH_TIMEOUT(exec(u"test -d /workspace/up/tree/empty/deeper && echo yes"_s).stdoutText,
                                  u"yes\n"_s, 30000);

        // And back down into a new local folder.
        remote->transfers()->clearFinished();
        const QString back = local.filePath(u"back"_s);
        QVERIFY(remote->downloadTree(u"/workspace/up/tree"_s, back));
        outcome = waitAction(done);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY2(outcome.message.startsWith(u"Downloaded the folder /workspace/up/tree to "_s),
                 qPrintable(outcome.message));
        QCOMPARE(remote->transfers()->transfers().size(), 7);
        QVERIFY(remote->transfers()->isIdle());
        for (Transfer *t : remote->transfers()->transfers())
            QVERIFY2(t->state() == Transfer::State::Succeeded, qPrintable(t->error().displayText()));
        const auto [received, receivedFolders] = localTree(back);
        QCOMPARE(received.keys(), sent.keys());
        for (auto it = sent.cbegin(); it != sent.cend(); ++it)
            QVERIFY2(received.value(it.key()) == it.value(), qPrintable(it.key()));
        QCOMPARE(receivedFolders, sentFolders);
        QVERIFY(m_prompter.asked.isEmpty());

        // Downloading into a folder that exists asks first; "no" sends nothing.
        m_prompter.answer = [](const Question &) {
            return false;
        };
        const int before = m_requests;
        QVERIFY(!remote->downloadTree(u"/workspace/up/tree"_s, back));
        QCOMPARE(m_prompter.asked.size(), 1);
        QVERIFY(AnsweringPrompter::is(m_prompter.asked.first(), u"Replace"));
        QTest::qWait(200);
        QCOMPARE(m_requests, before);
    }

    void cancelledDownloadsLeaveNoPartialFile()
    {
        // Large enough that the download is still running when it is cancelled.
        QCOMPARE(exec(u"rm -rf /workspace/cancel && mkdir -p /workspace/cancel/sub && "
                      "head -c 50000000 /dev/urandom > /workspace/cancel/a.bin && "
                      "head -c 50000000 /dev/urandom > /workspace/cancel/sub/b.bin && "
                      "echo small > /workspace/cancel/small.txt"_s)
                     .exitCode,
                 0);
        QTemporaryDir local;
        auto remote = files();
        const QString single = local.filePath(u"single.bin"_s);
        QVERIFY(remote->download(u"/workspace/cancel/a.bin"_s, single));
        Transfer *transfer = remote->transfers()->transfers().constLast();
        // Cancelled at its first progress, from its own signal: an optimised build on a quiet
        // machine can read the whole file between two polls of a wait loop.
        bool cancelledWhileRunning = false;
        connect(transfer, &Transfer::changed, this, [&] {
            if (!cancelledWhileRunning && transfer->fraction() > 0
                && transfer->state() == Transfer::State::Running) {
                cancelledWhileRunning = true;
                transfer->cancel();
            }
        });
        QVERIFY(OrkestrTest::waitUntil([&] { return transfer->isFinished(); }, std::chrono::seconds(30)));
        QVERIFY(cancelledWhileRunning);
        QCOMPARE(transfer->state(), Transfer::State::Cancelled);
        QVERIFY(!QFileInfo::exists(single));
        QCOMPARE(QDir(local.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList());

        // A whole tree, cancelled while its files run: what is there is whole, nothing is partial.
        const QString tree = local.filePath(u"tree"_s);
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        QSignalSpy batches(remote.get(), &RemoteFiles::batchStarted);
        QVERIFY(remote->downloadTree(u"/workspace/cancel"_s, tree));
        QCOMPARE(batches.size(), 1);
        QPointer batch = batches.first().first().value<TransferBatch *>();
        QVERIFY(OrkestrTest::waitUntil(
            [&] {
                const auto all = remote->transfers()->transfers();
                return std::any_of(all.begin(), all.end(), [](Transfer *t) {
                    return t->remotePath().endsWith(u".bin"_s) && t->fraction() > 0;
                });
            },
            std::chrono::seconds(30)));
        QVERIFY(batch);
        batch->cancel();
        const auto outcome = waitAction(done);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.message, u"The transfer of /workspace/cancel was cancelled."_s);
        QVERIFY(remote->transfers()->isIdle());
        const qsizetype transfers = remote->transfers()->transfers().size();
        QTest::qWait(300); // a listing that answers after the cancel adds nothing
        QCOMPARE(remote->transfers()->transfers().size(), transfers);
        int cancelled = 0;
        for (Transfer *t : remote->transfers()->transfers()) {
            cancelled += t->state() == Transfer::State::Cancelled;
            if (t->state() != Transfer::State::Succeeded)
                QVERIFY2(!QFileInfo::exists(t->localPath()), qPrintable(t->localPath()));
        }
        QVERIFY(cancelled >= 1);
        const auto [left, folders] = localTree(tree);
        for (auto it = left.cbegin(); it != left.cend(); ++it)
            QVERIFY2(readRemote(u"/workspace/cancel/"_s + it.key()) == it.value(), qPrintable(it.key()));
        QCOMPARE(exec(u"rm -rf /workspace/cancel"_s).exitCode, 0);
    }

    void declinedQuestionsSendNothing()
    {
        QCOMPARE(
            exec(u"rm -rf /workspace/keep && mkdir -p /workspace/keep/dir && echo keep > /workspace/keep/f"_s)
                .exitCode,
            0);
        list(u"/workspace/keep"_s);
        QTemporaryDir local;
        writeLocal(local.filePath(u"f"_s), "new content");
        auto remote = files();
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        m_prompter.answer = [](const Question &) {
            return false;
        };
        const int before = m_requests;

        QVERIFY(!remote->remove(u"/workspace/keep/f"_s));
        QVERIFY(!remote->remove(u"/workspace/keep/dir"_s));
        QVERIFY(!remote->move(u"/workspace/keep/dir"_s, u"f"_s)); // onto a known file
        QCOMPARE(remote->upload({local.filePath(u"f"_s)}, u"/workspace/keep"_s), 0);
        QVERIFY(!remote->download(u"/workspace/keep/f"_s, local.filePath(u"f"_s)));
        QCOMPARE(m_prompter.asked.size(), 5);
        QVERIFY(m_prompter.asked.at(0).destructive);
        QVERIFY(m_prompter.asked.at(1).text.contains(u"everything in it"_s));
        QVERIFY(AnsweringPrompter::is(m_prompter.asked.at(2), u"Replace"));
        QCOMPARE(done.size(), 3); // "Not deleted." twice and "Not renamed."; skipped transfers say nothing
        QVERIFY(remote->transfers()->transfers().isEmpty());
        QTest::qWait(300);
        QCOMPARE(m_requests, before);
        QCOMPARE(names(u"/workspace/keep"_s), (QStringList {u"dir"_s, u"f"_s}));
        QCOMPARE(readRemote(u"/workspace/keep/f"_s), QByteArray("keep\n"));

        // Answered later, as a dialog does: nothing is sent until the answer, and a no sends nothing.
        DeferredPrompter later;
        auto asking = files(&later);
        QSignalSpy askingDone(asking.get(), &RemoteFiles::actionFinished);
        const int beforeLater = m_requests;
        QVERIFY(asking->remove(u"/workspace/keep/f"_s)); // waiting for the answer
        QCOMPARE(later.pending.size(), 1);
        QTest::qWait(300);
        QCOMPARE(m_requests, beforeLater);
        later.answerNext(false);
        QCOMPARE(askingDone.size(), 1);
        QVERIFY(!askingDone.first().at(0).toBool());
        QTest::qWait(300);
        QCOMPARE(m_requests, beforeLater);
        askingDone.clear();
        QVERIFY(asking->remove(u"/workspace/keep/f"_s));
        later.answerNext(true);
        const auto outcome = waitAction(askingDone);
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QCOMPARE(names(u"/workspace/keep"_s), QStringList {u"dir"_s});
        // An answer that comes after the RemoteFiles is gone does nothing.
        QVERIFY(asking->remove(u"/workspace/keep/dir"_s));
        asking.reset();
        const int beforeGone = m_requests;
        later.answerNext(true);
        QTest::qWait(300);
        QCOMPARE(m_requests, beforeGone);
        QCOMPARE(exec(u"rm -rf /workspace/keep"_s).exitCode, 0);
    }

    void failuresCarryTheRequestId()
    {
        auto remote = files();
        QSignalSpy done(remote.get(), &RemoteFiles::actionFinished);
        // The server refuses: its error, with the id of the response.
        QVERIFY(remote->remove(u"/workspace/no-such-file"_s));
        auto outcome = waitAction(done);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.type(), u"file_not_found"_s);
        QVERIFY2(outcome.error.requestId().startsWith(u"req_"_s), qPrintable(outcome.error.requestId()));
        QVERIFY2(outcome.message.contains(outcome.error.requestId()), qPrintable(outcome.message));

        // The command fails in the sandbox (a folder inside a file): the exit, stderr and request id.
        QCOMPARE(exec(u"echo x > /workspace/plain"_s).exitCode, 0);
        QVERIFY(remote->makeFolder(u"/workspace/plain"_s, u"sub"_s));
        outcome = waitAction(done);
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error.type(), u"command_failed"_s);
        QVERIFY2(outcome.error.requestId().startsWith(u"req_"_s), qPrintable(outcome.error.requestId()));
        QVERIFY2(outcome.message.contains(outcome.error.requestId()), qPrintable(outcome.message));
        QVERIFY2(outcome.message.contains(u"exit 1"_s), qPrintable(outcome.message));

        // A failed download: the transfer's error has it too, and no file is left.
        QTemporaryDir local;
        QVERIFY(remote->download(u"/workspace/missing"_s, local.filePath(u"missing"_s)));
        QVERIFY(waitIdle(remote->transfers()));
        Transfer *failed = remote->transfers()->transfers().constLast();
        QCOMPARE(failed->state(), Transfer::State::Failed);
        QVERIFY(failed->error().requestId().startsWith(u"req_"_s));
        QVERIFY(!QFileInfo::exists(local.filePath(u"missing"_s)));
        QCOMPARE(exec(u"rm -f /workspace/plain"_s).exitCode, 0);
    }
};

QTEST_GUILESS_MAIN(TestRemoteFiles)
#include "tst_remotefiles.moc"
