// Profiles in the window against a real orkestr-local: one-click switching, tokens from the
// vault, and the read-only banner for inspect-only profiles and tokens without sandboxes:write.

#include "core/client.h"
#include "testserver.h"
#include "ui/mainwindow.h"
#include "ui/profiles/connectionmanager.h"
#include "ui/profiles/profilestore.h"
#include "ui/profiles/tokenvault.h"

#include <QComboBox>
#include <QProcess>
#include <QSettings>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;

class TestConnections : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        // A second token with sandboxes:read only, made by the server's own tool.
        QProcess tool;
        tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                   {u"token"_s, u"create"_s, u"--read-only"_s, u"--name"_s, u"support"_s, u"--data-dir"_s,
                    m_server.dataDir.path()});
        QVERIFY(tool.waitForFinished(10000));
        m_readOnlyToken = QString::fromUtf8(tool.readAllStandardOutput().trimmed());
        QVERIFY(m_readOnlyToken.startsWith(u"ork_"_s));
    }

    void switchingProfilesShowsEachAccountAndBanner()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        ProfileStore profiles(&settings);
        TokenVault vault;
        vault.setKeychainEnabled(false);
        Orkestr::Client client;
        ConnectionManager connections(&client, &profiles, &vault);
        MainWindow window(&client);
        window.setConnections(&profiles, &connections);
        window.show();

        ConnectionProfile full;
        full.name = u"full access"_s;
        full.baseUrl = m_server.url();
        full = profiles.save(full);
        ConnectionProfile support;
        support.name = u"customer X (support)"_s;
        support.baseUrl = m_server.url();
        support = profiles.save(support);
        ConnectionProfile inspect = full;
        inspect.id.clear();
        inspect.name = u"production (inspect)"_s;
        inspect.inspectOnly = true;
        inspect = profiles.save(inspect);
        connections.setToken(full.id, m_server.token());
        connections.setToken(support.id, m_readOnlyToken);
        connections.setToken(inspect.id, m_server.token());

        auto *box = window.findChild<QComboBox *>(u"profileBox"_s);
        QVERIFY(box);
        QCOMPARE(box->count(), 4); // the embedded one, and ours

        QSignalSpy changed(&window, &MainWindow::accountChanged);
        auto choose = [&](const QString &id) {
            changed.clear();
            const int index = box->findData(id);
            QVERIFY(index >= 0);
            // What a click on the combo box does.
            box->setCurrentIndex(index);
            Q_EMIT box->activated(index);
            QVERIFY(changed.wait(10000));
        };

        choose(full.id);
        QVERIFY(window.account().canWrite());
        QVERIFY(!window.isReadOnly());
        QVERIFY(window.bannerText().isEmpty());

        choose(support.id);
        QVERIFY(!window.account().canWrite());
        QVERIFY(window.isReadOnly());
        QVERIFY(window.bannerText().contains(u"sandboxes:write"_s));
        QCOMPARE(profiles.currentId(), support.id);

        choose(inspect.id);
        QVERIFY(window.account().canWrite());
        QVERIFY(window.isReadOnly());
        QVERIFY(window.bannerText().startsWith(u"Inspect only"_s));
    }

    void profileWithoutTokenSaysSo()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(u"s.ini"_s), QSettings::IniFormat);
        ProfileStore profiles(&settings);
        TokenVault vault;
        vault.setKeychainEnabled(false);
        Orkestr::Client client;
        ConnectionManager connections(&client, &profiles, &vault);
        MainWindow window(&client);
        window.setConnections(&profiles, &connections);
        ConnectionProfile empty;
        empty.name = u"no token yet"_s;
        empty.baseUrl = m_server.url();
        empty = profiles.save(empty);
        QSignalSpy failed(&window, &MainWindow::connectionFailed);
        profiles.setCurrent(empty.id);
        QVERIFY(failed.wait(5000));
        QVERIFY(window.errorText().contains(u"No token is stored"_s));
    }

private:
    TestServer m_server;
    QString m_readOnlyToken;
};

QTEST_MAIN(TestConnections)
#include "tst_connections.moc"
