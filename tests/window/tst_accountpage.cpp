// The account page: limits against usage as bars, the token's prefix and scopes, the server.

#include "ui/account/accountpage.h"

#include <QLabel>
#include <QProgressBar>
#include <QTest>

using namespace Qt::StringLiterals;

class TestAccountPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void showsLimitsAgainstUsage()
    {
        Orkestr::Account account;
        account.accountId = u"acc_local"_s;
        account.name = u"acme"_s;
        account.plan = u"pro"_s;
        account.token.prefix = u"ork_3fA9"_s;
        account.token.scopes = {u"sandboxes:read"_s};
        account.snapshots.used = 3;
        account.snapshots.cap = 3;
        account.limits.maxCpu = 4;
        account.limits.maxMemoryMb = 8192;
        account.limits.maxTimeoutSeconds = 86400;
        account.limits.maxRunningSandboxes = 20;
        account.usage.running = 5;
        account.usage.paused = 3;

        OrkestrUi::AccountPage page;
        page.setAccount(account, QUrl(u"http://127.0.0.1:8787"_s), u"orkestr-local 0.1.0"_s);
        QCOMPARE(page.runningText(), u"5 of 20 running"_s);
        QCOMPARE(page.snapshotsText(), u"3 of 3 in use: full"_s);
        auto *running = page.findChild<QProgressBar *>(u"runningBar"_s);
        QVERIFY(running);
        QCOMPARE(running->value(), 5);
        QCOMPARE(running->maximum(), 20);
        QCOMPARE(page.scopesText(), u"sandboxes:read"_s);
        QVERIFY(page.findChild<QLabel *>(u"tokenAccess"_s)->text().contains(u"Read-only"_s));
        QCOMPARE(page.findChild<QLabel *>(u"tokenPrefix"_s)->text(), u"ork_3fA9…"_s);
        QCOMPARE(page.findChild<QLabel *>(u"serverUrl"_s)->text(), u"http://127.0.0.1:8787"_s);
        QCOMPARE(page.findChild<QLabel *>(u"serverVersion"_s)->text(), u"orkestr-local 0.1.0"_s);
        QVERIFY(page.findChild<QLabel *>(u"cpuCap"_s)->text().contains(u'4'));
        QVERIFY(page.findChild<QLabel *>(u"timeoutCap"_s)->text().startsWith(u"24 hour"_s));
        // Every value has an accessible name, from its label.
        QCOMPARE(page.findChild<QLabel *>(u"serverUrl"_s)->accessibleName(), u"Address"_s);
        QCOMPARE(running->accessibleName(), u"Running sandboxes"_s);

        page.clear();
        QCOMPARE(page.scopesText(), QString());
    }
};

QTEST_MAIN(TestAccountPage)
#include "tst_accountpage.moc"
