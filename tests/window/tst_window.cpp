// The window against a real orkestr-local: the layout on first start at 1280×800 and on a
// 2560×1440 screen, the focus and shortcuts right after start, the palette, the attention filter
// and the notifications.

#include "session/sandboxnotifications.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testserver.h"
#include "ui/account/accountpage.h"
#include "ui/help/shortcutsdialog.h"
#include "ui/mainwindow.h"
#include "ui/notifications/notificationsmenu.h"
#include "ui/palette/commandpalette.h"
#include "ui/sandboxes/attentionstrip.h"
#include "ui/sandboxes/sandboxcolumns.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxview/sandboxtabs.h"
#include "ui/terminal/commandhistory.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"
#include "windowtesting.h"

#include <QApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QTabBar>
#include <QToolButton>
#include <QTreeView>
#include <qtermwidget.h>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using namespace WindowTesting;
using Kind = OrkestrSession::Notification::Kind;

namespace {
// QTreeView hides sizeHintForColumn(); the item view's public one is the same virtual.
const QAbstractItemView *asView(const QTreeView *view)
{
    return view;
}
} // namespace

class TestWindow : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        m_id = startFresh(&m_server, &m_client, u"r_77"_s);
        QVERIFY(!m_id.isEmpty());
    }

    void init()
    {
        // Every test starts as a first start: no remembered sizes, columns or notification choices.
        QSettings().clear();
    }

    void firstStartFitsALaptopScreen()
    {
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(1280, 800));
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexForId(m_id).isValid(), 10000);
        page->selectIds({m_id});
        QCOMPARE(window.sandboxView()->sandboxId(), m_id);
        QCOMPARE(window.sandboxView()->overview()->fieldText(u"metadata"_s), u"agent_run = r_77"_s);
        window.sandboxView()->showPlace(SandboxView::Place::Terminal);
        QTRY_VERIFY(window.terminals()->currentTerminal()
                    && window.terminals()->currentTerminal()->isVisible());
        QCoreApplication::processEvents();
        const int lines = window.terminals()->currentTerminal()->terminal()->screenLinesCount();
        QVERIFY2(lines >= 20, qPrintable(u"the terminal shows %1 lines"_s.arg(lines)));

        QTreeView *list = page->view();
        const int rows = list->viewport()->height() / list->sizeHintForRow(0);
        QVERIFY2(rows >= 10, qPrintable(u"the list shows %1 rows"_s.arg(rows)));
        // The default columns fit: time left is shown, the region hides while grouped by region.
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        QVERIFY(!list->header()->isSectionHidden(SandboxTreeModel::TimeLeftColumn));
        QVERIFY(list->header()->isSectionHidden(SandboxTreeModel::RegionColumn));
        page->columns()->setGrouping(SandboxTreeModel::Grouping::Status);
        QVERIFY(!list->header()->isSectionHidden(SandboxTreeModel::RegionColumn));
        page->columns()->setChosen(SandboxTreeModel::MetadataColumn, true);
        QVERIFY(!list->header()->isSectionHidden(SandboxTreeModel::MetadataColumn));
        // Every extension place is filled by now (Metrics and Processes by issue 17), and a place
        // can still be filled anew.
        QVERIFY(window.sandboxView()->isPlaceShown(SandboxView::Place::Metrics));
        QVERIFY(window.sandboxView()->isPlaceShown(SandboxView::Place::Processes));
        auto *metrics = new QLabel(u"metrics"_s);
        QString shownFor;
        window.sandboxView()->setPlace(SandboxView::Place::Metrics, metrics,
                                       [&](const QString &id) { shownFor = id; });
        QVERIFY(window.sandboxView()->isPlaceShown(SandboxView::Place::Metrics));
        QCOMPARE(shownFor, m_id);

        // Sizes are remembered (within the offscreen screen, which a restored geometry must fit).
        const QSize remembered(std::max(700, window.minimumSizeHint().width()),
                               std::max(560, window.minimumSizeHint().height()));
        window.resize(remembered);
        window.close();
        const QByteArray splitterState = QSettings().value(u"sandboxes/splitter"_s).toByteArray();
        QVERIFY(!splitterState.isEmpty());
        MainWindow again(&m_client);
        QCOMPARE(again.size(), remembered);
        QCOMPARE(again.findChild<QSplitter *>(u"pageSplitter"_s)->saveState(), splitterState);
    }

    void aLargeScreenGivesTheListMoreColumns()
    {
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        window.resize(2560, 1440);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.size(), QSize(2560, 1440));
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexForId(m_id).isValid(), 10000);
        page->selectIds({m_id});
        window.sandboxView()->showPlace(SandboxView::Place::Terminal);
        QTRY_VERIFY(window.terminals()->currentTerminal()
                    && window.terminals()->currentTerminal()->isVisible());
        QCoreApplication::processEvents();

        // The facets, the list and the view share the width: the facets a little more than at
        // 1280 px, the view the largest part, and the list enough for more columns.
        const QList<int> sizes = window.findChild<QSplitter *>(u"pageSplitter"_s)->sizes();
        QCOMPARE(sizes.size(), 3);
        const QString shares = u"facets %1, list %2, view %3"_s.arg(sizes[0]).arg(sizes[1]).arg(sizes[2]);
        QVERIFY2(sizes[0] >= 160 && sizes[0] <= 280, qPrintable(shares));
        QVERIFY2(sizes[1] >= 800 && sizes[1] <= 1200, qPrintable(shares));
        QVERIFY2(sizes[2] > sizes[1] && sizes[2] <= 1500, qPrintable(shares));

        // More columns than the defaults, still without a horizontal scrollbar.
        QTreeView *list = page->view();
        QHeaderView *header = list->header();
        QVERIFY(page->columns()->followsWidth());
        for (const int column : {SandboxTreeModel::MetadataColumn, SandboxTreeModel::CreatedColumn})
            QVERIFY2(!header->isSectionHidden(column),
                     qPrintable(list->model()->headerData(column, Qt::Horizontal).toString()));
        QVERIFY(!header->isSectionHidden(SandboxTreeModel::TimeLeftColumn));
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        // No column stretched into a wide empty area: each is at most a little wider than its
        // contents, but for the last, which fills the row and is the metadata's free text.
        int lastShown = -1;
        for (int visual = 0; visual < header->count(); ++visual) {
            const int column = header->logicalIndex(visual);
            if (!header->isSectionHidden(column))
                lastShown = column;
        }
        QCOMPARE(lastShown, int(SandboxTreeModel::MetadataColumn));
        for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column) {
            if (header->isSectionHidden(column) || column == lastShown)
                continue;
            const int content
                = std::max(asView(list)->sizeHintForColumn(column), header->sectionSizeHint(column));
            QVERIFY2(header->sectionSize(column) <= content + 40,
                     qPrintable(u"column %1 is %2 px for %3 px of contents"_s.arg(column)
                                    .arg(header->sectionSize(column))
                                    .arg(content)));
        }
        const int metadataContent = asView(list)->sizeHintForColumn(SandboxTreeModel::MetadataColumn);
        QVERIFY2(header->sectionSize(lastShown) - metadataContent < list->viewport()->width() / 3,
                 qPrintable(u"the metadata column is %1 px for %2 px of contents, in a list of %3 px"_s
                                .arg(header->sectionSize(lastShown))
                                .arg(metadataContent)
                                .arg(list->viewport()->width())));

        // The terminal: long lines, and many of them, but not a wall of 300 columns.
        auto *terminal = window.terminals()->currentTerminal()->terminal();
        const int lines = terminal->screenLinesCount();
        const int columns = terminal->screenColumnsCount();
        const QString screen = u"%1 lines of %2 columns"_s.arg(lines).arg(columns);
        QVERIFY2(lines >= 60, qPrintable(screen));
        QVERIFY2(columns >= 120 && columns <= 220, qPrintable(screen));

        // Narrowed by the user, the list gives the extra columns up again: no scrollbar.
        auto *splitter = window.findChild<QSplitter *>(u"pageSplitter"_s);
        splitter->setSizes({sizes[0], 560, sizes[1] + sizes[2] - 560});
        QCoreApplication::processEvents();
        QTRY_VERIFY(header->isSectionHidden(SandboxTreeModel::CreatedColumn));
        QVERIFY(!list->horizontalScrollBar()->isVisible());
        QVERIFY(!header->isSectionHidden(SandboxTreeModel::TimeLeftColumn));
        // Once the user picks columns, they stay as picked whatever the width.
        page->columns()->setChosen(SandboxTreeModel::CreatedColumn, true);
        QVERIFY(!page->columns()->followsWidth());
        splitter->setSizes(sizes);
        QCoreApplication::processEvents();
        QVERIFY(!header->isSectionHidden(SandboxTreeModel::CreatedColumn));
        splitter->setSizes({sizes[0], 560, sizes[1] + sizes[2] - 560});
        QCoreApplication::processEvents();
        QVERIFY(!header->isSectionHidden(SandboxTreeModel::CreatedColumn));
    }

    void focusAndShortcutsRightAfterStart()
    {
        createSandbox(&m_client, {{u"agent_run"_s, u"r_78"_s}});
        MainWindow window(&m_client);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->sandboxCount() >= 2, 10000);
        QTRY_COMPARE(QApplication::focusWidget(), page->view());
        // The current row is a sandbox from the start.
        QVERIFY(!page->view()->currentIndex().data(SandboxTreeModel::SandboxIdRole).toString().isEmpty());

        // j and k move like the arrows (here through a list without groups).
        page->model()->setGrouping(SandboxTreeModel::Grouping::None);
        page->focusList();
        const QString first = page->view()->currentIndex().data(SandboxTreeModel::SandboxIdRole).toString();
        QVERIFY(!first.isEmpty());
        QTest::keyClick(page->view(), Qt::Key_J);
        const QString second = page->view()->currentIndex().data(SandboxTreeModel::SandboxIdRole).toString();
        QVERIFY(!second.isEmpty());
        QVERIFY(second != first);
        QTest::keyClick(page->view(), Qt::Key_K);
        QCOMPARE(page->view()->currentIndex().data(SandboxTreeModel::SandboxIdRole).toString(), first);

        // Enter opens the sandbox in a tab of its own; Alt+0 comes back to the list.
        QTest::keyClick(page->view(), Qt::Key_Return);
        QCOMPARE(window.sandboxTabs()->openedIds(), QStringList {first});
        QCOMPARE(window.sandboxView()->sandboxId(), first);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_0, Qt::AltModifier);
        QCOMPARE(QApplication::focusWidget(), page->view());
        // Ctrl+PageDown and Ctrl+PageUp go round the tabs; Ctrl+W closes an opened one.
        QCOMPARE(window.sandboxTabs()->tabBar()->currentIndex(), 1);
        QTest::keyClick(page->view(), Qt::Key_PageDown, Qt::ControlModifier);
        QCOMPARE(window.sandboxTabs()->tabBar()->currentIndex(), 0);
        QTest::keyClick(page->view(), Qt::Key_PageUp, Qt::ControlModifier);
        QCOMPARE(window.sandboxTabs()->tabBar()->currentIndex(), 1);
        QTest::keyClick(page->view(), Qt::Key_W, Qt::ControlModifier);
        QVERIFY(window.sandboxTabs()->openedIds().isEmpty());

        // / searches.
        QTest::keyClick(page->view(), Qt::Key_Slash);
        QCOMPARE(QApplication::focusWidget(), page->searchBox());
        QTest::keyClicks(page->searchBox(), u"r_78"_s);
        QTRY_COMPARE(page->model()->shownCount(), 1);
        QTest::keyClick(page->searchBox(), Qt::Key_Escape);
        QCOMPARE(page->searchBox()->text(), QString());
        QTest::keyClick(page->searchBox(), Qt::Key_Escape);
        QCOMPARE(QApplication::focusWidget(), page->view());

        // Help › Keyboard shortcuts lists them all, the list's keys too.
        QTest::keyClick(page->view(), Qt::Key_F1);
        ShortcutsDialog *dialog = nullptr;
        QTRY_VERIFY((dialog = window.findChild<ShortcutsDialog *>()));
        const QString rows = dialog->rows().join(u'\n');
        for (const auto &expected : {u"Command palette\tCtrl+K"_s, u"Close tab\tCtrl+W"_s,
                                     u"Open terminal\tCtrl+Shift+T"_s, u"Go to the sandbox list\tAlt+0"_s,
                                     u"Search the sandbox list\t/"_s, u"Move in the sandbox list"_s})
            QVERIFY2(rows.contains(expected), qPrintable(expected + u" is not in\n"_s + rows));
        dialog->close();
    }

    void paletteFindsASandboxAndOpensItsView()
    {
        MainWindow window(&m_client);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.refreshAccount();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->sandboxes()->contains(m_id), 10000);
        QTRY_COMPARE(QApplication::focusWidget(), window.sandboxesPage()->view());
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::ControlModifier);
        QVERIFY(window.commandPalette()->isVisible());
        QCOMPARE(QApplication::focusWidget(), window.commandPalette()->searchField());
        QTest::keyClicks(window.commandPalette()->searchField(), u"agent_run=r_77"_s);
        QTRY_COMPARE(window.commandPalette()->model()->rowCount(), 1);
        QCOMPARE(window.commandPalette()->model()->index(0).data(PaletteModel::SandboxIdRole).toString(),
                 m_id);
        QTest::keyClick(window.commandPalette()->searchField(), Qt::Key_Return);
        QVERIFY(!window.commandPalette()->isVisible());
        QCOMPARE(window.sandboxTabs()->openedIds(), QStringList {m_id});
        QCOMPARE(window.sandboxView()->sandboxId(), m_id);
        QCOMPARE(window.sandboxView()->overview()->fieldText(u"id"_s), m_id);

        // Actions by name too.
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_K, Qt::ControlModifier);
        QTest::keyClicks(window.commandPalette()->searchField(), u"keyboard shortcuts"_s);
        QTRY_VERIFY(window.commandPalette()->model()->rowCount() >= 1);
        QTest::keyClick(window.commandPalette()->searchField(), Qt::Key_Return);
        QTRY_VERIFY(window.findChild<ShortcutsDialog *>());
    }

    void theAttentionStripFiltersTheList()
    {
        // Expiring within 5 minutes: it needs a person.
        const QString soon = createSandbox(&m_client, {{u"agent_run"_s, u"r_soon"_s}}, 200);
        QVERIFY(!soon.isEmpty());
        MainWindow window(&m_client);
        window.show();
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexForId(soon).isValid(), 10000);
        QTRY_VERIFY(page->attentionStrip()->isVisible());
        QVERIFY2(page->attentionStrip()->text().contains(u"expiring within 5 minutes"_s),
                 qPrintable(page->attentionStrip()->text()));
        QVERIFY(page->model()->shownCount() > 1);
        page->attentionStrip()->filterButton()->click();
        QCOMPARE(page->model()->shownCount(), 1);
        QVERIFY(page->model()->indexForId(soon).isValid());
        QVERIFY(!page->model()->indexForId(m_id).isValid());
        QVERIFY(window.windowAction(u"attentionAction"_s)->isChecked());
        window.windowAction(u"attentionAction"_s)->trigger();
        QVERIFY(!page->attentionStrip()->isFiltering());
        QVERIFY(page->model()->indexForId(m_id).isValid());
    }

    void notificationsGoThroughTheNotifier()
    {
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        RecordingNotifier notifier;
        window.setNotifier(&notifier);
        window.show();
        window.refreshAccount();
        // A sandbox that reaches its timeout while the window watches.
        const QString shortLived = createSandbox(&m_client, {}, 10);
        QVERIFY(!shortLived.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(notifier.has(Kind::SandboxTimedOut, shortLived), 40000);

        // A long command in a terminal out of view.
        window.notifications()->policy().setLongCommandMs(500);
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(page->model()->indexForId(m_id).isValid(), 10000);
        page->selectIds({m_id});
        window.sandboxView()->showPlace(SandboxView::Place::Overview);
        TerminalWidget *terminal = window.terminals()->currentTerminal();
        QVERIFY(terminal);
        QVERIFY(!terminal->isVisible());
        terminal->runCommand(u"sleep 1; exit 3"_s);
        QTRY_VERIFY_WITH_TIMEOUT(notifier.has(Kind::CommandFinished, m_id), 20000);
        QVERIFY(notifier.raised.last().text.contains(u"exited with 3"_s));

        // Switched off in View › Notifications: none, and the choice is kept.
        auto *menu = window.findChild<NotificationsMenu *>();
        menu->actionFor(Kind::CommandFinished)->trigger();
        QCOMPARE(QSettings()
                     .value(OrkestrSession::NotificationPolicy::settingsKey(Kind::CommandFinished))
                     .toBool(),
                 false);
        const auto before = notifier.raised.size();
        QSignalSpy busy(terminal, &TerminalWidget::busyChanged);
        terminal->runCommand(u"sleep 1"_s);
        QTRY_COMPARE_WITH_TIMEOUT(busy.size(), 2, 20000);
        QCOMPARE(notifier.raised.size(), before);
        window.setNotifier(nullptr);
    }

    void aFinishedCommandNotifiesOnlyWhenItsTerminalIsOutOfView()
    {
        // A second sandbox, to open in another tab.
        const QString other = createSandbox(&m_client, {{u"agent_run"_s, u"r_other"_s}});
        QVERIFY(!other.isEmpty());
        MainWindow window(&m_client);
        window.terminals()->setDefaultKind(TerminalTabs::Kind::Commands); // this test is about Commands tabs
        RecordingNotifier notifier;
        window.setNotifier(&notifier);
        window.notifications()->policy().setLongCommandMs(500);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.refreshAccount();
        auto *page = window.sandboxesPage();
        QTRY_VERIFY_WITH_TIMEOUT(
            page->model()->indexForId(m_id).isValid() && page->model()->indexForId(other).isValid(), 10000);
        window.openSandbox(m_id);
        window.sandboxView()->showPlace(SandboxView::Place::Terminal);
        TerminalWidget *terminal = window.terminals()->currentTerminal();
        QVERIFY(terminal);
        QCOMPARE(terminal->sandboxId(), m_id);
        QTRY_VERIFY(terminal->isVisible());

        // Runs a long command in the terminal and says whether its end raised a notification.
        const auto notified = [&](TerminalWidget *in) {
            const auto before = notifier.raised.size();
            QSignalSpy busy(in, &TerminalWidget::busyChanged);
            in->runCommand(u"sleep 1"_s);
            if (!QTest::qWaitFor([&] { return busy.size() >= 2; }, 20000)) {
                qWarning("the command did not finish");
                return false;
            }
            QCoreApplication::processEvents();
            return notifier.raised.size() == before + 1
                && notifier.raised.last().kind == Kind::CommandFinished
                && notifier.raised.last().sandboxId == in->sandboxId();
        };

        // In view: the window active, the terminal shown. The user saw it end.
        QVERIFY(window.isActiveWindow());
        QVERIFY(!notified(terminal));
        QVERIFY(notifier.raised.isEmpty());

        // Shown, but another window is active (the user is working elsewhere).
        QWidget elsewhere;
        elsewhere.resize(300, 200);
        elsewhere.show();
        elsewhere.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&elsewhere));
        QVERIFY(!window.isActiveWindow());
        QVERIFY(terminal->isVisible());
        QVERIFY(notified(terminal));
        elsewhere.close();

        // Minimised.
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(!notified(terminal));
        window.showMinimized();
        QTRY_VERIFY(window.isMinimized());
        QVERIFY(notified(terminal));
        window.showNormal();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));

        // In a background tab of the same sandbox: another terminal tab in front.
        TerminalWidget *second = window.terminals()->newTab();
        QVERIFY(second && second != terminal);
        QTRY_VERIFY(second->isVisible());
        QVERIFY(!terminal->isVisible());
        QVERIFY(notified(terminal));
        QVERIFY(!notified(second));

        // In a background sandbox tab: another sandbox's view in front.
        window.openSandbox(other);
        QCOMPARE(window.sandboxView()->sandboxId(), other);
        QVERIFY(!second->isVisible());
        QVERIFY(notified(second));

        // On the Account page: the list and every view are hidden.
        window.openSandbox(m_id);
        window.sandboxView()->showPlace(SandboxView::Place::Terminal);
        QTRY_VERIFY(second->isVisible());
        QVERIFY(!notified(second));
        window.findChild<QTabWidget *>(u"mainTabs"_s)->setCurrentWidget(window.accountPage());
        QVERIFY(!second->isVisible());
        QVERIFY(notified(second));
        window.setNotifier(nullptr);
    }

    void theAccountPageShowsTheServer()
    {
        MainWindow window(&m_client);
        QSignalSpy changed(&window, &MainWindow::accountChanged);
        window.refreshAccount();
        QVERIFY(changed.wait(10000));
        // orkestr-local names itself in every response's Server header.
        const QString server = window.session()->serverSoftware();
        QVERIFY2(server.startsWith(u"orkestr-local/"_s), qPrintable(server));
        QVERIFY(
            window.accountPage()->findChild<QLabel *>(u"serverVersion"_s)->text().contains(server.mid(14)));
        QVERIFY(window.accountPage()->runningText().contains(u" of "_s));
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;
};

QTEST_MAIN(TestWindow)
#include "tst_window.moc"
