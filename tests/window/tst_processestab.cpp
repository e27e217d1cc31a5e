// The Processes tab of the sandbox view against a real orkestr-local (issue 17): the tree by parent
// behind a sort proxy (model testers), Kill confirmed through the prompter removes the process
// (declined, nothing is sent), the exec cell leads to the exec in the Activity tab, Signal… and
// Kill are disabled for a read-only token, and no process list is asked for while the tab is hidden.

#include "core/sandboxjobs.h"
#include "session/activitytimelinemodel.h"
#include "session/processesstore.h"
#include "session/processsignaller.h"
#include "session/processtreemodel.h"
#include "session/session.h"
#include "testprompter.h"
#include "testserver.h"
#include "ui/activity/activitytab.h"
#include "ui/activity/activitytimelineview.h"
#include "ui/processes/processestab.h"
#include "ui/sandboxview/sandboxview.h"
#include "windowtesting.h"

#include <QAbstractItemModelTester>
#include <QImage>
#include <QMenu>
#include <QProcess>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using namespace WindowTesting;
using Model = OrkestrSession::ProcessTreeModel;

class TestProcessesTab : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;

    bool exec(const QString &command)
    {
        return SessionTest::finish(m_client.call<Orkestr::ExecJob>(m_id, command));
    }

    // The pid of the listed process whose command is `command` (0: none).
    static qint64 pidOf(const ProcessesTab *tab, const QString &command)
    {
        const auto *store = tab->store();
        for (const auto &process : store ? store->processes() : QList<Orkestr::ProcessInfo>()) {
            if (process.command == command)
                return process.pid;
        }
        return 0;
    }

    // A session on the test server with a view at the sandbox's Processes tab, shown.
    struct Fixture
    {
        OrkestrSession::Session session;
        TestPrompter prompter;
        SandboxView view;
        explicit Fixture(Orkestr::Client *client)
            : session(client)
            , view(&session, &prompter)
        {
            session.processSignaller()->setPrompter(&prompter);
        }
        ~Fixture() { session.processSignaller()->setPrompter(nullptr); }
        ProcessesTab *open(const QString &id)
        {
            view.resize(900, 600);
            view.show();
            if (!QTest::qWaitForWindowExposed(&view))
                return nullptr;
            view.showSandbox(id);
            view.showPlace(SandboxView::Place::Processes);
            return view.processes();
        }
    };

private Q_SLOTS:
    void initTestCase()
    {
        m_id = startFresh(&m_server, &m_client, u"r_17p"_s);
        QVERIFY(!m_id.isEmpty());
    }

    void killConfirmedRemovesTheProcess()
    {
        // Two background processes, one the child of the other (a tree by parent).
        QVERIFY(exec(u"nohup sh -c 'sleep 301 & sleep 302; wait' >/dev/null 2>&1 &"_s));
        Fixture fixture(&m_client);
        ProcessesTab *tab = fixture.open(m_id);
        QVERIFY(tab);
        QVERIFY(fixture.view.isPlaceShown(SandboxView::Place::Processes));
        QAbstractItemModelTester modelTester(tab->model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester proxyTester(tab->proxy(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 301"_s) > 0 && pidOf(tab, u"sleep 302"_s) > 0, 15000);
        QVERIFY(tab->stateText().isEmpty());
        const qint64 pid = pidOf(tab, u"sleep 301"_s);
        // The sleeps are children of their shell: not at the top of the tree.
        const QModelIndex sleepIndex = tab->proxy()->mapFromSource(tab->model()->indexOfPid(pid));
        QVERIFY(sleepIndex.isValid());
        QVERIFY(sleepIndex.parent().isValid());
        QVERIFY(sleepIndex.parent().data(Model::CommandRole).toString().contains(u"sh -c"_s));

        // Sortable: by PID descending, the newer sleep comes first among the siblings.
        tab->tree()->sortByColumn(Model::PidColumn, Qt::DescendingOrder);
        const QModelIndex parent = sleepIndex.parent();
        QVERIFY(tab->proxy()->rowCount(parent) >= 2);
        QVERIFY(tab->proxy()->index(0, 0, parent).data(Model::PidRole).toLongLong()
                > tab->proxy()->index(1, 0, parent).data(Model::PidRole).toLongLong());

        // Nothing selected: nothing to signal.
        tab->tree()->setCurrentIndex({});
        QVERIFY(!tab->killButton()->isEnabled());
        QVERIFY(tab->selectPid(pid));
        QVERIFY(tab->killButton()->isEnabled());
        QVERIFY(tab->signalButton()->isEnabled());

        // Declined: nothing is sent, the process stays.
        fixture.prompter.accept = false;
        tab->killButton()->click();
        QCOMPARE(fixture.prompter.asked.size(), 1);
        QVERIFY(fixture.prompter.asked.first().text.contains(u"sleep 301"_s));
        QVERIFY(fixture.prompter.asked.first().destructive);
        QSignalSpy refreshed(tab->store(), &OrkestrSession::ProcessesStore::refreshed);
        QVERIFY(refreshed.wait(5000));
        QCOMPARE(pidOf(tab, u"sleep 301"_s), pid);

        // Accepted: SIGKILL goes out, the list is asked again and the process is gone.
        fixture.prompter.accept = true;
        QVERIFY(tab->selectPid(pid));
        tab->killButton()->click();
        QCOMPARE(fixture.prompter.asked.size(), 2);
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 301"_s) == 0, 10000);
        QVERIFY(pidOf(tab, u"sleep 302"_s) > 0);
        QVERIFY2(tab->messageText().contains(u"SIGKILL"_s), qPrintable(tab->messageText()));

        // Signal… offers the six signals; SIGTERM ends the other sleep.
        QStringList offered;
        for (const QAction *action : tab->signalMenu()->actions())
            offered.append(action->text());
        QCOMPARE(
            offered,
            (QStringList {u"SIGTERM"_s, u"SIGINT"_s, u"SIGHUP"_s, u"SIGKILL"_s, u"SIGSTOP"_s, u"SIGCONT"_s}));
        QVERIFY(tab->selectPid(pidOf(tab, u"sleep 302"_s)));
        tab->signalMenu()->actions().first()->trigger();
        QCOMPARE(fixture.prompter.asked.size(), 3);
        QVERIFY(fixture.prompter.asked.last().title.contains(u"SIGTERM"_s));
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 302"_s) == 0, 10000);
    }

    void signallingAGoneProcessShowsTheRequestId()
    {
        QVERIFY(exec(u"nohup sleep 303 >/dev/null 2>&1 &"_s));
        Fixture fixture(&m_client);
        ProcessesTab *tab = fixture.open(m_id);
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 303"_s) > 0, 15000);
        const qint64 pid = pidOf(tab, u"sleep 303"_s);
        QVERIFY(tab->selectPid(pid));
        // Gone behind the tab's back (before its next refresh): the server answers 404.
        tab->store()->setActive(false);
        QVERIFY(exec(u"kill -9 %1"_s.arg(pid)));
        fixture.prompter.accept = true;
        tab->killButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(!tab->messageText().isEmpty(), 10000);
        QVERIFY2(tab->messageText().contains(u"req_"_s), qPrintable(tab->messageText()));
    }

    void execCellShowsTheExecInActivity()
    {
        QVERIFY(exec(u"nohup sleep 304 >/dev/null 2>&1 &"_s));
        Fixture fixture(&m_client);
        ProcessesTab *tab = fixture.open(m_id);
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 304"_s) > 0, 15000);
        const qint64 pid = pidOf(tab, u"sleep 304"_s);
        const QString execId = tab->store()->find(pid)->execId;
        QVERIFY(execId.startsWith(u"exe_"_s));
        const QModelIndex cell
            = tab->proxy()->mapFromSource(tab->model()->indexOfPid(pid, Model::ExecColumn));
        QCOMPARE(cell.data().toString(), execId);
        QVERIFY(cell.data(Qt::ToolTipRole).toString().contains(u"Activity"_s));
        // Clicking the link.
        const QRect rect = tab->tree()->visualRect(cell);
        QVERIFY(!rect.isEmpty());
        QTest::mouseClick(tab->tree()->viewport(), Qt::LeftButton, {}, rect.center());
        QCOMPARE(fixture.view.currentPlace(), SandboxView::Place::Activity);
        ActivityTab *activity = fixture.view.activity();
        QTRY_VERIFY_WITH_TIMEOUT(activity->timeline()->currentIndex().isValid(), 10000);
        const QModelIndex current = activity->timeline()->currentIndex();
        QCOMPARE(current.data(OrkestrSession::ActivityTimelineModel::ExecIdRole).toString(), execId);
        QCOMPARE(current.data(OrkestrSession::ActivityTimelineModel::KindRole).toString(), u"exec.started"_s);
    }

    void execLinkStaysReadableOnASelectedRow()
    {
        QVERIFY(exec(u"nohup sleep 305 >/dev/null 2>&1 &"_s));
        Fixture fixture(&m_client);
        ProcessesTab *tab = fixture.open(m_id);
        QVERIFY(tab);
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 305"_s) > 0, 15000);
        const qint64 pid = pidOf(tab, u"sleep 305"_s);
        // A link colour that would be hard to read on the highlight, both far from the text colours.
        QPalette colours = tab->tree()->palette();
        const QColor link(0x20, 0x50, 0xe0), highlight(0x20, 0x40, 0xb0), highlighted(0xff, 0xff, 0xf0);
        colours.setColor(QPalette::Link, link);
        colours.setColor(QPalette::Highlight, highlight);
        colours.setColor(QPalette::HighlightedText, highlighted);
        colours.setColor(QPalette::Text, Qt::black);
        colours.setColor(QPalette::Base, Qt::white);
        tab->tree()->setPalette(colours);
        const auto execCell = [&] {
            return tab->tree()->visualRect(
                tab->proxy()->mapFromSource(tab->model()->indexOfPid(pid, Model::ExecColumn)));
        };
        // How many pixels of the exec cell are exactly `colour` (the underline is drawn solid).
        const auto pixelsOf = [&](const QColor &colour) {
            const QImage image = tab->tree()->viewport()->grab().toImage();
            const QRect cell = execCell() & image.rect();
            int count = 0;
            for (int y = cell.top(); y <= cell.bottom(); ++y) {
                for (int x = cell.left(); x <= cell.right(); ++x)
                    count += image.pixelColor(x, y).rgb() == colour.rgb() ? 1 : 0;
            }
            return count;
        };

        tab->tree()->clearSelection();
        tab->tree()->setCurrentIndex({});
        QVERIFY(!execCell().isEmpty());
        QVERIFY2(pixelsOf(link) > 0, "an unselected exec cell is drawn in the view's link colour");
        QVERIFY(tab->selectPid(pid));
        QVERIFY(tab->tree()->selectionModel()->isRowSelected(
            tab->proxy()->mapFromSource(tab->model()->indexOfPid(pid)).row(),
            tab->proxy()->mapFromSource(tab->model()->indexOfPid(pid)).parent()));
        QVERIFY2(pixelsOf(highlighted) > 0, "a selected exec cell is drawn in the highlighted text colour");
        QCOMPARE(pixelsOf(link), 0);
    }

    void readOnlyTokenDisablesSignals()
    {
        QProcess tool;
        tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                   {u"token"_s, u"create"_s, u"--data-dir"_s, m_server.dataDir.path(), u"--read-only"_s,
                    u"--name"_s, u"support"_s});
        QVERIFY(tool.waitForFinished(15000));
        QCOMPARE(tool.exitCode(), 0);
        const QString readOnly = QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
        QVERIFY(readOnly.startsWith(u"ork_"_s));
        QVERIFY(exec(u"nohup sleep 305 >/dev/null 2>&1 &"_s));

        Orkestr::Client client;
        client.setBaseUrl(m_server.url());
        client.setToken(readOnly);
        Fixture fixture(&client);
        fixture.session.refreshAccount();
        QTRY_VERIFY_WITH_TIMEOUT(fixture.session.hasAccount(), 10000);
        QCOMPARE(fixture.session.readOnlyReason(), OrkestrSession::Session::ReadOnlyReason::TokenScopes);
        fixture.view.setReadOnly(true);
        ProcessesTab *tab = fixture.open(m_id);
        QVERIFY(tab);
        // Reading is allowed: the list shows.
        QTRY_VERIFY_WITH_TIMEOUT(pidOf(tab, u"sleep 305"_s) > 0, 15000);
        QVERIFY(tab->selectPid(pidOf(tab, u"sleep 305"_s)));
        QVERIFY(!tab->killButton()->isEnabled());
        QVERIFY(!tab->signalButton()->isEnabled());
        QVERIFY(tab->killButton()->toolTip().contains(u"Read-only"_s));
        // Even asked directly, nothing is asked or sent.
        tab->signalCurrent(9);
        QVERIFY(fixture.prompter.asked.isEmpty());
    }

    void noRequestsWhileHidden()
    {
        Fixture fixture(&m_client);
        int processRequests = 0;
        connect(&m_client, &Orkestr::Client::requestLogged, &fixture.view,
                [&processRequests](const Orkestr::RequestLogEntry &entry) {
                    if (entry.path.endsWith(u"/processes"_s))
                        ++processRequests;
                });
        // Shown on another tab first: nothing is asked.
        fixture.view.resize(900, 600);
        fixture.view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&fixture.view));
        fixture.view.showSandbox(m_id);
        fixture.view.showPlace(SandboxView::Place::Overview);
        QTest::qWait(3000);
        QCOMPARE(processRequests, 0);
        // Visible: about every 2 s.
        fixture.view.showPlace(SandboxView::Place::Processes);
        QTRY_VERIFY_WITH_TIMEOUT(processRequests >= 3, 10000);
        // Hidden again: no more.
        fixture.view.showPlace(SandboxView::Place::Overview);
        QVERIFY(!fixture.view.processes()->store()->isActive());
        QTest::qWait(200); // a request under way may still end
        const int atHide = processRequests;
        QTest::qWait(4500);
        QCOMPARE(processRequests, atHide);
        // Back: asked at once.
        fixture.view.showPlace(SandboxView::Place::Processes);
        QTRY_VERIFY_WITH_TIMEOUT(processRequests > atHide, 3000);
    }
};

QTEST_MAIN(TestProcessesTab)
#include "tst_processestab.moc"
