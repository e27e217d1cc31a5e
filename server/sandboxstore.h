#pragma once

#include "server/catalogue.h"
#include "server/sandbox.h"
#include "server/sandboxrecords.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <array>
#include <map>
#include <memory>

namespace OrkestrLocal {

// The sandboxes' records and their persistence (SandboxRecords: rows in the journal's SQLite
// database; the sandboxes' files under <data>/sandboxes/<id>/, snapshots under <data>/snapshots/),
// and the idempotency keys of creates.
// It keeps the account's change counter: every change of a record is given the next version
// (recordChange) and announced, and the records are indexed by it, so a watch finds the changes
// after a version without looking at the others. It knows nothing of processes
// (server/sandboxruntime.h) or of the rules between states (server/sandboxlifecycle.h).
class SandboxStore : public QObject
{
    Q_OBJECT
public:
    explicit SandboxStore(QString dataDir, QObject *parent = nullptr);

    // Reads the persisted sandboxes from the database (after migrating the previous release's
    // state.json files into it, once): running ones become failed (their processes are gone),
    // paused ones stay paused.
    bool load(QSqlDatabase database, QString *error);
    // The sandboxes that load() found running (or starting) and recorded as failed.
    const QStringList &failedByRestart() const { return m_failedByRestart; }
    // The sandbox changed: it gets the next version, is saved unless persist is false (a state
    // that must not survive a restart), and changed() is emitted.
    bool recordChange(Sandbox &sandbox, bool persist = true, QString *error = nullptr);

    Sandbox *find(const QString &id) const;
    Sandbox &insert(std::unique_ptr<Sandbox> sandbox);
    // Sorted by id, i.e. by creation time.
    const std::map<QString, std::unique_ptr<Sandbox>> &all() const { return m_sandboxes; }
    // Forgets terminated sandboxes older than the retention, with their directories; returns their ids.
    QStringList pruneTerminated();
    // How long a terminated sandbox stays fetchable (its record, journal and exec records).
    void setRetentionMs(qint64 ms) { m_retentionMs = ms; }
    // Whether GET /v1/sandboxes shows it: terminated ones only for their first hour; leaving
    // the listing is a change of its own (with a version), made on time by a timer.
    static bool isListed(const Sandbox &sandbox) { return !sandbox.delisted; }
    void setListedAfterTerminationMs(qint64 ms) { m_listedAfterTerminationMs = ms; }

    // The account's change counter: the version of the latest change.
    qint64 latestVersion() const { return m_latestVersion; }
    // Every sandbox once, under the version of its latest change, oldest first.
    const std::map<qint64, Sandbox *> &byVersion() const { return m_byVersion; }
    // Changes up to this version went with records that were pruned: a watch from an earlier
    // version cannot be answered whole.
    qint64 forgottenUpTo() const { return m_forgottenUpTo; }

    // The running sandboxes, by id (a sampler visits these, not every record).
    const std::map<QString, Sandbox *> &running() const { return m_running; }
    AccountUsage usage() const;
    // Snapshots held or being written (a pause in progress holds a slot too).
    int snapshotsInUse() const;

    QString dataDir() const { return m_dataDir; }
    QString sandboxDir(const QString &id) const;
    QString snapshotPath(const QString &id) const;

    // The answer given to an earlier create with this idempotency key (kept 24 hours).
    std::optional<QJsonObject> idempotentAnswer(const QString &key);
    void rememberIdempotent(const QString &key, const QJsonObject &answer);

Q_SIGNALS:
    void changed(qint64 version);

private:
    void saveIdempotency() const;
    // Counts the sandbox under its status (and its running index), or no longer (it is gone).
    void index(Sandbox &sandbox);
    void unindex(Sandbox &sandbox);
    int countOf(SandboxStatus status) const { return m_statusCounts[size_t(status)]; }
    void armDelisting();
    void delistDue();

    QString m_dataDir;
    SandboxRecords m_records;
    QStringList m_failedByRestart;
    qint64 m_retentionMs = 24LL * 3600 * 1000;
    qint64 m_listedAfterTerminationMs = 3600LL * 1000;
    std::map<QString, std::unique_ptr<Sandbox>> m_sandboxes;
    std::map<qint64, Sandbox *> m_byVersion;
    // Kept by every change, so that the usage and the sampler's visit cost nothing per record.
    std::map<QString, Sandbox *> m_running;
    std::array<int, size_t(SandboxStatus::Failed) + 1> m_statusCounts {};
    qint64 m_latestVersion = 0;
    qint64 m_forgottenUpTo = 0;
    // Terminated sandboxes still listed, by when they leave the listing (ms since the epoch).
    std::multimap<qint64, QString> m_delistAt;
    QTimer m_delistTimer;
    struct Idempotent
    {
        QJsonObject response;
        QDateTime at;
    };
    QHash<QString, Idempotent> m_idempotency;
};

} // namespace OrkestrLocal
