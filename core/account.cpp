#include "core/account.h"

#include "core/jsonfields.h"

#include <QJsonArray>

namespace Orkestr {

using namespace Qt::StringLiterals;

bool Account::canWrite() const
{
    return scopes.contains(u"sandboxes:write"_s);
}

namespace {
constexpr auto SnapshotFields = std::tuple {
    JsonField {u"used", &Account::Snapshots::used},
    JsonField {u"cap", &Account::Snapshots::cap},
};
constexpr auto LimitFields = std::tuple {
    JsonField {u"max_cpu", &Account::Limits::maxCpu},
    JsonField {u"max_memory_mb", &Account::Limits::maxMemoryMb},
    JsonField {u"max_timeout_seconds", &Account::Limits::maxTimeoutSeconds},
    JsonField {u"max_running_sandboxes", &Account::Limits::maxRunningSandboxes},
};
constexpr auto UsageFields = std::tuple {
    JsonField {u"running_sandboxes", &Account::Usage::running},
    JsonField {u"paused_sandboxes", &Account::Usage::paused},
};
// The token's prefix and scopes are read and written apart: the wire nests them in "token", the
// struct does not.
constexpr auto AccountFields = std::tuple {
    JsonField {u"account_id", &Account::accountId},
    JsonField {u"name", &Account::name},
    JsonField {u"plan", &Account::plan},
    JsonGroup {u"snapshots", &Account::snapshots, SnapshotFields},
    JsonGroup {u"limits", &Account::limits, LimitFields},
    JsonGroup {u"usage", &Account::usage, UsageFields},
};
} // namespace

Account Account::fromJson(const QJsonObject &object)
{
    auto account = fromJsonFields<Account>(object, AccountFields);
    const auto token = object.value(u"token"_s).toObject();
    account.tokenPrefix = token.value(u"prefix"_s).toString();
    for (const auto &scope : token.value(u"scopes"_s).toArray())
        account.scopes.append(scope.toString());
    return account;
}

QJsonObject Account::toJson() const
{
    auto object = toJsonFields(*this, AccountFields);
    object.insert(
        u"token"_s,
        QJsonObject {{u"prefix"_s, tokenPrefix}, {u"scopes"_s, QJsonArray::fromStringList(scopes)}});
    return object;
}

} // namespace Orkestr
