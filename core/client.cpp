#include "core/client.h"

#include "core/httpstreamreply.h"
#include "core/job.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRandomGenerator>

namespace Orkestr {

namespace {
// What the network layer may hold of a response before we read it (see onReplyMetaData).
constexpr qint64 ReadBufferBytes = 1024 * 1024;
// What one pass of the event loop takes from it.
constexpr qint64 ReadPieceBytes = 128 * 1024;
} // namespace

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
QPointer<Client> s_defaultClient;

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isSuccessStatus(int status)
{
    return (status >= 200 && status < 300) || status == 304;
}
} // namespace

Client::Client(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_userAgent(u"orkestr-desk/%1"_s.arg(
          QCoreApplication::applicationVersion().isEmpty() ? u"0"_s : QCoreApplication::applicationVersion()))
{
    qRegisterMetaType<Orkestr::RequestLogEntry>();
    // Redirects could carry the Authorization header elsewhere: never follow them silently.
    m_network->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_rateLimitTimer.setSingleShot(true);
    connect(&m_rateLimitTimer, &QTimer::timeout, this, &Client::leaveRateLimit);
}

Client::~Client()
{
    // Jobs still queued or running end as cancelled, so their owners are told.
    const auto jobs = findChildren<Job *>(Qt::FindDirectChildrenOnly);
    for (auto *job : jobs)
        job->abort();
}

void Client::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    m_backoffBase = base;
    m_backoffMax = max;
}

void Client::setDefaultClient(Client *client)
{
    s_defaultClient = client;
}
Client *Client::defaultClient()
{
    return s_defaultClient;
}

QString Client::resolveToken(const Job *job) const
{
    if (!job->m_token.isEmpty())
        return job->m_token;
    if (!m_token.isEmpty())
        return m_token;
    if (s_defaultClient && s_defaultClient != this && !s_defaultClient->m_token.isEmpty())
        return s_defaultClient->m_token;
    return qEnvironmentVariable("ORKESTR_API_KEY");
}

ApiError Client::checkTransport(const QUrl &url) const
{
    if (!url.isValid() || url.host().isEmpty()) {
        return ApiError(ApiError::Kind::Connection, u"connection_error"_s,
                        tr("The server address \"%1\" is not a valid URL.").arg(m_baseUrl.toDisplayString()));
    }
    const auto scheme = url.scheme().toLower();
    if (scheme == u"https"_s)
        return {};
    if (scheme != u"http"_s) {
        return ApiError(ApiError::Kind::Connection, u"connection_error"_s,
                        tr("Unsupported URL scheme \"%1\"; use https.").arg(scheme));
    }
    if (!isLoopbackHost(url.host()) && !m_allowInsecureHttp) {
        return ApiError(ApiError::Kind::Connection, u"insecure_transport"_s,
                        tr("Refusing to send the API token over plain http to %1. Use https, or allow "
                           "insecure http for this connection explicitly.")
                            .arg(url.host()));
    }
    return {};
}

void Client::run(Job *job)
{
    Q_ASSERT(job && job->m_status == Job::Status::NotStarted);
    job->m_client = this;
    if (!job->parent())
        job->setParent(this);
    job->m_elapsed.start();
    // Start on the next event-loop turn, so that callers connect to the job's signals first.
    job->setStatus(Job::Status::Queued);
    QMetaObject::invokeMethod(
        this,
        [this, job = QPointer<Job>(job)] {
            if (job && !job->isFinished())
                dispatch(job);
        },
        Qt::QueuedConnection);
}

void Client::dispatch(Job *job)
{
    if (isRateLimited()) {
        job->setStatus(Job::Status::Queued);
        if (!m_queue.contains(job))
            m_queue.enqueue(job);
        return;
    }
    sendRequest(job);
}

void Client::sendRequest(Job *job)
{
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    // Job paths arrive percent-encoded (a sandbox id cannot add path segments): keep them so.
    url.setPath(basePath + job->m_path, QUrl::TolerantMode);
    if (!job->m_query.isEmpty())
        url.setQuery(job->m_query);

    if (const auto error = job->preflightError(); error.isError()) {
        complete(job, error);
        return;
    }
    if (const auto error = checkTransport(url); error.isError()) {
        complete(job, error);
        return;
    }
    const QString token = resolveToken(job);
    if (token.isEmpty()) {
        complete(job,
                 ApiError(ApiError::Kind::Auth, u"unauthorized"_s,
                          tr("No API token: set one in the connection profile or in ORKESTR_API_KEY.")));
        return;
    }

    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    request.setRawHeader("Accept", "application/json, text/event-stream");
    for (const auto &[name, value] : std::as_const(job->m_headers))
        request.setRawHeader(name, value);
    request.setTransferTimeout(job->m_transferTimeoutMs > 0 ? job->m_transferTimeoutMs
                                                            : int(m_timeout.count()));
    // Our own retry policy decides; the network layer must not resend silently.
    request.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);

    qint64 size = 0;
    QIODevice *upload = job->createUploadDevice(&size);
    if (upload) {
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        request.setHeader(QNetworkRequest::ContentLengthHeader, size);
        // Stream large bodies (file writes) instead of buffering them whole.
        request.setAttribute(QNetworkRequest::DoNotBufferUploadDataAttribute, true);
    }

    job->m_body.clear();
    job->m_responseHeaders.clear();
    job->m_httpStatus = 0;
    job->m_responseIsSuccess = false;
    job->m_bytesReceived = 0;
    QNetworkReply *reply = job->m_prefersStreamTransport && m_streamTransportEnabled
            && HttpStreamReply::canCarry(m_network, url)
        ? new HttpStreamReply(request, job->m_method, upload, this)
        : m_network->sendCustomRequest(request, job->m_method, upload);
    // The network layer reads on its own thread; unbounded, it runs ahead of a busy GUI thread
    // and buffers a long stream or a large download in memory. Bounded, it waits for us.
    reply->setReadBufferSize(ReadBufferBytes);
    if (upload)
        upload->setParent(reply);
    job->m_reply = reply;
    job->setStatus(Job::Status::Running);
    if (job->m_retries == 0 && job->m_rateLimitWaits == 0)
        Q_EMIT job->started();

    connect(reply, &QNetworkReply::metaDataChanged, job, [this, job, reply] { onReplyMetaData(job, reply); });
    connect(reply, &QNetworkReply::readyRead, job, [this, job, reply] { onReplyReadyRead(job, reply); });
    connect(reply, &QNetworkReply::finished, job, [this, job, reply] { onReplyFinished(job, reply); });
    connect(reply, &QNetworkReply::uploadProgress, job, [job](qint64 sent, qint64 total) {
        if (total > 0)
            Q_EMIT job->progress(sent, total);
    });
    connect(reply, &QNetworkReply::downloadProgress, job, [job](qint64 received, qint64 total) {
        if (job->m_responseIsSuccess)
            Q_EMIT job->progress(received, total);
    });
}

void Client::onReplyMetaData(Job *job, QNetworkReply *reply)
{
    if (job->m_reply != reply)
        return;
    if (job->m_httpStatus == 0 && !reply->isFinished()) {
        // Again, now that the response has begun: the network thread ignores a read-buffer size
        // set before its request object exists, which is the case right after sending, and would
        // then buffer a long stream without bound however slowly we read it.
        reply->setReadBufferSize(ReadBufferBytes);
    }
    job->m_httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    job->m_responseIsSuccess = isSuccessStatus(job->m_httpStatus);
    job->m_responseHeaders = reply->rawHeaderPairs();
    const auto requestId = reply->rawHeader("X-Request-Id");
    if (!requestId.isEmpty())
        job->m_requestId = QString::fromLatin1(requestId);
}

void Client::onReplyReadyRead(Job *job, QNetworkReply *reply)
{
    if (job->m_reply != reply || job->isFinished())
        return;
    if (job->m_httpStatus == 0)
        onReplyMetaData(job, reply);
    // Paused by the consumer: leave the data in the reply's bounded buffer (the end of the
    // response reads it all regardless, see onReplyFinished).
    if (job->m_receivePaused && job->m_responseIsSuccess && !reply->isFinished())
        return;
    // A bounded piece per pass, so that the GUI thread gets back to its events between pieces of
    // a fast stream (a whole 1 MiB buffer of exec events kept it busy for 100 ms and more).
    const QByteArray data = reply->isFinished() ? reply->readAll() : reply->read(ReadPieceBytes);
    if (!reply->isFinished() && reply->bytesAvailable() > 0 && !job->m_readScheduled) {
        job->m_readScheduled = true;
        QMetaObject::invokeMethod(
            job,
            [this, job, reply = QPointer<QNetworkReply>(reply)] {
                job->m_readScheduled = false;
                if (reply)
                    onReplyReadyRead(job, reply);
            },
            Qt::QueuedConnection);
    }
    job->m_bytesReceived += data.size();
    if (!job->m_responseIsSuccess) {
        // Error bodies are small; keep them for parsing, bounded in case a server misbehaves.
        if (job->m_body.size() < 1024 * 1024)
            job->m_body.append(data);
        return;
    }
    if (const auto error = job->onResponseData(data); error.isError())
        job->failWith(error);
}

void Client::onReplyFinished(Job *job, QNetworkReply *reply)
{
    if (job->m_reply != reply || job->isFinished())
        return;
    reply->deleteLater();
    onReplyMetaData(job, reply);
    // The rest of the body (held back while the consumer paused, or not yet announced).
    if (reply->bytesAvailable() > 0)
        onReplyReadyRead(job, reply);
    job->m_reply = nullptr;
    if (job->isFinished())
        return;

    const int status = job->m_httpStatus;
    const auto networkError = reply->error();
    // The network layer may take a close before Content-Length bytes for the end of the body;
    // count that as a cut (only without Content-Encoding, where the length counts other bytes).
    bool truncated = false;
    if (job->m_responseIsSuccess && networkError == QNetworkReply::NoError
        && !reply->hasRawHeader("Content-Encoding")) {
        bool ok = false;
        const qint64 length = reply->rawHeader("Content-Length").toLongLong(&ok);
        truncated = ok && job->m_bytesReceived < length;
    }

    if (networkError == QNetworkReply::SslHandshakeFailedError) {
        // A rejected certificate is never ignored, and trying again cannot change it.
        complete(job,
                 ApiError(ApiError::Kind::Connection, u"tls_error"_s,
                          tr("The server's TLS certificate was rejected: %1. Check the server address, or "
                             "install the certificate of its authority on this computer.")
                              .arg(reply->errorString())));
        return;
    }

    if (status == 0 || (job->m_responseIsSuccess && (networkError != QNetworkReply::NoError || truncated))) {
        // No HTTP answer at all, or a successful answer cut short.
        const QString message = status == 0
            ? tr("Could not reach the server: %1").arg(reply->errorString())
            : tr("The connection was lost while receiving the response: %1")
                  .arg(truncated ? tr("the server closed it early") : reply->errorString());
        if (job->m_idempotent && job->m_retries < m_maxRetries) {
            retryLater(job, backoffFor(job->m_retries));
            return;
        }
        auto error = ApiError::connectionError(message, job->m_requestId);
        if (status != 0)
            error = job->onResponseInterrupted(error);
        complete(job, error);
        return;
    }

    if (job->m_responseIsSuccess) {
        job->m_followUp = false;
        job->m_deferred = false;
        const auto error = job->onResponseFinished(job->m_body);
        if (job->m_deferred && !error.isError())
            return; // parsing elsewhere; the job calls afterResponseParsed() when done
        afterResponseParsed(job, error);
        return;
    }

    auto error
        = ApiError::fromResponse(status, job->m_body, job->m_requestId, reply->rawHeader("Retry-After"));
    if (status == 429 && job->m_rateLimitWaits < m_maxRateLimitWaits) {
        // The request was refused, not run: waiting and sending it again is always safe.
        ++job->m_rateLimitWaits;
        const double seconds = error.retryAfterSeconds().value_or(1.0);
        enterRateLimit(std::chrono::milliseconds(qint64(std::max(0.05, seconds) * 1000)));
        job->setStatus(Job::Status::Queued);
        m_queue.prepend(job);
        return;
    }
    if ((status == 500 || status == 503) && job->m_idempotent && job->m_retries < m_maxRetries) {
        auto delay = backoffFor(job->m_retries);
        if (const auto after = error.retryAfterSeconds())
            delay = std::max(delay, std::chrono::milliseconds(qint64(*after * 1000)));
        retryLater(job, delay);
        return;
    }
    complete(job, error);
}

void Client::afterResponseParsed(Job *job, const ApiError &error)
{
    job->m_deferred = false;
    if (!error.isError() && job->m_followUp) {
        job->m_followUp = false;
        dispatch(job);
        return;
    }
    complete(job, error);
}

std::chrono::milliseconds Client::backoffFor(int attempt) const
{
    const qint64 base = m_backoffBase.count() << std::min(attempt, 16);
    const qint64 capped = std::min<qint64>(base, m_backoffMax.count());
    // Full jitter between half and the whole delay, so that many clients do not retry in step.
    const qint64 jittered = capped / 2 + qint64(QRandomGenerator::global()->bounded(double(capped / 2 + 1)));
    return std::chrono::milliseconds(jittered);
}

void Client::retryLater(Job *job, std::chrono::milliseconds delay)
{
    ++job->m_retries;
    job->resetForRetry();
    job->setStatus(Job::Status::Queued);
    QTimer::singleShot(delay, job, [this, job] {
        if (!job->isFinished())
            dispatch(job);
    });
}

void Client::enterRateLimit(std::chrono::milliseconds wait)
{
    const auto until = QDateTime::currentDateTimeUtc().addMSecs(wait.count());
    if (isRateLimited() && until <= m_rateLimitedUntil)
        return;
    m_rateLimitedUntil = until;
    m_rateLimitTimer.start(wait);
    Q_EMIT rateLimitChanged(true, until);
}

void Client::leaveRateLimit()
{
    Q_EMIT rateLimitChanged(false, m_rateLimitedUntil);
    // Drain in order; a job that hits the limit again puts the client back into waiting.
    while (!m_queue.isEmpty() && !isRateLimited()) {
        QPointer<Job> job = m_queue.dequeue();
        if (job && !job->isFinished())
            sendRequest(job);
    }
}

void Client::forget(Job *job)
{
    m_queue.removeAll(job);
}

void Client::complete(Job *job, const ApiError &errorIn)
{
    forget(job);
    ApiError error = errorIn;
    error.redact(resolveToken(job));
    if (error.isError() && error.requestId().isEmpty() && !job->m_requestId.isEmpty())
        error = ApiError(error.kind(), error.type(), error.message(), error.httpStatus(), job->m_requestId,
                         error.extra());

    RequestLogEntry entry;
    entry.startedAt = QDateTime::currentDateTimeUtc().addMSecs(-job->m_elapsed.elapsed());
    entry.method = job->m_method;
    entry.path = job->m_path;
    entry.query = job->m_query.toString(QUrl::FullyEncoded);
    entry.httpStatus = job->m_httpStatus;
    entry.durationMs = job->m_elapsed.elapsed();
    entry.requestId = job->m_requestId;
    entry.retries = job->m_retries;
    entry.errorType = error.type();
    Q_EMIT requestLogged(entry);

    job->finish(error.isError() ? Job::Status::Failed : Job::Status::Succeeded, error);
}

} // namespace Orkestr
