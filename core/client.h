#pragma once

#include "core/apierror.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QQueue>
#include <QTimer>
#include <QUrl>

#include <chrono>

class QNetworkAccessManager;
class QNetworkReply;

namespace Orkestr {

class Job;

// One finished request, for the UI's request inspector. Never holds the token.
struct RequestLogEntry
{
    QDateTime startedAt;
    QByteArray method;
    QString path;
    QString query; // percent-encoded, without the "?"
    int httpStatus = 0;
    qint64 durationMs = 0;
    QString requestId;
    int retries = 0;
    QString errorType;
};

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
    // Whether jobs that prefer it (the exec stream) read their response over the lean HTTP/1.1
    // transport of core/httpstreamreply.h when no proxy applies (the default), or always through
    // QNetworkAccessManager (for comparisons).
    void setStreamTransportEnabled(bool enabled) { m_streamTransportEnabled = enabled; }
    bool streamTransportEnabled() const { return m_streamTransportEnabled; }

Q_SIGNALS:
    // The server answered 429: every request waits until `until`. Emitted again with
    // limited=false when requests flow again.
    void rateLimitChanged(bool limited, const QDateTime &until);
    void requestLogged(const Orkestr::RequestLogEntry &entry);

private:
    friend class Job;
    QString resolveToken(const Job *job) const;
    void dispatch(Job *job);
    void sendRequest(Job *job);
    void onReplyMetaData(Job *job, QNetworkReply *reply);
    void onReplyReadyRead(Job *job, QNetworkReply *reply);
    void onReplyFinished(Job *job, QNetworkReply *reply);
    void retryLater(Job *job, std::chrono::milliseconds delay);
    void enterRateLimit(std::chrono::milliseconds wait);
    void leaveRateLimit();
    void complete(Job *job, const ApiError &error);
    void afterResponseParsed(Job *job, const ApiError &error);
    void forget(Job *job);
    std::chrono::milliseconds backoffFor(int attempt) const;
    ApiError checkTransport(const QUrl &url) const;

    QNetworkAccessManager *m_network;
    QUrl m_baseUrl;
    QString m_token;
    QString m_userAgent;
    std::chrono::milliseconds m_timeout {30000};
    int m_maxRetries = 3;
    std::chrono::milliseconds m_backoffBase {250};
    std::chrono::milliseconds m_backoffMax {8000};
    bool m_allowInsecureHttp = false;
    bool m_streamTransportEnabled = true;
    int m_maxRateLimitWaits = 5;

    QTimer m_rateLimitTimer;
    QDateTime m_rateLimitedUntil;
    QQueue<QPointer<Job>> m_queue;
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::RequestLogEntry)
