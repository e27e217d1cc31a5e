#include "server/sandbox.h"

#include <QJsonArray>

#include <array>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

constexpr std::array StatusNames {u"starting", u"running",    u"pausing", u"paused",
                                  u"resuming", u"terminated", u"failed"};

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(timestamp(time)) : QJsonValue(QJsonValue::Null);
}

} // namespace

QString statusName(SandboxStatus status)
{
    return QString::fromUtf16(StatusNames.at(size_t(status)));
}

std::optional<SandboxStatus> statusFromName(const QString &name)
{
    for (size_t i = 0; i < StatusNames.size(); ++i)
        if (name == QStringView(StatusNames.at(i)))
            return SandboxStatus(i);
    return std::nullopt;
}

QString timestamp(const QDateTime &time)
{
    return time.isValid() ? time.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime parseTimestamp(const QJsonValue &value)
{
    return value.isString() ? QDateTime::fromString(value.toString(), Qt::ISODateWithMs) : QDateTime();
}

QJsonValue stringOrNull(const QString &text)
{
    return text.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(text);
}

std::optional<Sandbox::Violation> Sandbox::violationAfter(qint64 count) const
{
    if (violationCount == count)
        return std::nullopt;
    for (const auto &entry : violations)
        if (entry.sequence > count)
            return entry;
    return std::nullopt;
}

QJsonObject Sandbox::toJson() const
{
    QJsonValue snapshot(QJsonValue::Null);
    if (status == SandboxStatus::Paused && snapshotSizeBytes >= 0)
        snapshot = QJsonObject {{u"created_at"_s, timestamp(snapshotCreatedAt)},
                                {u"size_bytes"_s, snapshotSizeBytes}};
    return {
        {u"id"_s, id},
        {u"template"_s, templateName},
        {u"status"_s, statusName(status)},
        {u"region"_s, region},
        {u"cpu"_s, cpu},
        {u"memory_mb"_s, memoryMb},
        {u"network"_s, network},
        {u"timeout_seconds"_s, timeoutSeconds},
        {u"env_keys"_s, QJsonArray::fromStringList(env.keys())},
        {u"metadata"_s, metadata},
        {u"created_at"_s, timestamp(createdAt)},
        {u"expires_at"_s, timestampOrNull(expiresAt)},
        {u"paused_at"_s, timestampOrNull(pausedAt)},
        {u"terminated_at"_s, timestampOrNull(terminatedAt)},
        {u"termination_reason"_s, stringOrNull(terminationReason)},
        {u"snapshot"_s, snapshot},
        {u"version"_s, version},
    };
}

std::unique_ptr<Sandbox> Sandbox::fromStateJson(const QJsonObject &object)
{
    auto sandbox = std::make_unique<Sandbox>();
    sandbox->id = object.value(u"id"_s).toString();
    sandbox->templateName = object.value(u"template"_s).toString();
    const QString status = object.value(u"status"_s).toString();
    sandbox->region = object.value(u"region"_s).toString();
    sandbox->cpu = object.value(u"cpu"_s).toDouble(1.0);
    sandbox->memoryMb = object.value(u"memory_mb"_s).toInt(2048);
    sandbox->network = object.value(u"network"_s).toString(u"off"_s);
    sandbox->timeoutSeconds = object.value(u"timeout_seconds"_s).toInt(600);
    sandbox->env = object.value(u"env"_s).toObject();
    sandbox->metadata = object.value(u"metadata"_s).toObject();
    sandbox->createdAt = parseTimestamp(object.value(u"created_at"_s));
    sandbox->expiresAt = parseTimestamp(object.value(u"expires_at"_s));
    sandbox->pausedAt = parseTimestamp(object.value(u"paused_at"_s));
    sandbox->terminatedAt = parseTimestamp(object.value(u"terminated_at"_s));
    sandbox->terminationReason = object.value(u"termination_reason"_s).toString();
    sandbox->snapshotCreatedAt = parseTimestamp(object.value(u"snapshot_created_at"_s));
    sandbox->snapshotSizeBytes = qint64(object.value(u"snapshot_size_bytes"_s).toDouble(-1));
    if (!sandbox->id.startsWith(u"sbx_"_s) || status.isEmpty())
        return nullptr;
    // A state this server does not know (a newer release's) is treated like a dead process.
    sandbox->status = statusFromName(status).value_or(SandboxStatus::Failed);
    return sandbox;
}

} // namespace OrkestrLocal
