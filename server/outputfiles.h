#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

// The files of exec output (see ExecOutputStore): shared by its reader, which reads them on
// threads of its own, and its writer, which writes them on another.
namespace OrkestrLocal {

// A piece of an exec's output as it was read, numbered in the order written across both streams.
struct OutputChunk
{
    qint64 index = 0;
    int stream = 0; // 0 stdout, 1 stderr
    qint64 offset = 0;
    QByteArray data;
};

namespace OutputFiles {

constexpr qint64 SegmentBytes = 1024 * 1024;
// One chunk in the index: where it starts in its stream, how long it is, which stream.
constexpr qint64 EntryBytes = 16;
// How many index entries one read takes (4 KiB).
constexpr qint64 EntriesPerRead = 256;

struct Entry
{
    qint64 offset = 0;
    qint64 length = 0;
    int stream = 0;
};

void encode(const Entry &entry, char *out);
// The entries [first, first + count) of an index (fewer if it cannot be read).
QList<Entry> readEntries(int fd, qint64 first, qint64 count);
// Repeat pwrite or pread until all of size is done; false on an error or the end of the file.
bool writeAll(int fd, const char *data, qint64 size, qint64 position);
bool readAll(int fd, char *data, qint64 size, qint64 position);
int openFile(const QString &path, int flags);
void closeFd(int &fd);

QString execDir(const QString &root, const QString &sandboxId, const QString &execId);
// "/stdout-<n>.seg" or "/stderr-<n>.seg", to append to an exec's directory.
QString segmentName(int stream, qint64 number);

} // namespace OutputFiles
} // namespace OrkestrLocal
