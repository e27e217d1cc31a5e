#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace OrkestrLocal {

// What a plan allows. The snapshot caps are the product's (free 1, pro 3, team 10).
struct PlanLimits
{
    QString name;
    int snapshotCap = 1;
    double maxCpu = 2;
    int maxMemoryMb = 4096;
    int maxTimeoutSeconds = 3600;
    int maxRunningSandboxes = 5;

    static PlanLimits forPlan(const QString &plan);
    static QStringList plans();
    // The same limits with the running-sandbox cap and the snapshot cap replaced where an
    // override is above 0 (orkestr-local --max-running, --snapshot-cap: load tests, labs).
    PlanLimits withOverrides(int maxRunning, int snapshots) const;
    // The "limits" object of GET /v1/account.
    QJsonObject limitsJson() const;
};

} // namespace OrkestrLocal
