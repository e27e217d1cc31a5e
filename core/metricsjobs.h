#pragma once

// The Extensions' metrics queries. A 404 from a server without the extension is
// ApiError::isUnsupportedEndpoint() (see docs/api.md).

#include "core/job.h"
#include "core/metrics.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

#include <utility>

namespace Orkestr {

// A GET whose answer is one JSON object, parsed on a worker thread: an hour of samples, or the
// latest samples of thousands of sandboxes, would hold the GUI thread for tens of milliseconds.
template<class T> class BackgroundObjectJob : public Job
{
protected:
    // What the object must hold beyond being one; an invalid_response otherwise. Runs on the worker.
    using Check = ApiError (*)(const QJsonObject &object);

    BackgroundObjectJob(QByteArray method, QString path, Check check, QObject *parent)
        : Job(std::move(method), std::move(path), parent)
        , m_check(check)
    {
    }
    const T &value() const { return m_value; }
    T takeValue() { return std::exchange(m_value, {}); }
    ApiError onResponseFinished(const QByteArray &collected) override
    {
        deferCompletion();
        // The watcher is a child of the job: if the job is cancelled meanwhile, the result is dropped.
        auto *watcher = new QFutureWatcher<Parsed>(this);
        connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
            watcher->deleteLater();
            Parsed parsed = watcher->result();
            m_value = std::move(parsed.value);
            completeDeferred(parsed.error);
        });
        watcher->setFuture(QtConcurrent::run(&BackgroundObjectJob::parse, collected, m_check));
        return {};
    }

private:
    struct Parsed
    {
        ApiError error;
        T value;
    };
    static Parsed parse(const QByteArray &body, Check check);

    Check m_check;
    T m_value;
};

// Parses a body that must be a JSON object passing `check` (defined in metricsjobs.cpp).
ApiError parseCheckedObject(const QByteArray &body, ApiError (*check)(const QJsonObject &),
                            QJsonObject *object);

template<class T>
typename BackgroundObjectJob<T>::Parsed BackgroundObjectJob<T>::parse(const QByteArray &body, Check check)
{
    Parsed parsed;
    QJsonObject object;
    parsed.error = parseCheckedObject(body, check, &object);
    if (!parsed.error.isError())
        parsed.value = T::fromJson(object);
    return parsed;
}

// GET /v1/sandboxes/{id}/metrics: the samples at or after `since` (null: the server's default,
// the last hour), oldest first, with the sampling interval and the sandbox's limits.
class GetSandboxMetricsJob : public BackgroundObjectJob<SandboxMetrics>
{
    Q_OBJECT
public:
    explicit GetSandboxMetricsJob(const QString &sandboxId, const QDateTime &since = {},
                                  QObject *parent = nullptr);

    SandboxMetrics metrics() const { return value(); }
    SandboxMetrics takeMetrics() { return takeValue(); }
    QList<MetricsSample> samples() const { return value().samples; }
    qint64 intervalMs() const { return value().intervalMs; }
    MetricsLimits limits() const { return value().limits; }
};

// GET /v1/metrics: the latest sample of every running sandbox. With the ETag of an earlier answer
// an unchanged state answers 304: the job succeeds with notModified() and no samples.
class ListLatestMetricsJob : public BackgroundObjectJob<LatestMetrics>
{
    Q_OBJECT
public:
    explicit ListLatestMetricsJob(const QByteArray &ifNoneMatch = {}, QObject *parent = nullptr);

    LatestMetrics latest() const { return value(); }
    // Hands the samples over and leaves the job without them.
    LatestMetrics takeLatest() { return takeValue(); }
    // The ETag of this answer (the one sent, after a 304), for the next request's ifNoneMatch.
    QByteArray etag() const { return m_etag; }
    bool notModified() const { return status() == Status::Succeeded && httpStatus() == 304; }

protected:
    ApiError onResponseFinished(const QByteArray &collected) override;

private:
    QByteArray m_ifNoneMatch;
    QByteArray m_etag;
};

// The RFC 3339 form with milliseconds in UTC that `since` and the other timestamps take.
QString metricsTimestamp(const QDateTime &at);

} // namespace Orkestr
