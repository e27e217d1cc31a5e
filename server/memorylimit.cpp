#include "server/memorylimit.h"

#include "server/activity.h"
#include "server/cgrouplimits.h"
#include "server/execrunner.h"
#include "server/log.h"
#include "server/metricssampler.h"
#include "server/sandboxstore.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

MemoryLimit::MemoryLimit(MetricsSampler &sampler, SandboxStore &store, ActivityRecorder &activity,
                         const CgroupLimits *cgroups, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_activity(activity)
    , m_cgroups(cgroups)
{
    connect(&sampler, &MetricsSampler::overMemoryLimit, this, &MemoryLimit::enforce);
}

void MemoryLimit::enforce(const QString &id, const QList<MemoryVictim> &victims)
{
    Sandbox *sandbox = m_store.find(id);
    if (!sandbox || !sandbox->isRunning() || (m_cgroups && m_cgroups->limits(id)))
        return;
    const qint64 limitBytes = qint64(sandbox->memoryMb) * 1024 * 1024;
    for (const auto &victim : victims) {
        if (!SamplerWorker::kill(victim))
            continue; // it ended on its own since the reading
        // The runner learns of it before it can see its process end (that comes through the loop).
        for (const auto &runner : std::as_const(sandbox->execs))
            if (runner && !victim.execId.isEmpty() && runner->execId() == victim.execId)
                runner->noteMemoryLimitKill();
        qCWarning(lcServer).noquote()
            << u"orkestr-local: sandbox %1 is over its memory limit (%2 MB): killed its process %3 (%4 MiB)"_s
                   .arg(id)
                   .arg(sandbox->memoryMb)
                   .arg(victim.pid)
                   .arg(victim.rssBytes / (1024 * 1024));
        m_activity.record(id, u"process.signalled"_s, Actor::system(u"memory_limit"_s),
                          {{u"pid"_s, victim.pid},
                           {u"signal"_s, 9},
                           {u"command"_s, victim.command},
                           {u"reason"_s, u"memory_limit"_s},
                           {u"exec_id"_s, stringOrNull(victim.execId)},
                           {u"memory_bytes"_s, victim.rssBytes},
                           {u"limit_bytes"_s, limitBytes}});
    }
}

} // namespace OrkestrLocal
