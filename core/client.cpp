#include "core/client.h"

#include "core/backoff.h"
#include "core/httpstreamreply.h"
#include "core/job.h"
#include "core/jobrequest.h"
#include "core/logging.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace Orkestr {

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

QString Client::resolveToken(const QString &jobToken) const
{
    if (!jobToken.isEmpty())
        return jobToken;
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
    Q_ASSERT(job && job->status() == Job::Status::NotStarted);
    JobRequest::of(job)->attach(this);
    if (!job->parent())
        job->setParent(this);
    // Start on the next event-loop turn, so that callers connect to the job's signals first.
    QMetaObject::invokeMethod(
        this,
        [job = QPointer<Job>(job)] {
            if (job)
                JobRequest::of(job)->start();
        },
        Qt::QueuedConnection);
}

void Client::submit(Job *job)
{
    if (isRateLimited()) {
        if (!m_queue.contains(job))
            m_queue.enqueue(job);
        return;
    }
    JobRequest::of(job)->send();
}

QUrl Client::urlFor(const QString &path, const QUrlQuery &query) const
{
    QUrl url = m_baseUrl;
    QString basePath = url.path(QUrl::FullyEncoded);
    while (basePath.endsWith(u'/'))
        basePath.chop(1);
    // Job paths arrive percent-encoded (a sandbox id cannot add path segments): keep them so.
    url.setPath(basePath + path, QUrl::TolerantMode);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

QNetworkReply *Client::openReply(const QNetworkRequest &request, const QByteArray &method, QIODevice *upload,
                                 bool prefersStreamTransport)
{
    if (!prefersStreamTransport || m_streamTransport == StreamTransport::SharedManager)
        return m_network->sendCustomRequest(request, method, upload);
    if (m_streamTransport == StreamTransport::Lean && HttpStreamReply::canCarry(m_network, request.url()))
        return new HttpStreamReply(request, method, upload, this);
    // Where a proxy applies (or when asked for), a manager of the streams' own, so that open
    // streams take none of the six connections per host of the one for all other requests.
    if (!m_streamNetwork) {
        m_streamNetwork = new QNetworkAccessManager(this);
        m_streamNetwork->setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    }
    if (m_streamNetwork->proxy() != m_network->proxy())
        m_streamNetwork->setProxy(m_network->proxy());
    return m_streamNetwork->sendCustomRequest(request, method, upload);
}

std::chrono::milliseconds Client::backoffFor(int attempt) const
{
    return exponentialBackoff(attempt, m_backoffBase, m_backoffMax);
}

void Client::waitForRateLimit(Job *job, std::chrono::milliseconds wait)
{
    enterRateLimit(wait);
    m_queue.removeAll(job);
    m_queue.prepend(job);
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
        if (job)
            JobRequest::of(job)->send();
    }
}

void Client::forget(Job *job)
{
    m_queue.removeAll(job);
}

} // namespace Orkestr
