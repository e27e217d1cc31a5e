#pragma once

#include "core/apierror.h"

#include <QJsonObject>
#include <QObject>
#include <QUrlQuery>

#include <memory>
#include <type_traits>

class QIODevice;

namespace Orkestr {

class Client;
class JobRequest;

namespace detail {
// The parameter type of a one-argument callable (a lambda, a function object or a function).
template<class F> struct SoleArgument : SoleArgument<decltype(&F::operator())>
{
};
template<class C, class R, class A> struct SoleArgument<R (C::*)(A) const>
{
    using type = A;
};
template<class C, class R, class A> struct SoleArgument<R (C::*)(A)>
{
    using type = A;
};
template<class R, class A> struct SoleArgument<R (*)(A)>
{
    using type = A;
};
template<class F> using SoleArgumentT = typename SoleArgument<std::remove_cvref_t<F>>::type;
} // namespace detail

// One API request, in the style of libQuotient's BaseJob: the client runs it (with retries and
// rate limiting), and it reports through signals. A job deletes itself after finished().
//
// The request's state and the rules that drive it (send, read, retry, wait, end) live in the
// private JobRequest (core/jobrequest.h); subclasses describe the request and parse the answer
// through the protected hooks below.
class Job : public QObject
{
    Q_OBJECT
public:
    enum class Status {
        NotStarted,
        Queued, // waiting for the rate limit to lift, or for a retry's backoff
        Running,
        Succeeded,
        Failed,
        Cancelled,
    };
    Q_ENUM(Status)

    ~Job() override;

    Status status() const;
    bool isFinished() const;
    const ApiError &error() const;
    // The X-Request-Id of the last response, for error dialogs ("copy for support").
    QString requestId() const;
    int httpStatus() const;
    int retries() const;
    QString path() const;
    // Idempotent jobs (GET, DELETE, create with an Idempotency-Key) may be retried after a
    // connection error, 500 or 503; others never are.
    bool isIdempotent() const;
    // An explicit token for this job only; it overrides the client's.
    void setToken(const QString &token);
    // Flow control for a streamed response: while paused, nothing more is read from the network,
    // so the network layer's bounded buffer fills and TCP makes the server wait (a consumer that
    // cannot keep up, such as a terminal drawing output, bounds memory this way).
    void setReceivePaused(bool paused);
    bool isReceivePaused() const;

    // Typed continuations, in the spirit of libQuotient's JobHandle::then(): the callbacks take the
    // job's own type, so callers read results without casts. They run in `context`'s thread and
    // not at all once `context` is gone.
    //   client->call<PauseSandboxJob>(id)->then(this, [](PauseSandboxJob *job) { ... },
    //                                               [](PauseSandboxJob *job) { ... job->error() ... });
    template<class OnSuccess> auto then(const QObject *context, OnSuccess &&onSuccess)
    {
        auto *typed = as<detail::SoleArgumentT<OnSuccess>>();
        connect(this, &Job::succeeded, context,
                [typed, f = std::forward<OnSuccess>(onSuccess)](Job *) mutable { f(typed); });
        return typed;
    }
    template<class OnSuccess, class OnFailure>
    auto then(const QObject *context, OnSuccess &&onSuccess, OnFailure &&onFailure)
    {
        auto *typed = then(context, std::forward<OnSuccess>(onSuccess));
        static_assert(std::is_same_v<decltype(typed), detail::SoleArgumentT<OnFailure>>,
                      "both callbacks take the same job type");
        connect(this, &Job::failed, context,
                [typed, f = std::forward<OnFailure>(onFailure)](Job *) mutable { f(typed); });
        return typed;
    }
    // Called last, whatever the outcome (also when cancelled).
    template<class OnFinished> auto whenFinished(const QObject *context, OnFinished &&onFinished)
    {
        auto *typed = as<detail::SoleArgumentT<OnFinished>>();
        connect(this, &Job::finished, context,
                [typed, f = std::forward<OnFinished>(onFinished)](Job *) mutable { f(typed); });
        return typed;
    }

public Q_SLOTS:
    // Stops the request; finished() follows with status Cancelled.
    void abort();

Q_SIGNALS:
    void started();
    // Bytes done and total (-1 when unknown) of the upload or download.
    void progress(qint64 done, qint64 total);
    void succeeded(Orkestr::Job *job);
    void failed(Orkestr::Job *job);
    // Always emitted last, after succeeded() or failed(), or alone when cancelled.
    void finished(Orkestr::Job *job);

protected:
    Job(QByteArray method, QString path, QObject *parent = nullptr);

    void setQuery(const QUrlQuery &query);
    void setJsonBody(const QJsonObject &body);
    void setIdempotent(bool idempotent);
    void setRawHeader(const QByteArray &name, const QByteArray &value);
    void removeRawHeader(const QByteArray &name);
    // Jobs that stream their response (exec stream, file read) want a longer quiet period.
    void setTransferTimeoutMs(int ms);
    // A long streamed response goes through the client's stream transport (see
    // Client::StreamTransport) instead of its QNetworkAccessManager.
    void setPrefersStreamTransport(bool prefers);
    QByteArray body() const;
    QByteArray rawHeader(const QByteArray &name) const;
    // A header of the last response (e.g. ETag); empty when absent.
    QByteArray responseHeader(const QByteArray &name) const;

    // The body for a streamed upload; called once per attempt (a retry needs a fresh device).
    // The default uses the JSON body. Return nullptr for no body.
    virtual QIODevice *createUploadDevice(qint64 *size);
    // Called with each piece of a successful (2xx) response as it arrives. The default collects it.
    virtual ApiError onResponseData(const QByteArray &data);
    // Called once the successful response is complete; parses what was collected.
    virtual ApiError onResponseFinished(const QByteArray &collected) = 0;
    // Called once the head of a successful response has arrived, before any of its data (a stream
    // that answered is connected, though it may stay silent for a while).
    virtual void onResponseStarted() { }
    // Called before a retry, so a streaming job can forget a partial response.
    virtual void resetForRetry() { }
    // Checked before each request is sent: an error here fails the job without any traffic
    // (client-side validation).
    virtual ApiError preflightError() const { return {}; }
    // Called when a successful response was cut short and will not be retried; a streaming job
    // may explain the error better, or (having seen its final data) turn it into success.
    virtual ApiError onResponseInterrupted(const ApiError &error) { return error; }
    // Called from onResponseFinished to fetch another page with the same job: the client sends
    // the request again with this query (through the rate limiter) instead of finishing.
    void requestFollowUp(const QUrlQuery &query);
    // Called from onResponseFinished when parsing goes on elsewhere (a worker thread, so that a
    // large body does not stall the GUI thread): the job then ends, or fetches its follow-up, only
    // when completeDeferred() is called.
    void deferCompletion();
    void completeDeferred(const ApiError &error);

    // Lets streaming subclasses end the job early with an error found in the data.
    void failWith(const ApiError &error);
    Client *client() const;

private:
    // The request runs the hooks above and emits the signals; nothing else reaches the state.
    friend class JobRequest;
    template<class JobPtr> JobPtr as()
    {
        static_assert(std::is_pointer_v<
                          JobPtr> && std::is_base_of_v<Job, std::remove_cv_t<std::remove_pointer_t<JobPtr>>>,
                      "a continuation takes a pointer to a job type");
        auto *typed = dynamic_cast<JobPtr>(this);
        Q_ASSERT_X(typed, "Job::then", "the continuation's job type is not this job's type");
        return typed;
    }

    std::unique_ptr<JobRequest> d;
};

} // namespace Orkestr
