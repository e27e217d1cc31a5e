#include "core/job.h"

#include "core/client.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QNetworkReply>

namespace Orkestr {

Job::Job(QByteArray method, QString path, QObject *parent)
    : QObject(parent)
    , m_method(std::move(method))
    , m_path(std::move(path))
{
    // Reads and deletes are safe to repeat; everything else must opt in.
    m_idempotent = m_method == "GET" || m_method == "DELETE" || m_method == "HEAD";
}

Job::~Job()
{
    if (m_reply) {
        // Detached first: an abort reports finished() at once, which must not reach a job that is
        // half destroyed.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

bool Job::isFinished() const
{
    return m_status == Status::Succeeded || m_status == Status::Failed || m_status == Status::Cancelled;
}

void Job::setJsonBody(const QJsonObject &body)
{
    m_jsonBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    m_hasJsonBody = true;
}

void Job::setRawHeader(const QByteArray &name, const QByteArray &value)
{
    m_headers.append({name, value});
}

void Job::removeRawHeader(const QByteArray &name)
{
    m_headers.removeIf(
        [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

QByteArray Job::responseHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_responseHeaders) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

void Job::requestFollowUp(const QUrlQuery &query)
{
    m_query = query;
    m_followUp = true;
}

void Job::setReceivePaused(bool paused)
{
    if (m_receivePaused == paused)
        return;
    m_receivePaused = paused;
    if (paused || !m_reply || !m_client)
        return;
    // What arrived while paused raises no new readyRead: read it now, from the event loop.
    QMetaObject::invokeMethod(
        this,
        [this] {
            if (m_reply && m_client && !m_receivePaused && !isFinished())
                m_client->onReplyReadyRead(this, m_reply);
        },
        Qt::QueuedConnection);
}

void Job::completeDeferred(const ApiError &error)
{
    if (isFinished() || !m_deferred)
        return;
    if (m_client)
        m_client->afterResponseParsed(this, error);
    else
        finish(error.isError() ? Status::Failed : Status::Succeeded, error);
}

QByteArray Job::rawHeader(const QByteArray &name) const
{
    for (const auto &[key, value] : m_headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QIODevice *Job::createUploadDevice(qint64 *size)
{
    if (!m_hasJsonBody) {
        *size = 0;
        return nullptr;
    }
    auto *buffer = new QBuffer;
    buffer->setData(m_jsonBody);
    buffer->open(QIODevice::ReadOnly);
    *size = m_jsonBody.size();
    return buffer;
}

ApiError Job::onResponseData(const QByteArray &data)
{
    m_body.append(data);
    return {};
}

void Job::abort()
{
    if (isFinished())
        return;
    if (m_client)
        m_client->forget(this);
    if (m_reply) {
        // Detach first so the reply's finished() is not taken for a connection error.
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    finish(Status::Cancelled, ApiError::cancelled());
}

void Job::failWith(const ApiError &error)
{
    if (isFinished())
        return;
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
    if (m_client)
        m_client->complete(this, error);
    else
        finish(Status::Failed, error);
}

void Job::finish(Status status, const ApiError &error)
{
    if (isFinished())
        return;
    m_status = status;
    m_error = error;
    if (status == Status::Succeeded)
        Q_EMIT succeeded(this);
    else if (status == Status::Failed)
        Q_EMIT failed(this);
    Q_EMIT finished(this);
    deleteLater();
}

} // namespace Orkestr
