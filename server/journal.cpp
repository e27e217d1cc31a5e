#include "server/journal.h"

#include "server/ids.h"
#include "server/log.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

Actor Actor::token(const TokenRecord &token)
{
    return {u"token"_s, token.prefix, token.name, {}};
}

Actor Actor::system(const QString &reason)
{
    return {u"system"_s, {}, {}, reason};
}

QJsonObject Actor::toJson() const
{
    if (type == u"system"_s)
        return {{u"type"_s, type}, {u"reason"_s, reason}};
    return {{u"type"_s, type},
            {u"token_prefix"_s, tokenPrefix},
            {u"token_name"_s, tokenName.isEmpty() ? QJsonValue() : QJsonValue(tokenName)}};
}

namespace {
QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject eventFrom(const QSqlQuery &row, const QString &sandboxId)
{
    return {{u"seq"_s, row.value(0).toLongLong()},
            {u"id"_s, row.value(1).toString()},
            {u"sandbox_id"_s, sandboxId},
            {u"at"_s, row.value(2).toString()},
            {u"kind"_s, row.value(3).toString()},
            {u"actor"_s, QJsonDocument::fromJson(row.value(4).toByteArray()).object()},
            {u"data"_s, QJsonDocument::fromJson(row.value(5).toByteArray()).object()}};
}

bool run(QSqlQuery &query, const char *what)
{
    return runJournalQuery(query, what);
}

qint64 selectLatestSeq(const QSqlDatabase &db, const QString &sandboxId)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(u"SELECT MAX(seq) FROM events WHERE sandbox_id = ?"_s);
    query.addBindValue(sandboxId);
    return run(query, "reading the latest seq") && query.next() ? query.value(0).toLongLong() : 0;
}

// Ends a reader's transaction: a snapshot held on would keep the log from being checkpointed.
void endRead(QSqlDatabase &db)
{
    if (!db.commit())
        db.rollback();
}

// A page of one sandbox's events, with the loop's connection or a reader's.
QJsonArray selectEvents(const QSqlDatabase &db, const QString &sandboxId, const EventQuery &request,
                        bool *hasMore)
{
    QString sql = u"SELECT seq, id, at, kind, actor, data FROM events WHERE sandbox_id = ?"_s;
    QVariantList binds {sandboxId};
    if (request.afterSeq) {
        sql += u" AND seq > ?"_s;
        binds.append(*request.afterSeq);
    }
    if (request.beforeSeq) {
        sql += u" AND seq < ?"_s;
        binds.append(*request.beforeSeq);
    }
    if (!request.kinds.isEmpty()) {
        QStringList terms;
        for (const auto &kind : request.kinds) {
            if (kind.endsWith(u".*"_s)) {
                terms.append(u"kind LIKE ?"_s);
                binds.append(kind.chopped(1) + u'%');
            } else {
                terms.append(u"kind = ?"_s);
                binds.append(kind);
            }
        }
        sql += u" AND ("_s + terms.join(u" OR "_s) + u')';
    }
    sql += request.afterSeq ? u" ORDER BY seq ASC LIMIT ?"_s : u" ORDER BY seq DESC LIMIT ?"_s;
    binds.append(request.limit + 1);
    QSqlQuery query = prepareJournalQuery(db, sql, binds);
    return readJournalPage(query, "listing events", request.limit, hasMore,
                           [&sandboxId](const QSqlQuery &row) { return eventFrom(row, sandboxId); });
}
} // namespace

bool runJournalQuery(QSqlQuery &query, const char *what)
{
    if (query.exec())
        return true;
    qCWarning(lcSandboxes).noquote() << u"journal: %1 failed: %2"_s.arg(QLatin1StringView(what),
                                                                        query.lastError().text());
    return false;
}

QJsonArray readJournalPage(QSqlQuery &query, const char *what, int limit, bool *hasMore,
                           const std::function<QJsonObject(const QSqlQuery &row)> &item)
{
    QJsonArray rows;
    *hasMore = false;
    if (!runJournalQuery(query, what))
        return rows;
    while (query.next()) {
        if (rows.size() == limit) {
            *hasMore = true;
            break;
        }
        rows.append(item(query));
    }
    return rows;
}

Journal::Journal(QObject *parent)
    : QObject(parent)
    , m_connection(u"journal-"_s + newUlid())
{
}

Journal::~Journal()
{
    // Reads in flight end first (their answers, not delivered, are dropped: they would read the
    // output store). Then the output still queued is written, before anything it reports to is gone.
    m_reader.reset();
    m_output.reset();
    m_stopping = true;
    if (m_checkpointer.joinable())
        m_checkpointer.join();
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlQuery prepareJournalQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const auto &value : values)
        query.addBindValue(value);
    return query;
}

QSqlDatabase Journal::database() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool Journal::open(const QString &path, QString *error)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connection);
    db.setDatabaseName(path);
    if (!db.open()) {
        *error = u"cannot open the journal %1: %2"_s.arg(path, db.lastError().text());
        return false;
    }
    // It holds the sandboxes' records too, env values included: the owner's only (its -wal and
    // -shm files take this mode from it).
    QFile::setPermissions(path, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    // WAL: a commit appends to the log; synchronous=NORMAL syncs the log at checkpoints, so a
    // committed row survives the server's death (SIGKILL) at once and a power loss once synced.
    const QStringList statements {
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        u"PRAGMA busy_timeout=2000"_s,
        // The thread below checkpoints; this only bounds the log should it fall behind a writer
        // that never pauses (a fast exec's output), and the file is cut back after a reset.
        u"PRAGMA wal_autocheckpoint=16384"_s,
        u"PRAGMA journal_size_limit=67108864"_s,
        u"CREATE TABLE IF NOT EXISTS events (sandbox_id TEXT NOT NULL, seq INTEGER NOT NULL, id TEXT NOT "
        u"NULL, "
        "at TEXT NOT NULL, kind TEXT NOT NULL, actor TEXT NOT NULL, data TEXT NOT NULL, "
        "PRIMARY KEY (sandbox_id, seq)) WITHOUT ROWID"_s,
        u"CREATE TABLE IF NOT EXISTS execs (exec_id TEXT PRIMARY KEY, sandbox_id TEXT NOT NULL, "
        "command TEXT NOT NULL, cwd TEXT NOT NULL, mode TEXT NOT NULL, actor TEXT NOT NULL, "
        "started_at TEXT NOT NULL, finished_at TEXT, status TEXT NOT NULL, exit_code INTEGER, "
        "signal INTEGER, duration_ms INTEGER, stdout_bytes INTEGER NOT NULL DEFAULT 0, "
        "stderr_bytes INTEGER NOT NULL DEFAULT 0, stdout_from INTEGER NOT NULL DEFAULT 0, "
        "stderr_from INTEGER NOT NULL DEFAULT 0, started_ms INTEGER NOT NULL)"_s,
        u"CREATE INDEX IF NOT EXISTS execs_by_sandbox ON execs (sandbox_id, exec_id)"_s,
    };
    for (const auto &statement : statements) {
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            *error = u"cannot prepare the journal %1: %2"_s.arg(path, query.lastError().text());
            return false;
        }
    }
    if (!dropRowOutput(error))
        return false;
    m_reader = std::make_unique<JournalReader>(path);
    // The writer's thread reports on the loop's.
    m_output = std::make_unique<ExecOutputStore>(QFileInfo(path).absolutePath() + u"/output"_s, [this] {
        QMetaObject::invokeMethod(
            this, [this] { Q_EMIT outputCaughtUp(); }, Qt::QueuedConnection);
    });
    if (!m_output->open(error))
        return false;
    m_checkpointer = std::thread(&Journal::checkpointLoop, this, path);
    return true;
}

bool Journal::dropRowOutput(QString *error)
{
    // Output recorded as rows by an earlier build is not carried over: its records stay and show
    // all of it dropped by retention (retained_from = the bytes written).
    QSqlQuery exists(database());
    if (!exists.exec(u"SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'output'"_s))
        return true;
    if (!exists.next())
        return true;
    for (const auto &statement :
         {u"UPDATE execs SET stdout_from = stdout_bytes, stderr_from = stderr_bytes"_s,
          u"DROP TABLE output"_s}) {
        QSqlQuery query(database());
        if (!query.exec(statement)) {
            *error = u"cannot drop the journal's old output table: %1"_s.arg(query.lastError().text());
            return false;
        }
    }
    return true;
}

void Journal::checkpointLoop(QString path)
{
    const QString name = m_connection + u"-checkpoint"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery query(db);
            query.exec(u"PRAGMA busy_timeout=2000"_s);
            int tick = 0;
            while (!m_stopping) {
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                // Every half second; PASSIVE never waits for the writer on the event loop.
                if (++tick % 10 == 0)
                    query.exec(u"PRAGMA wal_checkpoint(PASSIVE)"_s);
            }
            query.exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

qint64 Journal::latestSeq(const QString &sandboxId)
{
    if (const auto it = m_latest.constFind(sandboxId); it != m_latest.cend())
        return *it;
    const qint64 latest = selectLatestSeq(database(), sandboxId);
    m_latest.insert(sandboxId, latest);
    return latest;
}

QString Journal::lastKind(const QString &sandboxId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT kind FROM events WHERE sandbox_id = ? ORDER BY seq DESC LIMIT 1"_s);
    query.addBindValue(sandboxId);
    return run(query, "reading the last event") && query.next() ? query.value(0).toString() : QString();
}

QJsonObject Journal::append(const QString &sandboxId, const QString &kind, const Actor &actor,
                            const QJsonObject &data)
{
    const qint64 seq = latestSeq(sandboxId) + 1;
    const QString id = u"evt_"_s + newUlid();
    const QString at = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    const QJsonObject actorJson = actor.toJson();
    QSqlQuery query(database());
    query.prepare(
        u"INSERT INTO events (sandbox_id, seq, id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(sandboxId);
    query.addBindValue(seq);
    query.addBindValue(id);
    query.addBindValue(at);
    query.addBindValue(kind);
    query.addBindValue(compact(actorJson));
    query.addBindValue(compact(data));
    if (run(query, "appending an event"))
        m_latest.insert(sandboxId, seq);
    const QJsonObject event {{u"seq"_s, seq},  {u"id"_s, id},     {u"sandbox_id"_s, sandboxId},
                             {u"at"_s, at},    {u"kind"_s, kind}, {u"actor"_s, actorJson},
                             {u"data"_s, data}};
    Q_EMIT appended(sandboxId, event);
    return event;
}

void Journal::readEvents(const QString &sandboxId, const EventQuery &request,
                         std::function<void(EventPage)> done)
{
    m_reader->read<EventPage>(
        [sandboxId, request](QSqlDatabase db) {
            // One snapshot for the page and latest_seq, as the loop's cache gave them together.
            const bool snapshot = db.transaction();
            EventPage page;
            page.latestSeq = selectLatestSeq(db, sandboxId);
            page.events = selectEvents(db, sandboxId, request, &page.hasMore);
            if (snapshot)
                endRead(db);
            return page;
        },
        std::move(done));
}

void Journal::readEventsAfter(const QString &sandboxId, qint64 seq, int limit,
                              std::function<void(QJsonArray)> done)
{
    EventQuery request;
    request.afterSeq = seq;
    request.limit = limit;
    m_reader->read<QJsonArray>(
        [sandboxId, request](QSqlDatabase db) {
            bool hasMore = false;
            return selectEvents(db, sandboxId, request, &hasMore);
        },
        std::move(done));
}

void Journal::readSpan(const QString &sandboxId, std::function<void(JournalSpan)> done)
{
    m_reader->read<JournalSpan>(
        [sandboxId](QSqlDatabase db) {
            const bool snapshot = db.transaction();
            JournalSpan span;
            QSqlQuery query = prepareJournalQuery(db,
                                                  u"SELECT MIN(seq), MAX(seq), (SELECT kind FROM events "
                                                  u"WHERE sandbox_id = ? ORDER BY seq DESC LIMIT 1) "
                                                  "FROM events WHERE sandbox_id = ?"_s,
                                                  {sandboxId, sandboxId});
            if (run(query, "reading the span of a journal") && query.next()) {
                span.firstSeq = query.value(0).toLongLong();
                span.latestSeq = query.value(1).toLongLong();
                span.lastKind = query.value(2).toString();
            }
            query.finish();
            if (snapshot)
                endRead(db);
            return span;
        },
        std::move(done));
}

void Journal::forget(const QString &sandboxId)
{
    for (const auto &statement :
         {u"DELETE FROM events WHERE sandbox_id = ?"_s, u"DELETE FROM execs WHERE sandbox_id = ?"_s}) {
        QSqlQuery query(database());
        query.prepare(statement);
        query.addBindValue(sandboxId);
        run(query, "dropping a sandbox's journal");
    }
    m_latest.remove(sandboxId);
    m_output->forget(sandboxId);
}

} // namespace OrkestrLocal
