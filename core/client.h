#pragma once

#include "core/apierror.h"
#include "core/requestlogentry.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QIODevice;
class QNetworkAccessManager;
class QNetworkReply;
class QNetworkRequest;
class QUrlQuery;

namespace Orkestr {

class Job;

// The connection to one orkestr API: base URL, token, user agent and timeouts, one rate limiter
// shared by all its jobs, and the retry policy.
class Client : public QObject
{
    Q_OBJECT
public:
    explicit Client(QObject *parent = nullptr);
    ~Client() override;

    QUrl baseUrl() const { return m_baseUrl; }
    void setBaseUrl(const QUrl &url) { m_baseUrl = url; }
    // The client's token. Resolution per job, as the SDKs do: the job's explicit token, then
    // this one, then the default client's, then ORKESTR_API_KEY.
    void setToken(const QString &token) { m_token = token; }
    bool hasToken() const { return !m_token.isEmpty(); }
    QString userAgent() const { return m_userAgent; }
    void setUserAgent(const QString &userAgent) { m_userAgent = userAgent; }
    std::chrono::milliseconds timeout() const { return m_timeout; }
    // The longest quiet period of a request before it counts as a connection error.
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }
    int maxRetries() const { return m_maxRetries; }
    void setMaxRetries(int retries) { m_maxRetries = retries; }
    // The first retry's delay; later ones double, with jitter, up to maxBackoff.
    void setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max);
    // Plain http is refused for anything but loopback unless the user explicitly allows it.
    void setAllowInsecureHttp(bool allow) { m_allowInsecureHttp = allow; }
    bool allowsInsecureHttp() const { return m_allowInsecureHttp; }

    static void setDefaultClient(Client *client);
    static Client *defaultClient();

    // Runs a job. It is queued while the client is rate limited.
    void run(Job *job);
    template<class JobT, class... Args> JobT *call(Args &&...args)
    {
        auto *job = new JobT(std::forward<Args>(args)...);
        run(job);
        return job;
    }

    bool isRateLimited() const { return m_rateLimitTimer.isActive(); }
    QDateTime rateLimitedUntil() const { return m_rateLimitedUntil; }
    int queuedJobs() const { return int(m_queue.size()); }

    QNetworkAccessManager *networkAccessManager() const { return m_network; }
    // How jobs that prefer it (the exec stream) read their response: by default over the lean
    // HTTP/1.1 transport of core/httpstreamreply.h, or, where a proxy applies, through a second
    // QNetworkAccessManager kept for streams (a connection pool of its own, so that open streams
    // take none of the six connections per host of the first); always through that second
    // manager; or through the client's own manager like every other request (for comparisons).
    enum class StreamTransport { Lean, SharedManager, DedicatedManager };
    Q_ENUM(StreamTransport)
    void setStreamTransport(StreamTransport transport) { m_streamTransport = transport; }
    StreamTransport streamTransport() const { return m_streamTransport; }
    void setStreamTransportEnabled(bool enabled)
    {
        m_streamTransport = enabled ? StreamTransport::Lean : StreamTransport::SharedManager;
    }
    bool streamTransportEnabled() const { return m_streamTransport == StreamTransport::Lean; }

Q_SIGNALS:
    // The server answered 429: every request waits until `until`. Emitted again with
    // limited=false when requests flow again.
    void rateLimitChanged(bool limited, const QDateTime &until);
    void requestLogged(const Orkestr::RequestLogEntry &entry);

private:
    void leaveRateLimit();
    void enterRateLimit(std::chrono::milliseconds wait);

    // For JobRequest (core/jobrequest.h), which runs each job's request: the only ways in which a
    // job reaches its client.
    friend class JobRequest;
    // The pty's WebSocket (core/ptysession.h) follows the same URL, transport and token rules.
    friend class PtySession;
    // The request's URL: the base URL's path, then the job's (percent-encoded) path and query.
    QUrl urlFor(const QString &path, const QUrlQuery &query) const;
    // Why a request to url must not be sent (a malformed URL, plain http to another host), or none.
    ApiError checkTransport(const QUrl &url) const;
    // The token for a job: its explicit one, then this client's, the default client's, then
    // ORKESTR_API_KEY.
    QString resolveToken(const QString &jobToken) const;
    // Sends the request over the network the job asks for (see StreamTransport).
    QNetworkReply *openReply(const QNetworkRequest &request, const QByteArray &method, QIODevice *upload,
                             bool prefersStreamTransport);
    // Sends the job's request now, or queues it while rate limited.
    void submit(Job *job);
    // The server answered 429: every request waits `wait`, this job first.
    void waitForRateLimit(Job *job, std::chrono::milliseconds wait);
    // The job has ended: it leaves the queue.
    void forget(Job *job);
    std::chrono::milliseconds backoffFor(int attempt) const;
    int maxRateLimitWaits() const { return m_maxRateLimitWaits; }

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    QString m_userAgent;
    std::chrono::milliseconds m_timeout {30000};
    int m_maxRetries = 3;
    std::chrono::milliseconds m_backoffBase {250};
    std::chrono::milliseconds m_backoffMax {8000};
    bool m_allowInsecureHttp = false;
    StreamTransport m_streamTransport = StreamTransport::Lean;
    QNetworkAccessManager *m_streamNetwork = nullptr;
    int m_maxRateLimitWaits = 5;

    QTimer m_rateLimitTimer;
    QDateTime m_rateLimitedUntil;
    QQueue<QPointer<Job>> m_queue;
};

} // namespace Orkestr
