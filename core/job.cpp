#include "core/job.h"

#include "core/jobrequest.h"

#include <QBuffer>
#include <QJsonDocument>

namespace Orkestr {

Job::Job(QByteArray method, QString path, QObject *parent)
    : QObject(parent)
    , d(std::make_unique<JobRequest>(this, std::move(method), std::move(path)))
{
}

Job::~Job() = default;

Job::Status Job::status() const
{
    return d->status;
}
bool Job::isFinished() const
{
    return d->isFinished();
}
const ApiError &Job::error() const
{
    return d->error;
}
QString Job::requestId() const
{
    return d->requestId;
}
int Job::httpStatus() const
{
    return d->httpStatus;
}
int Job::retries() const
{
    return d->retries;
}
QString Job::path() const
{
    return d->path;
}
bool Job::isIdempotent() const
{
    return d->idempotent;
}
void Job::setToken(const QString &token)
{
    d->token = token;
}
void Job::setReceivePaused(bool paused)
{
    d->setReceivePaused(paused);
}
bool Job::isReceivePaused() const
{
    return d->receivePaused;
}

void Job::abort()
{
    d->conclude(Status::Cancelled, ApiError::cancelled());
}

void Job::setQuery(const QUrlQuery &query)
{
    d->query = query;
}

void Job::setJsonBody(const QJsonObject &body)
{
    d->jsonBody = QJsonDocument(body).toJson(QJsonDocument::Compact);
    d->hasJsonBody = true;
}

void Job::setIdempotent(bool idempotent)
{
    d->idempotent = idempotent;
}

void Job::setRawHeader(const QByteArray &name, const QByteArray &value)
{
    d->headers.append({name, value});
}

void Job::removeRawHeader(const QByteArray &name)
{
    d->headers.removeIf(
        [&](const auto &header) { return header.first.compare(name, Qt::CaseInsensitive) == 0; });
}

void Job::setTransferTimeoutMs(int ms)
{
    d->transferTimeoutMs = ms;
}

void Job::setPrefersStreamTransport(bool prefers)
{
    d->prefersStreamTransport = prefers;
}

QByteArray Job::body() const
{
    return d->body;
}

namespace {
QByteArray headerValue(const QList<std::pair<QByteArray, QByteArray>> &headers, const QByteArray &name)
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}
} // namespace

QByteArray Job::rawHeader(const QByteArray &name) const
{
    return headerValue(d->headers, name);
}

QByteArray Job::responseHeader(const QByteArray &name) const
{
    return headerValue(d->responseHeaders, name);
}

QIODevice *Job::createUploadDevice(qint64 *size)
{
    if (!d->hasJsonBody) {
        *size = 0;
        return nullptr;
    }
    auto *buffer = new QBuffer;
    buffer->setData(d->jsonBody);
    buffer->open(QIODevice::ReadOnly);
    *size = d->jsonBody.size();
    return buffer;
}

ApiError Job::onResponseData(const QByteArray &data)
{
    d->body.append(data);
    return {};
}

void Job::requestFollowUp(const QUrlQuery &query)
{
    d->query = query;
    d->followUp = true;
}

void Job::deferCompletion()
{
    d->deferred = true;
}

void Job::completeDeferred(const ApiError &error)
{
    if (d->isFinished() || !d->deferred)
        return;
    d->afterResponseParsed(error);
}

void Job::failWith(const ApiError &error)
{
    d->conclude(Status::Failed, error);
}

Client *Job::client() const
{
    return d->client();
}

} // namespace Orkestr
