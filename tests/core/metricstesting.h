#pragma once

// What the metrics and process tests (tst_metricsjobs, and the session's tst_metricspoller,
// tst_sandboxmetricshistory, tst_processestore) share: commands started inside a sandbox.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "jobtesting.h"
#include "memoryholders.h"

namespace MetricsTesting {

using MemoryHolders::holdMemory;
using MemoryHolders::holdTwoInBackground;

constexpr qint64 MiB = 1024 * 1024;

// Starts a command in the background of a sandbox; its pid inside the sandbox, or 0.
inline qint64 startBackground(Orkestr::Client *client, const QString &sandboxId, const QString &command)
{
    auto *job
        = client->call<Orkestr::ExecJob>(sandboxId, command + QStringLiteral(" > /dev/null 2>&1 & echo $!"));
    return runToEnd(job, 30000) ? job->result().stdoutText.trimmed().toLongLong() : 0;
}

// The CPU time (in clock ticks, 100 a second) the process has used so far, read inside the sandbox.
inline qint64 cpuTicks(Orkestr::Client *client, const QString &sandboxId, qint64 pid)
{
    auto *job = client->call<Orkestr::ExecJob>(sandboxId, QStringLiteral("cat /proc/%1/stat").arg(pid));
    if (!runToEnd(job, 30000))
        return 0;
    const QString stat = job->result().stdoutText;
    const QStringList fields = stat.mid(stat.lastIndexOf(u')') + 2).split(u' ');
    return fields.value(11).toLongLong() + fields.value(12).toLongLong();
}

// Whether a sampled CPU figure shows a busy loop that had `share` % of a core over the same time:
// over 50 %, or, on a machine so busy that the loop itself got less than 60 %, most of its share.
inline bool showsBusyLoop(double sampled, double share)
{
    return sampled > 50 || (share < 60 && sampled >= 0.6 * share);
}

} // namespace MetricsTesting
