#include "core/sandboxwatchjob.h"

#include "core/jsonresponse.h"

#include <QUrl>
#include <QUrlQuery>

namespace Orkestr {

using namespace Qt::StringLiterals;

std::optional<SandboxChange> SandboxChange::fromSse(const SseEvent &event, ApiError *error)
{
    Kind kind;
    if (event.event == "sandbox")
        kind = Kind::Changed;
    else if (event.event == "removed")
        kind = Kind::Removed;
    else if (event.event == "reset")
        kind = Kind::Reset;
    else
        return std::nullopt; // unknown event names are for newer servers
    QJsonObject object;
    if (*error = parseJsonObject(event.data, &object); error->isError())
        return std::nullopt;
    SandboxChange change;
    change.kind = kind;
    if (kind == Kind::Reset) {
        change.version = object.value(u"latest_version"_s).toInteger();
        return change;
    }
    if (kind == Kind::Changed) {
        change.sandbox = Sandbox::fromJson(object);
        change.id = change.sandbox.id;
        change.version = change.sandbox.version;
    } else {
        change.id = object.value(u"id"_s).toString();
        change.version = object.value(u"version"_s).toInteger();
    }
    // The event id is the version too; the data's is the one kept with the sandbox.
    if (change.version <= 0)
        change.version = event.id.toLongLong();
    if (change.kind == Kind::Changed)
        change.sandbox.version = change.version;
    if (change.id.isEmpty() || change.version <= 0) {
        *error
            = ApiError(ApiError::Kind::Orkestr, u"invalid_response"_s,
                       SandboxWatchJob::tr("The server sent a sandbox change without an id or a version."));
        return std::nullopt;
    }
    return change;
}

SandboxWatchJob::SandboxWatchJob(qint64 sinceVersion, Start start, const WatchSandboxesParams &params,
                                 QObject *parent)
    : SseStreamJob("GET", u"/v1/sandboxes/watch"_s, parent)
    , m_lastVersion(sinceVersion)
{
    QUrlQuery query;
    const auto add = [&](const QString &key, const QStringList &values) {
        for (const auto &value : values)
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    };
    add(u"status"_s, params.statuses);
    add(u"region"_s, params.regions);
    add(u"template"_s, params.templates);
    if (start == Start::SinceVersion)
        query.addQueryItem(u"since_version"_s, QString::number(sinceVersion));
    else
        setLastEventId(sinceVersion);
    setQuery(query);
}

ApiError SandboxWatchJob::handleEvent(const SseEvent &event)
{
    ApiError error;
    const auto change = SandboxChange::fromSse(event, &error);
    if (error.isError())
        return error;
    if (!change)
        return {};
    if (change->kind == SandboxChange::Kind::Reset) {
        if (!m_latestVersion) {
            m_latestVersion = change->version;
            m_resetPending = true;
        }
        return {};
    }
    // A repeat of what was delivered already (a misbehaving server) is dropped.
    if (change->version <= m_lastVersion)
        return {};
    m_lastVersion = change->version;
    ++m_changes;
    m_pending.append(*change);
    return {};
}

void SandboxWatchJob::afterEvents()
{
    if (!m_pending.isEmpty())
        Q_EMIT changes(std::exchange(m_pending, {}));
    if (std::exchange(m_resetPending, false))
        Q_EMIT resetReceived(*m_latestVersion);
}

} // namespace Orkestr
