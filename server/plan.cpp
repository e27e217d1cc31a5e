#include "server/plan.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

PlanLimits PlanLimits::forPlan(const QString &plan)
{
    if (plan == u"team"_s)
        return {plan, 10, 8.0, 16384, 86400, 100};
    if (plan == u"pro"_s)
        return {plan, 3, 4.0, 8192, 86400, 20};
    return {u"free"_s, 1, 2.0, 4096, 3600, 5};
}

PlanLimits PlanLimits::withOverrides(int maxRunning, int snapshots) const
{
    PlanLimits limits = *this;
    if (maxRunning > 0)
        limits.maxRunningSandboxes = maxRunning;
    if (snapshots > 0)
        limits.snapshotCap = snapshots;
    return limits;
}

QJsonObject PlanLimits::limitsJson() const
{
    return {{u"max_cpu"_s, maxCpu},
            {u"max_memory_mb"_s, maxMemoryMb},
            {u"max_timeout_seconds"_s, maxTimeoutSeconds},
            {u"max_running_sandboxes"_s, maxRunningSandboxes}};
}

QStringList PlanLimits::plans()
{
    return {u"free"_s, u"pro"_s, u"team"_s};
}

} // namespace OrkestrLocal
