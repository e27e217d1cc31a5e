#pragma once

#include "core/base64streamdecoder.h"
#include "core/jsonjobs.h"
#include "core/sandbox.h"

#include <QBuffer>

#include <memory>
#include <optional>

namespace Orkestr {

// GET /v1/sandboxes/{id}/files?path=P. The base64 content is decoded chunk by chunk as it
// arrives, into the given device (a file of any size) or into memory when there is none.
class ReadFileJob : public Job
{
    Q_OBJECT
public:
    // `target` (not owned) must be open for writing. A random-access target is rewound for a
    // retry; a sequential one cannot be, so then the read is not retried.
    ReadFileJob(const QString &sandboxId, const QString &path, QIODevice *target = nullptr,
                QObject *parent = nullptr);
    ~ReadFileJob() override;

    // The content, when read into memory.
    QByteArray bytes() const { return m_buffer.data(); }
    QString text() const { return QString::fromUtf8(m_buffer.data()); }
    QString path() const { return m_path; }
    // The size the server announced, and the bytes decoded so far.
    qint64 size() const { return m_size; }
    qint64 bytesDecoded() const { return m_decoder ? m_decoder->decodedBytes() : 0; }

protected:
    ApiError onResponseData(const QByteArray &data) override;
    ApiError onResponseFinished(const QByteArray &collected) override;
    void resetForRetry() override;

private:
    ApiError decodeError() const;

    QIODevice *m_target;
    QBuffer m_buffer;
    qint64 m_startPos = 0;
    std::unique_ptr<Base64StreamDecoder> m_decoder;
    QString m_path;
    qint64 m_size = -1;
};

// files.readBytes: the same request, read into memory.
class ReadFileBytesJob : public ReadFileJob
{
    Q_OBJECT
public:
    ReadFileBytesJob(const QString &sandboxId, const QString &path, QObject *parent = nullptr);
};

// PUT /v1/sandboxes/{id}/files. The body is encoded chunk by chunk from a device, so a large
// file is never held in memory. Parent directories are created by the server.
class WriteFileJob : public ObjectJob<FileEntry>
{
    Q_OBJECT
public:
    // Text, sent as UTF-8.
    WriteFileJob(const QString &sandboxId, const QString &path, const QString &text,
                 std::optional<int> mode = {}, QObject *parent = nullptr);
    // `size` bytes from `source` (not owned, open for reading) from its current position; -1 for
    // the rest of a random-access device. A random-access source is rewound for a retry; a
    // sequential one cannot be, so then the write is not retried.
    WriteFileJob(const QString &sandboxId, const QString &path, QIODevice *source, qint64 size = -1,
                 std::optional<int> mode = {}, QObject *parent = nullptr);

    FileEntry entry() const { return value(); }

protected:
    WriteFileJob(const QString &sandboxId, const QString &path, const QByteArray &bytes,
                 std::optional<int> mode, QObject *parent);
    QIODevice *createUploadDevice(qint64 *size) override;
    ApiError preflightError() const override { return m_sourceError; }

private:
    void init(const QString &path, std::optional<int> mode, qint64 size);

    QBuffer m_buffer; // the source for in-memory content
    QIODevice *m_source = nullptr;
    qint64 m_startPos = 0;
    qint64 m_size = 0;
    bool m_attempted = false;
    QJsonObject m_fields;
    ApiError m_sourceError;
};

// files.writeBytes
class WriteFileBytesJob : public WriteFileJob
{
    Q_OBJECT
public:
    WriteFileBytesJob(const QString &sandboxId, const QString &path, const QByteArray &bytes,
                      std::optional<int> mode = {}, QObject *parent = nullptr);
};

// GET /v1/sandboxes/{id}/files/list?path=P, sorted by name.
class ListFilesJob : public Job
{
    Q_OBJECT
public:
    ListFilesJob(const QString &sandboxId, const QString &path, QObject *parent = nullptr);
    QList<FileEntry> entries() const { return m_entries; }
    QString path() const { return m_path; }

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    QList<FileEntry> m_entries;
    QString m_path;
};

// DELETE /v1/sandboxes/{id}/files?path=P[&recursive=true]
class DeleteFileJob : public Job
{
    Q_OBJECT
public:
    DeleteFileJob(const QString &sandboxId, const QString &path, bool recursive = false,
                  QObject *parent = nullptr);

protected:
    ApiError onResponseFinished(const QByteArray &) override { return {}; }
};

// The query of the file endpoints: the path percent-encoded, so '&', '+' or '#' in a file name
// cannot change the request.
QUrlQuery fileQuery(const QString &path);

} // namespace Orkestr
