#pragma once

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
};

} // namespace OrkestrLocal
