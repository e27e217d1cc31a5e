// The Files tab of issue 7 against a real orkestr-local, offscreen: the lazy model (checked by
// QAbstractItemModelTester) lists what is in the sandbox; uploads and downloads round-trip bytes
// exactly (binary and 100 MiB) and a failed or cancelled download leaves no file; the editor
// picks its highlighting from the file name, saves, and keeps the edit when a save fails; new
// folder, rename, delete, and names that try to leave their directory are refused.

#include "core/client.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "files/answeringprompter.h"
#include "jobtesting.h"
#include "session/remotefiles.h"
#include "session/remotepath.h"
#include "session/shellquote.h"
#include "session/transferqueue.h"
#include "testserver.h"
#include "ui/files/editortab.h"
#include "ui/files/filebrowser.h"
#include "ui/files/filespanel.h"
#include "ui/files/remotefsmodel.h"
#include "ui/files/transferspanel.h"

#include <KSyntaxHighlighting/Theme>

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QCryptographicHash>
#include <QDragEnterEvent>
#include <QFileInfo>
#include <QImage>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRandomGenerator>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using OrkestrSession::Question;
using OrkestrSession::Transfer;

class TestFiles : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;
    QTemporaryDir m_local;
    AnsweringPrompter m_prompter;

    bool runJob(Orkestr::Job *job, int timeoutMs = 60000)
    {
        m_client.run(job);
        return runToEnd(job, timeoutMs);
    }
    Orkestr::ExecResult exec(const QString &command)
    {
        auto *job = new Orkestr::ExecJob(m_id, command);
        if (!runJob(job))
            qWarning() << "exec failed:" << command << job->error().displayText();
        return job->result();
    }
    bool writeRemote(const QString &path, const QByteArray &bytes, int mode = 0644)
    {
        return runJob(new Orkestr::WriteFileBytesJob(m_id, path, bytes, mode));
    }
    QByteArray readRemote(const QString &path)
    {
        auto *job = new Orkestr::ReadFileBytesJob(m_id, path);
        m_client.run(job);
        if (!runToEnd(job, 60000))
            return "<read failed>";
        return job->bytes();
    }
    static bool waitLoaded(FileBrowser &browser, const QString &path)
    {
        const QModelIndex index = browser.model()->indexForPath(path);
        return OrkestrTest::waitUntil(
                   [&] {
                       const QModelIndex i = browser.model()->indexForPath(path);
                       return i.isValid() && browser.model()->isListed(i) && !browser.model()->isLoading(i);
                   },
                   30000)
            && (index.isValid() || browser.model()->indexForPath(path).isValid());
    }
    // The next actionFinished of the browser.
    static std::pair<bool, QString> waitAction(QSignalSpy &spy)
    {
        if (spy.isEmpty() && !spy.wait(30000))
            return {false, u"no result in time"_s};
        const auto args = spy.takeFirst();
        return {args.at(0).toBool(), args.at(1).toString()};
    }
    static bool waitTransfers(OrkestrSession::TransferQueue *panel)
    {
        return OrkestrTest::waitUntil(
            [&] {
                const auto all = panel->transfers();
                return std::all_of(all.begin(), all.end(), [](Transfer *t) { return t->isFinished(); });
            },
            240000);
    }
    static QByteArray fileHash(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        return hash.result();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_local.isValid());
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = new Orkestr::CreateSandboxJob(params);
        QVERIFY(runJob(create));
        m_id = create->sandbox().id;
        QVERIFY(writeRemote(u"/workspace/hello.py"_s, "print('hello')\n"));
        QVERIFY(writeRemote(u"/workspace/notes.txt"_s, "one\ntwo\nthree\n", 0600));
        QVERIFY(writeRemote(u"/workspace/sub/inner.txt"_s, "inner\n"));
        QCOMPARE(exec(u"mkdir -p /workspace/empty && chmod 755 /workspace/empty"_s).exitCode, 0);
    }

    void init() { m_prompter.reset(); }

    void pythonIsPickedForPy()
    {
        QCOMPARE(CodeEditor::repository().definitionForFileName(u"main.py"_s).name(), u"Python"_s);
    }

    void helpers()
    {
        QCOMPARE(RemoteFsModel::modeText(0644), u"rw-r--r--"_s);
        QCOMPARE(RemoteFsModel::modeText(0755), u"rwxr-xr-x"_s);
        QCOMPARE(RemoteFsModel::modeText(0600), u"rw-------"_s);
        QCOMPARE(OrkestrSession::shellQuote(u"it's"_s), u"'it'\\''s'"_s);
        QVERIFY(!OrkestrSession::RemotePath::nameError(u"../etc/x"_s).isEmpty());
        QVERIFY(!OrkestrSession::RemotePath::nameError(u".."_s).isEmpty());
        QVERIFY(!OrkestrSession::RemotePath::nameError(u""_s).isEmpty());
        QVERIFY(OrkestrSession::RemotePath::nameError(u"a b'c"_s).isEmpty());
        QVERIFY(OrkestrSession::RemotePath::isWritable(u"/workspace/x"_s));
        QVERIFY(!OrkestrSession::RemotePath::isWritable(u"/workspacex"_s));
        QVERIFY(!OrkestrSession::RemotePath::isWritable(u"/etc"_s));
        QCOMPARE(EditorTab::hexDump(QByteArray("AB\x00", 3), 16).left(18), u"00000000  41 42 00"_s);
    }

    void listingMatchesSandbox()
    {
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QAbstractItemModelTester tester(browser.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        browser.resize(900, 600);
        browser.show();
        QCOMPARE(browser.currentPath(), u"/workspace"_s);
        QVERIFY(waitLoaded(browser, u"/workspace"_s));

        // What ls shows, as the list shows it: folders first, each group by name.
        const auto result = exec(u"cd /workspace && ls -A -p | LC_ALL=C sort"_s);
        QStringList dirs, files;
        for (const QString &line : result.stdoutText.split(u'\n', Qt::SkipEmptyParts))
            (line.endsWith(u'/') ? dirs : files).append(line.chopped(line.endsWith(u'/') ? 1 : 0));
        QCOMPARE(browser.visibleNames(), dirs + files);
        QVERIFY(files.contains(u"hello.py"_s) && dirs.contains(u"sub"_s));

        auto *model = browser.model();
        const QModelIndex notes = model->indexForPath(u"/workspace/notes.txt"_s);
        QVERIFY(notes.isValid());
        QCOMPARE(notes.siblingAtColumn(RemoteFsModel::ModeColumn).data().toString(), u"rw-------"_s);
        QCOMPARE(notes.siblingAtColumn(RemoteFsModel::SizeColumn).data(RemoteFsModel::SizeRole).toLongLong(),
                 14);
        QVERIFY(notes.siblingAtColumn(RemoteFsModel::ModifiedColumn).data().toString().size() > 0);
        QCOMPARE(model->indexForPath(u"/workspace/empty"_s)
                     .siblingAtColumn(RemoteFsModel::ModeColumn)
                     .data()
                     .toString(),
                 u"rwxr-xr-x"_s);

        // Sorting by size, descending; folders stay first.
        browser.listView()->sortByColumn(RemoteFsModel::SizeColumn, Qt::DescendingOrder);
        QStringList bySize = browser.visibleNames();
        QCOMPARE(bySize.mid(dirs.size()).first(), u"hello.py"_s); // 15 bytes beats 14
        browser.listView()->sortByColumn(RemoteFsModel::NameColumn, Qt::AscendingOrder);

        browser.setNameFilter(u"*.py"_s);
        QCOMPARE(browser.visibleNames(), QStringList {u"hello.py"_s});
        browser.setNameFilter(u"NOTE"_s);
        QCOMPARE(browser.visibleNames(), QStringList {u"notes.txt"_s});
        browser.setNameFilter({});

        // Into a folder, back, forward, up.
        browser.navigateTo(u"/workspace/sub"_s);
        QVERIFY(waitLoaded(browser, u"/workspace/sub"_s));
        QCOMPARE(browser.visibleNames(), QStringList {u"inner.txt"_s});
        browser.back();
        QCOMPARE(browser.currentPath(), u"/workspace"_s);
        QVERIFY(browser.canGoForward());
        browser.forward();
        QCOMPARE(browser.currentPath(), u"/workspace/sub"_s);
        browser.up();
        QCOMPARE(browser.currentPath(), u"/workspace"_s);

        // A file written behind the browser's back appears on refresh; the subtree stays.
        QVERIFY(writeRemote(u"/workspace/later.txt"_s, "x"));
        QSignalSpy loaded(model, &RemoteFsModel::directoryLoaded);
        browser.refresh();
        QVERIFY(loaded.wait(30000));
        QVERIFY(browser.visibleNames().contains(u"later.txt"_s));
        QVERIFY(model->isListed(model->indexForPath(u"/workspace/sub"_s)));
        QCOMPARE(exec(u"rm /workspace/later.txt"_s).exitCode, 0);
        browser.refresh();
        QVERIFY(loaded.wait(30000));
        QVERIFY(!browser.visibleNames().contains(u"later.txt"_s));
    }

    void manyEntriesListAtOnce()
    {
        QCOMPARE(exec(u"mkdir -p /workspace/many && cd /workspace/many && seq -w 1 10000 | xargs touch"_s)
                     .exitCode,
                 0);
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QAbstractItemModelTester tester(browser.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        browser.navigateTo(u"/workspace/many"_s);
        QVERIFY(waitLoaded(browser, u"/workspace/many"_s));
        QCOMPARE(browser.visibleNames().size(), 10000);
        QCOMPARE(browser.visibleNames().first(), u"00001"_s);
        QCOMPARE(exec(u"rm -rf /workspace/many"_s).exitCode, 0);
    }

    void outsideWorkspaceIsReadOnlyAndErrorsAreShown()
    {
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QVERIFY(browser.canWriteHere());
        // Lazy: a subfolder is not listed until opened (no model tester here: it fetches all).
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QVERIFY(browser.model()->indexForPath(u"/workspace/sub"_s).isValid());
        QVERIFY(!browser.model()->isListed(browser.model()->indexForPath(u"/workspace/sub"_s)));
        QSignalSpy loaded(browser.model(), &RemoteFsModel::directoryLoaded);
        browser.navigateTo(u"/etc"_s);
        QVERIFY(!browser.canWriteHere());
        QTRY_VERIFY_WITH_TIMEOUT(!browser.messageText().isEmpty(), 30000);
        // The server refuses /etc: its message and the request id are shown.
        QVERIFY2(browser.messageText().contains(u"/etc"_s), qPrintable(browser.messageText()));
        QVERIFY2(browser.messageText().contains(u"req_"_s), qPrintable(browser.messageText()));
        QVERIFY(!browser.newFile(u"x"_s));
        for (QAction *action : browser.findChildren<QAction *>()) {
            if (action->text().startsWith(tr("New")) || action->text() == tr("Delete"))
                QVERIFY(!action->isEnabled());
        }
    }

    void uploadAndDownloadRoundTrip()
    {
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QStringList asked;
        m_prompter.answer = [&](const Question &q) {
            asked.append(q.text);
            return !AnsweringPrompter::is(q, u"Replace"); // never overwrite in this test
        };
        QVERIFY(waitLoaded(browser, u"/workspace"_s));

        // Binary: every byte value, and random bytes.
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(char(i));
        QByteArray random(300 * 1024 + 7, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
        binary += random;
        const QString binPath = m_local.filePath(u"bin.dat"_s);
        {
            QFile file(binPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(binary);
        }
        // 100 MiB, written in 1 MiB pieces.
        const QString bigPath = m_local.filePath(u"big.bin"_s);
        {
            QFile file(bigPath);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QByteArray chunk(1024 * 1024, Qt::Uninitialized);
            for (int i = 0; i < 100; ++i) {
                QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()),
                                                      chunk.size() / 4);
                QCOMPARE(file.write(chunk), chunk.size());
            }
        }
        // A folder, recursively.
        QDir(m_local.path()).mkpath(u"folder/deep"_s);
        {
            QFile a(m_local.filePath(u"folder/a.txt"_s));
            QVERIFY(a.open(QIODevice::WriteOnly));
            a.write("a");
            QFile b(m_local.filePath(u"folder/deep/b.txt"_s));
            QVERIFY(b.open(QIODevice::WriteOnly));
            b.write("bb");
        }

        QElapsedTimer phase;
        phase.start();
        QCOMPARE(browser.upload({binPath, bigPath, m_local.filePath(u"folder"_s)}, u"/workspace"_s), 4);
        QVERIFY(waitTransfers(browser.transfers()));
        qInfo("uploaded 100.3 MiB in %lld ms", phase.restart());
        for (Transfer *t : browser.transfers()->transfers())
            QVERIFY2(t->state() == Transfer::State::Succeeded, qPrintable(t->error().displayText()));
        QCOMPARE(readRemote(u"/workspace/bin.dat"_s), binary);
        QCOMPARE(readRemote(u"/workspace/folder/deep/b.txt"_s), QByteArray("bb"));
        QCOMPARE(exec(u"stat -c %s /workspace/big.bin"_s).stdoutText.trimmed(), u"104857600"_s);
        QTRY_VERIFY_WITH_TIMEOUT(browser.visibleNames().contains(u"big.bin"_s), 30000);

        // Uploading again asks; "no" leaves it alone.
        QCOMPARE(browser.upload({binPath}, u"/workspace"_s), 0);
        QCOMPARE(asked.size(), 1);

        // Download both back and compare.
        const QString binBack = m_local.filePath(u"bin.back"_s);
        const QString bigBack = m_local.filePath(u"big.back"_s);
        QVERIFY(browser.download(u"/workspace/bin.dat"_s, binBack));
        QVERIFY(browser.download(u"/workspace/big.bin"_s, bigBack));
        phase.restart();
        QVERIFY(waitTransfers(browser.transfers()));
        qInfo("downloaded 100.3 MiB in %lld ms", phase.restart());
        for (Transfer *t : browser.transfers()->transfers())
            QVERIFY2(t->state() == Transfer::State::Succeeded, qPrintable(t->error().displayText()));
        QCOMPARE(fileHash(binBack), fileHash(binPath));
        QCOMPARE(fileHash(bigBack), fileHash(bigPath));
        QVERIFY(!fileHash(bigBack).isEmpty());
        // An existing local file asks before it is replaced.
        QVERIFY(!browser.download(u"/workspace/bin.dat"_s, binBack));
        QCOMPARE(asked.size(), 2);

        // A failed download (no such file) and a cancelled one leave nothing behind.
        const QString missingLocal = m_local.filePath(u"missing.back"_s);
        Transfer *missing = browser.transfers()->download(u"/workspace/no-such-file"_s, missingLocal);
        QTRY_VERIFY_WITH_TIMEOUT(missing->isFinished(), 30000);
        QCOMPARE(missing->state(), Transfer::State::Failed);
        QCOMPARE(missing->error().type(), u"file_not_found"_s);
        QVERIFY(!QFileInfo::exists(missingLocal));
        const QString cancelledLocal = m_local.filePath(u"cancelled.back"_s);
        Transfer *cancelled = browser.transfers()->download(u"/workspace/big.bin"_s, cancelledLocal);
        QTRY_VERIFY_WITH_TIMEOUT(cancelled->fraction() > 0, 30000);
        cancelled->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(cancelled->isFinished(), 30000);
        QCOMPARE(cancelled->state(), Transfer::State::Cancelled);
        QVERIFY(!QFileInfo::exists(cancelledLocal));
        const QStringList leftovers
            = QDir(m_local.path()).entryList({u"cancelled*"_s, u"missing*"_s}, QDir::Files | QDir::Hidden);
        QVERIFY2(leftovers.isEmpty(), qPrintable(leftovers.join(u", "_s)));
        // A cancelled upload leaves nothing on the server either.
        Transfer *up = browser.transfers()->upload(bigPath, u"/workspace/cancelled-upload.bin"_s);
        QTRY_VERIFY_WITH_TIMEOUT(up->fraction() > 0 || up->isFinished(), 30000);
        up->cancel();
        QTRY_VERIFY_WITH_TIMEOUT(up->isFinished(), 30000);
        QCOMPARE(up->state(), Transfer::State::Cancelled);
        QTest::qWait(500); // let the server notice the closed connection
        QCOMPARE(exec(u"ls -A /workspace | grep -c cancelled-upload || true"_s).stdoutText.trimmed(), u"0"_s);
        QCOMPARE(exec(u"rm -rf /workspace/big.bin /workspace/bin.dat /workspace/folder"_s).exitCode, 0);
    }

    void dropUploadsFilesAndFolders()
    {
        QTemporaryDir local;
        QDir(local.path()).mkpath(u"dropped/inner"_s);
        QDir(local.path()).mkpath(u"dropped/empty/deeper"_s); // folders without files come too
        for (const auto &[name, bytes] :
             {std::pair {u"one.txt"_s, QByteArray("1")}, std::pair {u"two.bin"_s, QByteArray("\x00\x01", 2)},
              std::pair {u"dropped/inner/three.txt"_s, QByteArray("3")}}) {
            QFile file(local.filePath(name));
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(bytes);
        }
        FileBrowser browser(&m_client, m_id, &m_prompter);
        browser.resize(900, 600);
        browser.show();
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(local.filePath(u"one.txt"_s)),
                      QUrl::fromLocalFile(local.filePath(u"two.bin"_s)),
                      QUrl::fromLocalFile(local.filePath(u"dropped"_s))});
        QWidget *viewport = browser.listView()->viewport();
        const QPoint below(10, viewport->height() - 5); // not on a folder row
        QDragEnterEvent enter(below, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(below), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &drop);
        QCOMPARE(browser.transfers()->transfers().size(), 3);
        QVERIFY(waitTransfers(browser.transfers()));
        QCOMPARE(readRemote(u"/workspace/one.txt"_s), QByteArray("1"));
        QCOMPARE(readRemote(u"/workspace/two.bin"_s), QByteArray("\x00\x01", 2));
        QCOMPARE(readRemote(u"/workspace/dropped/inner/three.txt"_s), QByteArray("3"));
        QTRY_COMPARE_WITH_TIMEOUT(exec(u"test -d /workspace/dropped/empty/deeper && echo yes"_s).stdoutText,
                                  u"yes\n"_s, 30000);
        // "Clear finished" empties the panel.
        QPushButton *clear = nullptr;
        for (auto *button : browser.transfersPanel()->findChildren<QPushButton *>()) {
            if (button->text() == tr("Clear finished"))
                clear = button;
        }
        QVERIFY(clear);
        clear->click();
        QVERIFY(browser.transfers()->transfers().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(browser.visibleNames().contains(u"dropped"_s), 30000);

        // Read-only: a drop is refused.
        browser.setReadOnly(true);
        QDragEnterEvent refused(below, Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &refused);
        QVERIFY(!refused.isAccepted());
        QCOMPARE(exec(u"rm -rf /workspace/one.txt /workspace/two.bin /workspace/dropped"_s).exitCode, 0);
    }

    void dragOutAndFolderDownload()
    {
        QVERIFY(writeRemote(u"/workspace/out/a.txt"_s, "alpha"));
        QByteArray binary(300000, Qt::Uninitialized);
        for (auto &byte : binary)
            byte = char(QRandomGenerator::global()->bounded(256));
        QVERIFY(writeRemote(u"/workspace/out/sub/b.bin"_s, binary));
        QCOMPARE(exec(u"mkdir -p /workspace/out/empty"_s).exitCode, 0);
        FileBrowser browser(&m_client, m_id, &m_prompter);
        browser.resize(900, 600);
        browser.show();
        browser.navigateTo(u"/workspace/out"_s);
        QVERIFY(waitLoaded(browser, u"/workspace/out"_s));

        // Dragging a.txt out: the drag's data is a local file with the bytes, once downloaded.
        QAbstractItemModel *listModel = browser.listView()->model();
        QModelIndex fileRow;
        for (int row = 0; row < listModel->rowCount(browser.listView()->rootIndex()); ++row) {
            const auto index = listModel->index(row, 0, browser.listView()->rootIndex());
            if (index.data().toString() == u"a.txt"_s)
                fileRow = index;
        }
        QVERIFY(fileRow.isValid());
        QVERIFY(listModel->flags(fileRow) & Qt::ItemIsDragEnabled);
        std::unique_ptr<QMimeData> dragged(listModel->mimeData({fileRow}));
        QVERIFY(dragged);
        QVERIFY(dragged->hasUrls());
        const auto urls = dragged->urls(); // waits for the download, as a drop does
        QCOMPARE(urls.size(), 1);
        QFile draggedFile(urls.first().toLocalFile());
        QVERIFY(draggedFile.open(QIODevice::ReadOnly));
        QCOMPARE(draggedFile.readAll(), QByteArray("alpha"));
        QCOMPARE(QFileInfo(draggedFile).fileName(), u"a.txt"_s);
        // Dropping it back on the list is not an upload.
        QWidget *viewport = browser.listView()->viewport();
        QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, dragged.get(), Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(viewport, &enter);
        QVERIFY(!enter.isAccepted());

        // The whole folder, recursively, empty folders included.
        QTemporaryDir target;
        const int before = int(browser.transfers()->transfers().size());
        browser.downloadFolder(u"/workspace/out"_s, target.filePath(u"out"_s));
        QTRY_COMPARE_WITH_TIMEOUT(browser.transfers()->transfers().size(), before + 2, 30000);
        QVERIFY(waitTransfers(browser.transfers()));
        QFile a(target.filePath(u"out/a.txt"_s)), b(target.filePath(u"out/sub/b.bin"_s));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QCOMPARE(a.readAll(), QByteArray("alpha"));
        QCOMPARE(b.readAll(), binary);
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo(target.filePath(u"out/empty"_s)).isDir(), 10000);
        QCOMPARE(exec(u"rm -rf /workspace/out"_s).exitCode, 0);
    }

    // Not a check: with ORKESTR_FILES_SCREENSHOT=dir, grabs the browser and an editor for the docs.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("ORKESTR_FILES_SCREENSHOT");
        if (dir.isEmpty())
            QSKIP("set ORKESTR_FILES_SCREENSHOT to a directory to take screenshots");
        QVERIFY(
            writeRemote(u"/workspace/src/app.py"_s,
                        "import sys\n\n\ndef main(argv):\n    \"\"\"Greets.\"\"\"\n    for arg in argv[1:]:\n"
                        "        print(f\"hello {arg}\")\n    return 0\n\n\nif __name__ == \"__main__\":\n"
                        "    sys.exit(main(sys.argv))\n"));
        FilesPanel panel(&m_client, &m_prompter);
        Orkestr::Sandbox sandbox;
        sandbox.id = m_id;
        sandbox.status = Orkestr::Sandbox::Status::Running;
        panel.resize(1100, 700);
        panel.showSandbox(sandbox);
        panel.show();
        FileBrowser *browser = panel.currentBrowser();
        QVERIFY(waitLoaded(*browser, u"/workspace"_s));
        browser->treeView()->expand(browser->treeView()->model()->index(1, 0));
        QTemporaryDir local;
        QFile file(local.filePath(u"data.csv"_s));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(3 * 1024 * 1024, 'x'));
        file.close();
        browser->upload({file.fileName()}, u"/workspace"_s);
        QVERIFY(waitTransfers(browser->transfers()));
        QTRY_VERIFY_WITH_TIMEOUT(browser->visibleNames().contains(u"data.csv"_s), 30000);
        QTest::qWait(300);
        QVERIFY(panel.grab().save(dir + u"/files.png"_s));
        QSignalSpy opened(browser, &FileBrowser::editorOpened);
        browser->openFile(u"/workspace/src/app.py"_s);
        QVERIFY(opened.wait(30000));
        QTest::qWait(300);
        QVERIFY(panel.grab().save(dir + u"/files-editor.png"_s));
    }

    void editAndSave()
    {
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QSignalSpy opened(&browser, &FileBrowser::editorOpened);
        browser.openFile(u"/workspace/hello.py"_s);
        QVERIFY(opened.wait(30000));
        auto *editor = opened.first().first().value<EditorTab *>();
        QCOMPARE(editor->kind(), EditorTab::Kind::Text);
        QCOMPARE(editor->editor()->definition().name(), u"Python"_s);
        QCOMPARE(editor->text(), u"print('hello')\n"_s);
        QCOMPARE(browser.tabs()->tabText(browser.tabs()->indexOf(editor)), u"hello.py"_s);

        // Find/replace and go to line.
        QCOMPARE(editor->replaceAll(u"hello"_s, u"world"_s), 1);
        QVERIFY(editor->isModified());
        QCOMPARE(browser.tabs()->tabText(browser.tabs()->indexOf(editor)), u"hello.py *"_s);
        editor->editor()->moveCursor(QTextCursor::End);
        editor->editor()->insertPlainText(u"x = 1\n"_s);
        QVERIFY(editor->editor()->goToLine(2));
        QCOMPARE(editor->editor()->textCursor().blockNumber(), 1);
        QVERIFY(!editor->editor()->goToLine(99));
        QVERIFY(editor->findNext(u"world"_s));
        QCOMPARE(editor->editor()->textCursor().selectedText(), u"world"_s);

        QSignalSpy saved(editor, &EditorTab::saved);
        editor->save();
        QVERIFY(saved.wait(30000));
        QVERIFY(!editor->isModified());
        QCOMPARE(browser.tabs()->tabText(browser.tabs()->indexOf(editor)), u"hello.py"_s);
        QCOMPARE(readRemote(u"/workspace/hello.py"_s), QByteArray("print('world')\nx = 1\n"));

        // The theme follows the palette.
        QPalette dark;
        dark.setColor(QPalette::Base, Qt::black);
        dark.setColor(QPalette::Text, Qt::white);
        editor->editor()->setPalette(dark);
        QCOMPARE(editor->editor()->theme().name(),
                 CodeEditor::repository().defaultTheme(KSyntaxHighlighting::Repository::DarkTheme).name());
        QPalette light;
        light.setColor(QPalette::Base, Qt::white);
        light.setColor(QPalette::Text, Qt::black);
        editor->editor()->setPalette(light);
        QCOMPARE(editor->editor()->theme().name(),
                 CodeEditor::repository().defaultTheme(KSyntaxHighlighting::Repository::LightTheme).name());

        // Opening again shows the same tab.
        opened.clear();
        browser.openFile(u"/workspace/hello.py"_s);
        QCOMPARE(opened.size(), 1);
        QCOMPARE(browser.tabs()->count(), 2);
    }

    void failedSaveKeepsTheEdit()
    {
        QCOMPARE(
            exec(
                u"rm -rf /workspace/victim && mkdir /workspace/victim && echo keep > /workspace/victim/f.txt"_s)
                .exitCode,
            0);
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QSignalSpy opened(&browser, &FileBrowser::editorOpened);
        browser.openFile(u"/workspace/victim/f.txt"_s);
        QVERIFY(opened.wait(30000));
        auto *editor = opened.first().first().value<EditorTab *>();
        editor->editor()->selectAll();
        editor->editor()->insertPlainText(
            u"my precious edit\n"_s); // setPlainText would reset the modified flag
        QVERIFY(editor->isModified());
        // The folder becomes a link out of the writable roots: the server refuses the save.
        QCOMPARE(exec(u"rm -rf /workspace/victim && ln -s /etc /workspace/victim"_s).exitCode, 0);
        QSignalSpy failed(editor, &EditorTab::saveFailed);
        editor->save();
        QVERIFY(failed.wait(30000));
        QCOMPARE(editor->saveError().type(), u"invalid_path"_s);
        QVERIFY(editor->isModified());
        QCOMPARE(editor->text(), u"my precious edit\n"_s);
        QVERIFY(browser.tabs()->tabText(browser.tabs()->indexOf(editor)).endsWith(u'*'));
        QVERIFY2(editor->messageText().contains(editor->saveError().requestId()),
                 qPrintable(editor->messageText()));
        QVERIFY(editor->messageText().startsWith(u"Could not save"_s));

        // Closing asks; "no" keeps the tab, "yes" closes it.
        int asked = 0;
        bool answer = false;
        m_prompter.answer = [&](const Question &q) {
            if (AnsweringPrompter::is(q, u"Discard"))
                ++asked;
            return answer;
        };
        QVERIFY(!browser.closeEditor(editor));
        QCOMPARE(browser.tabs()->count(), 2);
        answer = true;
        QVERIFY(browser.closeEditor(editor));
        QCOMPARE(asked, 2);
        QCOMPARE(browser.tabs()->count(), 1);

        // A lost connection: the edit stays too.
        Orkestr::Client dead;
        dead.setBaseUrl(QUrl(u"http://127.0.0.1:1"_s));
        dead.setToken(u"ork_x"_s);
        dead.setMaxRetries(0);
        OrkestrSession::RemoteFiles deadFiles(&dead, m_id, &m_prompter);
        EditorTab offline(&deadFiles, u"/workspace/notes.txt"_s, "one\n");
        offline.editor()->selectAll();
        offline.editor()->insertPlainText(u"changed\n"_s);
        QSignalSpy offlineFailed(&offline, &EditorTab::saveFailed);
        offline.save();
        QVERIFY(offlineFailed.wait(30000));
        QVERIFY(offline.isModified());
        QCOMPARE(offline.text(), u"changed\n"_s);
        QCOMPARE(readRemote(u"/workspace/notes.txt"_s), QByteArray("one\ntwo\nthree\n"));
        QCOMPARE(exec(u"rm -f /workspace/victim"_s).exitCode, 0);
    }

    void closingEditorsWaitsForEachAnswer()
    {
        // Answers that come later, as from a dialog: one question at a time, in turn.
        DeferredPrompter later;
        FileBrowser browser(&m_client, m_id, &later);
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QSignalSpy opened(&browser, &FileBrowser::editorOpened);
        browser.openFile(u"/workspace/hello.py"_s);
        QVERIFY(opened.wait(30000));
        browser.openFile(u"/workspace/notes.txt"_s);
        QVERIFY(opened.wait(30000));
        for (const auto &args : std::as_const(opened))
            args.first().value<EditorTab *>()->editor()->insertPlainText(u"unsaved "_s);
        QCOMPARE(browser.tabs()->count(), 3);

        QList<bool> results;
        QVERIFY(!browser.closeAllEditors([&](bool closed) { results.append(closed); }));
        QCOMPARE(later.pending.size(), 1); // only the first question so far
        later.answerNext(true);
        QCOMPARE(browser.tabs()->count(), 2);
        QCOMPARE(later.pending.size(), 1); // then the next
        QVERIFY(results.isEmpty());
        later.answerNext(false);
        QCOMPARE(results, QList<bool> {false});
        QCOMPARE(browser.tabs()->count(), 2);

        QVERIFY(!browser.closeAllEditors([&](bool closed) { results.append(closed); }));
        later.answerNext(true);
        QCOMPARE(results, (QList<bool> {false, true}));
        QCOMPARE(browser.tabs()->count(), 1);
        QVERIFY(later.pending.isEmpty());
        QCOMPARE(later.asked.size(), 3);
    }

    void lostConnectionIsShown()
    {
        Orkestr::Client dead;
        dead.setBaseUrl(QUrl(u"http://127.0.0.1:1"_s));
        dead.setToken(u"ork_x"_s);
        dead.setMaxRetries(0);
        FileBrowser browser(&dead, m_id, &m_prompter);
        QTRY_VERIFY_WITH_TIMEOUT(!browser.messageText().isEmpty(), 30000);
        QVERIFY2(browser.messageText().startsWith(u"Cannot list /workspace"_s),
                 qPrintable(browser.messageText()));
        // A sandbox that is not running: its status is in the message.
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = new Orkestr::CreateSandboxJob(params);
        QVERIFY(runJob(create));
        const QString id = create->sandbox().id;
        QVERIFY(runJob(new Orkestr::TerminateSandboxJob(id)));
        FileBrowser gone(&m_client, id, &m_prompter);
        QTRY_VERIFY_WITH_TIMEOUT(!gone.messageText().isEmpty(), 30000);
        QVERIFY2(gone.messageText().contains(u"req_"_s), qPrintable(gone.messageText()));
    }

    void imagesBinaryAndLargeFiles()
    {
        QImage image(20, 10, QImage::Format_RGB32);
        image.fill(Qt::red);
        QBuffer png;
        png.open(QIODevice::WriteOnly);
        QVERIFY(image.save(&png, "PNG"));
        QVERIFY(writeRemote(u"/workspace/red.png"_s, png.data()));
        QVERIFY(writeRemote(u"/workspace/blob.bin"_s,
                            QByteArray("\x7f"
                                       "ELF\x00\x01\x02",
                                       7)));
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QSignalSpy opened(&browser, &FileBrowser::editorOpened);
        browser.openFile(u"/workspace/red.png"_s);
        QVERIFY(opened.wait(30000));
        QCOMPARE(opened.takeFirst().first().value<EditorTab *>()->kind(), EditorTab::Kind::Image);
        browser.openFile(u"/workspace/blob.bin"_s);
        QVERIFY(opened.wait(30000));
        auto *hex = opened.takeFirst().first().value<EditorTab *>();
        QCOMPARE(hex->kind(), EditorTab::Kind::Hex);
        auto *view = hex->findChild<QPlainTextEdit *>(u"hexView"_s);
        QVERIFY(view && view->isReadOnly());
        QVERIFY(view->toPlainText().startsWith(u"00000000  7f 45 4c 46 00 01 02"_s));

        // Above the limit it asks; "no" opens nothing.
        int asked = 0;
        m_prompter.answer = [&](const Question &q) {
            asked += AnsweringPrompter::is(q, u"Open");
            return false;
        };
        browser.setOpenLimit(4);
        browser.openFile(u"/workspace/notes.txt"_s);
        QCOMPARE(asked, 1);
        QVERIFY(!opened.wait(1000));
        QVERIFY(!browser.editorFor(u"/workspace/notes.txt"_s));
        QCOMPARE(exec(u"rm -f /workspace/red.png /workspace/blob.bin"_s).exitCode, 0);
    }

    void newFolderRenameAndDelete()
    {
        FileBrowser browser(&m_client, m_id, &m_prompter);
        QVERIFY(waitLoaded(browser, u"/workspace"_s));
        QSignalSpy done(&browser, &FileBrowser::actionFinished);
        bool answer = false;
        m_prompter.answer = [&](const Question &) {
            return answer;
        };

        // A name with a quote and a leading dash: quoting and "--" keep it one literal name.
        const QString odd = u"-it's a dir"_s;
        QVERIFY(browser.newFolder(odd));
        auto [ok, message] = waitAction(done);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(exec(u"test -d \"/workspace/-it's a dir\""_s).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(browser.visibleNames().contains(odd), 30000);

        QVERIFY(browser.newFile(u"new.txt"_s));
        std::tie(ok, message) = waitAction(done);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(readRemote(u"/workspace/new.txt"_s), QByteArray());
        QTRY_VERIFY_WITH_TIMEOUT(browser.visibleNames().contains(u"new.txt"_s), 30000);
        QVERIFY(!browser.newFile(u"new.txt"_s)); // exists
        done.clear();

        QVERIFY(browser.rename(u"/workspace/new.txt"_s, u"renamed.txt"_s));
        std::tie(ok, message) = waitAction(done);
        QVERIFY2(ok, qPrintable(message));
        QTRY_VERIFY_WITH_TIMEOUT(browser.visibleNames().contains(u"renamed.txt"_s)
                                     && !browser.visibleNames().contains(u"new.txt"_s),
                                 30000);
        // Moving onto a folder moves into it.
        QVERIFY(browser.rename(u"/workspace/renamed.txt"_s, u"/workspace/"_s + odd));
        std::tie(ok, message) = waitAction(done);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(exec(u"test -f \"/workspace/-it's a dir/renamed.txt\""_s).exitCode, 0);

        // Traversal names are refused with a clear message, before any request.
        QVERIFY(!browser.newFile(u"../etc/x"_s));
        std::tie(ok, message) = waitAction(done);
        QVERIFY(!ok);
        QVERIFY2(message.contains(u"not a valid name"_s), qPrintable(message));
        QCOMPARE(browser.messageText(), message);
        QVERIFY(!browser.newFolder(u".."_s));
        done.clear();
        QVERIFY(!browser.rename(u"/workspace/hello.py"_s, u"../../etc/x"_s));
        done.clear();
        QVERIFY(!browser.rename(u"/workspace/hello.py"_s, u"/workspace/../etc/x"_s));
        done.clear();
        QCOMPARE(exec(u"test -e /etc/x"_s).exitCode, 1);

        // Delete: "no" keeps it; "yes" deletes the folder recursively.
        QVERIFY(!browser.remove(u"/workspace/"_s + odd));
        done.clear();
        QCOMPARE(exec(u"test -d \"/workspace/-it's a dir\""_s).exitCode, 0);
        answer = true;
        QVERIFY(browser.remove(u"/workspace/"_s + odd));
        std::tie(ok, message) = waitAction(done);
        QVERIFY2(ok, qPrintable(message));
        QCOMPARE(exec(u"test -e \"/workspace/-it's a dir\""_s).exitCode, 1);
        QTRY_VERIFY_WITH_TIMEOUT(!browser.visibleNames().contains(odd), 30000);
        QVERIFY(!browser.remove(u"/workspace"_s)); // the root stays
    }

    void readOnlyDisablesWrites()
    {
        FilesPanel panel(&m_client, &m_prompter);
        Orkestr::Sandbox sandbox;
        sandbox.id = m_id;
        sandbox.status = Orkestr::Sandbox::Status::Running;
        panel.showSandbox(sandbox);
        FileBrowser *browser = panel.currentBrowser();
        QVERIFY(browser);
        QVERIFY(waitLoaded(*browser, u"/workspace"_s));
        QSignalSpy opened(browser, &FileBrowser::editorOpened);
        browser->openFile(u"/workspace/notes.txt"_s);
        QVERIFY(opened.wait(30000));
        auto *editor = opened.first().first().value<EditorTab *>();
        QVERIFY(!editor->editor()->isReadOnly());

        panel.setReadOnly(true);
        QVERIFY(!browser->canWriteHere());
        QVERIFY(editor->editor()->isReadOnly());
        QCOMPARE(editor->replaceAll(u"one"_s, u"1"_s), 0);
        const QStringList writes {tr("Upload…"),     tr("Upload Folder…"), tr("New File…"),
                                  tr("New Folder…"), tr("Rename/Move…"),   tr("Delete")};
        int seen = 0;
        for (QAction *action : browser->findChildren<QAction *>()) {
            if (writes.contains(action->text())) {
                ++seen;
                QVERIFY2(!action->isEnabled(), qPrintable(action->text()));
            }
        }
        QCOMPARE(seen, writes.size());
        QVERIFY(!browser->newFolder(u"nope"_s));
        QVERIFY(!browser->remove(u"/workspace/notes.txt"_s));
        QCOMPARE(browser->upload({m_local.path()}, u"/workspace"_s), 0);

        // Another sandbox gets its own browser; the first one survives switching.
        Orkestr::Sandbox other = sandbox;
        other.id = u"sbx_other"_s;
        panel.showSandbox(other);
        QVERIFY(panel.currentBrowser() != browser);
        QVERIFY(!panel.currentBrowser()->canWriteHere());
        panel.showSandbox(sandbox);
        QCOMPARE(panel.currentBrowser(), browser);
        QCOMPARE(browser->tabs()->count(), 2);
        panel.setReadOnly(false);
        QVERIFY(browser->canWriteHere());
        // An unsaved edit: closing everything asks, and "no" keeps it.
        editor->editor()->moveCursor(QTextCursor::End);
        editor->editor()->insertPlainText(u"four\n"_s);
        QVERIFY(panel.hasUnsavedChanges());
        int asked = 0;
        bool answer = false;
        m_prompter.answer = [&](const Question &q) {
            asked += AnsweringPrompter::is(q, u"Discard");
            return answer;
        };
        QVERIFY(!panel.closeAllEditors());
        QCOMPARE(browser->tabs()->count(), 2);
        answer = true;
        QVERIFY(panel.closeAllEditors());
        QCOMPARE(asked, 2);
        QVERIFY(!panel.hasUnsavedChanges());
        panel.forgetSandbox(u"sbx_other"_s);
        QVERIFY(!panel.browser(u"sbx_other"_s));
    }
};

QTEST_MAIN(TestFiles)
#include "tst_files.moc"
