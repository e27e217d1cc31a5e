#pragma once

#include "server/activityquery.h"
#include "server/journaloutput.h"
#include "server/sqltransaction.h"
#include "server/tokenstore.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <thread>

namespace OrkestrLocal {

// Runs a prepared query of the journal; a failure is logged with what was being done.
bool runJournalQuery(QSqlQuery &query, const char *what);
// Runs a query that asked for limit + 1 rows and returns the first limit of them, each made by
// item; *hasMore says whether there was one more.
QJsonArray readJournalPage(QSqlQuery &query, const char *what, int limit, bool *hasMore,
                           const std::function<QJsonObject(const QSqlQuery &row)> &item);

// Who caused something: a token (its public prefix and name, never its secret) or the server.
struct Actor
{
    QString type; // "token" or "system"
    QString tokenPrefix;
    QString tokenName;
    QString reason; // system: timeout, restart, error

    static Actor token(const TokenRecord &token);
    static Actor system(const QString &reason);
    QJsonObject toJson() const;
};

// The start of an exec's record: who ran what, where.
struct ExecRecord
{
    Actor actor;
    QString execId;
    QString sandboxId;
    QString command;
    QString cwd;
    QString mode; // buffered, stream, pty
};

// How an exec ended, as its record and its exec.finished event show it.
struct ExecEnd
{
    QString status; // exited, timeout, killed, lost
    std::optional<int> exitCode;
    std::optional<int> signal;
    qint64 durationMs = 0;
    qint64 stdoutBytes = 0;
    qint64 stderrBytes = 0;
    QJsonObject toEventData(const QString &execId) const;
};

struct ExecPage
{
    QJsonArray execs;
    bool hasMore = false;
};

struct EventPage
{
    QJsonArray events;
    bool hasMore = false;
    qint64 latestSeq = 0;
};

// The activity journal of every sandbox: one SQLite database per server (WAL), written on the
// event loop one small committed row at a time, so an event is durable before the answer that
// caused it. Events are numbered 1, 2, 3 ... per sandbox; appended() announces each one. Exec
// output is kept beside it in files (ExecOutputStore, <dir of the database>/output), written on
// a thread of its own.
class Journal : public QObject
{
    Q_OBJECT
public:
    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;

    bool open(const QString &path, QString *error);

    // Writes (commits) the event and returns it as the API shows it.
    QJsonObject append(const QString &sandboxId, const QString &kind, const Actor &actor,
                       const QJsonObject &data);
    EventPage events(const QString &sandboxId, const EventQuery &query);
    // The events after seq, oldest first, at most limit of them.
    QJsonArray eventsAfter(const QString &sandboxId, qint64 seq, int limit);
    qint64 latestSeq(const QString &sandboxId);
    // The oldest seq still kept (0 when the journal is empty).
    qint64 firstSeq(const QString &sandboxId);
    QString lastKind(const QString &sandboxId);
    void execStarted(const ExecRecord &record);
    void execFinished(const QString &execId, const ExecEnd &end);
    // Ends the records still running (the server was not there to see them end) as lost; each
    // with its exec.finished event, written by recordEvent in the same transaction.
    void markRunningExecsLost(
        const std::function<void(const QString &sandboxId, const QJsonObject &data)> &recordEvent);
    ExecPage execs(const QString &sandboxId, const ExecQuery &query);
    std::optional<QJsonObject> exec(const QString &sandboxId, const QString &execId);

    // Records output of a running exec (the chunk's index and offset, without its data).
    OutputChunk appendOutput(const QString &sandboxId, const QString &execId, int stream,
                             const QByteArray &bytes);
    ExecOutputStore &output() { return *m_output; }

    // Drops a sandbox's journal and exec records (its retention ended).
    void forget(const QString &sandboxId);

    QSqlDatabase database() const;

Q_SIGNALS:
    void appended(const QString &sandboxId, const QJsonObject &event);
    void outputAppended(const QString &execId);
    void execEnded(const QString &execId);
    // The output writer caught up with a wait: there is room in its queue again, or an exec's
    // output is all written (ExecOutputStore::hasRoom, isStored).
    void outputCaughtUp();

private:
    void checkpointLoop(QString path);
    bool dropRowOutput(QString *error);
    QJsonObject recordFrom(const QSqlQuery &row) const;
    // A forward-only query of this journal, prepared with its values bound in order.
    QSqlQuery prepared(const QString &sql, const QVariantList &values) const;

    QString m_connection;
    // WAL checkpoints run on their own thread and connection, so that the event loop's commits
    // only append to the log (a checkpoint on the loop stalled it for up to 30 ms).
    std::thread m_checkpointer;
    std::atomic<bool> m_stopping = false;
    QHash<QString, qint64> m_latest;
    std::unique_ptr<ExecOutputStore> m_output;
};

// Makes the journal's writes while it lives one commit: an exec's record and its event, so that
// a crash never leaves one without the other.
class JournalTransaction : public SqlTransaction
{
public:
    explicit JournalTransaction(const Journal &journal)
        : SqlTransaction(journal.database())
    {
    }
};

} // namespace OrkestrLocal
