#pragma once

#include <QString>

namespace OrkestrLocal {

class SandboxRecords;

// Moves the records of the previous release (<data>/sandboxes/<id>/state.json, one file per
// sandbox) into the database, once: all of them in one transaction with the mark that it is
// done, then the files are deleted (a crash in between leaves files that are never read again).
// The sandboxes' directories (workspace, tmp) and snapshots stay where they are.
bool migrateStateJson(const QString &dataDir, SandboxRecords &records, QString *error);

} // namespace OrkestrLocal
