#include "core/attachexecjob.h"

#include "core/activityjobs.h"
#include "core/jsonresponse.h"

namespace Orkestr {

using namespace Qt::StringLiterals;

AttachExecJob::AttachExecJob(const QString &sandboxId, const QString &execId, From from, QObject *parent)
    : ExecOutputJob("GET", execPath(sandboxId, execId, u"/stream"_s), parent)
    , m_execId(execId)
{
    QUrlQuery query;
    query.addQueryItem(u"from"_s, from == From::Live ? u"live"_s : u"start"_s);
    setQuery(query);
}

ApiError AttachExecJob::handleOtherEvent(const SseEvent &event)
{
    if (event.event != "gap")
        return ExecOutputJob::handleOtherEvent(event);
    QJsonObject object;
    if (auto error = parseJsonObject(event.data, &object); error.isError())
        return error;
    const auto outputGap = OutputGap::fromJson(object);
    m_gaps.append(outputGap);
    Q_EMIT gap(outputGap);
    return {};
}

QString AttachExecJob::cutShortConsequence() const
{
    return tr("Detaching never stops the command: it may still be running in the sandbox.");
}

} // namespace Orkestr
