#include "server/statejsonmigration.h"

#include "server/log.h"
#include "server/sandboxrecords.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>

namespace OrkestrLocal {

using namespace Qt::StringLiterals;

bool migrateStateJson(const QString &dataDir, SandboxRecords &records, QString *error)
{
    if (records.number(SandboxRecords::StateJsonMigrated) != 0)
        return true;
    QElapsedTimer elapsed;
    elapsed.start();
    const QDir root(dataDir + u"/sandboxes"_s);
    QStringList migrated;
    {
        RecordsTransaction transaction(records);
        for (const auto &id : root.entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile file(root.filePath(id + u"/state.json"_s));
            if (!file.open(QIODevice::ReadOnly))
                continue;
            const auto sandbox = Sandbox::fromStateJson(QJsonDocument::fromJson(file.readAll()).object());
            if (!sandbox || sandbox->id != id) {
                qCWarning(lcSandboxes).noquote()
                    << u"orkestr-local: warning: ignoring unreadable sandbox state %1"_s.arg(file.fileName());
                continue;
            }
            // Version 0: the store gives each one a version of this server's counter at load.
            sandbox->version = 0;
            if (!records.save(*sandbox, error))
                return false;
            migrated.append(file.fileName());
        }
        if (!records.setNumber(SandboxRecords::StateJsonMigrated, 1, error))
            return false;
    }
    const qint64 committedMs = elapsed.elapsed();
    for (const auto &path : std::as_const(migrated))
        QFile::remove(path);
    if (!migrated.isEmpty())
        qCInfo(lcSandboxes).noquote()
            << u"orkestr-local: moved %1 sandbox record(s) from state.json files into "
               "the database in %2 ms (%3 ms with deleting the files)"_s.arg(migrated.size())
                   .arg(committedMs)
                   .arg(elapsed.elapsed());
    return true;
}

} // namespace OrkestrLocal
