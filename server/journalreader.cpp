#include "server/journalreader.h"

#include "server/ids.h"
#include "server/log.h"

#include <QSqlError>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

JournalReader::JournalReader(QString path)
    : m_path(std::move(path))
    , m_connection(u"journal-reader-"_s + newUlid())
    , m_workers(Threads,
                {
                    // A connection belongs to the thread that made it.
                    [this](int thread) {
                        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connectionName(thread));
                        db.setDatabaseName(m_path);
                        db.setConnectOptions(u"QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=2000"_s);
                        // On a connection that did not open, the reads' queries fail and are
                        // logged: the answer is then what a failed read on the loop gave (an
                        // empty page).
                        if (!db.open())
                            qCWarning(lcSandboxes).noquote()
                                << u"journal: cannot open a reader of %1: %2"_s.arg(m_path,
                                                                                    db.lastError().text());
                    },
                    [this](int thread) {
                        connection(thread).close();
                        QSqlDatabase::removeDatabase(connectionName(thread));
                    },
                })
{
}

QString JournalReader::connectionName(int thread) const
{
    return m_connection + u'-' + QString::number(thread);
}

QSqlDatabase JournalReader::connection(int thread) const
{
    return QSqlDatabase::database(connectionName(thread), false);
}

} // namespace OrkestrLocal
