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
const QString Columns
    = u"exec_id, sandbox_id, command, cwd, mode, actor, started_at, finished_at, status, "
      "exit_code, signal, duration_ms, stdout_bytes, stderr_bytes, stdout_from, stderr_from"_s;

QJsonValue orNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toLongLong());
}

bool run(QSqlQuery &query, const char *what)
{
    return runJournalQuery(query, what);
}

QVariant nullable(const std::optional<int> &value)
{
    return value ? QVariant(*value) : QVariant(QMetaType::fromType<int>());
}

constexpr int ColumnCount = 16; // of Columns

QVariantList rowValues(const QSqlQuery &row)
{
    QVariantList values;
    values.reserve(ColumnCount);
    for (int i = 0; i < ColumnCount; ++i)
        values.append(row.value(i));
    return values;
}

// Exec records as rows (turned into records on the loop, which knows the output's state).
struct ExecRows
{
    QList<QVariantList> rows;
    bool hasMore = false;
};

ExecRows selectExecs(const QSqlDatabase &db, const QString &sandboxId, const ExecQuery &request)
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
    QSqlQuery query = prepareJournalQuery(db, sql, binds);
    ExecRows page;
    if (!run(query, "listing execs"))
        return page;
    while (query.next()) {
        if (page.rows.size() == request.limit) {
            page.hasMore = true;
            break;
        }
        page.rows.append(rowValues(query));
    }
    return page;
}

std::optional<QVariantList> selectExec(const QSqlDatabase &db, const QString &sandboxId,
                                       const QString &execId)
{
    QSqlQuery query = prepareJournalQuery(
        db, u"SELECT %1 FROM execs WHERE sandbox_id = ? AND exec_id = ?"_s.arg(Columns), {sandboxId, execId});
    if (run(query, "reading an exec") && query.next())
        return rowValues(query);
    return std::nullopt;
}
} // namespace

QJsonObject Journal::recordFrom(const QVariantList &row) const
{
    const QVariant finished = row.value(7);
    const QString execId = row.value(0).toString();
    // A running exec's byte counts are what its recorded output reaches so far.
    const bool running = row.value(8).toString() == u"running"_s;
    const auto bytes = [&](int stream) {
        return running ? m_output->written(execId, stream) : row.value(12 + stream).toLongLong();
    };
    const auto from = [&](int stream) {
        return std::max(row.value(14 + stream).toLongLong(), m_output->retainedFrom(execId, stream));
    };
    return {{u"exec_id"_s, execId},
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
            {u"stdout_bytes"_s, bytes(0)},
            {u"stderr_bytes"_s, bytes(1)},
            {u"retained_from"_s, QJsonObject {{u"stdout"_s, from(0)}, {u"stderr"_s, from(1)}}}};
}

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
    m_output->finish(execId);
    Q_EMIT execEnded(execId);
}

OutputChunk Journal::appendOutput(const QString &sandboxId, const QString &execId, int stream,
                                  const QByteArray &bytes)
{
    const OutputChunk chunk = m_output->append(sandboxId, execId, stream, bytes);
    Q_EMIT outputAppended(execId);
    return chunk;
}

void Journal::markRunningExecsLost(
    const std::function<void(const QString &sandboxId, const QJsonObject &data)> &recordEvent)
{
    QSqlQuery query(database());
    query.prepare(u"SELECT exec_id, sandbox_id, started_ms FROM execs WHERE status = 'running' "
                  "ORDER BY exec_id"_s);
    if (!run(query, "finding running execs"))
        return;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    QList<std::tuple<QString, QString, ExecEnd>> ends;
    while (query.next()) {
        ExecEnd end;
        end.status = u"lost"_s;
        end.durationMs = std::max<qint64>(0, now - query.value(2).toLongLong());
        const QString execId = query.value(0).toString();
        end.stdoutBytes = m_output->written(execId, 0);
        end.stderrBytes = m_output->written(execId, 1);
        ends.append({execId, query.value(1).toString(), end});
    }
    query.finish();
    for (const auto &[execId, sandboxId, end] : std::as_const(ends)) {
        const JournalTransaction transaction(*this);
        execFinished(execId, end);
        recordEvent(sandboxId, end.toEventData(execId));
    }
}

std::optional<QJsonObject> Journal::exec(const QString &sandboxId, const QString &execId)
{
    if (const auto row = selectExec(database(), sandboxId, execId))
        return recordFrom(*row);
    return std::nullopt;
}

void Journal::readExecs(const QString &sandboxId, const ExecQuery &request,
                        std::function<void(ExecPage)> done)
{
    m_reader->read<ExecRows>(
        [sandboxId, request](QSqlDatabase db) { return selectExecs(db, sandboxId, request); },
        [this, done = std::move(done)](ExecRows rows) {
            ExecPage page;
            page.hasMore = rows.hasMore;
            for (const auto &row : std::as_const(rows.rows))
                page.execs.append(recordFrom(row));
            done(std::move(page));
        });
}

void Journal::readExec(const QString &sandboxId, const QString &execId,
                       std::function<void(std::optional<QJsonObject>)> done)
{
    m_reader->read<std::optional<QVariantList>>(
        [sandboxId, execId](QSqlDatabase db) { return selectExec(db, sandboxId, execId); },
        [this, done = std::move(done)](std::optional<QVariantList> row) {
            done(row ? std::optional<QJsonObject>(recordFrom(*row)) : std::nullopt);
        });
}

} // namespace OrkestrLocal
