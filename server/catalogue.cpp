#include "server/catalogue.h"

#include <QJsonArray>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

QJsonObject accountJson(const ServerConfig &config, const TokenRecord &token, const AccountUsage &usage)
{
    const auto plan
        = PlanLimits::forPlan(config.plan).withOverrides(config.maxRunningSandboxes, config.snapshotCap);
    return {
        {u"account_id"_s, u"acc_local"_s},
        {u"name"_s, config.accountName},
        {u"plan"_s, plan.name},
        {u"token"_s,
         QJsonObject {{u"prefix"_s, token.prefix}, {u"scopes"_s, QJsonArray::fromStringList(token.scopes)}}},
        // A paused sandbox holds a snapshot: the quota's use is the number of paused sandboxes.
        {u"snapshots"_s, QJsonObject {{u"used"_s, usage.pausedSandboxes}, {u"cap"_s, plan.snapshotCap}}},
        {u"limits"_s, plan.limitsJson()},
        {u"usage"_s,
         QJsonObject {{u"running_sandboxes"_s, usage.runningSandboxes},
                      {u"paused_sandboxes"_s, usage.pausedSandboxes}}},
    };
}

void registerAccountEndpoints(ApiServer &server, std::function<AccountUsage()> usage)
{
    server.route("GET", u"/v1/account"_s, ApiServer::Scope::Read,
                 [&server, usage](const std::shared_ptr<ApiCall> &call) {
                     call->sendJson(200, accountJson(server.config(), call->token(), usage()));
                 });
    server.route(
        "GET", u"/v1/regions"_s, ApiServer::Scope::Read, [&server](const std::shared_ptr<ApiCall> &call) {
            QJsonArray regions;
            for (const auto &region : server.config().regions)
                regions.append(QJsonObject {{u"name"_s, region.name}, {u"location"_s, region.location}});
            call->sendJson(200, {{u"regions"_s, regions}});
        });
}

} // namespace OrkestrLocal
