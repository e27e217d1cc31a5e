#include "core/account.h"

#include <QJsonArray>

namespace Orkestr {

using namespace Qt::StringLiterals;

bool Account::canWrite() const
{
    return scopes.contains(u"sandboxes:write"_s);
}

Account Account::fromJson(const QJsonObject &object)
{
    Account account;
    account.accountId = object.value(u"account_id"_s).toString();
    account.name = object.value(u"name"_s).toString();
    account.plan = object.value(u"plan"_s).toString();
    const auto token = object.value(u"token"_s).toObject();
    account.tokenPrefix = token.value(u"prefix"_s).toString();
    for (const auto &scope : token.value(u"scopes"_s).toArray())
        account.scopes.append(scope.toString());
    const auto snapshots = object.value(u"snapshots"_s).toObject();
    account.snapshots.used = snapshots.value(u"used"_s).toInt();
    account.snapshots.cap = snapshots.value(u"cap"_s).toInt();
    const auto limits = object.value(u"limits"_s).toObject();
    account.limits.maxCpu = limits.value(u"max_cpu"_s).toDouble();
    account.limits.maxMemoryMb = limits.value(u"max_memory_mb"_s).toInt();
    account.limits.maxTimeoutSeconds = limits.value(u"max_timeout_seconds"_s).toInt();
    account.limits.maxRunningSandboxes = limits.value(u"max_running_sandboxes"_s).toInt();
    const auto usage = object.value(u"usage"_s).toObject();
    account.usage.running = usage.value(u"running_sandboxes"_s).toInt();
    account.usage.paused = usage.value(u"paused_sandboxes"_s).toInt();
    return account;
}

QJsonObject Account::toJson() const
{
    return {
        {u"account_id"_s, accountId},
        {u"name"_s, name},
        {u"plan"_s, plan},
        {u"token"_s,
         QJsonObject {{u"prefix"_s, tokenPrefix}, {u"scopes"_s, QJsonArray::fromStringList(scopes)}}},
        {u"snapshots"_s, QJsonObject {{u"used"_s, snapshots.used}, {u"cap"_s, snapshots.cap}}},
        {u"limits"_s,
         QJsonObject {{u"max_cpu"_s, limits.maxCpu},
                      {u"max_memory_mb"_s, limits.maxMemoryMb},
                      {u"max_timeout_seconds"_s, limits.maxTimeoutSeconds},
                      {u"max_running_sandboxes"_s, limits.maxRunningSandboxes}}},
        {u"usage"_s,
         QJsonObject {{u"running_sandboxes"_s, usage.running}, {u"paused_sandboxes"_s, usage.paused}}},
    };
}

} // namespace Orkestr
