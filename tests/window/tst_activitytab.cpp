// The Activity tab of the sandbox view against a real orkestr-local: commands run through the API
// appear live with their summaries; a selected exec shows its output with ANSI colours and stderr
// told apart; scrolled away, new events are counted by the marker instead of moving the list;
// "Run again" is for writers only; a server without a journal gets a sentence, not an error.

#include "core/execstreamjob.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "session/activitytimelinemodel.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testserver.h"
#include "ui/activity/activitydetails.h"
#include "ui/activity/activitytab.h"
#include "ui/activity/activitytimelineview.h"
#include "ui/activity/eventdetails.h"
#include "ui/activity/execdetails.h"
#include "ui/activity/execoutputview.h"
#include "ui/activity/neweventsmarker.h"
#include "ui/mainwindow.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/sandboxview/sandboxview.h"
#include "ui/terminal/terminaltabs.h"
#include "ui/terminal/terminalwidget.h"
#include "windowtesting.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStatusBar>
#include <QTextBlock>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using namespace WindowTesting;
using Model = OrkestrSession::ActivityTimelineModel;

class TestActivityTab : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Orkestr::Client m_client;
    QString m_id;

    bool exec(const QString &command, const QString &cwd = u"/workspace"_s)
    {
        Orkestr::ExecOptions options;
        options.cwd = cwd;
        auto *job = m_client.call<Orkestr::ExecJob>(m_id, command, options);
        return SessionTest::finish(job);
    }

    bool writeFile(const QString &path, const QString &text)
    {
        return SessionTest::finish(m_client.call<Orkestr::WriteFileJob>(m_id, path, text));
    }

    // The window at the sandbox's Activity tab, its first page in.
    static ActivityTab *openActivity(MainWindow &window, const QString &id)
    {
        window.show();
        if (!QTest::qWaitForWindowExposed(&window))
            return nullptr;
        window.refreshAccount();
        if (!QTest::qWaitFor([&] { return window.session()->sandboxes()->contains(id); }, 10000))
            return nullptr;
        window.openSandbox(id);
        window.sandboxView()->showPlace(SandboxView::Place::Activity);
        auto *tab = window.sandboxView()->activity();
        if (!QTest::qWaitFor([tab] { return tab->model() && tab->stateText().isEmpty(); }, 10000))
            return nullptr;
        return tab;
    }

    static int rowWith(const Model *model, const QString &text)
    {
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            if (model->index(row).data(Model::SummaryRole).toString().contains(text))
                return row;
        }
        return -1;
    }

    // The newest row of a kind, whose summary contains `text`.
    static int rowOfKind(const Model *model, const QString &kind, const QString &text = {})
    {
        for (int row = model->rowCount() - 1; row >= 0; --row) {
            const QModelIndex index = model->index(row);
            if (index.data(Model::KindRole).toString() == kind
                && index.data(Model::SummaryRole).toString().contains(text))
                return row;
        }
        return -1;
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_id = startFresh(&m_server, &m_client, u"r_16"_s);
        QVERIFY(!m_id.isEmpty());
    }

    void rowsArriveLiveWithSummaries()
    {
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        QVERIFY(window.sandboxView()->isPlaceShown(SandboxView::Place::Activity));
        QAbstractItemModelTester tester(tab->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int before = tab->model()->rowCount();

        QVERIFY(exec(u"echo one"_s));
        QVERIFY(exec(u"echo bad >&2; exit 3"_s));
        QVERIFY(writeFile(u"/workspace/out.csv"_s, u"a,b\n1,2\n"_s));
        // Live: the events stream brings them without any reload.
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(tab->model(), u"out.csv"_s) >= 0, 10000);
        QVERIFY(tab->model()->rowCount() >= before + 5); // 2 × (started, finished) + written
        const int failed = rowWith(tab->model(), u"exit 3"_s);
        QVERIFY2(failed >= 0, "the failed exec's summary says its exit code");
        QVERIFY(tab->model()->index(failed).data(Model::SummaryRole).toString().contains(u"echo bad"_s));
        QVERIFY(tab->model()->index(failed).data(Model::FailureRole).toBool());
        const int written = rowWith(tab->model(), u"/workspace/out.csv"_s);
        QCOMPARE(tab->model()->index(written).data(Model::KindRole).toString(), u"file.written"_s);
        // Following: the newest row is in sight.
        QVERIFY(tab->timeline()->isFollowing());
        const QRect last = tab->timeline()->visualRect(tab->model()->index(tab->model()->rowCount() - 1));
        QVERIFY(tab->timeline()->viewport()->rect().intersects(last));

        // Every control of the tab has a name a screen reader can say.
        QVERIFY2(unnamedControls(&window).isEmpty(), qPrintable(unnamedControls(&window).join(u'\n')));
        QVERIFY2(iconOnlyWithoutTooltip(&window).isEmpty(),
                 qPrintable(iconOnlyWithoutTooltip(&window).join(u'\n')));

        // Filters: failures only keeps the failed exec, not the file write.
        tab->failuresOnly()->setChecked(true);
        QVERIFY(rowWith(tab->model(), u"exit 3"_s) >= 0);
        QCOMPARE(rowWith(tab->model(), u"out.csv"_s), -1);
        tab->failuresOnly()->setChecked(false);
        tab->search()->setText(u"out.csv"_s);
        QVERIFY(rowWith(tab->model(), u"out.csv"_s) >= 0);
        QCOMPARE(rowWith(tab->model(), u"echo one"_s), -1);
        tab->search()->clear();
        tab->familyFilter()->setCurrentIndex(tab->familyFilter()->findText(u"Files"_s));
        QCOMPARE(rowWith(tab->model(), u"echo one"_s), -1);
        QVERIFY(rowWith(tab->model(), u"out.csv"_s) >= 0);
        tab->familyFilter()->setCurrentIndex(0);
    }

    void selectedExecShowsColouredOutputWithStderrApart()
    {
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        QVERIFY(exec(u"printf 'plain \\033[31mred\\033[0m\\n'; echo oops >&2; echo after"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(tab->model(), u"echo after"_s) >= 0, 10000);
        const int row = rowWith(tab->model(), u"echo after"_s);
        tab->timeline()->setCurrentIndex(tab->model()->index(row));

        ExecDetails *details = tab->details()->execDetails();
        QVERIFY(details->isVisible());
        ExecOutputView *output = details->output();
        QTRY_VERIFY_WITH_TIMEOUT(output->streamText(ExecOutputView::Stream::Stdout).contains(u"after"_s),
                                 10000);
        QCOMPARE(output->streamText(ExecOutputView::Stream::Stderr).trimmed(), u"oops"_s);
        QVERIFY(!output->streamText(ExecOutputView::Stream::Stdout).contains(u"oops"_s));
        // The escapes are gone, their colour kept; stderr has a tint of its own, and its line a mark.
        QVERIFY(!output->toPlainText().contains(u'\x1b'));
        QColor red, stderrBackground, stdoutBackground;
        for (QTextBlock block = output->document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextFragment fragment = it.fragment();
                const auto format = fragment.charFormat();
                if (fragment.text() == u"red"_s)
                    red = format.foreground().color();
                if (fragment.text().contains(u"oops"_s)) {
                    stderrBackground = format.background().color();
                    QCOMPARE(block.userState(), 1);
                }
                if (fragment.text().contains(u"after"_s)) {
                    stdoutBackground
                        = format.background().style() == Qt::NoBrush ? QColor() : format.background().color();
                    QVERIFY(block.userState() != 1);
                }
            }
        }
        QVERIFY(red.isValid());
        QVERIFY2(red.red() > 150 && red.green() < 100, qPrintable(red.name()));
        QVERIFY(stderrBackground.isValid());
        QVERIFY(stderrBackground != stdoutBackground);

        // The exec's fields: its command, directory, status.
        QTRY_VERIFY_WITH_TIMEOUT(details->fieldText(u"status"_s).contains(u"exit 0"_s), 10000);
        QCOMPARE(details->fieldText(u"cwd"_s), u"/workspace"_s);
        QVERIFY(details->fieldText(u"command"_s).contains(u"echo after"_s));
        details->copyButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), details->command());
    }

    void liveOutputWhileRunning()
    {
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        // A stream exec that writes, then waits for a file before it ends.
        auto *job = m_client.call<Orkestr::ExecStreamJob>(
            m_id, u"echo first; while [ ! -e /tmp/go ]; do sleep 0.1; done; echo second"_s);
        bool ended = false;
        connect(job, &Orkestr::Job::finished, this, [&ended] { ended = true; });
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(tab->model(), u"while [ ! -e /tmp/go ]"_s) >= 0, 10000);
        tab->timeline()->setCurrentIndex(
            tab->model()->index(rowWith(tab->model(), u"while [ ! -e /tmp/go ]"_s)));
        ExecOutputView *output = tab->details()->execDetails()->output();
        QTRY_VERIFY_WITH_TIMEOUT(output->streamText(ExecOutputView::Stream::Stdout).contains(u"first"_s),
                                 10000);
        QVERIFY(!output->toPlainText().contains(u"second"_s));
        QVERIFY(writeFile(u"/tmp/go"_s, u""_s));
        QTRY_VERIFY_WITH_TIMEOUT(output->streamText(ExecOutputView::Stream::Stdout).contains(u"second"_s),
                                 10000);
        QTRY_VERIFY_WITH_TIMEOUT(ended, 10000);
    }

    void newEventsAreCountedWhileScrolledAway()
    {
        for (int i = 0; i < 40; ++i)
            QVERIFY(writeFile(u"/workspace/many/%1.txt"_s.arg(i), u"x"_s));
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        ActivityTimelineView *view = tab->timeline();
        QTRY_VERIFY(view->verticalScrollBar()->maximum() > 0);
        // The user scrolls up to read.
        view->verticalScrollBar()->setValue(view->verticalScrollBar()->maximum() / 2);
        QVERIFY(!view->isFollowing());
        const int position = view->verticalScrollBar()->value();
        const QModelIndex top = view->indexAt(QPoint(5, 5));
        for (int i = 0; i < 3; ++i)
            QVERIFY(writeFile(u"/workspace/late/%1.txt"_s.arg(i), u"x"_s));
        QTRY_COMPARE_WITH_TIMEOUT(view->marker()->count(), 3, 10000);
        QVERIFY(view->marker()->isVisible());
        QVERIFY(view->marker()->text().contains(u'3'));
        // Not jumped: the same rows in sight.
        QCOMPARE(view->verticalScrollBar()->value(), position);
        QCOMPARE(view->indexAt(QPoint(5, 5)), top);
        // A click on the marker goes to the newest and follows again.
        view->marker()->click();
        QVERIFY(view->isFollowing());
        QCOMPARE(view->verticalScrollBar()->value(), view->verticalScrollBar()->maximum());
        QVERIFY(!view->marker()->isVisible());
        QCOMPARE(tab->model()->newRowCount(), 0);
    }

    void runAgainIsForWritersOnly()
    {
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        QVERIFY(exec(u"echo again-$((6*7))"_s, u"/tmp"_s));
        QTRY_VERIFY_WITH_TIMEOUT(rowWith(tab->model(), u"again-"_s) >= 0, 10000);
        tab->timeline()->setCurrentIndex(tab->model()->index(rowWith(tab->model(), u"again-"_s)));
        ExecDetails *details = tab->details()->execDetails();
        QTRY_VERIFY_WITH_TIMEOUT(details->fieldText(u"cwd"_s) == u"/tmp"_s, 10000);

        // Read-only (an inspect-only profile): everything but running again.
        window.session()->setInspectOnly(true);
        QTRY_VERIFY(!details->runAgainButton()->isVisible());
        QVERIFY(details->copyButton()->isVisible() && details->copyButton()->isEnabled());
        QVERIFY(details->saveButton()->isVisible());
        window.session()->setInspectOnly(false);
        QTRY_VERIFY(details->runAgainButton()->isVisible());

        // Writable: it runs in a terminal of the sandbox, in the exec's directory.
        const int before = tab->model()->rowCount();
        details->runAgainButton()->click();
        QCOMPARE(window.sandboxView()->currentPlace(), SandboxView::Place::Terminal);
        TerminalWidget *terminal = window.terminals()->currentTerminal();
        QVERIFY(terminal);
        QTRY_VERIFY_WITH_TIMEOUT(terminal->screenText().contains(u"again-42"_s), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(tab->model()->rowCount() > before, 10000);
    }

    void fileEventOpensTheFileOrSaysItIsGone()
    {
        QVERIFY(writeFile(u"/workspace/kept.txt"_s, u"kept\n"_s));
        QVERIFY(writeFile(u"/workspace/gone.txt"_s, u"gone\n"_s));
        QVERIFY(exec(u"rm /workspace/gone.txt"_s));
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        EventDetails *details = tab->details()->eventDetails();
        tab->timeline()->setCurrentIndex(
            tab->model()->index(rowOfKind(tab->model(), u"file.written"_s, u"gone.txt"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(details->explanation().contains(u"gone"_s), 10000);
        QVERIFY(!details->openFileButton()->isVisible());
        tab->timeline()->setCurrentIndex(
            tab->model()->index(rowOfKind(tab->model(), u"file.written"_s, u"kept.txt"_s)));
        QTRY_VERIFY_WITH_TIMEOUT(details->openFileButton()->isVisible(), 10000);
        details->openFileButton()->click();
        QCOMPARE(window.sandboxView()->currentPlace(), SandboxView::Place::Files);
    }

    void failedRequestShowsItsIdToCopy()
    {
        QVERIFY(
            !SessionTest::finish(m_client.call<Orkestr::ReadFileJob>(m_id, u"/workspace/no-such-file"_s)));
        MainWindow window(&m_client);
        ActivityTab *tab = openActivity(window, m_id);
        QVERIFY(tab);
        const int row = rowOfKind(tab->model(), u"request.failed"_s);
        QVERIFY(row >= 0);
        QVERIFY(tab->model()->index(row).data(Model::SummaryRole).toString().contains(u"404"_s));
        const QString requestId = tab->model()->index(row).data(Model::RequestIdRole).toString();
        QVERIFY(requestId.startsWith(u"req_"_s));
        tab->timeline()->setCurrentIndex(tab->model()->index(row));
        EventDetails *details = tab->details()->eventDetails();
        QVERIFY(details->copyRequestIdButton()->isVisible());
        details->copyRequestIdButton()->click();
        QCOMPARE(QApplication::clipboard()->text(), requestId);
    }

    void overviewSaysWhyItEnded()
    {
        const QString id = createSandbox(&m_client);
        QVERIFY(!id.isEmpty());
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(id)));
        MainWindow window(&m_client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.refreshAccount();
        QTRY_VERIFY_WITH_TIMEOUT(window.session()->sandboxes()->contains(id), 10000);
        window.openSandbox(id);
        window.sandboxView()->showPlace(SandboxView::Place::Overview);
        // The token of this test has a name given by the server's token command.
        QTRY_VERIFY_WITH_TIMEOUT(window.sandboxView()->overview()->fieldText(u"ended_by"_s) != u"—"_s, 10000);
        QVERIFY(!window.sandboxView()->overview()->fieldText(u"ended_by"_s).isEmpty());
    }

    void unsupportedServerIsSaidSo()
    {
        FaultServer server;
        QVERIFY(server.listen());
        for (int i = 0; i < 8; ++i)
            server.enqueue(FaultResponse::error(404, u"not_found"_s));
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_test_token"_s);
        OrkestrSession::Session session(&client);
        ActivityTab tab(&session);
        tab.show();
        tab.showSandbox(u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QTRY_VERIFY_WITH_TIMEOUT(tab.stateText().contains(u"does not record activity"_s), 10000);
        QVERIFY(!tab.stateText().contains(u"404"_s));
        QVERIFY(!tab.findChild<QPushButton *>(u"activityRetry"_s)->isVisible());
    }

    void failuresAfterTheFirstPageAreSaid()
    {
        // The first page comes; then the live stream is refused for good (the sandbox is gone).
        const QString id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;
        FaultServer server;
        QVERIFY(server.listen());
        server.responder = [id](const RecordedRequest &request) {
            if (request.path() != u"/v1/sandboxes/%1/events"_s.arg(id))
                return FaultResponse::error(404, u"sandbox_not_found"_s);
            const QJsonObject event {
                {u"seq"_s, 1},
                {u"id"_s, u"evt_01JD3Q9B0Y3M8Q6W1K2T5V7X9Z"_s},
                {u"sandbox_id"_s, id},
                {u"at"_s, u"2026-11-21T20:33:10.512Z"_s},
                {u"kind"_s, u"file.written"_s},
                {u"actor"_s, QJsonObject {{u"type"_s, u"token"_s}, {u"token_prefix"_s, u"ork_3fA9"_s}}},
                {u"data"_s, QJsonObject {{u"path"_s, u"/workspace/a.txt"_s}, {u"size"_s, 1}}},
            };
            return FaultResponse::json(200,
                                       QJsonObject {{u"events"_s, QJsonArray {event}},
                                                    {u"has_more"_s, false},
                                                    {u"latest_seq"_s, 1}});
        };
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_test_token"_s);
        OrkestrSession::Session session(&client);
        ActivityTab tab(&session);
        QSignalSpy messages(&tab, &ActivityTab::message);
        tab.show();
        tab.showSandbox(id);
        QTRY_VERIFY_WITH_TIMEOUT(!messages.isEmpty(), 10000);
        // The page stays, and the message says what failed, with the request id for support.
        QVERIFY(tab.stateText().isEmpty());
        QCOMPARE(tab.model()->rowCount(), 1);
        const QString text = messages.first().first().toString();
        QVERIFY2(text.contains(u"req_body"_s) && text.contains(u"sandbox_not_found"_s), qPrintable(text));
    }

    void theTabsMessagesReachTheStatusLine()
    {
        MainWindow window(&m_client);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString text = u"Exported the activity to activity.html"_s;
        Q_EMIT window.sandboxView()->activity()->message(text);
        QCOMPARE(window.statusBar()->currentMessage(), text);
    }
};

QTEST_MAIN(TestActivityTab)
#include "tst_activitytab.moc"
