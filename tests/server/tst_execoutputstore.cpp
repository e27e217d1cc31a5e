// ExecOutputStore and OutputRetention (server/journaloutput.*, server/outputretention.*) on a
// temporary directory: the order across streams, retention by whole segments with the 8 MiB
// floor per stream, and a store opened again on the same files (the server's restart), also
// after a torn index entry and bytes written past the index (a SIGKILL between the two writes).
// The writes happen on the store's writer thread: an append returns while the disk is stuck (a
// FIFO where a segment goes), readers get what is queued, and the queue's memory is bounded.
// The reads of the files happen on the store's reader threads: a read returns while the disk is
// stuck, and its page comes back on the caller's thread.

#include "server/journaloutput.h"
#include "server/outputretention.h"
#include "stucksegment.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <optional>
#include <thread>

using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

namespace {
constexpr qint64 MiB = 1024 * 1024;
const QString Sandbox = u"sbx_01TEST"_s;

// Everything the store returns for an exec, chunk by chunk from the start.
QList<OutputChunk> everything(const ExecOutputStore &store, const QString &execId)
{
    QList<OutputChunk> all;
    qint64 index = -1;
    while (true) {
        const auto page = store.after(execId, index, 7);
        if (page.isEmpty())
            return all;
        all += page;
        index = page.last().index;
    }
}

QByteArray text(const QList<OutputChunk> &chunks, int stream)
{
    QByteArray bytes;
    for (const auto &chunk : chunks)
        if (chunk.stream == stream)
            bytes += chunk.data;
    return bytes;
}
} // namespace

class TestExecOutputStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void keepsTheOrderAcrossStreamsAndSurvivesAReopen()
    {
        QTemporaryDir dir;
        QString error;
        QByteArray out, err;
        {
            ExecOutputStore store(dir.path());
            QVERIFY(store.open(&error));
            // Chunks that cross segment boundaries, alternating streams.
            for (int i = 0; i < 40; ++i) {
                const int stream = i % 3 == 0 ? 1 : 0;
                const QByteArray bytes(100 * 1024 + i, char('a' + i % 26));
                const auto chunk = store.append(Sandbox, u"exe_1"_s, stream, bytes);
                QCOMPARE(chunk.index, qint64(i));
                QCOMPARE(chunk.offset, qint64((stream == 0 ? out : err).size()));
                (stream == 0 ? out : err) += bytes;
            }
            store.finish(u"exe_1"_s);
            const auto all = everything(store, u"exe_1"_s);
            QCOMPARE(all.size(), 40);
            for (int i = 0; i < 40; ++i) {
                QCOMPARE(all[i].index, qint64(i));
                QCOMPARE(all[i].stream, i % 3 == 0 ? 1 : 0);
            }
            QCOMPARE(text(all, 0), out);
            QCOMPARE(text(all, 1), err);
            QCOMPARE(store.written(u"exe_1"_s, 0), qint64(out.size()));
        }
        // A torn last index entry and stdout bytes past the index: neither is output.
        const QString execDir = dir.path() + u'/' + Sandbox + u"/exe_1"_s;
        QFile index(execDir + u"/index"_s);
        QVERIFY(index.open(QIODevice::Append));
        index.write("\x01\x02\x03\x04\x05");
        index.close();
        const qint64 last = (out.size() - 1) / ExecOutputStore::SegmentBytes;
        QFile segment(execDir + u"/stdout-%1.seg"_s.arg(last));
        QVERIFY(segment.open(QIODevice::Append));
        segment.write("not in the index");
        segment.close();

        ExecOutputStore reopened(dir.path());
        QVERIFY(reopened.open(&error));
        QCOMPARE(reopened.chunkCount(u"exe_1"_s), qint64(40));
        QCOMPARE(reopened.written(u"exe_1"_s, 0), qint64(out.size()));
        QCOMPARE(reopened.written(u"exe_1"_s, 1), qint64(err.size()));
        QCOMPARE(reopened.retainedFrom(u"exe_1"_s, 0), qint64(0));
        const auto all = everything(reopened, u"exe_1"_s);
        QCOMPARE(text(all, 0), out);
        QCOMPARE(text(all, 1), err);
        // Appending after the reopen goes on at the end of the index.
        const auto next = reopened.append(Sandbox, u"exe_1"_s, 0, "tail");
        QCOMPARE(next.index, qint64(40));
        QCOMPARE(next.offset, qint64(out.size()));
        QCOMPARE(reopened.after(u"exe_1"_s, 39, 10).first().data, QByteArray("tail"));
    }

    void retentionDropsOldestSegmentsAndKeepsTheFloor()
    {
        QTemporaryDir dir;
        QString error;
        ExecOutputStore store(dir.path());
        QVERIFY(store.open(&error));
        OutputRetention retention(store, 16 * MiB);
        const QByteArray chunk(64 * 1024, 'x');
        const auto write = [&](const QString &execId, int stream, qint64 bytes) {
            for (qint64 done = 0; done < bytes; done += chunk.size()) {
                const auto recorded = store.append(Sandbox, execId, stream, chunk);
                retention.recorded(Sandbox, execId, stream, recorded.offset, chunk.size());
            }
        };
        // An older exec of 12 MiB stdout and 1 MiB stderr, then a newer one of 30 MiB.
        write(u"exe_1"_s, 0, 12 * MiB);
        write(u"exe_1"_s, 1, 1 * MiB);
        write(u"exe_2"_s, 0, 30 * MiB);
        // The older exec loses what is below its floor first, its stderr nothing (all in the
        // floor); the newer one is cut down to about its last 8 MiB.
        QCOMPARE(store.retainedFrom(u"exe_1"_s, 0), 4 * MiB);
        QCOMPARE(store.retainedFrom(u"exe_1"_s, 1), qint64(0));
        const qint64 from = store.retainedFrom(u"exe_2"_s, 0);
        QVERIFY2(from % MiB == 0 && from >= 30 * MiB - 16 * MiB && from <= 30 * MiB - 8 * MiB,
                 qPrintable(QString::number(from)));
        store.flush();
        QVERIFY(!QFile::exists(dir.path() + u'/' + Sandbox + u"/exe_1/stdout-3.seg"_s));
        QVERIFY(QFile::exists(dir.path() + u'/' + Sandbox + u"/exe_1/stdout-4.seg"_s));
        // Reading starts at the first byte kept.
        const auto kept = everything(store, u"exe_2"_s);
        QCOMPARE(kept.first().offset, from);
        QCOMPARE(qint64(text(kept, 0).size()), 30 * MiB - from);

        // Opened again: the same kept output, and the retention's accounting goes on from it.
        ExecOutputStore reopened(dir.path());
        QVERIFY(reopened.open(&error));
        QCOMPARE(reopened.retainedFrom(u"exe_1"_s, 0), 4 * MiB);
        QCOMPARE(reopened.retainedFrom(u"exe_2"_s, 0), from);
        OutputRetention again(reopened, 16 * MiB);
        again.load();
        const auto recorded = reopened.append(Sandbox, u"exe_2"_s, 0, QByteArray(2 * MiB, 'y'));
        again.recorded(Sandbox, u"exe_2"_s, 0, recorded.offset, 2 * MiB);
        QVERIFY(reopened.retainedFrom(u"exe_2"_s, 0) > from);
    }

    void outputWhoseRecordingFailedTakesNoRoom()
    {
        QTemporaryDir dir;
        QString error;
        ExecOutputStore store(dir.path());
        QVERIFY(store.open(&error));
        OutputRetention retention(store, 24 * MiB);
        const QByteArray chunk(MiB, 'k');
        const auto write = [&](const QString &execId, qint64 bytes) {
            for (qint64 done = 0; done < bytes; done += chunk.size()) {
                const auto recorded = store.append(Sandbox, execId, 0, chunk);
                retention.recorded(Sandbox, execId, 0, recorded.offset, chunk.size());
            }
        };
        // 20 MiB of an older exec, within the budget.
        write(u"exe_1"_s, 20 * MiB);
        store.flush();
        // The newer exec's disk is full: its first segment is /dev/full (every write: ENOSPC).
        const QString fullDir = dir.path() + u'/' + Sandbox + u"/exe_2"_s;
        QVERIFY(QDir().mkpath(fullDir));
        QVERIFY(QFile::link(u"/dev/full"_s, fullDir + u"/stdout-0.seg"_s));
        write(u"exe_2"_s, MiB);
        store.flush();
        QVERIFY(!store.isRecording(u"exe_2"_s));
        QVERIFY(store.isRecording(u"exe_1"_s));
        // It writes on, far beyond the budget: bytes that are not kept drop none of the older ones.
        write(u"exe_2"_s, 40 * MiB);
        store.flush();
        QCOMPARE(store.written(u"exe_2"_s, 0), 41 * MiB);
        QCOMPARE(store.retainedFrom(u"exe_1"_s, 0), qint64(0));
        QCOMPARE(qint64(text(everything(store, u"exe_1"_s), 0).size()), 20 * MiB);
        QVERIFY(QFile::exists(dir.path() + u'/' + Sandbox + u"/exe_1/stdout-0.seg"_s));
    }

    void forgetRemovesASandboxsOutput()
    {
        QTemporaryDir dir;
        QString error;
        ExecOutputStore store(dir.path());
        QVERIFY(store.open(&error));
        store.append(Sandbox, u"exe_1"_s, 0, "one");
        store.append(u"sbx_02OTHER"_s, u"exe_2"_s, 0, "two");
        store.flush();
        QVERIFY(QDir(dir.path() + u"/sbx_02OTHER"_s).exists());
        store.forgetAllBut([](const QString &id) { return id == Sandbox; });
        store.flush();
        QVERIFY(!QDir(dir.path() + u"/sbx_02OTHER"_s).exists());
        QCOMPARE(store.chunkCount(u"exe_2"_s), qint64(0));
        QCOMPARE(store.chunkCount(u"exe_1"_s), qint64(1));
        store.forget(Sandbox);
        store.flush();
        QVERIFY(!QDir(dir.path() + u'/' + Sandbox).exists());
        QVERIFY(store.after(u"exe_1"_s, -1, 10).isEmpty());
    }

    void appendsReturnWhileTheDiskIsStuckAndTheQueueIsBounded()
    {
        QTemporaryDir dir;
        QString error;
        std::atomic<int> waitsOver = 0;
        ExecOutputStore store(dir.path(), [&waitsOver] { ++waitsOver; });
        QVERIFY(store.open(&error));
        // The first segment is a FIFO nobody reads: the writer's open() blocks there, as on a
        // disk that does not answer, until the reader below opens it (then its writes fail).
        const QString execDir = dir.path() + u'/' + Sandbox + u"/exe_1"_s;
        QVERIFY(QDir().mkpath(execDir));
        const QByteArray fifo = QFile::encodeName(execDir + u"/stdout-0.seg"_s);
        QCOMPARE(::mkfifo(fifo.constData(), 0600), 0);
        std::atomic<bool> released = false;
        std::thread reader([&] {
            std::this_thread::sleep_for(std::chrono::seconds(8));
            // Set before the open: the writer may run to the end (and flush() return) as soon as
            // the FIFO has a reader.
            released = true;
            const int fd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK);
            if (fd >= 0)
                ::close(fd);
        });
        const auto release = qScopeGuard([&reader] { reader.join(); });

        // Appended on this thread while the writer is stuck: each returns at once, and the
        // chunks are readable from the queue, in order.
        const QByteArray chunk(64 * 1024, 'q');
        QElapsedTimer timer;
        timer.start();
        qint64 appended = 0;
        while (store.hasRoom()) {
            store.append(Sandbox, u"exe_1"_s, int(appended % 2), chunk);
            ++appended;
            QVERIFY2(appended * chunk.size() <= ExecOutputWriter::MaxQueuedBytes, "the queue is unbounded");
        }
        const qint64 elapsedMs = timer.elapsed();
        QVERIFY2(!released, "the appends waited for the stuck disk");
        QVERIFY2(elapsedMs < 4000, qPrintable(QString::number(elapsedMs)));
        QCOMPARE(appended * chunk.size(), ExecOutputWriter::MaxQueuedBytes);
        QVERIFY(!store.isStored(u"exe_1"_s));
        const auto queued = everything(store, u"exe_1"_s);
        QCOMPARE(qint64(queued.size()), appended);
        for (qint64 i = 0; i < appended; ++i) {
            QCOMPARE(queued[i].index, i);
            QCOMPARE(queued[i].stream, int(i % 2));
            QCOMPARE(queued[i].data, chunk);
        }
        QCOMPARE(waitsOver.load(), 0);

        // Released: the FIFO takes no pwrite, so the exec's output is not recorded from there
        // on; the queue empties, both waits end, and what the files hold is what is read.
        store.flush();
        QVERIFY(released);
        QVERIFY(store.hasRoom());
        QVERIFY(store.isStored(u"exe_1"_s));
        QVERIFY(waitsOver.load() >= 1);
        QVERIFY(everything(store, u"exe_1"_s).isEmpty());
        QCOMPARE(store.written(u"exe_1"_s, 0), appended / 2 * chunk.size());
        // Later output of that exec is not queued at all.
        store.append(Sandbox, u"exe_1"_s, 0, chunk);
        QVERIFY(store.isStored(u"exe_1"_s));
    }

    void readsQueuedAndWrittenOutputAlike()
    {
        QTemporaryDir dir;
        QString error;
        ExecOutputStore store(dir.path());
        QVERIFY(store.open(&error));
        // A chunk appended is readable at once, written or not, and from the files once written.
        store.append(Sandbox, u"exe_1"_s, 1, "first");
        store.append(Sandbox, u"exe_1"_s, 0, "second");
        QCOMPARE(text(everything(store, u"exe_1"_s), 1), QByteArray("first"));
        store.flush();
        QVERIFY(store.isStored(u"exe_1"_s));
        QFile index(dir.path() + u'/' + Sandbox + u"/exe_1/index"_s);
        QCOMPARE(index.size(), 32);
        const auto all = everything(store, u"exe_1"_s);
        QCOMPARE(all.size(), 2);
        QCOMPARE(all[0].data, QByteArray("first"));
        QCOMPARE(all[1].data, QByteArray("second"));
    }

    void readsTheFilesOnAReaderThread()
    {
        QTemporaryDir dir;
        QString error;
        ExecOutputStore store(dir.path());
        QVERIFY(store.open(&error));
        QByteArray out;
        for (int i = 0; i < 30; ++i) {
            const QByteArray bytes(100 * 1024, char('a' + i % 26));
            store.append(Sandbox, u"exe_1"_s, 0, bytes);
            out += bytes;
        }
        store.finish(u"exe_1"_s);
        store.flush();
        QObject context;
        std::optional<ExecOutputStore::Page> answer;
        const auto receive = [&answer](ExecOutputStore::Page page) {
            answer = std::move(page);
        };

        // Written: each page is read on a reader thread and answered on this one; a page stops
        // after the chunk that reaches its bytes (6 of 100 KiB for 512 KiB).
        QList<OutputChunk> all;
        qint64 index = -1;
        int pages = 0;
        while (true) {
            answer.reset();
            const auto now = store.read(u"exe_1"_s, index, 1000, 512 * 1024, &context, receive);
            if (now) {
                // The end: nothing after the last chunk, and no disk read for that.
                QCOMPARE(now->last, index);
                QVERIFY(now->chunks.isEmpty());
                break;
            }
            QTRY_VERIFY(answer);
            ++pages;
            all += answer->chunks;
            index = answer->last;
        }
        QCOMPARE(pages, 5);
        QCOMPARE(text(all, 0), out);

        // The first segment becomes a FIFO: a reader thread's open() waits there.
        StuckSegment stuck(dir.path() + u'/' + Sandbox + u"/exe_1/stdout-0.seg"_s);
        QVERIFY(stuck.swap());
        answer.reset();
        QVERIFY(!store.read(u"exe_1"_s, -1, 1000, 512 * 1024, &context, receive));
        // Returned while the read is stuck, and another exec's output is read meanwhile (from
        // the writer's queue at once, or from its files on the other reader thread).
        store.append(Sandbox, u"exe_2"_s, 1, "other");
        std::optional<ExecOutputStore::Page> other;
        other = store.read(u"exe_2"_s, -1, 1000, 512 * 1024, &context,
                           [&other](ExecOutputStore::Page page) { other = std::move(page); });
        QTRY_VERIFY(other);
        QCOMPARE(other->chunks.size(), 1);
        QCOMPARE(other->chunks.first().data, QByteArray("other"));
        QVERIFY(!answer);
        // The stuck read is the one waiting in the FIFO: it has a reader, and no answer yet.
        // (QTRY_VERIFY evaluates its expression once more after it held: once let go, the FIFO
        // has no reader any more.)
        QTRY_VERIFY(stuck.released() || stuck.release());
        QVERIFY(!answer);
        // Let go, its chunk cannot be read from the FIFO: it is left out (retention did not drop
        // it), and the next read goes on after it, from the segment put back.
        QTRY_VERIFY(answer);
        QVERIFY(answer->chunks.isEmpty());
        QCOMPARE(answer->last, qint64(0));
        QVERIFY(stuck.putBack());
        answer.reset();
        QVERIFY(!store.read(u"exe_1"_s, 0, 1000, 512 * 1024, &context, receive));
        QTRY_VERIFY(answer);
        QCOMPARE(answer->chunks.first().index, qint64(1));
        QCOMPARE(answer->chunks.first().data, out.mid(100 * 1024, 100 * 1024));
    }
};

QTEST_GUILESS_MAIN(TestExecOutputStore)
#include "tst_execoutputstore.moc"
