#pragma once

#include "server/networkproxy.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

namespace OrkestrLocal {

class ExecRunner;

// The lifecycle's states (the JSON and the database keep the contract's strings).
enum class SandboxStatus { Starting, Running, Pausing, Paused, Resuming, Terminated, Failed };

QString statusName(SandboxStatus status);
std::optional<SandboxStatus> statusFromName(const QString &name);

// One sandbox: its persisted record (server/sandboxrecords.h) and, while it runs, its init
// process (a bubblewrap sandbox whose PID 1 holds the namespaces that every exec joins).
struct Sandbox
{
    QString id;
    QString templateName;
    SandboxStatus status = SandboxStatus::Starting;
    QString region;
    double cpu = 1.0;
    int memoryMb = 2048;
    QString network;
    int timeoutSeconds = 600;
    QJsonObject env; // secret values: persisted (the data dir is 0700) but never answered
    QJsonObject metadata;
    QDateTime createdAt;
    QDateTime expiresAt;
    QDateTime pausedAt;
    QDateTime terminatedAt;
    QString terminationReason;
    QDateTime snapshotCreatedAt;
    qint64 snapshotSizeBytes = -1;
    // The account-wide change counter at its last change (SandboxStore::recordChange).
    qint64 version = 0;
    // Terminated over the listed hour ago: no longer in GET /v1/sandboxes (still fetchable).
    bool delisted = false;
    // The status SandboxStore counts it under (its counts and running index follow the changes).
    std::optional<SandboxStatus> indexedStatus;

    // Runtime only (server/sandboxruntime.h).
    std::unique_ptr<QProcess> init;
    qint64 initPid = 0; // host pid of PID 1 inside the sandbox
    QList<int> cpus; // the host CPUs its processes are pinned to
    std::unique_ptr<SandboxProxy> proxy; // network "restricted" only
    // Hosts the proxy refused (the latest few) and how many there were in all: an exec reports
    // the first one that happened while it ran.
    struct Violation
    {
        qint64 sequence = 0;
        QString host;
        quint16 port = 0;
    };
    QList<Violation> violations;
    qint64 violationCount = 0;

    // Lifecycle only (server/sandboxlifecycle.h).
    std::unique_ptr<QTimer> expiry;
    QList<QPointer<ExecRunner>> execs; // running now: they freeze and thaw with the sandbox
    QList<std::function<void()>> waitingFileOperations; // until the snapshot is written or restored

    bool isRunning() const { return status == SandboxStatus::Running; }
    bool isEnded() const { return status == SandboxStatus::Terminated || status == SandboxStatus::Failed; }
    // The first refusal after the given count, if any.
    std::optional<Violation> violationAfter(qint64 count) const;

    QJsonObject toJson() const;
    // The previous release's state.json (the API object with env, snapshot_created_at and
    // snapshot_size_bytes), read once by the migration into the database.
    static std::unique_ptr<Sandbox> fromStateJson(const QJsonObject &object);
};

QString timestamp(const QDateTime &time);
QDateTime parseTimestamp(const QJsonValue &value);
QJsonValue stringOrNull(const QString &text);

} // namespace OrkestrLocal
