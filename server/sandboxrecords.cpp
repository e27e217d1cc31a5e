#include "server/sandboxrecords.h"

#include "server/log.h"

#include <QHash>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {

QVariant msOrNull(const QDateTime &time)
{
    return time.isValid() ? QVariant(time.toMSecsSinceEpoch()) : QVariant(QMetaType(QMetaType::LongLong));
}

QDateTime timeFrom(const QVariant &value)
{
    return value.isNull() ? QDateTime() : QDateTime::fromMSecsSinceEpoch(value.toLongLong(), QTimeZone::UTC);
}

QJsonObject objectFrom(const QVariant &value)
{
    const QByteArray text = value.toByteArray();
    return text.size() <= 2 ? QJsonObject() : QJsonDocument::fromJson(text).object();
}

QByteArray compact(const QJsonObject &object)
{
    return object.isEmpty() ? QByteArray("{}") : QJsonDocument(object).toJson(QJsonDocument::Compact);
}

bool fail(QSqlQuery &query, const QString &what, QString *error)
{
    const QString message = u"sandbox records: %1: %2"_s.arg(what, query.lastError().text());
    qCWarning(lcSandboxes).noquote() << message;
    if (error)
        *error = message;
    return false;
}

constexpr auto Columns
    = "id, version, template, status, region, cpu, memory_mb, network, timeout_seconds, env, "
      "metadata, created_ms, expires_ms, paused_ms, terminated_ms, termination_reason, "
      "snapshot_created_ms, snapshot_size_bytes, delisted";

} // namespace

SandboxRecords::SandboxRecords(QSqlDatabase database)
    : m_database(std::move(database))
{
}

bool SandboxRecords::open(QString *error)
{
    for (const auto &statement : {
             u"CREATE TABLE IF NOT EXISTS sandboxes (id TEXT PRIMARY KEY, version INTEGER NOT NULL, "
             "template TEXT NOT NULL, status TEXT NOT NULL, region TEXT NOT NULL, cpu REAL NOT NULL, "
             "memory_mb INTEGER NOT NULL, network TEXT NOT NULL, timeout_seconds INTEGER NOT NULL, "
             "env TEXT NOT NULL, metadata TEXT NOT NULL, created_ms INTEGER, expires_ms INTEGER, "
             "paused_ms INTEGER, terminated_ms INTEGER, termination_reason TEXT, snapshot_created_ms "
             "INTEGER, "
             "snapshot_size_bytes INTEGER NOT NULL, delisted INTEGER NOT NULL) WITHOUT ROWID"_s,
             u"CREATE TABLE IF NOT EXISTS sandbox_numbers (key TEXT PRIMARY KEY, value INTEGER NOT NULL) "
             "WITHOUT ROWID"_s,
         }) {
        QSqlQuery query(m_database);
        if (!query.exec(statement))
            return fail(query, u"cannot create the tables"_s, error);
    }
    return true;
}

bool SandboxRecords::readAll(const std::function<void(std::unique_ptr<Sandbox>)> &take, QString *error) const
{
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.exec(u"SELECT %1 FROM sandboxes"_s.arg(QLatin1StringView(Columns))))
        return fail(query, u"cannot read"_s, error);
    // Templates, regions and networks are a handful of strings shared by every record.
    QHash<QString, QString> interned;
    const auto intern = [&interned](const QString &text) {
        return *interned.insert(text, interned.value(text, text));
    };
    while (query.next()) {
        auto sandbox = std::make_unique<Sandbox>();
        sandbox->id = query.value(0).toString();
        sandbox->version = query.value(1).toLongLong();
        sandbox->templateName = intern(query.value(2).toString());
        sandbox->status = statusFromName(query.value(3).toString()).value_or(SandboxStatus::Failed);
        sandbox->region = intern(query.value(4).toString());
        sandbox->cpu = query.value(5).toDouble();
        sandbox->memoryMb = query.value(6).toInt();
        sandbox->network = intern(query.value(7).toString());
        sandbox->timeoutSeconds = query.value(8).toInt();
        sandbox->env = objectFrom(query.value(9));
        sandbox->metadata = objectFrom(query.value(10));
        sandbox->createdAt = timeFrom(query.value(11));
        sandbox->expiresAt = timeFrom(query.value(12));
        sandbox->pausedAt = timeFrom(query.value(13));
        sandbox->terminatedAt = timeFrom(query.value(14));
        sandbox->terminationReason = intern(query.value(15).toString());
        sandbox->snapshotCreatedAt = timeFrom(query.value(16));
        sandbox->snapshotSizeBytes = query.value(17).toLongLong();
        sandbox->delisted = query.value(18).toBool();
        take(std::move(sandbox));
    }
    return true;
}

bool SandboxRecords::save(const Sandbox &sandbox, QString *error)
{
    QSqlQuery query(m_database);
    query.prepare(
        u"INSERT OR REPLACE INTO sandboxes (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?, ?, ?)"_s.arg(QLatin1StringView(Columns)));
    for (const QVariant &value : {
             QVariant(sandbox.id),
             QVariant(sandbox.version),
             QVariant(sandbox.templateName),
             QVariant(statusName(sandbox.status)),
             QVariant(sandbox.region),
             QVariant(sandbox.cpu),
             QVariant(sandbox.memoryMb),
             QVariant(sandbox.network),
             QVariant(sandbox.timeoutSeconds),
             QVariant(compact(sandbox.env)),
             QVariant(compact(sandbox.metadata)),
             msOrNull(sandbox.createdAt),
             msOrNull(sandbox.expiresAt),
             msOrNull(sandbox.pausedAt),
             msOrNull(sandbox.terminatedAt),
             QVariant(sandbox.terminationReason),
             msOrNull(sandbox.snapshotCreatedAt),
             QVariant(sandbox.snapshotSizeBytes),
             QVariant(sandbox.delisted ? 1 : 0),
         })
        query.addBindValue(value);
    return query.exec() || fail(query, u"cannot save %1"_s.arg(sandbox.id), error);
}

bool SandboxRecords::remove(const QString &id)
{
    QSqlQuery query(m_database);
    query.prepare(u"DELETE FROM sandboxes WHERE id = ?"_s);
    query.addBindValue(id);
    return query.exec() || fail(query, u"cannot remove %1"_s.arg(id), nullptr);
}

qint64 SandboxRecords::number(const char *key) const
{
    QSqlQuery query(m_database);
    query.prepare(u"SELECT value FROM sandbox_numbers WHERE key = ?"_s);
    query.addBindValue(QString::fromLatin1(key));
    return query.exec() && query.next() ? query.value(0).toLongLong() : 0;
}

bool SandboxRecords::setNumber(const char *key, qint64 value, QString *error)
{
    QSqlQuery query(m_database);
    query.prepare(u"INSERT OR REPLACE INTO sandbox_numbers (key, value) VALUES (?, ?)"_s);
    query.addBindValue(QString::fromLatin1(key));
    query.addBindValue(value);
    return query.exec() || fail(query, u"cannot save %1"_s.arg(QLatin1StringView(key)), error);
}

} // namespace OrkestrLocal
