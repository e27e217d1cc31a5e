#include "server/sandboxstore.h"

#include "server/atomicfile.h"
#include "server/log.h"
#include "server/statejsonmigration.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QTimeZone>

#include <chrono>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
constexpr auto IdempotencyKeptMs = 24LL * 3600 * 1000;

qint64 microsecondsSinceEpoch()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}
} // namespace

SandboxStore::SandboxStore(QString dataDir, QObject *parent)
    : QObject(parent)
    , m_dataDir(std::move(dataDir))
{
    QDir().mkpath(m_dataDir + u"/sandboxes"_s);
    QDir().mkpath(m_dataDir + u"/snapshots"_s);
    m_delistTimer.setSingleShot(true);
    connect(&m_delistTimer, &QTimer::timeout, this, &SandboxStore::delistDue);
}

QString SandboxStore::sandboxDir(const QString &id) const
{
    return m_dataDir + u"/sandboxes/"_s + id;
}

QString SandboxStore::snapshotPath(const QString &id) const
{
    return m_dataDir + u"/snapshots/"_s + id + u".tar"_s;
}

bool SandboxStore::recordChange(Sandbox &sandbox, bool persist, QString *error)
{
    // The moment of the change, for a benchmark that times it until the client shows it.
    qCDebug(lcSandboxes).noquote() << u"sandbox %1 changed: %2, version %3, at %4 us since the epoch"_s
                                          .arg(sandbox.id, statusName(sandbox.status))
                                          .arg(m_latestVersion + 1)
                                          .arg(microsecondsSinceEpoch());
    index(sandbox);
    if (sandbox.version > 0)
        m_byVersion.erase(sandbox.version);
    sandbox.version = ++m_latestVersion;
    m_byVersion.emplace(sandbox.version, &sandbox);
    if (sandbox.status == SandboxStatus::Terminated && !sandbox.delisted && sandbox.terminatedAt.isValid()) {
        m_delistAt.emplace(sandbox.terminatedAt.toMSecsSinceEpoch() + m_listedAfterTerminationMs, sandbox.id);
        armDelisting();
    }
    bool saved = true;
    {
        RecordsTransaction transaction(m_records);
        // The counter is kept even for a change that is not: it never goes back after a restart.
        saved = m_records.setNumber(SandboxRecords::LatestVersion, m_latestVersion, error)
            && (!persist || m_records.save(sandbox, error));
    }
    Q_EMIT changed(sandbox.version);
    return saved;
}

void SandboxStore::index(Sandbox &sandbox)
{
    if (sandbox.indexedStatus == sandbox.status)
        return;
    unindex(sandbox);
    sandbox.indexedStatus = sandbox.status;
    ++m_statusCounts[size_t(sandbox.status)];
    if (sandbox.isRunning())
        m_running.emplace(sandbox.id, &sandbox);
}

void SandboxStore::unindex(Sandbox &sandbox)
{
    if (!sandbox.indexedStatus)
        return;
    --m_statusCounts[size_t(*sandbox.indexedStatus)];
    sandbox.indexedStatus.reset();
    m_running.erase(sandbox.id);
}

void SandboxStore::armDelisting()
{
    if (m_delistAt.empty())
        return m_delistTimer.stop();
    const qint64 wait = m_delistAt.begin()->first - QDateTime::currentMSecsSinceEpoch();
    m_delistTimer.start(int(std::clamp<qint64>(wait, 0, 1LL << 30)));
}

void SandboxStore::delistDue()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    while (!m_delistAt.empty() && m_delistAt.begin()->first <= now) {
        const QString id = m_delistAt.begin()->second;
        m_delistAt.erase(m_delistAt.begin());
        Sandbox *sandbox = find(id);
        if (!sandbox || sandbox->delisted || sandbox->status != SandboxStatus::Terminated)
            continue;
        sandbox->delisted = true;
        recordChange(*sandbox);
    }
    armDelisting();
}

bool SandboxStore::load(QSqlDatabase database, QString *error)
{
    m_records = SandboxRecords(std::move(database));
    if (!m_records.open(error) || !migrateStateJson(m_dataDir, m_records, error))
        return false;
    QElapsedTimer elapsed;
    elapsed.start();
    const bool read = m_records.readAll(
        [this](std::unique_ptr<Sandbox> sandbox) {
            const QString id = sandbox->id;
            m_sandboxes.emplace(id, std::move(sandbox));
        },
        error);
    if (!read)
        return false;
    const qint64 readMs = elapsed.elapsed();
    m_latestVersion = m_records.number(SandboxRecords::LatestVersion);
    m_forgottenUpTo = m_records.number(SandboxRecords::ForgottenUpTo);
    // A snapshot still being written when the server died is incomplete (a stray tar may even go
    // on writing it): it is never used.
    const QDir snapshots(m_dataDir + u"/snapshots"_s);
    for (const auto &part : snapshots.entryList({u"*.part"_s}, QDir::Files))
        QFile::remove(snapshots.filePath(part));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    RecordsTransaction batch(m_records);
    for (const auto &[id, entry] : m_sandboxes) {
        index(*entry);
        if (entry->version > 0)
            m_byVersion.emplace(entry->version, entry.get());
    }
    for (const auto &[id, entry] : m_sandboxes) {
        Sandbox *sandbox = entry.get();
        bool changedHere = sandbox->version == 0;
        if (sandbox->status == SandboxStatus::Pausing && QFileInfo::exists(snapshotPath(sandbox->id))) {
            // The tar was complete and renamed, but the server died before it recorded that:
            // record it now, so the paused sandbox shows its snapshot like any other.
            const QFileInfo snapshot(snapshotPath(sandbox->id));
            sandbox->status = SandboxStatus::Paused;
            sandbox->pausedAt = snapshot.lastModified(QTimeZone::UTC);
            sandbox->snapshotCreatedAt = sandbox->pausedAt;
            sandbox->snapshotSizeBytes = snapshot.size();
            sandbox->expiresAt = QDateTime();
            changedHere = true;
        } else if (sandbox->status != SandboxStatus::Paused && !sandbox->isEnded()) {
            // Its processes died with the previous server; the files stay until it is terminated.
            sandbox->status = SandboxStatus::Failed;
            sandbox->terminationReason = u"error"_s;
            sandbox->expiresAt = QDateTime();
            changedHere = true;
            m_failedByRestart.append(id);
        }
        if (sandbox->status == SandboxStatus::Terminated && !sandbox->delisted
            && sandbox->terminatedAt.isValid()
            && sandbox->terminatedAt.msecsTo(now) > m_listedAfterTerminationMs) {
            sandbox->delisted = true; // it left the listing while the server was not running
            changedHere = true;
        }
        if (changedHere && !recordChange(*sandbox, true, error))
            return false;
        if (!changedHere && sandbox->status == SandboxStatus::Terminated && !sandbox->delisted) {
            m_delistAt.emplace(sandbox->terminatedAt.toMSecsSinceEpoch() + m_listedAfterTerminationMs, id);
            armDelisting();
        }
    }
    qCInfo(lcSandboxes).noquote()
        << u"orkestr-local: read %1 sandbox record(s) in %2 ms, checked them in %3 ms"_s
               .arg(m_sandboxes.size())
               .arg(readMs)
               .arg(elapsed.elapsed() - readMs);
    // Idempotency keys survive a restart, so a client retrying across it gets its sandbox.
    QFile keys(m_dataDir + u"/idempotency.json"_s);
    if (keys.open(QIODevice::ReadOnly)) {
        const auto object = QJsonDocument::fromJson(keys.readAll()).object();
        for (auto it = object.begin(); it != object.end(); ++it) {
            const auto entry = it.value().toObject();
            m_idempotency.insert(
                it.key(), {entry.value(u"response"_s).toObject(), parseTimestamp(entry.value(u"at"_s))});
        }
    }
    return true;
}

Sandbox *SandboxStore::find(const QString &id) const
{
    const auto it = m_sandboxes.find(id);
    return it == m_sandboxes.end() ? nullptr : it->second.get();
}

Sandbox &SandboxStore::insert(std::unique_ptr<Sandbox> sandbox)
{
    const QString id = sandbox->id;
    if (Sandbox *replaced = find(id)) {
        m_byVersion.erase(replaced->version);
        unindex(*replaced);
    }
    return *m_sandboxes.insert_or_assign(id, std::move(sandbox)).first->second;
}

QStringList SandboxStore::pruneTerminated()
{
    QStringList pruned;
    const auto now = QDateTime::currentDateTimeUtc();
    for (auto it = m_sandboxes.begin(); it != m_sandboxes.end();) {
        const auto &sandbox = *it->second;
        if (sandbox.status == SandboxStatus::Terminated && sandbox.terminatedAt.isValid()
            && sandbox.terminatedAt.msecsTo(now) > std::max(m_retentionMs, m_listedAfterTerminationMs)) {
            QDir(sandboxDir(sandbox.id)).removeRecursively();
            pruned.append(sandbox.id);
            m_byVersion.erase(sandbox.version);
            unindex(*it->second);
            m_forgottenUpTo = std::max(m_forgottenUpTo, sandbox.version);
            m_records.remove(sandbox.id);
            m_records.setNumber(SandboxRecords::ForgottenUpTo, m_forgottenUpTo);
            it = m_sandboxes.erase(it);
        } else {
            ++it;
        }
    }
    return pruned;
}

AccountUsage SandboxStore::usage() const
{
    AccountUsage usage;
    usage.runningSandboxes = countOf(SandboxStatus::Running) + countOf(SandboxStatus::Starting);
    usage.pausedSandboxes = countOf(SandboxStatus::Paused);
    return usage;
}

int SandboxStore::snapshotsInUse() const
{
    return countOf(SandboxStatus::Paused) + countOf(SandboxStatus::Pausing);
}

std::optional<QJsonObject> SandboxStore::idempotentAnswer(const QString &key)
{
    const auto now = QDateTime::currentDateTimeUtc();
    for (auto it = m_idempotency.begin(); it != m_idempotency.end();)
        it = it->at.msecsTo(now) > IdempotencyKeptMs ? m_idempotency.erase(it) : std::next(it);
    if (const auto it = m_idempotency.constFind(key); it != m_idempotency.cend())
        return it->response;
    return std::nullopt;
}

void SandboxStore::rememberIdempotent(const QString &key, const QJsonObject &answer)
{
    m_idempotency.insert(key, {answer, QDateTime::currentDateTimeUtc()});
    saveIdempotency();
}

void SandboxStore::saveIdempotency() const
{
    QJsonObject object;
    for (auto it = m_idempotency.cbegin(); it != m_idempotency.cend(); ++it)
        object.insert(it.key(), QJsonObject {{u"response"_s, it->response}, {u"at"_s, timestamp(it->at)}});
    QString error;
    writeFileAtomically(m_dataDir + u"/idempotency.json"_s,
                        QJsonDocument(object).toJson(QJsonDocument::Compact),
                        QFileDevice::ReadOwner | QFileDevice::WriteOwner, &error);
}

} // namespace OrkestrLocal
