#include "sandboxseed.h"

#include "server/sandboxrecords.h"

#include "benchsupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QSqlQuery>

namespace Bench {

using namespace OrkestrLocal;

namespace {

// A ULID as the server makes them: 48 bits of milliseconds, 80 random bits, Crockford base32.
QString ulid(qint64 ms, QRandomGenerator &random)
{
    static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    QString text(26, u'0');
    for (int i = 9; i >= 0; --i, ms >>= 5)
        text[i] = QLatin1Char(alphabet[ms & 31]);
    for (int i = 10; i < 26; ++i)
        text[i] = QLatin1Char(alphabet[random.bounded(32)]);
    return text;
}

} // namespace

std::vector<Sandbox> makeSandboxes(int count)
{
    QRandomGenerator random(19);
    const QStringList regions {u"fsn1"_s, u"hel1"_s};
    const QStringList templates {u"python-3.12"_s, u"node-22"_s, u"ubuntu-24.04"_s, u"python-3.12-bare"_s};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    std::vector<Sandbox> sandboxes(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
        Sandbox &s = sandboxes[size_t(i)];
        s.createdAt = now.addSecs(-60 - qint64(count - i) * 20);
        s.id = u"sbx_"_s + ulid(s.createdAt.toMSecsSinceEpoch(), random);
        const int kind = int(random.bounded(100));
        s.status = kind < 80 ? SandboxStatus::Paused
            : kind < 92      ? SandboxStatus::Failed
                             : SandboxStatus::Terminated;
        s.templateName = templates[i % templates.size()];
        s.region = regions[(i / 3) % regions.size()];
        s.cpu = double(1 << (i % 3));
        s.memoryMb = 512 << (i % 4);
        s.network = i % 5 == 0 ? u"open"_s : u"off"_s;
        s.metadata = {{u"team"_s, u"team-%1"_s.arg(i % 5)}, {u"job"_s, u"build-%1"_s.arg(i)}};
        if (i % 7 == 0)
            s.env = {{u"API_URL"_s, u"https://example.invalid/%1"_s.arg(i)}};
        if (s.status == SandboxStatus::Paused) {
            s.pausedAt = s.createdAt.addSecs(10);
            s.snapshotCreatedAt = s.pausedAt;
            s.snapshotSizeBytes = 4096 + qint64(random.bounded(50'000'000));
        } else {
            s.terminationReason = s.status == SandboxStatus::Failed ? u"error"_s : u"requested"_s;
        }
        if (s.status == SandboxStatus::Terminated)
            s.terminatedAt = now.addSecs(-60 - qint64(random.bounded(1800)));
        s.version = i + 1;
    }
    return sandboxes;
}

void seedDatabase(const QString &dataDir, const std::vector<Sandbox> &sandboxes)
{
    const QString connection = u"seed"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, connection);
        db.setDatabaseName(dataDir + u"/journal.sqlite"_s);
        if (!db.open())
            die(u"cannot open the database in "_s + dataDir);
        QSqlQuery(db).exec(u"PRAGMA journal_mode=WAL"_s);
        SandboxRecords records(db);
        QString error;
        if (!records.open(&error))
            die(error);
        {
            RecordsTransaction transaction(records);
            for (const auto &sandbox : sandboxes)
                if (!records.save(sandbox, &error))
                    die(error);
            records.setNumber(SandboxRecords::LatestVersion, qint64(sandboxes.size()));
            records.setNumber(SandboxRecords::StateJsonMigrated, 1);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    for (const auto &sandbox : sandboxes)
        QDir().mkpath(dataDir + u"/sandboxes/"_s + sandbox.id);
}

void seedStateJson(const QString &dataDir, const std::vector<Sandbox> &sandboxes)
{
    for (const auto &sandbox : sandboxes) {
        QJsonObject state = sandbox.toJson();
        state.remove(u"version"_s);
        state.insert(u"env"_s, sandbox.env);
        state.insert(u"snapshot_created_at"_s,
                     sandbox.snapshotCreatedAt.isValid() ? QJsonValue(timestamp(sandbox.snapshotCreatedAt))
                                                         : QJsonValue());
        state.insert(u"snapshot_size_bytes"_s, sandbox.snapshotSizeBytes);
        const QString dir = dataDir + u"/sandboxes/"_s + sandbox.id;
        QDir().mkpath(dir);
        QFile file(dir + u"/state.json"_s);
        if (!file.open(QIODevice::WriteOnly))
            die(u"cannot write "_s + file.fileName());
        file.write(QJsonDocument(state).toJson(QJsonDocument::Indented));
    }
}

} // namespace Bench
