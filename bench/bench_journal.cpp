// bench_journal (issue 16): what the activity journal costs on the server's event loop.
// - one event appended (committed) in WAL mode: latency median, p99 and max over 10,000;
// - exec output kept two ways, 256 MiB in chunks as the pipes give them (64 KiB and 4 KiB):
//   appended to a file per exec, or inserted as rows of the journal's database. Throughput and
//   the worst single write (what one chunk can hold up the event loop).
// - the server's own ExecOutputStore (segment files and an index per exec), as the event loop
//   calls it, alternating stdout and stderr chunks, with the retention of a 256 MiB budget: the
//   latency of an append on the loop (it queues the chunk) and the throughput until written.
// Figures go to docs/server.md ("Activity journal").

#include "server/journal.h"
#include "server/outputretention.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>
#include <functional>

using namespace Qt::StringLiterals;
using namespace OrkestrLocal;

namespace {
struct Latencies
{
    QList<qint64> ns;
    void print(const char *what) const
    {
        QList<qint64> sorted = ns;
        std::sort(sorted.begin(), sorted.end());
        const auto at = [&](double q) {
            return double(sorted.at(qsizetype(q * double(sorted.size() - 1)))) / 1000.0;
        };
        std::printf("%-44s median %8.1f us  p99 %8.1f us  max %8.1f us\n", what, at(0.5), at(0.99), at(1.0));
    }
};

// Writes `total` bytes in chunks, `write` taking the offset of each, and times each chunk; `finish`
// (if any) ends the writing within the whole's time. Prints the rate as `what` and the chunks'
// latencies as `chunkWhat`.
void timeChunks(const char *what, const char *chunkWhat, qsizetype chunk, qint64 total,
                const std::function<void(qint64 offset)> &write, const std::function<void()> &finish = {})
{
    Latencies latencies;
    QElapsedTimer all;
    all.start();
    for (qint64 written = 0; written < total; written += chunk) {
        QElapsedTimer one;
        one.start();
        write(written);
        latencies.ns.append(one.nsecsElapsed());
    }
    if (finish)
        finish();
    const double seconds = double(all.nsecsElapsed()) / 1e9;
    std::printf("%s, %5lld KiB chunks: %7.1f MiB/s\n", what, qlonglong(chunk / 1024),
                double(total) / 1048576.0 / seconds);
    latencies.print(chunkWhat);
}

void outputToFile(const QString &dir, qsizetype chunk, qint64 total)
{
    QFile file(dir + u"/exec-output.bin"_s);
    if (!file.open(QIODevice::WriteOnly))
        return;
    const QByteArray bytes(chunk, 'x');
    timeChunks("file per exec", "  one chunk", chunk, total, [&](qint64) {
        file.write(bytes);
        file.flush();
    });
    file.remove();
}

void outputToStore(Journal &journal, qsizetype chunk, qint64 total)
{
    OutputRetention retention(journal.output(), 256LL * 1024 * 1024);
    const QByteArray bytes(chunk, 'x');
    const QString sandboxId = u"sbx_bench"_s;
    const QString execId = u"exe_bench%1"_s.arg(chunk);
    int stream = 0;
    timeChunks(
        "ExecOutputStore", "  one chunk (with retention)", chunk, total,
        [&](qint64) {
            const OutputChunk recorded = journal.appendOutput(sandboxId, execId, stream, bytes);
            retention.recorded(sandboxId, execId, stream, recorded.offset, chunk);
            stream = 1 - stream;
        },
        [&] {
            journal.output().finish(execId);
            // The appends only queue the chunks for the writer's thread: the throughput counts
            // until they are written, the latencies are what the event loop pays.
            journal.output().flush();
        });
    journal.output().forget(sandboxId);
}

void outputToDatabase(Journal &journal, qsizetype chunk, qint64 total)
{
    QSqlQuery create(journal.database());
    create.exec(u"CREATE TABLE IF NOT EXISTS output (exec_id TEXT, idx INTEGER, stream INTEGER, "
                "offset INTEGER, data BLOB, PRIMARY KEY (exec_id, idx)) WITHOUT ROWID"_s);
    const QByteArray bytes(chunk, 'x');
    QSqlQuery insert(journal.database());
    insert.prepare(u"INSERT INTO output VALUES (?, ?, 0, ?, ?)"_s);
    qint64 index = 0;
    timeChunks("rows in the database", "  one chunk", chunk, total, [&](qint64 written) {
        insert.bindValue(0, u"exe_bench%1"_s.arg(chunk));
        insert.bindValue(1, index++);
        insert.bindValue(2, written);
        insert.bindValue(3, bytes);
        insert.exec();
    });
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    Journal journal;
    QString error;
    if (!dir.isValid() || !journal.open(dir.path() + u"/journal.sqlite"_s, &error)) {
        std::fprintf(stderr, "bench_journal: %s\n", qPrintable(error));
        return 1;
    }
    Latencies appends;
    const QJsonObject data {{u"exec_id"_s, u"exe_01JD3Q9A0000000000000000000"_s},
                            {u"command"_s, u"python main.py --input data.csv"_s},
                            {u"cwd"_s, u"/workspace"_s}};
    for (int i = 0; i < 10000; ++i) {
        QElapsedTimer one;
        one.start();
        journal.append(u"sbx_bench%1"_s.arg(i % 20), u"exec.started"_s, Actor::system(u"error"_s), data);
        appends.ns.append(one.nsecsElapsed());
    }
    appends.print("append one event (10,000, WAL, NORMAL)");

    constexpr qint64 Total = 256LL * 1024 * 1024;
    for (const qsizetype chunk : {qsizetype(64 * 1024), qsizetype(4 * 1024)}) {
        outputToFile(dir.path(), chunk, Total);
        outputToStore(journal, chunk, Total);
        outputToDatabase(journal, chunk, Total);
    }
    return 0;
}
