#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

#include <functional>

namespace OrkestrLocal {

// A piece of an exec's output as it was read, numbered in the order written across both streams.
struct OutputChunk
{
    qint64 index = 0;
    int stream = 0; // 0 stdout, 1 stderr
    qint64 offset = 0;
    QByteArray data;
};

// Exec output on disk, append-only, one directory per exec:
//   <dir>/<sandbox_id>/<exec_id>/index            16 bytes per chunk, in the order written
//   <dir>/<sandbox_id>/<exec_id>/stdout-<n>.seg   bytes [n * SegmentBytes, (n + 1) * SegmentBytes)
//   <dir>/<sandbox_id>/<exec_id>/stderr-<n>.seg   of that stream
// A byte's place is its stream offset, so retention drops a stream's oldest segments by unlinking
// them and a reader finds any offset without a lookup. The index keeps the order across the two
// streams. Data is written before its index entry: after a crash the index never names missing
// bytes, and the bytes it does not name are not output. Everything runs on the caller's thread
// (the event loop): an append is a pwrite of the data and one of the entry into the page cache.
class ExecOutputStore
{
public:
    static constexpr qint64 SegmentBytes = 1024 * 1024;

    explicit ExecOutputStore(QString dir);
    ~ExecOutputStore();
    ExecOutputStore(const ExecOutputStore &) = delete;
    ExecOutputStore &operator=(const ExecOutputStore &) = delete;

    // Creates the directory and reads what is kept (the streams' lengths and first kept bytes).
    bool open(QString *error);

    // Records bytes of one stream; returns the chunk's index and offset (data left empty).
    OutputChunk append(const QString &sandboxId, const QString &execId, int stream, QByteArrayView bytes);
    // The exec ended: its files are closed (a later append would open them again).
    void finish(const QString &execId);

    // The chunks after index, in order, at most limit of them; bytes dropped by retention are
    // left out (a chunk partly dropped starts at the first byte kept).
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
        qint64 chunks = 0;
        qint64 written[2] = {0, 0};
        qint64 retainedFrom[2] = {0, 0};
        qint64 firstSegment[2] = {0, 0};
        // Open while the exec writes.
        int indexFd = -1;
        int segmentFd[2] = {-1, -1};
        qint64 segmentNumber[2] = {-1, -1};
        bool failed = false; // a write failed (logged once)
    };
    QString execDir(const QString &sandboxId, const QString &execId) const;
    static QString segmentName(int stream, qint64 number);
    void loadExec(const QString &sandboxId, const QString &execId);
    bool writeData(Exec &exec, const QString &execId, int stream, qint64 offset, QByteArrayView bytes);
    void closeFiles(Exec &exec);
    void writeFailed(Exec &exec, const QString &execId, const char *what);

    QString m_dir;
    QHash<QString, Exec> m_execs;
};

} // namespace OrkestrLocal
