#pragma once

#include "server/activityquery.h"
#include "server/journaloutput.h"
#include "server/journalreader.h"
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

// A forward-only query of db, prepared with its values bound in order.
QSqlQuery prepareJournalQuery(const QSqlDatabase &db, const QString &sql, const QVariantList &values);

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

// Where a sandbox's journal stands, for the start of an events stream.
struct JournalSpan
{
    qint64 firstSeq = 0; // the oldest seq still kept (0 when there is none)
    qint64 latestSeq = 0;
    QString lastKind;
};

// The activity journal of every sandbox: one SQLite database per server (WAL), written on the
// event loop one small committed row at a time, so an event is durable before the answer that
// caused it. Events are numbered 1, 2, 3 ... per sandbox; appended() announces each one. Exec
// output is kept beside it in files (ExecOutputStore, <dir of the database>/output), written on
// a thread of its own. The API's reads of events and exec records run on reader threads
// (JournalReader, readEvents, readExecs, readExec), never on the loop.
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
    qint64 latestSeq(const QString &sandboxId);
    QString lastKind(const QString &sandboxId);
    void execStarted(const ExecRecord &record);
    void execFinished(const QString &execId, const ExecEnd &end);
    // Ends the records still running (the server was not there to see them end) as lost; each
    // with its exec.finished event, written by recordEvent in the same transaction.
    void markRunningExecsLost(
        const std::function<void(const QString &sandboxId, const QJsonObject &data)> &recordEvent);
    // An exec's record, read on the loop (where an attach must know whether it still runs).
    std::optional<QJsonObject> exec(const QString &sandboxId, const QString &execId);

    // The API's reads, on a reader thread (JournalReader): done gets the answer on the event
    // loop's thread, unless the journal goes first. An events page and its latest_seq are one
    // snapshot.
    void readEvents(const QString &sandboxId, const EventQuery &query, std::function<void(EventPage)> done);
    void readExecs(const QString &sandboxId, const ExecQuery &query, std::function<void(ExecPage)> done);
    void readExec(const QString &sandboxId, const QString &execId,
                  std::function<void(std::optional<QJsonObject>)> done);
    // For the events stream: the events after seq, oldest first, at most limit of them; and
    // where the journal stands (one snapshot).
    void readEventsAfter(const QString &sandboxId, qint64 seq, int limit,
                         std::function<void(QJsonArray)> done);
    void readSpan(const QString &sandboxId, std::function<void(JournalSpan)> done);

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
    // An exec's record from its row (the columns of ExecColumns): what the row holds, with a
    // running exec's byte counts and retention from the output store as they are now.
    QJsonObject recordFrom(const QVariantList &row) const;

    QString m_connection;
    // WAL checkpoints run on their own thread and connection, so that the event loop's commits
    // only append to the log (a checkpoint on the loop stalled it for up to 30 ms).
    std::thread m_checkpointer;
    std::atomic<bool> m_stopping = false;
    QHash<QString, qint64> m_latest;
    std::unique_ptr<ExecOutputStore> m_output;
    std::unique_ptr<JournalReader> m_reader;
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
