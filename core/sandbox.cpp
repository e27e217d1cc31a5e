#include "core/sandbox.h"

#include "core/stringtable.h"
#include "core/wirefields.h"

#include <QCoreApplication>

#include <algorithm>
#include <utility>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
QJsonObject mapToJson(const QMap<QString, QString> &map)
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

ORKESTR_WIRE_VALUE_FIELDS(Snapshot, SnapshotFields)

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

// The status goes through statusText; Sandbox::fromJson and toJson read and write the enum.
Sandbox Sandbox::fromJson(const QJsonObject &object)
{
    auto sandbox = fromJsonFields<Sandbox>(object, SandboxFields);
    sandbox.status = statusFromString(sandbox.statusText);
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
    auto object = toJsonFields(*this, SandboxFields);
    if (status != Status::Unknown)
        object.insert(u"status"_s, statusToString(status));
    // A sandbox from a server without the change counter goes back as it came, without one.
    if (version <= 0)
        object.remove(u"version"_s);
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

ORKESTR_WIRE_VALUE_FIELDS(FileEntry, FileEntryFields)
ORKESTR_WIRE_VALUE_FIELDS(ExecResult, ExecResultFields)

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

ORKESTR_WIRE_VALUE_FIELDS(Template, TemplateFields)
ORKESTR_WIRE_VALUE_FIELDS(Region, RegionFields)

} // namespace Orkestr
