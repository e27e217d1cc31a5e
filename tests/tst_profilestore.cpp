// Connection profiles: kept in settings without tokens; tokens in the keychain or in memory.

#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"

#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using OrkestrUi::ConnectionProfile;
using OrkestrUi::ProfileStore;
using OrkestrUi::TokenVault;

class TestProfileStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void firstStartHasTheEmbeddedProfile()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        ProfileStore store(&settings);
        QCOMPARE(store.profiles().size(), 1);
        QVERIFY(store.current().embedded);
        QCOMPARE(store.currentId(), ProfileStore::embeddedId());
    }

    void profilesPersistAndSwitch()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.ini"_s);
        QString supportId;
        {
            QSettings settings(path, QSettings::IniFormat);
            ProfileStore store(&settings);
            ConnectionProfile support;
            support.name = u"customer X (support)"_s;
            support.baseUrl = QUrl(u"https://api.orkestr.eu"_s);
            support.inspectOnly = true;
            QSignalSpy changed(&store, &ProfileStore::currentChanged);
            supportId = store.save(support).id;
            QVERIFY(!supportId.isEmpty());
            store.setCurrent(supportId);
            QCOMPARE(changed.size(), 1);
            QCOMPARE(changed.first().first().value<ConnectionProfile>().name, u"customer X (support)"_s);
        }
        QSettings settings(path, QSettings::IniFormat);
        ProfileStore reloaded(&settings);
        QCOMPARE(reloaded.profiles().size(), 2);
        QCOMPARE(reloaded.currentId(), supportId);
        QVERIFY(reloaded.current().inspectOnly);
        QCOMPARE(reloaded.current().baseUrl, QUrl(u"https://api.orkestr.eu"_s));

        // Removing the current profile falls back to the embedded one, which cannot be removed.
        reloaded.remove(supportId);
        QVERIFY(reloaded.current().embedded);
        reloaded.remove(ProfileStore::embeddedId());
        QCOMPARE(reloaded.profiles().size(), 1);
    }

    void tokenNeverInSettingsAndMemoryFallback()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.ini"_s);
        const QString token = u"ork_NeverInTheSettingsFile0123456789abcd"_s;
        {
            QSettings settings(path, QSettings::IniFormat);
            ProfileStore store(&settings);
            ConnectionProfile production;
            production.name = u"production"_s;
            production.baseUrl = QUrl(u"https://api.orkestr.eu"_s);
            production = store.save(production);

            TokenVault vault(u"orkestr-desk-test"_s);
            vault.setKeychainEnabled(false);
            QSignalSpy written(&vault, &TokenVault::tokenWritten);
            vault.write(production.id, token);
            QVERIFY(written.wait(5000));
            QCOMPARE(written.first().at(1).toBool(), false);
            QVERIFY(written.first().at(2).toString().contains(u"memory"_s));

            QSignalSpy read(&vault, &TokenVault::tokenRead);
            vault.read(production.id);
            QVERIFY(read.wait(5000));
            QCOMPARE(read.first().at(1).toString(), token);
            QCOMPARE(read.first().at(2).value<TokenVault::Source>(), TokenVault::Source::Memory);
            settings.sync();
        }
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray contents = file.readAll();
        QVERIFY(contents.contains("production"));
        QVERIFY(!contents.contains(token.toUtf8()));
    }

    void environmentIsTheLastFallback()
    {
        qputenv("ORKESTR_API_KEY", "ork_fromTheEnvironment");
        TokenVault vault(u"orkestr-desk-test"_s);
        vault.setKeychainEnabled(false);
        QSignalSpy read(&vault, &TokenVault::tokenRead);
        vault.read(u"unknown-profile"_s);
        QVERIFY(read.wait(5000));
        QCOMPARE(read.first().at(1).toString(), u"ork_fromTheEnvironment"_s);
        QCOMPARE(read.first().at(2).value<TokenVault::Source>(), TokenVault::Source::Environment);
        qunsetenv("ORKESTR_API_KEY");
    }

    void realKeychainAnswersOrSaysItIsUnavailable()
    {
        // On CI there is no secret service: the vault must say so and not hang.
        TokenVault vault(u"orkestr-desk-test"_s);
        QSignalSpy read(&vault, &TokenVault::tokenRead);
        QSignalSpy unavailable(&vault, &TokenVault::keychainUnavailable);
        vault.read(u"profile-%1"_s.arg(QCoreApplication::applicationPid()));
        QVERIFY(read.wait(30000));
        if (!vault.keychainAvailable())
            QCOMPARE(unavailable.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profilestore.moc"
