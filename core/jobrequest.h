#pragma once

// Private to OrkestrCore (job.cpp, jobrequest.cpp, client.cpp include it; nothing else should).

#include "core/apierror.h"
#include "core/job.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QUrlQuery>

class QNetworkReply;

namespace Orkestr {

// The state of one job's request and the rules that drive it: send an attempt, read the answer,
// retry or wait for the rate limit, and end the job. Every job owns one.
//
// The narrow interface between a job and its client:
// - Client reaches a job only through of(job) and the four calls marked "Client:" below.
// - A JobRequest reaches its client only through the calls Client declares for it (its section
//   "for JobRequest"): the URL and token, the network, the rate limiter's queue and the request log.
// - One verb ends a job, conclude(): it decides nothing else, and everything that ends a job
//   (success, failure, cancel, with or without a client) goes through it.
class JobRequest
{
public:
    JobRequest(Job *job, QByteArray method, QString path);
    ~JobRequest();
    JobRequest(const JobRequest &) = delete;
    JobRequest &operator=(const JobRequest &) = delete;

    static JobRequest *of(Job *job) { return job->d.get(); }

    // Client: the job is handed to `client`; it is queued until start() or send().
    void attach(Client *client);
    // Client: the first attempt, once the caller had a chance to connect to the job's signals.
    void start();
    // Client: one attempt now (the rate limiter let it through).
    void send();
    // Client: the client goes away; the job ends as cancelled.
    void cancel() { conclude(Job::Status::Cancelled, ApiError::cancelled()); }

    // The end of the job: sets its status and error, logs the request, emits succeeded() or
    // failed() and finished(), and deletes the job later. Does nothing on a job that has ended.
    void conclude(Job::Status status, const ApiError &error);
    // The end of a successful response's parsing: a follow-up page, or the end.
    void afterResponseParsed(const ApiError &error);
    // Flow control: what arrived while paused raises no new readyRead, so it is read from the
    // event loop when the consumer resumes.
    void setReceivePaused(bool paused);

    // The request, as the job describes it.
    QByteArray method;
    QString path;
    QUrlQuery query;
    QByteArray jsonBody;
    bool hasJsonBody = false;
    QList<std::pair<QByteArray, QByteArray>> headers;
    QString token;
    bool idempotent = false;
    int transferTimeoutMs = 0;
    bool prefersStreamTransport = false;

    // The outcome, readable through Job's getters.
    Job::Status status = Job::Status::NotStarted;
    ApiError error;
    QString requestId;
    int httpStatus = 0;
    QByteArray body;
    QList<std::pair<QByteArray, QByteArray>> responseHeaders;
    int retries = 0;
    bool receivePaused = false;
    // Set by the job while it parses a response (see Job::requestFollowUp, deferCompletion).
    bool followUp = false;
    bool deferred = false;

    Client *client() const;
    bool isFinished() const
    {
        return status == Job::Status::Succeeded || status == Job::Status::Failed
            || status == Job::Status::Cancelled;
    }

private:
    void onMetaData(QNetworkReply *reply);
    void onReadyRead(QNetworkReply *reply);
    void onFinished(QNetworkReply *reply);
    // A connection error, or a successful answer cut short: retry or end.
    void onConnectionLost(QNetworkReply *reply, bool truncated);
    void onErrorResponse(QNetworkReply *reply);
    void retryLater(std::chrono::milliseconds delay, const QString &why);
    void dropReply();

    Job *const m_job;
    QPointer<Client> m_client; // a job may outlive a client that is not its parent
    QPointer<QNetworkReply> m_reply;
    int m_rateLimitWaits = 0;
    bool m_responseIsSuccess = false;
    bool m_readScheduled = false;
    qint64 m_bytesReceived = 0;
    QElapsedTimer m_elapsed;
};

} // namespace Orkestr
