#pragma once

#include "server/sandbox.h"
#include "server/sqltransaction.h"

#include <QSqlDatabase>

#include <functional>
#include <memory>

namespace OrkestrLocal {

// The sandboxes' records in SQLite (the journal's database, WAL): one row per sandbox, with the
// account's change counter beside them, so that a start reads one table instead of one file
// per sandbox. Every write is one small statement on the event loop, like the journal's.
class SandboxRecords
{
public:
    // The keys of the numbers kept beside the records.
    static constexpr auto LatestVersion = "latest_version";
    static constexpr auto ForgottenUpTo = "forgotten_up_to";
    static constexpr auto StateJsonMigrated = "state_json_migrated";

    explicit SandboxRecords(QSqlDatabase database = {});

    // Creates the tables if needed.
    bool open(QString *error);
    bool isOpen() const { return m_database.isOpen(); }
    QSqlDatabase database() const { return m_database; }

    // Calls take for every record (any order); false if they could not be read.
    bool readAll(const std::function<void(std::unique_ptr<Sandbox>)> &take, QString *error) const;
    bool save(const Sandbox &sandbox, QString *error = nullptr);
    bool remove(const QString &id);

    qint64 number(const char *key) const;
    bool setNumber(const char *key, qint64 value, QString *error = nullptr);

private:
    QSqlDatabase m_database;
};

// Makes the records' writes while it lives one commit (a batch at start, a record and the
// counter); inside the journal's transaction, it joins that one.
class RecordsTransaction : public SqlTransaction
{
public:
    explicit RecordsTransaction(const SandboxRecords &records)
        : SqlTransaction(records.database())
    {
    }
};

} // namespace OrkestrLocal
