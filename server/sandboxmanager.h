#pragma once

#include "server/apiserver.h"
#include "server/catalogue.h"
#include "server/networkproxy.h"
#include "server/sandboxfs.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <map>
#include <memory>

namespace OrkestrLocal {

struct Template
{
    QString name;
    QString description;
    QString runtime; // the host program the template needs, seen through the sandbox's /usr
    bool available = false;
};

// One sandbox: its persisted state (sandboxes/<id>/state.json) and, while it runs, its init
// process (a bubblewrap sandbox whose PID 1 holds the namespaces that every exec joins).
struct Sandbox
{
    QString id;
    QString templateName;
    QString status;
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

    // Runtime only.
    std::unique_ptr<QProcess> init;
    qint64 initPid = 0; // host pid of PID 1 inside the sandbox
    std::unique_ptr<QTimer> expiry;
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

    QJsonObject toJson() const;
    QJsonObject toStateJson() const;
    static std::unique_ptr<Sandbox> fromStateJson(const QJsonObject &object);
};

// Owns every sandbox of the server: lifecycle, persistence, isolation, exec, files, pause and
// resume. All of it runs on the main thread; long work (exec) is asynchronous through QProcess.
class SandboxManager : public QObject
{
    Q_OBJECT
public:
    SandboxManager(const ServerConfig &config, QObject *parent = nullptr);
    ~SandboxManager() override;

    // Reads the persisted sandboxes: running ones become failed (their processes are gone),
    // paused ones stay paused.
    bool load(QString *error);
    void registerEndpoints(ApiServer &server);
    AccountUsage usage() const;
    // One line for the startup log: which isolation and limits are in force.
    QString isolationSummary() const;
    // The hosts that sandboxes with network "restricted" may reach through their proxy.
    void setAllowedHosts(const HostAllowList &hosts) { m_allowedHosts = hosts; }
    QList<Template> templates() const { return m_templates; }

private:
    void create(const std::shared_ptr<ApiCall> &call);
    void list(const std::shared_ptr<ApiCall> &call);
    void exec(const std::shared_ptr<ApiCall> &call);
    void execStream(const std::shared_ptr<ApiCall> &call);
    void runExec(const std::shared_ptr<ApiCall> &call, bool stream);
    void readFile(const std::shared_ptr<ApiCall> &call);
    void writeFile(const std::shared_ptr<ApiCall> &call);
    void listFiles(const std::shared_ptr<ApiCall> &call);
    void deleteFile(const std::shared_ptr<ApiCall> &call);
    void pause(const std::shared_ptr<ApiCall> &call);
    void resume(const std::shared_ptr<ApiCall> &call);
    void terminate(const std::shared_ptr<ApiCall> &call);

    Sandbox *find(const std::shared_ptr<ApiCall> &call);
    bool requireRunning(const std::shared_ptr<ApiCall> &call, const Sandbox &sandbox);
    bool startInit(Sandbox &sandbox, QString *error);
    void stopInit(Sandbox &sandbox);
    void signalAll(const Sandbox &sandbox, int signal) const;
    void finish(Sandbox &sandbox, const QString &status, const QString &reason);
    void armExpiry(Sandbox &sandbox);
    bool save(const Sandbox &sandbox, QString *error = nullptr) const;
    QString sandboxDir(const QString &id) const;
    QString snapshotPath(const QString &id) const;
    void pruneTerminated();
    void saveIdempotency() const;
    // The sandbox's files as the files API reaches them (server/sandboxfs.h: descriptors, never
    // a checked path used by name).
    SandboxFs files(const Sandbox &sandbox) const;

    ServerConfig m_config;
    PlanLimits m_plan;
    QList<Template> m_templates;
    QString m_bwrap;
    QString m_nsenter;
    // bwrap arguments that hide the host's private /etc entries from the sandbox (see startInit).
    QStringList m_etcMasks;
    HostAllowList m_allowedHosts;
    QList<int> m_hostCpus; // the CPUs the server may use; sandboxes get ceil(cpu) of them
    int m_nextCpu = 0; // where the next sandbox's CPUs start, so that sandboxes spread out
    std::map<QString, std::unique_ptr<Sandbox>> m_sandboxes; // sorted by id, i.e. by creation time
    struct Idempotent
    {
        QJsonObject response;
        QDateTime at;
    };
    QHash<QString, Idempotent> m_idempotency;
};

} // namespace OrkestrLocal
