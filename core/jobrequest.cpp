#include "core/jobrequest.h"

#include "core/client.h"
#include "core/logging.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// What the network layer may hold of a response before we read it (see onMetaData).
constexpr qint64 ReadBufferBytes = 1024 * 1024;
// What one pass of the event loop takes from it.
constexpr qint64 ReadPieceBytes = 128 * 1024;
// Error bodies are small; keep them for parsing, bounded in case a server misbehaves.
constexpr qsizetype MaxErrorBodyBytes = 1024 * 1024;

bool isSuccessStatus(int status)
{
    return (status >= 200 && status < 300) || status == 304;
}
} // namespace

JobRequest::JobRequest(Job *job, QByteArray method_, QString path_)
    : method(std::move(method_))
    , path(std::move(path_))
    , m_job(job)
{
    // Reads and deletes are safe to repeat; everything else must opt in.
    idempotent = method == "GET" || method == "DELETE" || method == "HEAD";
}

JobRequest::~JobRequest()
{
    // The job is half destroyed: no signal may reach it, only the network is let go.
    dropReply();
}

void JobRequest::dropReply()
{
    if (!m_reply)
        return;
    // Detached first: an abort reports finished() at once, which must not be taken for a
    // connection error.
    QNetworkReply *reply = m_reply;
    m_reply = nullptr;
    reply->disconnect(m_job);
    reply->abort();
    reply->deleteLater();
}

Client *JobRequest::client() const
{
    return m_client;
}

void JobRequest::attach(Client *client)
{
    Q_ASSERT(status == Job::Status::NotStarted);
    m_client = client;
    m_elapsed.start();
    status = Job::Status::Queued;
}

void JobRequest::start()
{
    if (isFinished())
        return;
    if (!m_client) {
        cancel(); // the client went away while the job waited for its turn
        return;
    }
    m_client->submit(m_job);
}

void JobRequest::send()
{
    if (isFinished())
        return;
    const QUrl url = m_client->urlFor(path, query);
    if (const auto failure = m_job->preflightError(); failure.isError()) {
        conclude(Job::Status::Failed, failure);
        return;
    }
    if (const auto failure = m_client->checkTransport(url); failure.isError()) {
        conclude(Job::Status::Failed, failure);
        return;
    }
    const QString resolvedToken = m_client->resolveToken(token);
    if (resolvedToken.isEmpty()) {
        conclude(
            Job::Status::Failed,
            ApiError(ApiError::Kind::Auth, u"unauthorized"_s,
                     Client::tr("No API token: set one in the connection profile or in ORKESTR_API_KEY.")));
        return;
    }

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + resolvedToken.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, m_client->userAgent());
    request.setRawHeader("Accept", "application/json, text/event-stream");
    for (const auto &[name, value] : std::as_const(headers))
        request.setRawHeader(name, value);
    request.setTransferTimeout(transferTimeoutMs > 0 ? transferTimeoutMs : int(m_client->timeout().count()));
    // Our own retry policy decides; the network layer must not resend silently.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    qint64 size = 0;
    QIODevice *upload = m_job->createUploadDevice(&size);
    if (upload) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setHeader(QNetworkRequest::ContentLengthHeader, size);
        // Stream large bodies (file writes) instead of buffering them whole.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    }

    body.clear();
    responseHeaders.clear();
    httpStatus = 0;
    m_responseIsSuccess = false;
    m_bytesReceived = 0;
    QNetworkReply *reply = m_client->openReply(request, method, upload, prefersStreamTransport);
    // The network layer reads on its own thread; unbounded, it runs ahead of a busy GUI thread
    // and buffers a long stream or a large download in memory. Bounded, it waits for us.
    reply->setReadBufferSize(ReadBufferBytes);
    if (upload)
        upload->setParent(reply);
    m_reply = reply;
    status = Job::Status::Running;
    qCDebug(lcCoreNetwork).noquote() << "start" << method << redacted(url.toString(), resolvedToken)
                                     << "attempt" << retries + m_rateLimitWaits + 1;
    if (retries == 0 && m_rateLimitWaits == 0)
        Q_EMIT m_job->started();

    QObject::connect(reply, &QNetworkReply::metaDataChanged, m_job, [this, reply] { onMetaData(reply); });
    QObject::connect(reply, &QNetworkReply::readyRead, m_job, [this, reply] { onReadyRead(reply); });
    QObject::connect(reply, &QNetworkReply::finished, m_job, [this, reply] { onFinished(reply); });
    QObject::connect(reply, &QNetworkReply::uploadProgress, m_job, [this](qint64 sent, qint64 total) {
        if (total > 0)
            Q_EMIT m_job->progress(sent, total);
    });
    QObject::connect(reply, &QNetworkReply::downloadProgress, m_job, [this](qint64 received, qint64 total) {
        if (m_responseIsSuccess)
            Q_EMIT m_job->progress(received, total);
    });
}

void JobRequest::onMetaData(QNetworkReply *reply)
{
    if (m_reply != reply)
        return;
    if (httpStatus == 0 && !reply->isFinished()) {
        // Again, now that the response has begun: the network thread ignores a read-buffer size
        // set before its request object exists, which is the case right after sending, and would
        // then buffer a long stream without bound however slowly we read it.
        reply->setReadBufferSize(ReadBufferBytes);
    }
    const bool first = httpStatus == 0;
    httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    m_responseIsSuccess = isSuccessStatus(httpStatus);
    responseHeaders = reply->rawHeaderPairs();
    const auto id = reply->rawHeader("X-Request-Id");
    if (!id.isEmpty())
        requestId = QString::fromLatin1(id);
    if (first && m_responseIsSuccess)
        m_job->onResponseStarted();
}

void JobRequest::onReadyRead(QNetworkReply *reply)
{
    if (m_reply != reply || isFinished())
        return;
    if (httpStatus == 0)
        onMetaData(reply);
    // Paused by the consumer: leave the data in the reply's bounded buffer (the end of the
    // response reads it all regardless, see onFinished).
    if (receivePaused && m_responseIsSuccess && !reply->isFinished())
        return;
    // A bounded piece per pass, so that the GUI thread gets back to its events between pieces of
    // a fast stream (a whole 1 MiB buffer of exec events kept it busy for 100 ms and more).
    const QByteArray data = reply->isFinished() ? reply->readAll() : reply->read(ReadPieceBytes);
    if (!reply->isFinished() && reply->bytesAvailable() > 0 && !m_readScheduled) {
        m_readScheduled = true;
        QMetaObject::invokeMethod(
            m_job,
            [this, reply = QPointer<QNetworkReply>(reply)] {
                m_readScheduled = false;
                if (reply)
                    onReadyRead(reply);
            },
            Qt::QueuedConnection);
    }
    m_bytesReceived += data.size();
    if (!m_responseIsSuccess) {
        if (body.size() < MaxErrorBodyBytes)
            body.append(data);
        return;
    }
    if (const auto failure = m_job->onResponseData(data); failure.isError())
        conclude(Job::Status::Failed, failure);
}

void JobRequest::setReceivePaused(bool paused)
{
    if (receivePaused == paused)
        return;
    receivePaused = paused;
    if (paused || !m_reply)
        return;
    QMetaObject::invokeMethod(
        m_job,
        [this] {
            if (m_reply && !receivePaused && !isFinished())
                onReadyRead(m_reply);
        },
        Qt::QueuedConnection);
}

void JobRequest::onFinished(QNetworkReply *reply)
{
    if (m_reply != reply || isFinished())
        return;
    onMetaData(reply);
    // The rest of the body (held back while the consumer paused, or not yet announced).
    if (reply->bytesAvailable() > 0)
        onReadyRead(reply);
    if (isFinished())
        return;
    m_reply = nullptr;
    reply->deleteLater();

    const auto networkError = reply->error();
    // The network layer may take a close before Content-Length bytes for the end of the body;
    // count that as a cut (only without Content-Encoding, where the length counts other bytes).
    bool truncated = false;
    if (m_responseIsSuccess && networkError == QNetworkReply::NoError
        && !reply->hasRawHeader("Content-Encoding")) {
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
        truncated = ok && m_bytesReceived < length;
    }

    if (networkError == QNetworkReply::SslHandshakeFailedError) {
        // A rejected certificate is never ignored, and trying again cannot change it.
        conclude(
            Job::Status::Failed,
            ApiError(ApiError::Kind::Connection, u"tls_error"_s,
                     Client::tr("The server's TLS certificate was rejected: %1. Check the server address, "
                                "or install the certificate of its authority on this computer.")
                         .arg(reply->errorString())));
        return;
    }
    if (httpStatus == 0 || (m_responseIsSuccess && (networkError != QNetworkReply::NoError || truncated))) {
        onConnectionLost(reply, truncated);
        return;
    }
    if (m_responseIsSuccess) {
        followUp = false;
        deferred = false;
        const auto failure = m_job->onResponseFinished(body);
        if (deferred && !failure.isError())
            return; // parsing elsewhere; the job calls completeDeferred() when done
        afterResponseParsed(failure);
        return;
    }
    onErrorResponse(reply);
}

void JobRequest::onConnectionLost(QNetworkReply *reply, bool truncated)
{
    // No HTTP answer at all, or a successful answer cut short.
    const QString message = httpStatus == 0
        ? Client::tr("Could not reach the server: %1").arg(reply->errorString())
        : Client::tr("The connection was lost while receiving the response: %1")
              .arg(truncated ? Client::tr("the server closed it early") : reply->errorString());
    if (idempotent && retries < m_client->maxRetries()) {
        retryLater(m_client->backoffFor(retries), message);
        return;
    }
    auto failure = ApiError::connectionError(message, requestId);
    if (httpStatus != 0)
        failure = m_job->onResponseInterrupted(failure);
    conclude(failure.isError() ? Job::Status::Failed : Job::Status::Succeeded, failure);
}

void JobRequest::onErrorResponse(QNetworkReply *reply)
{
    const auto failure = ApiError::fromResponse(httpStatus, body, requestId, reply->rawHeader("Retry-After"));
    if (httpStatus == 429 && m_rateLimitWaits < m_client->maxRateLimitWaits()) {
        // The request was refused, not run: waiting and sending it again is always safe.
        ++m_rateLimitWaits;
        const double seconds = std::max(0.05, failure.retryAfterSeconds().value_or(1.0));
        qCInfo(lcCoreNetwork).noquote()
            << "rate limited:" << method << redacted(path, m_client->resolveToken(token)) << "waits"
            << seconds << "s";
        status = Job::Status::Queued;
        m_client->waitForRateLimit(m_job, std::chrono::milliseconds(qint64(seconds * 1000)));
        return;
    }
    if ((httpStatus == 500 || httpStatus == 503) && idempotent && retries < m_client->maxRetries()) {
        auto delay = m_client->backoffFor(retries);
        if (const auto after = failure.retryAfterSeconds())
            delay = std::max(delay, std::chrono::milliseconds(qint64(*after * 1000)));
        retryLater(delay, u"HTTP %1"_s.arg(httpStatus));
        return;
    }
    conclude(Job::Status::Failed, failure);
}

void JobRequest::afterResponseParsed(const ApiError &failure)
{
    deferred = false;
    if (!failure.isError() && followUp && m_client) {
        followUp = false;
        status = Job::Status::Queued;
        m_client->submit(m_job);
        return;
    }
    conclude(failure.isError() ? Job::Status::Failed : Job::Status::Succeeded, failure);
}

void JobRequest::retryLater(std::chrono::milliseconds delay, const QString &why)
{
    ++retries;
    const QString secret = m_client->resolveToken(token);
    qCInfo(lcCoreNetwork).noquote() << "retry" << retries << "of" << method << redacted(path, secret) << "in"
                                    << delay.count() << "ms:" << redacted(why, secret);
    m_job->resetForRetry();
    status = Job::Status::Queued;
    QTimer::singleShot(delay, m_job, [this] { start(); });
}

void JobRequest::conclude(Job::Status endStatus, const ApiError &errorIn)
{
    if (isFinished())
        return;
    dropReply();
    ApiError ended = errorIn;
    if (m_client) {
        m_client->forget(m_job);
        const QString resolvedToken = m_client->resolveToken(token);
        ended.redact(resolvedToken);
        if (ended.isError() && ended.requestId().isEmpty() && !requestId.isEmpty()) {
            ended = ApiError(ended.kind(), ended.type(), ended.message(), ended.httpStatus(), requestId,
                             ended.extra());
        }
        const qint64 elapsedMs = m_elapsed.elapsed();
        qCDebug(lcCoreNetwork).noquote()
            << "end" << method << redacted(path, resolvedToken) << "status" << httpStatus << "in" << elapsedMs
            << "ms" << endStatus << (ended.isError() ? ended.type() : QString());
        if (endStatus != Job::Status::Cancelled) {
            RequestLogEntry entry;
            entry.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-elapsedMs);
            entry.method = method;
            entry.path = redacted(path, resolvedToken);
            entry.query = redacted(query.toString(QUrl::FullyEncoded), resolvedToken);
            entry.httpStatus = httpStatus;
            entry.durationMs = elapsedMs;
            entry.requestId = requestId;
            entry.retries = retries;
            entry.errorType = ended.type();
            Q_EMIT m_client->requestLogged(entry);
        }
    } else if (!token.isEmpty()) {
        ended.redact(token);
    }
    status = endStatus;
    error = ended;
    if (endStatus == Job::Status::Succeeded)
        Q_EMIT m_job->succeeded(m_job);
    else if (endStatus == Job::Status::Failed)
        Q_EMIT m_job->failed(m_job);
    Q_EMIT m_job->finished(m_job);
    m_job->deleteLater();
}

} // namespace Orkestr
