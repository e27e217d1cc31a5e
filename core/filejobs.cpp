#include "core/filejobs.h"

#include "core/base64jsonencoder.h"
#include "core/jsonresponse.h"
#include "core/sandboxjobs.h"

#include <QFileDevice>
#include <QJsonArray>
#include <QUrl>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// Streamed transfers may pause while the server reads or writes the disk; allow more silence.
constexpr int FileTransferTimeoutMs = 120000;

ApiError invalidResponse(const QString &message)
{
    return ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s, message);
}
} // namespace

QUrlQuery fileQuery(const QString &path)
{
    QUrlQuery query;
    query.addQueryItem(u"path"_s, QString::fromLatin1(QUrl::toPercentEncoding(path, "/")));
    return query;
}

ReadFileJob::ReadFileJob(const QString &sandboxId, const QString &path, QIODevice *target, QObject *parent)
    : Job("GET", sandboxPath(sandboxId, u"/files"_s), parent)
    , m_target(target)
    , m_path(path)
{
    setQuery(fileQuery(path));
    setTransferTimeoutMs(FileTransferTimeoutMs);
    if (!m_target) {
        m_buffer.open(QIODevice::WriteOnly);
        m_target = &m_buffer;
    }
    if (m_target->isSequential())
        setIdempotent(false);
    else
        m_startPos = m_target->pos();
    m_decoder = std::make_unique<Base64StreamDecoder>(m_target);
}

ReadFileJob::~ReadFileJob() = default;

ApiError ReadFileJob::decodeError() const
{
    return invalidResponse(tr("Reading %1 failed: %2").arg(m_path, m_decoder->errorString()));
}

ApiError ReadFileJob::onResponseData(const QByteArray &data)
{
    if (!m_decoder->feed(data))
        return decodeError();
    return {};
}

ApiError ReadFileJob::onResponseFinished(const QByteArray &)
{
    if (!m_decoder->finish())
        return decodeError();
    const auto envelope = m_decoder->envelope();
    m_size = envelope.value(u"size"_s).toInteger(-1);
    if (m_size >= 0 && m_size != m_decoder->decodedBytes()) {
        return invalidResponse(tr("Reading %1 failed: the server announced %2 bytes but sent %3.")
                                   .arg(m_path)
                                   .arg(m_size)
                                   .arg(m_decoder->decodedBytes()));
    }
    if (m_size < 0)
        m_size = m_decoder->decodedBytes();
    return {};
}

void ReadFileJob::resetForRetry()
{
    // Forget what the failed attempt wrote, so the retry starts the file afresh.
    if (m_target == &m_buffer) {
        m_buffer.close();
        m_buffer.setData(QByteArray());
        m_buffer.open(QIODevice::WriteOnly);
    } else if (!m_target->isSequential()) {
        m_target->seek(m_startPos);
        if (auto *file = qobject_cast<QFileDevice *>(m_target))
            file->resize(m_startPos);
    }
    m_decoder = std::make_unique<Base64StreamDecoder>(m_target);
}

ReadFileBytesJob::ReadFileBytesJob(const QString &sandboxId, const QString &path, QObject *parent)
    : ReadFileJob(sandboxId, path, nullptr, parent)
{
}

WriteFileJob::WriteFileJob(const QString &sandboxId, const QString &path, const QString &text,
                           std::optional<int> mode, QObject *parent)
    : WriteFileJob(sandboxId, path, text.toUtf8(), mode, parent)
{
}

WriteFileJob::WriteFileJob(const QString &sandboxId, const QString &path, const QByteArray &bytes,
                           std::optional<int> mode, QObject *parent)
    : ObjectJob("PUT", sandboxPath(sandboxId, u"/files"_s), parent)
{
    m_buffer.setData(bytes);
    m_buffer.open(QIODevice::ReadOnly);
    m_source = &m_buffer;
    init(path, mode, bytes.size());
}

WriteFileJob::WriteFileJob(const QString &sandboxId, const QString &path, QIODevice *source, qint64 size,
                           std::optional<int> mode, QObject *parent)
    : ObjectJob("PUT", sandboxPath(sandboxId, u"/files"_s), parent)
    , m_source(source)
{
    if (!m_source || !m_source->isReadable()) {
        m_sourceError = ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s,
                                 tr("The data for %1 cannot be read.").arg(path));
    } else if (size < 0 && m_source->isSequential()) {
        m_sourceError
            = ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s,
                       tr("The size of the data for %1 must be given for a sequential device.").arg(path));
    }
    if (size < 0 && m_source && !m_source->isSequential())
        size = m_source->size() - m_source->pos();
    init(path, mode, std::max<qint64>(size, 0));
}

void WriteFileJob::init(const QString &path, std::optional<int> mode, qint64 size)
{
    m_size = size;
    m_fields.insert(u"path"_s, path);
    if (mode)
        m_fields.insert(u"mode"_s, *mode);
    // Writing the same content again is harmless, but only a rewindable source can be resent.
    setIdempotent(m_source && !m_source->isSequential());
    if (m_source && !m_source->isSequential())
        m_startPos = m_source->pos();
    setTransferTimeoutMs(FileTransferTimeoutMs);
}

QIODevice *WriteFileJob::createUploadDevice(qint64 *size)
{
    if (m_attempted) {
        // A retry: send the same bytes again from where the first attempt began.
        if (!m_source->isSequential())
            m_source->seek(m_startPos);
    }
    m_attempted = true;
    auto *encoder = new Base64JsonEncoder(m_fields, m_source, m_size);
    *size = encoder->size();
    return encoder;
}

WriteFileBytesJob::WriteFileBytesJob(const QString &sandboxId, const QString &path, const QByteArray &bytes,
                                     std::optional<int> mode, QObject *parent)
    : WriteFileJob(sandboxId, path, bytes, mode, parent)
{
}

ListFilesJob::ListFilesJob(const QString &sandboxId, const QString &path, QObject *parent)
    : Job("GET", sandboxPath(sandboxId, u"/files/list"_s), parent)
{
    setQuery(fileQuery(path));
}

ApiError ListFilesJob::onResponseFinished(const QByteArray &collected)
{
    QJsonObject object;
    if (auto error = parseJsonObject(collected, &object); error.isError())
        return error;
    m_path = object.value(u"path"_s).toString();
    for (const auto &entry : object.value(u"entries"_s).toArray())
        m_entries.append(FileEntry::fromJson(entry.toObject()));
    return {};
}

DeleteFileJob::DeleteFileJob(const QString &sandboxId, const QString &path, bool recursive, QObject *parent)
    : Job("DELETE", sandboxPath(sandboxId, u"/files"_s), parent)
{
    auto query = fileQuery(path);
    if (recursive)
        query.addQueryItem(u"recursive"_s, u"true"_s);
    setQuery(query);
}

} // namespace Orkestr
