#pragma once

// The Extensions' process objects: one process inside a sandbox (ProcessInfo) and a sandbox's
// process list (ProcessList). Parsed leniently like core/sandbox.h.

#include "core/wirevalue.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Orkestr {

// One process of a sandbox, as seen inside it (its pid is the sandbox's, not the host's).
struct ProcessInfo
{
    qint64 pid = 0;
    qint64 ppid = 0; // 0 for an exec's shell (its parent is outside the sandbox)
    QString command; // the command line
    QString state; // the letter of /proc/<pid>/stat: R, S, D, T (stopped, or the sandbox paused), Z, ...
    double cpuPercent = 0; // of one core, over the server's last reading
    qint64 memoryBytes = 0; // resident
    QDateTime startedAt;
    QString execId; // the exec that started it or an ancestor; empty when unknown (null on the wire)

    bool hasExec() const { return !execId.isEmpty(); }
    ORKESTR_WIRE_VALUE(ProcessInfo);
};

// GET /v1/sandboxes/{id}/processes, sorted by pid by orkestr-local (a client must not rely on it).
struct ProcessList
{
    QList<ProcessInfo> processes;

    ORKESTR_WIRE_VALUE(ProcessList);
};

} // namespace Orkestr

Q_DECLARE_METATYPE(Orkestr::ProcessInfo)
