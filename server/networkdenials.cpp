#include "server/networkdenials.h"

#include "server/activity.h"
#include "server/execactor.h"
#include "server/execrunner.h"
#include "server/sandboxprocesses.h"
#include "server/sandboxruntime.h"
#include "server/sandboxstore.h"

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

NetworkDenials::NetworkDenials(SandboxRuntime &runtime, SandboxStore &store, ActivityRecorder &activity,
                               QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_activity(activity)
{
    connect(&runtime, &SandboxRuntime::networkDenied, this, &NetworkDenials::denied);
}

QString NetworkDenials::execOfConnection(const Sandbox &sandbox, quint16 clientPort)
{
    QHash<qint64, QString> execPids;
    for (const auto &runner : sandbox.execs)
        if (runner && !runner->isFinished() && runner->processId() > 0)
            execPids.insert(runner->processId(), runner->execId());
    const quint64 inode = sandbox.proxy && sandbox.initPid > 0
        ? ProcFs::tcpSocketInode(sandbox.initPid, clientPort, sandbox.proxy->port())
        : 0;
    if (inode != 0) {
        QList<qint64> roots {sandbox.initPid};
        for (auto it = execPids.cbegin(); it != execPids.cend(); ++it)
            roots.append(it.key());
        const auto inNamespace = ProcFs::namespaceProcesses(ProcFs::pidNamespace(sandbox.initPid), roots);
        QHash<qint64, ProcFs::ProcessStat> byPid;
        for (const auto &process : inNamespace)
            byPid.insert(process.pid, process);
        for (const auto &process : inNamespace)
            if (ProcFs::holdsSocket(process.pid, inode))
                return execOf(process, byPid, execPids);
    }
    return execPids.size() == 1 ? execPids.cbegin().value() : QString();
}

void NetworkDenials::denied(const QString &id, const QString &host, quint16 port, quint16 clientPort)
{
    const Sandbox *sandbox = m_store.find(id);
    if (!sandbox)
        return;
    // Windows of sandboxes quiet for a while (or gone) are dropped, so that this stays small.
    m_windows.removeIf([&id](const auto &entry) {
        return entry.key() != id && entry.value().started.elapsed() > 60 * RepeatWindowMs;
    });
    Window &window = m_windows[id];
    if (!window.started.isValid() || window.started.elapsed() > RepeatWindowMs) {
        window.started.start();
        window.journaled = 0;
        window.repeats.removeIf([](const auto &entry) {
            return entry.value().suppressed == 0 && entry.value().since.elapsed() > RepeatWindowMs;
        });
    }
    Repeat &repeat = window.repeats[host + u':' + QString::number(port)];
    if ((repeat.since.isValid() && repeat.since.elapsed() < RepeatWindowMs)
        || window.journaled >= MaxPerWindow) {
        ++repeat.suppressed;
        return;
    }
    const QString execId = execOfConnection(*sandbox, clientPort);
    QJsonObject data {{u"host"_s, host}, {u"port"_s, port}, {u"exec_id"_s, stringOrNull(execId)}};
    if (repeat.suppressed > 0)
        data.insert(u"suppressed"_s, repeat.suppressed);
    m_activity.record(id, u"network.denied"_s,
                      execActor(m_activity.journal(), id, execId, u"network_policy"_s), data);
    repeat.since.start();
    repeat.suppressed = 0;
    ++window.journaled;
}

} // namespace OrkestrLocal
