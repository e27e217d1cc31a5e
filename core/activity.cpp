#include "core/activity.h"

#include "core/wirefields.h"

#include <QHash>
#include <QJsonArray>

namespace Orkestr {

using namespace Qt::StringLiterals;

namespace {
// Indexed by ActivityEvent::Kind, Unknown first.
constexpr QStringView KindNames[] = {
    u"",
    u"sandbox.created",
    u"sandbox.paused",
    u"sandbox.resumed",
    u"sandbox.terminated",
    u"sandbox.failed",
    u"exec.started",
    u"exec.finished",
    u"file.written",
    u"file.deleted",
    u"network.denied",
    u"process.signalled",
    u"request.failed",
};
static_assert(std::size(KindNames) == size_t(ActivityEvent::Kind::RequestFailed) + 1);

// Indexed by ExecRecord::Status, Unknown first.
constexpr QStringView StatusNames[] = {u"", u"running", u"exited", u"timeout", u"killed", u"lost"};
static_assert(std::size(StatusNames) == size_t(ExecRecord::Status::Lost) + 1);

template<class Enum, size_t N> Enum enumFromName(const QStringView (&names)[N], const QString &text)
{
    if (text.isEmpty())
        return Enum(0);
    for (size_t i = 1; i < N; ++i) {
        if (names[i] == text)
            return Enum(i);
    }
    return Enum(0);
}
} // namespace

// Actor

QString Actor::displayName() const
{
    if (isToken())
        return tokenName.isEmpty() ? tokenPrefix : tokenName;
    if (isSystem())
        return reason;
    return typeText;
}

Actor Actor::token(const QString &prefix, const QString &name)
{
    return {Type::Token, u"token"_s, prefix, name, {}};
}

Actor Actor::system(const QString &reason)
{
    return {Type::System, u"system"_s, {}, {}, reason};
}

Actor Actor::fromJson(const QJsonObject &object)
{
    Actor actor;
    actor.typeText = object.value(u"type"_s).toString();
    actor.type = actor.typeText == u"token"_s ? Type::Token
        : actor.typeText == u"system"_s       ? Type::System
                                              : Type::Unknown;
    // Each type has its own fields; a token's "reason" or a system's token fields mean nothing.
    if (actor.type != Type::System) {
        actor.tokenPrefix = object.value(u"token_prefix"_s).toString();
        actor.tokenName = object.value(u"token_name"_s).toString();
    }
    if (actor.type != Type::Token)
        actor.reason = object.value(u"reason"_s).toString();
    return actor;
}

QJsonObject Actor::toJson() const
{
    switch (type) {
    case Type::Token:
        return {{u"type"_s, u"token"_s},
                {u"token_prefix"_s, tokenPrefix},
                {u"token_name"_s, stringOrNull(tokenName)}};
    case Type::System:
        return {{u"type"_s, u"system"_s}, {u"reason"_s, reason}};
    case Type::Unknown:
        break;
    }
    QJsonObject object {{u"type"_s, typeText}};
    if (!tokenPrefix.isEmpty())
        object.insert(u"token_prefix"_s, tokenPrefix);
    if (!tokenName.isEmpty())
        object.insert(u"token_name"_s, tokenName);
    if (!reason.isEmpty())
        object.insert(u"reason"_s, reason);
    return object;
}

// Gaps

EventGap EventGap::fromJson(const QJsonObject &object)
{
    return {object.value(u"from_seq"_s).toInteger(), object.value(u"to_seq"_s).toInteger()};
}

QJsonObject EventGap::toJson() const
{
    return {{u"from_seq"_s, fromSeq}, {u"to_seq"_s, toSeq}};
}

OutputGap OutputGap::fromJson(const QJsonObject &object)
{
    return {object.value(u"stream"_s).toString(), object.value(u"from"_s).toInteger(),
            object.value(u"to"_s).toInteger()};
}

QJsonObject OutputGap::toJson() const
{
    return {{u"stream"_s, stream}, {u"from"_s, from}, {u"to"_s, to}};
}

// ExecRecord

bool ExecRecord::isFailure() const
{
    switch (status) {
    case Status::Running:
    case Status::Unknown:
        return false;
    case Status::Exited:
        return exitCode.value_or(0) != 0;
    case Status::Timeout:
    case Status::Killed:
    case Status::Lost:
        return true;
    }
    return false;
}

ExecRecord::Status ExecRecord::statusFromString(const QString &text)
{
    return enumFromName<Status>(StatusNames, text);
}

QString ExecRecord::statusToString(Status status)
{
    return StatusNames[size_t(status)].toString();
}

// The status is read and written apart: its text is kept when this client does not know it.
ExecRecord ExecRecord::fromJson(const QJsonObject &object)
{
    auto record = fromJsonFields<ExecRecord>(object, ExecRecordFields);
    record.statusText = object.value(u"status"_s).toString();
    record.status = statusFromString(record.statusText);
    return record;
}

QJsonObject ExecRecord::toJson() const
{
    auto object = toJsonFields(*this, ExecRecordFields);
    object.insert(u"status"_s, status == Status::Unknown ? statusText : statusToString(status));
    return object;
}

// ActivityEvent

bool ActivityEvent::endsSandbox() const
{
    const auto known = knownKind();
    return known == Kind::SandboxTerminated || known == Kind::SandboxFailed;
}

bool ActivityEvent::isFailure() const
{
    switch (knownKind()) {
    case Kind::ExecFinished: {
        // The record's rule, so that a timeline and an exec list agree.
        ExecRecord finished;
        finished.status = execStatus();
        finished.exitCode = exitCode();
        return finished.isFailure();
    }
    case Kind::SandboxTerminated:
        return reason() == u"error"_s;
    case Kind::SandboxFailed:
    case Kind::NetworkDenied:
    case Kind::RequestFailed:
        return true;
    default:
        return false;
    }
}

QStringList ActivityEvent::envKeys() const
{
    QStringList keys;
    for (const auto &key : data.value(u"env_keys"_s).toArray())
        keys.append(key.toString());
    return keys;
}
ExecRecord::Status ActivityEvent::execStatus() const
{
    return ExecRecord::statusFromString(data.value(u"status"_s).toString());
}

ActivityEvent::Kind ActivityEvent::kindFromString(const QString &text)
{
    return enumFromName<Kind>(KindNames, text);
}

QString ActivityEvent::kindToString(Kind kind)
{
    return KindNames[size_t(kind)].toString();
}

QString ActivityEvent::familyOf(const QString &kind)
{
    const auto dot = kind.indexOf(u'.');
    return dot < 0 ? kind : kind.left(dot);
}

bool ActivityEvent::kindMatches(const QString &kind, const QString &filter)
{
    if (filter.endsWith(u".*"_s))
        return kind.size() > filter.size() - 1 && kind.startsWith(QStringView(filter).chopped(1));
    return kind == filter;
}

QStringList ActivityEvent::knownKinds()
{
    QStringList kinds;
    for (size_t i = 1; i < std::size(KindNames); ++i)
        kinds.append(KindNames[i].toString());
    return kinds;
}

ORKESTR_WIRE_VALUE_FIELDS(ActivityEvent, ActivityEventFields)

// Pages

EventPage EventPage::fromJson(const QJsonObject &object)
{
    return {listFromJson<ActivityEvent>(object.value(u"events"_s)), object.value(u"has_more"_s).toBool(),
            object.value(u"latest_seq"_s).toInteger()};
}

QJsonObject EventPage::toJson() const
{
    return {{u"events"_s, listToJson(events)}, {u"has_more"_s, hasMore}, {u"latest_seq"_s, latestSeq}};
}

ExecPage ExecPage::fromJson(const QJsonObject &object)
{
    return {listFromJson<ExecRecord>(object.value(u"execs"_s)), object.value(u"has_more"_s).toBool()};
}

QJsonObject ExecPage::toJson() const
{
    return {{u"execs"_s, listToJson(execs)}, {u"has_more"_s, hasMore}};
}

} // namespace Orkestr
