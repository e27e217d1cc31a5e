#pragma once

#include "server/catalogue.h"
#include "server/sandbox.h"

#include <QHash>

#include <map>
#include <memory>

namespace OrkestrLocal {

// The sandboxes' records and their persistence: one state.json per sandbox under
// <data>/sandboxes/<id>/, snapshots under <data>/snapshots/, and the idempotency keys of creates.
// It knows nothing of processes (server/sandboxruntime.h) or of the rules between states
// (server/sandboxlifecycle.h).
class SandboxStore
{
public:
    explicit SandboxStore(QString dataDir);

    // Reads the persisted sandboxes: running ones become failed (their processes are gone),
    // paused ones stay paused.
    bool load(QString *error);
    bool save(const Sandbox &sandbox, QString *error = nullptr) const;

    Sandbox *find(const QString &id) const;
    Sandbox &insert(std::unique_ptr<Sandbox> sandbox);
    // Sorted by id, i.e. by creation time.
    const std::map<QString, std::unique_ptr<Sandbox>> &all() const { return m_sandboxes; }
    // Forgets terminated sandboxes older than the retention, with their directories; returns their ids.
    QStringList pruneTerminated();
    // How long a terminated sandbox stays fetchable (its record, journal and exec records).
    void setRetentionMs(qint64 ms) { m_retentionMs = ms; }
    // Whether GET /v1/sandboxes shows it: terminated ones only for their first hour.
    static bool isListed(const Sandbox &sandbox, const QDateTime &now);

    AccountUsage usage() const;
    // Snapshots held or being written (a pause in progress holds a slot too).
    int snapshotsInUse() const;

    QString dataDir() const { return m_dataDir; }
    QString sandboxDir(const QString &id) const;
    QString snapshotPath(const QString &id) const;

    // The answer given to an earlier create with this idempotency key (kept 24 hours).
    std::optional<QJsonObject> idempotentAnswer(const QString &key);
    void rememberIdempotent(const QString &key, const QJsonObject &answer);

private:
    void saveIdempotency() const;

    QString m_dataDir;
    qint64 m_retentionMs = 24LL * 3600 * 1000;
    std::map<QString, std::unique_ptr<Sandbox>> m_sandboxes;
    struct Idempotent
    {
        QJsonObject response;
        QDateTime at;
    };
    QHash<QString, Idempotent> m_idempotency;
};

} // namespace OrkestrLocal
