#pragma once

#include "server/apiserver.h"

namespace OrkestrLocal {

// Counts the account endpoint reports; the sandbox manager fills them in.
struct AccountUsage
{
    int runningSandboxes = 0;
    int pausedSandboxes = 0;
};

// GET /v1/account, /v1/regions.
void registerAccountEndpoints(ApiServer &server, std::function<AccountUsage()> usage);

QJsonObject accountJson(const ServerConfig &config, const TokenRecord &token, const AccountUsage &usage);

} // namespace OrkestrLocal
