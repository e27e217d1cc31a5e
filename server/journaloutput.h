#pragma once

#include "server/outputfiles.h"
#include "server/outputreader.h"
#include "server/outputwriter.h"

#include <QHash>
#include <QList>
#include <QString>

#include <functional>
#include <memory>
#include <optional>

class QObject;

namespace OrkestrLocal {

// Exec output on disk, append-only, one directory per exec:
//   <dir>/<sandbox_id>/<exec_id>/index            16 bytes per chunk, in the order written
//   <dir>/<sandbox_id>/<exec_id>/stdout-<n>.seg   bytes [n * SegmentBytes, (n + 1) * SegmentBytes)
//   <dir>/<sandbox_id>/<exec_id>/stderr-<n>.seg   of that stream
// A byte's place is its stream offset, so retention drops a stream's oldest segments by unlinking
// them and a reader finds any offset without a lookup. The index keeps the order across the two
// streams. Data is written before its index entry: after a crash the index never names missing
// bytes, and the bytes it does not name are not output. The accounting lives here, on the
// caller's thread (the event loop); the writes happen on ExecOutputWriter's thread, the reads of
// the files on ExecOutputReader's, and reads take what is not written yet from the writer's queue.
class ExecOutputStore
{
public:
    static constexpr qint64 SegmentBytes = OutputFiles::SegmentBytes;

    // waitOver: see ExecOutputWriter (called on the writer's thread).
    explicit ExecOutputStore(QString dir, std::function<void()> waitOver = {});
    ~ExecOutputStore();
    ExecOutputStore(const ExecOutputStore &) = delete;
    ExecOutputStore &operator=(const ExecOutputStore &) = delete;

    // Creates the directory and reads what is kept (the streams' lengths and first kept bytes).
    bool open(QString *error);

    // Records bytes of one stream (queued for the writer, sharing them); returns the chunk's
    // index and offset (data left empty).
    OutputChunk append(const QString &sandboxId, const QString &execId, int stream, const QByteArray &bytes);
    // The exec ended: its files are closed (a later append would open them again).
    void finish(const QString &execId);

    // Whether the writer's queue takes more now (else waitOver is called once it does), and
    // whether all of an exec's output is written (else waitOver is called once it is).
    bool hasRoom() { return m_writer->hasRoom(); }
    bool isStored(const QString &execId) { return m_writer->isStored(execId); }
    // Whether the exec's output is still being recorded (false after a failed write).
    bool isRecording(const QString &execId) const { return m_writer->isRecording(execId); }
    // Blocks until everything appended is written: for tests and benchmarks only.
    void flush() { m_writer->flush(); }

    struct Page
    {
        QList<OutputChunk> chunks;
        qint64 last = -1; // the next read goes on after this chunk
    };
    using PageReceiver = std::function<void(Page page)>;
    // The chunks after index, in order, at most limit of them, stopping after the one that
    // reaches maxBytes; bytes dropped by retention are left out (a chunk partly dropped starts at
    // the first byte kept). Without the disk (the chunks are still queued for the writer, or
    // there are none: then last is index) the page is returned. Else the files are read on a
    // reader thread and nullopt returned; done gets the page later on this thread, unless
    // context is gone by then. A chunk that cannot be read is left out, unless retention
    // dropped bytes of it meanwhile: then the page ends before it, to be read again.
    std::optional<Page> read(const QString &execId, qint64 index, int limit, qint64 maxBytes,
                             QObject *context, PageReceiver done);
    // The same, reading the files on the caller's thread: for tests and tools, never the event loop.
    QList<OutputChunk> after(const QString &execId, qint64 index, int limit) const;
    qint64 chunkCount(const QString &execId) const;
    qint64 written(const QString &execId, int stream) const;
    qint64 retainedFrom(const QString &execId, int stream) const;

    struct Segment
    {
        QString sandboxId;
        QString execId;
        int stream;
        qint64 number;
    };
    // The segments kept, oldest exec first (ULIDs sort by time), for the retention's accounting.
    QList<Segment> segments() const;
    // Retention: drops a stream's segments up to and including number.
    void dropSegmentsThrough(const QString &execId, int stream, qint64 number);

    // Removes a sandbox's output (its retention ended).
    void forget(const QString &sandboxId);
    // Removes the output of sandboxes the server no longer knows (left by a crash mid-forget).
    void forgetAllBut(const std::function<bool(const QString &sandboxId)> &known);

private:
    struct Exec
    {
        QString sandboxId;
        qint64 chunks = 0; // appended, written or not
        qint64 written[2] = {0, 0};
        qint64 retainedFrom[2] = {0, 0};
        qint64 firstSegment[2] = {0, 0};
    };
    void loadExec(const QString &sandboxId, const QString &execId);
    // A read of the chunks in [index + 1, end) of the exec's index file.
    ExecOutputReader::Request fileRead(const Exec &exec, const QString &execId, qint64 index, qint64 end,
                                       int limit, qint64 maxBytes) const;
    // The chunks of the writer's queue after index: at most limit, up to maxBytes.
    static Page queuedPage(const Exec &exec, qint64 index, const QList<OutputChunk> &queued, int limit,
                           qint64 maxBytes);

    QString m_dir;
    QHash<QString, Exec> m_execs;
    std::unique_ptr<ExecOutputWriter> m_writer;
    // Ends before the writer and the accounting, dropping answers not delivered yet.
    std::unique_ptr<ExecOutputReader> m_reader;
};

} // namespace OrkestrLocal
