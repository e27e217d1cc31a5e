#include "core/sandbox.h"

#include "core/jsonfields.h"
#include "core/stringtable.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimeZone>

#include <algorithm>
#include <utility>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// A QMap or a SandboxMetadata.
template<class Map> QJsonObject mapToJson(const Map &map)
{
    QJsonObject object;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        object.insert(it.key(), it.value());
    return object;
}

ApiError invalidField(const QString &field, const QString &message)
{
    return ApiError(ApiError::Kind::Orkestr, u"invalid_request"_s, message, 0, {},
                    QJsonObject {{u"field"_s, field}});
}
} // namespace

namespace {
// The shape every timestamp of the API has, "2026-11-21T20:32:00.123Z", read without the general
// ISO 8601 parser (a listing page holds thousands); nothing when the text has another shape.
std::optional<QDateTime> utcTimestamp(QStringView text)
{
    if (text.size() != 24 || text[4] != u'-' || text[7] != u'-' || text[10] != u'T' || text[13] != u':'
        || text[16] != u':' || text[19] != u'.' || text[23] != u'Z')
        return std::nullopt;
    bool ok = true;
    const auto number = [&](qsizetype from, qsizetype length) {
        int value = 0;
        for (qsizetype i = from; i < from + length; ++i) {
            const char16_t c = text[i].unicode();
            ok = ok && c >= u'0' && c <= u'9';
            value = value * 10 + (c - u'0');
        }
        return value;
    };
    const QDate date(number(0, 4), number(5, 2), number(8, 2));
    const QTime time(number(11, 2), number(14, 2), number(17, 2), number(20, 3));
    if (!ok || !date.isValid() || !time.isValid())
        return std::nullopt;
    return QDateTime(date, time, QTimeZone::UTC);
}
} // namespace

QDateTime dateTimeFromJson(const QJsonValue &value)
{
    if (!value.isString())
        return {};
    const QString text = value.toString();
    if (auto time = utcTimestamp(text))
        return *time;
    return QDateTime::fromString(text, Qt::ISODateWithMs).toUTC();
}

QJsonValue dateTimeToJson(const QDateTime &dateTime)
{
    if (!dateTime.isValid())
        return QJsonValue::Null;
    return dateTime.toUTC().toString(Qt::ISODateWithMs);
}

Snapshot Snapshot::fromJson(const QJsonObject &object)
{
    return {dateTimeFromJson(object.value(u"created_at"_s)), object.value(u"size_bytes"_s).toInteger()};
}

QJsonObject Snapshot::toJson() const
{
    return {{u"created_at"_s, dateTimeToJson(createdAt)}, {u"size_bytes"_s, sizeBytes}};
}

namespace {
// The wire's status names (Unknown has none: it stands for the names this client does not know).
constexpr std::pair<Sandbox::Status, QStringView> statusNames[] = {
    {Sandbox::Status::Starting, u"starting"}, {Sandbox::Status::Running, u"running"},
    {Sandbox::Status::Pausing, u"pausing"},   {Sandbox::Status::Paused, u"paused"},
    {Sandbox::Status::Resuming, u"resuming"}, {Sandbox::Status::Terminated, u"terminated"},
    {Sandbox::Status::Failed, u"failed"},
};
} // namespace

Sandbox::Status Sandbox::statusFromString(const QString &text)
{
    for (const auto &[status, name] : statusNames) {
        if (name == text)
            return status;
    }
    return Status::Unknown;
}

QString Sandbox::statusToString(Status status)
{
    for (const auto &[known, name] : statusNames) {
        if (known == status)
            return name.toString();
    }
    return {};
}

Sandbox Sandbox::fromJson(const QJsonObject &object)
{
    Sandbox sandbox;
    sandbox.id = object.value(u"id"_s).toString();
    sandbox.templateName = object.value(u"template"_s).toString();
    sandbox.statusText = object.value(u"status"_s).toString();
    sandbox.status = statusFromString(sandbox.statusText);
    sandbox.region = object.value(u"region"_s).toString();
    sandbox.cpu = object.value(u"cpu"_s).toDouble();
    sandbox.memoryMb = object.value(u"memory_mb"_s).toInt();
    sandbox.network = object.value(u"network"_s).toString();
    sandbox.timeoutSeconds = object.value(u"timeout_seconds"_s).toInt();
    const auto envKeys = object.value(u"env_keys"_s).toArray();
    sandbox.envKeys.reserve(envKeys.size());
    for (const auto &key : envKeys)
        sandbox.envKeys.append(key.toString());
    const auto metadata = object.value(u"metadata"_s).toObject();
    for (auto it = metadata.begin(); it != metadata.end(); ++it)
        sandbox.metadata.insert(it.key(), it.value().toString());
    sandbox.createdAt = dateTimeFromJson(object.value(u"created_at"_s));
    sandbox.expiresAt = dateTimeFromJson(object.value(u"expires_at"_s));
    sandbox.pausedAt = dateTimeFromJson(object.value(u"paused_at"_s));
    sandbox.terminatedAt = dateTimeFromJson(object.value(u"terminated_at"_s));
    sandbox.terminationReason = object.value(u"termination_reason"_s).toString();
    if (const auto snapshot = object.value(u"snapshot"_s); snapshot.isObject())
        sandbox.snapshot = Snapshot::fromJson(snapshot.toObject());
    sandbox.version = object.value(u"version"_s).toInteger();
    return sandbox;
}

void Sandbox::shareStrings(StringTable &table)
{
    table.intern(templateName);
    table.intern(statusText);
    table.intern(region);
    table.intern(network);
    table.intern(terminationReason);
    // Lists shared with another copy of this sandbox are left alone when their keys are shared
    // already: changing them would copy the list.
    const auto held = [&table](const QString &key) {
        return table.holds(key);
    };
    if (!std::all_of(envKeys.cbegin(), envKeys.cend(), held)) {
        for (auto &key : envKeys)
            table.intern(key);
    }
    metadata.shareKeys(table);
}

QJsonObject Sandbox::toJson() const
{
    QJsonObject object {
        {u"id"_s, id},
        {u"template"_s, templateName},
        {u"status"_s, status == Status::Unknown ? statusText : statusToString(status)},
        {u"region"_s, region},
        {u"cpu"_s, cpu},
        {u"memory_mb"_s, memoryMb},
        {u"network"_s, network},
        {u"timeout_seconds"_s, timeoutSeconds},
        {u"env_keys"_s, QJsonArray::fromStringList(envKeys)},
        {u"metadata"_s, mapToJson(metadata)},
        {u"created_at"_s, dateTimeToJson(createdAt)},
        {u"expires_at"_s, dateTimeToJson(expiresAt)},
        {u"paused_at"_s, dateTimeToJson(pausedAt)},
        {u"terminated_at"_s, dateTimeToJson(terminatedAt)},
        {u"termination_reason"_s, stringOrNull(terminationReason)},
        {u"snapshot"_s, snapshot ? QJsonValue(snapshot->toJson()) : QJsonValue(QJsonValue::Null)},
    };
    // A sandbox from a server without the change counter goes back as it came, without one.
    if (version > 0)
        object.insert(u"version"_s, version);
    return object;
}

ApiError CreateSandboxParams::validate() const
{
    auto tr = [](const char *text) {
        return QCoreApplication::translate("Orkestr::CreateSandboxParams", text);
    };
    if (templateName.trimmed().isEmpty())
        return invalidField(u"template"_s, tr("A template is required."));
    if (cpu && !(*cpu > 0))
        return invalidField(u"cpu"_s, tr("cpu must be greater than zero."));
    if (memoryMb && *memoryMb <= 0)
        return invalidField(u"memory_mb"_s, tr("memory_mb must be greater than zero."));
    if (timeoutSeconds && *timeoutSeconds <= 0)
        return invalidField(u"timeout_seconds"_s, tr("timeout_seconds must be greater than zero."));
    if (!network.isEmpty() && network != u"off"_s && network != u"restricted"_s && network != u"open"_s)
        return invalidField(u"network"_s, tr("network must be off, restricted or open."));
    if (metadata.size() > MaxMetadataKeys) {
        return invalidField(
            u"metadata"_s,
            tr("metadata has %1 keys; at most %2 are allowed.").arg(metadata.size()).arg(MaxMetadataKeys));
    }
    for (auto it = metadata.cbegin(); it != metadata.cend(); ++it) {
        // Characters, not UTF-16 units: an emoji counts once.
        const auto length = it.value().toUcs4().size();
        if (length > MaxMetadataValueLength) {
            return invalidField(u"metadata"_s,
                                tr("metadata value of \"%1\" has %2 characters; at most %3 are allowed.")
                                    .arg(it.key())
                                    .arg(length)
                                    .arg(MaxMetadataValueLength));
        }
    }
    return {};
}

QJsonObject CreateSandboxParams::toJson() const
{
    QJsonObject object {{u"template"_s, templateName}};
    if (cpu)
        object.insert(u"cpu"_s, *cpu);
    if (memoryMb)
        object.insert(u"memory_mb"_s, *memoryMb);
    if (!network.isEmpty())
        object.insert(u"network"_s, network);
    if (timeoutSeconds)
        object.insert(u"timeout_seconds"_s, *timeoutSeconds);
    if (!env.isEmpty())
        object.insert(u"env"_s, mapToJson(env));
    if (!metadata.isEmpty())
        object.insert(u"metadata"_s, mapToJson(metadata));
    if (!region.isEmpty())
        object.insert(u"region"_s, region);
    return object;
}

FileEntry FileEntry::fromJson(const QJsonObject &object)
{
    FileEntry entry;
    entry.name = object.value(u"name"_s).toString();
    entry.isDir = object.value(u"is_dir"_s).toBool();
    entry.size = object.value(u"size"_s).toInteger();
    entry.mode = object.value(u"mode"_s).toInt();
    entry.modifiedAt = dateTimeFromJson(object.value(u"modified_at"_s));
    return entry;
}

QJsonObject FileEntry::toJson() const
{
    return {{u"name"_s, name},
            {u"is_dir"_s, isDir},
            {u"size"_s, size},
            {u"mode"_s, mode},
            {u"modified_at"_s, dateTimeToJson(modifiedAt)}};
}

ExecResult ExecResult::fromJson(const QJsonObject &object)
{
    return {object.value(u"stdout"_s).toString(), object.value(u"stderr"_s).toString(),
            object.value(u"exit_code"_s).toInt(), object.value(u"duration_ms"_s).toInteger()};
}

QJsonObject ExecResult::toJson() const
{
    return {{u"stdout"_s, stdoutText},
            {u"stderr"_s, stderrText},
            {u"exit_code"_s, exitCode},
            {u"duration_ms"_s, durationMs}};
}

ExecChunk ExecChunk::fromOutputJson(const QJsonObject &object)
{
    ExecChunk chunk;
    chunk.stream = object.value(u"stream"_s).toString();
    chunk.data = object.value(u"data"_s).toString();
    chunk.offset = object.value(u"offset"_s).toInteger();
    return chunk;
}

ExecChunk ExecChunk::fromExitJson(const QJsonObject &object)
{
    ExecChunk chunk;
    chunk.exitCode = object.value(u"exit_code"_s).toInt();
    chunk.durationMs = object.value(u"duration_ms"_s).toInteger();
    return chunk;
}

QJsonObject ExecChunk::toJson() const
{
    if (isFinal())
        return {{u"exit_code"_s, *exitCode}, {u"duration_ms"_s, durationMs.value_or(0)}};
    return {{u"stream"_s, stream}, {u"data"_s, data}, {u"offset"_s, offset}};
}

Template Template::fromJson(const QJsonObject &object)
{
    return {object.value(u"name"_s).toString(), object.value(u"description"_s).toString(),
            object.value(u"available"_s).toBool()};
}

QJsonObject Template::toJson() const
{
    return {{u"name"_s, name}, {u"description"_s, description}, {u"available"_s, available}};
}

Region Region::fromJson(const QJsonObject &object)
{
    return {object.value(u"name"_s).toString(), object.value(u"location"_s).toString()};
}

QJsonObject Region::toJson() const
{
    return {{u"name"_s, name}, {u"location"_s, location}};
}

} // namespace Orkestr
