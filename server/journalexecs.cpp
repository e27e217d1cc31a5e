// The exec records of the journal (server/journal.h): the execs table.
#include "server/journal.h"

#include "server/log.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

namespace {
// A running exec's byte counts are what its recorded output reaches so far.
QString bytesColumn(int stream, const QString &column)
{
    return u"CASE WHEN status = 'running' THEN COALESCE((SELECT MAX(o.offset + length(o.data)) FROM output o "
           "WHERE o.exec_id = execs.exec_id AND o.stream = %1), 0) ELSE %2 END"_s.arg(stream)
               .arg(column);
}
const QString ByteColumns = bytesColumn(0, u"stdout_bytes"_s) + u", "_s + bytesColumn(1, u"stderr_bytes"_s);
const QString Columns = u"exec_id, sandbox_id, command, cwd, mode, actor, started_at, finished_at, status, "
                        "exit_code, signal, duration_ms, %1, stdout_from, stderr_from"_s.arg(ByteColumns);

QJsonValue orNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toLongLong());
}

QJsonObject recordFrom(const QSqlQuery &row)
{
    const QVariant finished = row.value(7);
    return {
        {u"exec_id"_s, row.value(0).toString()},
        {u"sandbox_id"_s, row.value(1).toString()},
        {u"command"_s, row.value(2).toString()},
        {u"cwd"_s, row.value(3).toString()},
        {u"mode"_s, row.value(4).toString()},
        {u"actor"_s, QJsonDocument::fromJson(row.value(5).toByteArray()).object()},
        {u"started_at"_s, row.value(6).toString()},
        {u"finished_at"_s, finished.isNull() ? QJsonValue() : QJsonValue(finished.toString())},
        {u"status"_s, row.value(8).toString()},
        {u"exit_code"_s, orNull(row.value(9))},
        {u"signal"_s, orNull(row.value(10))},
        {u"duration_ms"_s, orNull(row.value(11))},
        {u"stdout_bytes"_s, row.value(12).toLongLong()},
        {u"stderr_bytes"_s, row.value(13).toLongLong()},
        {u"retained_from"_s,
         QJsonObject {{u"stdout"_s, row.value(14).toLongLong()}, {u"stderr"_s, row.value(15).toLongLong()}}}};
}

bool run(QSqlQuery &query, const char *what)
{
    return runJournalQuery(query, what);
}

QVariant nullable(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}
} // namespace

QJsonObject ExecEnd::toEventData(const QString &execId) const
{
    return {{u"exec_id"_s, execId},
            {u"status"_s, status},
            {u"exit_code"_s, exitCode ? QJsonValue(*exitCode) : QJsonValue()},
            {u"signal"_s, signal ? QJsonValue(*signal) : QJsonValue()},
            {u"duration_ms"_s, durationMs},
            {u"stdout_bytes"_s, stdoutBytes},
            {u"stderr_bytes"_s, stderrBytes}};
}

void Journal::execStarted(const ExecRecord &record)
{
    QSqlQuery query(database());
    query.prepare(u"INSERT INTO execs (exec_id, sandbox_id, command, cwd, mode, actor, started_at, status, "
                  "started_ms) VALUES (?, ?, ?, ?, ?, ?, ?, 'running', ?)"_s);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    for (const QVariant &value :
         {QVariant(record.execId), QVariant(record.sandboxId), QVariant(record.command), QVariant(record.cwd),
          QVariant(record.mode),
          QVariant(QJsonDocument(record.actor.toJson()).toJson(QJsonDocument::Compact)),
          QVariant(now.toString(Qt::ISODateWithMs)), QVariant(now.toMSecsSinceEpoch())})
        query.addBindValue(value);
    run(query, "recording an exec");
}

void Journal::execFinished(const QString &execId, const ExecEnd &end)
{
    QSqlQuery query(database());
    query.prepare(
        u"UPDATE execs SET finished_at = ?, status = ?, exit_code = ?, signal = ?, duration_ms = ?, "
        "stdout_bytes = ?, stderr_bytes = ? WHERE exec_id = ?"_s);
    for (const QVariant &value :
         {QVariant(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)), QVariant(end.status),
          nullable(end.exitCode), nullable(end.signal), QVariant(end.durationMs), QVariant(end.stdoutBytes),
          QVariant(end.stderrBytes), QVariant(execId)})
        query.addBindValue(value);
    run(query, "finishing an exec");
    Q_EMIT execEnded(execId);
}

void Journal::appendOutput(const QString &execId, const OutputChunk &chunk)
{
    QSqlQuery query(database());
    query.prepare(u"INSERT INTO output (exec_id, idx, stream, offset, data) VALUES (?, ?, ?, ?, ?)"_s);
    query.addBindValue(execId);
    query.addBindValue(chunk.index);
    query.addBindValue(chunk.stream);
    query.addBindValue(chunk.offset);
    query.addBindValue(chunk.data);
    if (run(query, "recording output"))
        Q_EMIT outputAppended(execId);
}

QList<OutputChunk> Journal::outputAfter(const QString &execId, qint64 index, int limit)
{
    QList<OutputChunk> chunks;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(
        u"SELECT idx, stream, offset, data FROM output WHERE exec_id = ? AND idx > ? ORDER BY idx LIMIT ?"_s);
    query.addBindValue(execId);
    query.addBindValue(index);
    query.addBindValue(limit);
    if (!run(query, "reading output"))
        return chunks;
    while (query.next())
        chunks.append({query.value(0).toLongLong(), query.value(1).toInt(), query.value(2).toLongLong(),
                       query.value(3).toByteArray()});
    return chunks;
}

void Journal::dropOutput(const QString &execId, const QList<qint64> &indexes, qint64 stdoutFrom,
                         qint64 stderrFrom)
{
    QSqlDatabase db = database();
    db.transaction();
    QSqlQuery drop(db);
    drop.prepare(u"DELETE FROM output WHERE exec_id = ? AND idx = ?"_s);
    for (const qint64 index : indexes) {
        drop.bindValue(0, execId);
        drop.bindValue(1, index);
        run(drop, "dropping output");
    }
    QSqlQuery from(db);
    from.prepare(u"UPDATE execs SET stdout_from = ?, stderr_from = ? WHERE exec_id = ?"_s);
    from.addBindValue(stdoutFrom);
    from.addBindValue(stderrFrom);
    from.addBindValue(execId);
    run(from, "recording retained output");
    db.commit();
}

QList<Journal::StoredChunk> Journal::storedOutput()
{
    QList<StoredChunk> chunks;
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(u"SELECT e.sandbox_id, o.exec_id, o.idx, o.stream, o.offset, length(o.data) FROM output o "
                  "JOIN execs e ON e.exec_id = o.exec_id ORDER BY o.exec_id, o.idx"_s);
    if (!run(query, "reading the kept output"))
        return chunks;
    while (query.next())
        chunks.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toLongLong(),
                       query.value(3).toInt(), query.value(4).toLongLong(), query.value(5).toLongLong()});
    return chunks;
}

QList<QJsonObject> Journal::markRunningExecsLost()
{
    QList<QJsonObject> lost;
    QSqlQuery query(database());
    query.prepare(u"SELECT exec_id, sandbox_id, started_ms, %1 FROM execs WHERE status = 'running' "
                  "ORDER BY exec_id"_s.arg(ByteColumns));
    if (!run(query, "finding running execs"))
        return lost;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<std::pair<QString, ExecEnd>> ends;
    QStringList sandboxes;
    while (query.next()) {
        ExecEnd end;
        end.status = u"lost"_s;
        end.durationMs = std::max<qint64>(0, now - query.value(2).toLongLong());
        end.stdoutBytes = query.value(3).toLongLong();
        end.stderrBytes = query.value(4).toLongLong();
        ends.append({query.value(0).toString(), end});
        sandboxes.append(query.value(1).toString());
    }
    for (qsizetype i = 0; i < ends.size(); ++i) {
        execFinished(ends[i].first, ends[i].second);
        lost.append(
            {{u"sandbox_id"_s, sandboxes[i]}, {u"data"_s, ends[i].second.toEventData(ends[i].first)}});
    }
    return lost;
}

ExecPage Journal::execs(const QString &sandboxId, const ExecQuery &request)
{
    QString sql = u"SELECT %1 FROM execs WHERE sandbox_id = ?"_s.arg(Columns);
    QVariantList binds {sandboxId};
    if (!request.before.isEmpty()) {
        sql += u" AND exec_id < ?"_s;
        binds.append(request.before);
    }
    if (!request.statuses.isEmpty()) {
        sql += u" AND status IN ("_s + QStringList(request.statuses.size(), u"?"_s).join(u", "_s) + u')';
        for (const auto &status : request.statuses)
            binds.append(status);
    }
    sql += u" ORDER BY exec_id DESC LIMIT ?"_s;
    binds.append(request.limit + 1);
    QSqlQuery query = prepared(sql, binds);
    ExecPage page;
    page.execs = readJournalPage(query, "listing execs", request.limit, &page.hasMore, recordFrom);
    return page;
}

std::optional<QJsonObject> Journal::exec(const QString &sandboxId, const QString &execId)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT %1 FROM execs WHERE sandbox_id = ? AND exec_id = ?"_s.arg(Columns));
    query.addBindValue(sandboxId);
    query.addBindValue(execId);
    if (run(query, "reading an exec") && query.next())
        return recordFrom(query);
    return std::nullopt;
}

} // namespace OrkestrLocal
