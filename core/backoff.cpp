#include "core/backoff.h"

#include "core/apierror.h"
#include "core/job.h"

#include <QRandomGenerator>

#include <algorithm>

namespace Orkestr {

std::chrono::milliseconds exponentialBackoff(int attempt, std::chrono::milliseconds base,
                                             std::chrono::milliseconds max)
{
    const qint64 step = base.count() << std::clamp(attempt, 0, 16);
    const qint64 capped = std::min<qint64>(step, max.count());
    const qint64 jittered = capped / 2 + qint64(QRandomGenerator::global()->bounded(double(capped / 2 + 1)));
    return std::chrono::milliseconds(jittered);
}

bool isTransientError(const ApiError &error)
{
    if (error.kind() == ApiError::Kind::Connection || error.kind() == ApiError::Kind::RateLimit)
        return true;
    return error.httpStatus() >= 500;
}

void abandonJob(QPointer<Job> &job, const QObject *receiver)
{
    if (job) {
        QObject::disconnect(job, nullptr, receiver, nullptr);
        job->abort();
    }
    job.clear();
}

ReconnectSchedule::ReconnectSchedule(std::function<void()> reconnect)
{
    m_timer.setSingleShot(true);
    QObject::connect(&m_timer, &QTimer::timeout, std::move(reconnect));
}

void ReconnectSchedule::setBackoff(std::chrono::milliseconds base, std::chrono::milliseconds max)
{
    m_base = base;
    m_max = max;
}

std::chrono::milliseconds ReconnectSchedule::scheduleRetry()
{
    const auto delay = exponentialBackoff(m_failuresInRow++, m_base, m_max);
    m_timer.start(delay);
    return delay;
}

} // namespace Orkestr
