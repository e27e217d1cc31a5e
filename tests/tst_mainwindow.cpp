// The main window against a real orkestr-local: the plan and snapshot quota in the status bar,
// and a clear error (with the request id) for a wrong token.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testserver.h"
#include "ui/files/filebrowser.h"
#include "ui/files/filespanel.h"
#include "ui/mainwindow.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/terminal/terminaltabs.h"

#include <QApplication>

using namespace Qt::StringLiterals;

class TestMainWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QVERIFY(m_server.start({u"--plan"_s, u"pro"_s})); }

    void showsPlanAndQuota()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        OrkestrUi::MainWindow window(&client);
        window.show();
        QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
        window.refreshAccount();
        QVERIFY(changed.wait(10000));
        QVERIFY(window.isConnected());
        QCOMPARE(window.quotaText(), u"Snapshots 0 of 3 (pro)"_s);
        QVERIFY(window.statusText().contains(m_server.url().toDisplayString()));
    }

    void listsSandboxesAndOpensATerminalForTheSelectedOne()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(m_server.token());
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = client.call<Orkestr::CreateSandboxJob>(params);
        QSignalSpy created(create, &Orkestr::Job::finished);
        QVERIFY(created.wait(20000));
        QVERIFY2(create->status() == Orkestr::Job::Status::Succeeded,
                 qPrintable(create->error().displayText()));
        const QString id = create->sandbox().id;

        OrkestrUi::MainWindow window(&client);
        window.show();
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->sandboxes()->contains(id), 10000);
        QCOMPARE(window.account().usage.running, 1);
        page->selectIds({id});
        QCOMPARE(window.terminals()->currentSandboxId(), id);
        QCOMPARE(window.terminals()->tabCount(id), 1);
        QVERIFY(window.terminals()->isEnabled());
        QVERIFY(window.files()->browser(id));
    }

    void serverGoneKeepsTheListAndRetries()
    {
        TestServer server;
        QVERIFY(server.start());
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        client.setMaxRetries(0);
        OrkestrUi::MainWindow window(&client);
        window.show();
        QSignalSpy changed(&window, &OrkestrUi::MainWindow::accountChanged);
        window.refreshAccount();
        QVERIFY(changed.wait(10000));
        QVERIFY(window.sandboxesPage()->isVisible());

        server.process->stop();
        QSignalSpy failed(&window, &OrkestrUi::MainWindow::connectionFailed);
        QTest::qWait(50); // the finished account job goes away first; one runs at a time
        window.refreshAccount();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<Orkestr::ApiError>().kind(),
                 Orkestr::ApiError::Kind::Connection);
        // The last known list stays; the status bar says what happened.
        QVERIFY(window.sandboxesPage()->isVisible());
        QVERIFY(window.statusText().startsWith(u"Connection lost, retrying"_s));
        QVERIFY(!window.isConnected());
    }

    void wrongTokenShowsClearError()
    {
        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(u"ork_wrong000000000000000000000000000000000"_s);
        OrkestrUi::MainWindow window(&client);
        window.show();
        QSignalSpy failed(&window, &OrkestrUi::MainWindow::connectionFailed);
        window.refreshAccount();
        QVERIFY(failed.wait(10000));
        QVERIFY(!window.isConnected());
        QVERIFY(window.errorText().contains(u"(request req_"_s));
        QVERIFY(window.statusText().startsWith(u"Not connected"_s));
        QCOMPARE(window.quotaText(), u"Snapshots: unknown"_s);
        QVERIFY(!window.errorText().contains(u"ork_wrong"_s));
    }

    void unreachableServerShowsConnectionError()
    {
        Orkestr::Client client;
        client.setBaseUrl(QUrl(u"http://127.0.0.1:1"_s));
        client.setToken(u"ork_x"_s);
        client.setMaxRetries(0);
        OrkestrUi::MainWindow window(&client);
        QSignalSpy failed(&window, &OrkestrUi::MainWindow::connectionFailed);
        window.refreshAccount();
        QVERIFY(failed.wait(10000));
        QCOMPARE(failed.first().first().value<Orkestr::ApiError>().kind(),
                 Orkestr::ApiError::Kind::Connection);
    }

private:
    TestServer m_server;
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
