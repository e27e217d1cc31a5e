#include "core/processjobs.h"

#include "core/sandboxjobs.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

ListProcessesJob::ListProcessesJob(const QString &sandboxId, QObject *parent)
    : ObjectJob("GET", sandboxPath(sandboxId, u"/processes"_s), parent)
{
}

ApiError ListProcessesJob::checkObject(const QJsonObject &object) const
{
    return requireArrayField(object, u"processes"_s);
}

SignalProcessJob::SignalProcessJob(const QString &sandboxId, qint64 pid, int signal, QObject *parent)
    : Job("POST", sandboxPath(sandboxId, u"/processes/%1/signal"_s.arg(pid)), parent)
    , m_pid(pid)
    , m_signal(signal)
{
    setJsonBody({{u"signal"_s, signal}});
    setIdempotent(false);
}

ApiError SignalProcessJob::preflightError() const
{
    auto invalid = [](const QString &field, const QString &message) {
        return ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s, message, 0, {},
                        QJsonObject {{u"field"_s, field}});
    };
    if (m_signal < MinSignal || m_signal > MaxSignal)
        return invalid(u"signal"_s, tr("The signal must be a number from 1 to 31."));
    if (m_pid < 1)
        return invalid(u"pid"_s, tr("The process id must be a positive number."));
    return {};
}

} // namespace Orkestr
