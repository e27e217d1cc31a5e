// The dashboard page against a real orkestr-local: live list, grouping, search, details, actions,
// quota and read-only behaviour.

#include "core/accountjob.h"
#include "core/client.h"
#include "core/sandboxjobs.h"
#include "jobtesting.h"
#include "session/sandboxactions.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "testprompter.h"
#include "testserver.h"
#include "ui/sandboxes/createsandboxdialog.h"
#include "ui/sandboxes/sandboxdetails.h"
#include "ui/sandboxes/sandboxespage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QDialog>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;
using Orkestr::Sandbox;
using OrkestrSession::SandboxActions;

namespace {

// The Overview of the sandbox view, following the page's selection as the window's view does.
struct FollowedDetails : SandboxDetails
{
    explicit FollowedDetails(SandboxesPage *page)
    {
        connect(page, &SandboxesPage::currentSandboxChanged, this, &SandboxDetails::setSandbox);
    }
};

} // namespace

class TestSandboxesPage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        // The free plan allows one snapshot: the quota rules are easy to reach.
        QVERIFY(m_server.start({u"--plan"_s, u"free"_s}));
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_a = create(u"fsn1"_s, u"r_42"_s);
        m_b = create(u"fsn1"_s, u"r_43"_s);
        m_c = create(u"hel1"_s, u"r_44"_s);
        QVERIFY(!m_a.isEmpty() && !m_b.isEmpty() && !m_c.isEmpty());
        m_account = fetchAccount();
    }

    void listsGroupsAndSearches()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        FollowedDetails details(&page);
        QAbstractItemModelTester modelTester(page.model(),
                                             QAbstractItemModelTester::FailureReportingMode::QtTest);
        session.setAccount(m_account);
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->sandboxCount(), 3, 10000);
        // Region, then status: two regions at the top.
        QCOMPARE(page.model()->rowCount(), 2);
        QVERIFY(page.freshnessText().startsWith(u"Updated"_s));

        QVERIFY(page.emptyHintText().isEmpty());
        page.findChild<QLineEdit *>(u"searchBox"_s)->setText(u"no-such-sandbox"_s);
        QVERIFY(page.emptyHintText().startsWith(u"No sandbox matches"_s));
        page.findChild<QLineEdit *>(u"searchBox"_s)->setText(u"agent_run=r_43"_s);
        QVERIFY(page.emptyHintText().isEmpty());
        int shown = 0;
        for (int region = 0; region < page.model()->rowCount(); ++region) {
            const auto regionIndex = page.model()->index(region, 0);
            for (int status = 0; status < page.model()->rowCount(regionIndex); ++status)
                shown += page.model()->rowCount(page.model()->index(status, 0, regionIndex));
        }
        QCOMPARE(shown, 1);
        QCOMPARE(page.model()->rowCount(), 1); // the other region's group is hidden

        page.selectIds({m_b});
        QCOMPARE(details.fieldText(u"id"_s), m_b);
        QCOMPARE(details.fieldText(u"region"_s), u"fsn1"_s);
        QCOMPARE(details.fieldText(u"env_keys"_s), u"SECRET_KEY"_s);
        QVERIFY(page.action(SandboxesPage::Action::Pause)->isEnabled());
        QVERIFY(!page.action(SandboxesPage::Action::Resume)->isEnabled());
    }

    void pauseUpdatesRowInPlaceAndQuotaBlocksTheNext()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        FollowedDetails details(&page);
        session.setAccount(m_account);
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->sandboxCount(), 3, 10000);
        QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);

        page.selectIds({m_a});
        QSignalSpy finished(session.actions(), &SandboxActions::finished);
        page.action(SandboxesPage::Action::Pause)->trigger();
        QVERIFY(finished.wait(20000));
        const auto results = finished.first().first().value<SandboxActions::Result>().outcomes;
        QCOMPARE(results.size(), 1);
        QVERIFY2(!results.first().error.isError(), qPrintable(results.first().error.displayText()));
        QCOMPARE(session.sandboxes()->sandbox(m_a)->status, Sandbox::Status::Paused);
        // The row moved to the "Paused" group and stayed selected; no reset.
        QCOMPARE(page.selectedIds(), QStringList {m_a});
        QCOMPARE(reset.size(), 0);
        QVERIFY(details.fieldText(u"snapshot"_s).contains(u"ago"_s));
        QVERIFY(page.action(SandboxesPage::Action::Resume)->isEnabled());

        // The free plan's one slot is used: pausing another is prevented up front.
        session.setAccount(fetchAccount());
        page.selectIds({m_b});
        QVERIFY(!page.action(SandboxesPage::Action::Pause)->isEnabled());
        QVERIFY(page.action(SandboxesPage::Action::Pause)->toolTip().contains(u"1 of 1"_s));

        // With a stale account the UI lets it through; the server's snapshot_cap_reached then
        // reaches the handler that offers the paused sandboxes.
        session.setAccount(m_account);
        QList<Orkestr::ApiError> capErrors;
        connect(session.actions(), &SandboxActions::snapshotCapReached, this,
                [&](const Orkestr::ApiError &error) { capErrors.append(error); });
        finished.clear();
        session.actions()->run(SandboxesPage::Action::Pause, {m_b});
        QVERIFY(finished.wait(20000));
        QCOMPARE(capErrors.size(), 1);
        QCOMPARE(capErrors.first().kind(), Orkestr::ApiError::Kind::SnapshotCapReached);
        QVERIFY(page.resultText().contains(u"request req_"_s));

        // The real handler: a dialog listing the paused sandboxes, oldest first, with buttons.
        OrkestrSession::Session freshSession(&m_client);
        SandboxesPage fresh(&freshSession);
        freshSession.setAccount(m_account);
        fresh.show();
        freshSession.sandboxes()->startUpdates();
        QTRY_VERIFY_WITH_TIMEOUT(freshSession.sandboxes()->sandbox(m_b).has_value(), 10000);
        finished.clear();
        QSignalSpy freshFinished(freshSession.actions(), &SandboxActions::finished);
        freshSession.actions()->run(SandboxesPage::Action::Pause, {m_b});
        QVERIFY(freshFinished.wait(20000));
        auto *dialog = fresh.findChild<QDialog *>(u"snapshotCapDialog"_s);
        QVERIFY(dialog);
        auto *table = dialog->findChild<QTableWidget *>();
        QVERIFY(table);
        QCOMPARE(table->rowCount(), 1);
        QCOMPARE(table->item(0, 0)->text(), m_a);
        QVERIFY(qobject_cast<QPushButton *>(table->cellWidget(0, 2)));
        dialog->close();

        // Resume frees the slot again.
        finished.clear();
        session.actions()->run(SandboxesPage::Action::Resume, {m_a});
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.sandboxes()->sandbox(m_a)->status, Sandbox::Status::Running);
    }

    void liveUpdateKeepsSelection()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        FollowedDetails details(&page);
        session.setAccount(m_account);
        page.poller()->setInterval(std::chrono::milliseconds(300));
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->sandboxCount(), 3, 10000);
        page.selectIds({m_c});
        QCOMPARE(page.selectedIds(), QStringList {m_c});
        QSignalSpy reset(page.model(), &QAbstractItemModel::modelReset);
        // Someone else pauses a sandbox: the next poll shows it, row by row.
        auto *job = m_client.call<Orkestr::PauseSandboxJob>(m_b);
        QSignalSpy done(job, &Orkestr::Job::finished);
        QVERIFY(done.wait(20000));
        QTRY_COMPARE_WITH_TIMEOUT(session.sandboxes()->sandbox(m_b)->status, Sandbox::Status::Paused, 10000);
        QCOMPARE(page.selectedIds(), QStringList {m_c});
        QCOMPARE(details.fieldText(u"id"_s), m_c);
        QCOMPARE(reset.size(), 0);
        auto *resume = m_client.call<Orkestr::ResumeSandboxJob>(m_b);
        QSignalSpy resumed(resume, &Orkestr::Job::finished);
        QVERIFY(resumed.wait(20000));
    }

    void inspectOnlySendsNoWrite()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        session.setAccount(m_account);
        session.setInspectOnly(true);
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->sandboxCount(), 3, 10000);
        page.selectIds({m_c});
        QVERIFY(!page.action(SandboxesPage::Action::Pause)->isEnabled());
        QVERIFY(!page.action(SandboxesPage::Action::Terminate)->isEnabled());
        QSignalSpy requests(&m_client, &Orkestr::Client::requestLogged);
        session.actions()->run(SandboxesPage::Action::Terminate, {m_c});
        session.actions()->run(SandboxesPage::Action::Pause, {m_c});
        QTest::qWait(300);
        for (const auto &request : requests)
            QCOMPARE(request.first().value<Orkestr::RequestLogEntry>().method, QByteArray("GET"));
    }

    void createFromTheDialogReachesTheServer()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        session.setAccount(m_account);
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_VERIFY_WITH_TIMEOUT(page.model()->sandboxCount() >= 3, 10000);
        auto *dialog = page.openCreateDialog();
        QVERIFY(dialog);
        QSignalSpy ready(dialog, &CreateSandboxDialog::catalogueReady);
        QVERIFY(ready.wait(10000));
        dialog->setTemplate(u"ubuntu-24.04"_s);
        dialog->setRegion(u"hel1"_s);
        dialog->setResources(1.5, 1024, 300);

        // Too many metadata keys: refused before anything is sent, and the form keeps its values.
        QMap<QString, QString> tooMany;
        for (int i = 0; i < 17; ++i)
            tooMany.insert(u"k%1"_s.arg(i), u"v"_s);
        dialog->setMetadata(tooMany);
        QVERIFY(!dialog->validationMessage().isEmpty());
        QSignalSpy requests(&m_client, &Orkestr::Client::requestLogged);
        dialog->submit();
        QTest::qWait(200);
        QVERIFY(requests.isEmpty());

        dialog->setMetadata({{u"agent_run"_s, u"r_ui"_s}});
        dialog->setEnv({{u"TOKEN"_s, u"secret"_s}});
        QVERIFY2(dialog->validationMessage().isEmpty(), qPrintable(dialog->validationMessage()));
        QSignalSpy created(dialog, &CreateSandboxDialog::created);
        dialog->submit();
        QVERIFY(created.wait(20000));
        const auto sandbox = created.first().first().value<Sandbox>();
        QCOMPARE(sandbox.region, u"hel1"_s);
        QCOMPARE(sandbox.cpu, 1.5);
        QCOMPARE(sandbox.memoryMb, 1024);
        QCOMPARE(sandbox.metadata.value(u"agent_run"_s), u"r_ui"_s);
        QCOMPARE(sandbox.envKeys, QStringList {u"TOKEN"_s});
        // The page shows and selects it at once.
        QCOMPARE(page.selectedIds(), QStringList {sandbox.id});

        // The free plan runs at most 5 sandboxes: a, b, c and the one above make 4. The fifth is
        // made; the sixth is refused by the server, and the dialog stays open with the error,
        // the request id, and what was typed.
        auto createThroughDialog = [&](QString *id, QString *error) {
            auto *next = page.openCreateDialog();
            QSignalSpy nextReady(next, &CreateSandboxDialog::catalogueReady);
            QVERIFY(nextReady.wait(10000));
            next->setTemplate(u"ubuntu-24.04"_s);
            next->setMetadata({{u"agent_run"_s, u"r_limit"_s}});
            QSignalSpy nextCreated(next, &CreateSandboxDialog::created);
            next->submit();
            QTRY_VERIFY_WITH_TIMEOUT(!nextCreated.isEmpty() || next->errorText().contains(u"not created"_s),
                                     20000);
            if (!nextCreated.isEmpty()) {
                *id = nextCreated.first().first().value<Sandbox>().id;
            } else {
                *error = next->errorText();
                QCOMPARE(next->params().metadata.value(u"agent_run"_s), u"r_limit"_s);
                next->close();
            }
        };
        QString fifth, fifthError, sixth, sixthError;
        createThroughDialog(&fifth, &fifthError);
        QVERIFY2(!fifth.isEmpty(), qPrintable(fifthError));
        createThroughDialog(&sixth, &sixthError);
        QVERIFY(sixth.isEmpty());
        QVERIFY2(sixthError.contains(u"request req_"_s), qPrintable(sixthError));

        // Clean up what this test made.
        for (const auto &id : {sandbox.id, fifth}) {
            auto *terminate = m_client.call<Orkestr::TerminateSandboxJob>(id);
            QSignalSpy done(terminate, &Orkestr::Job::finished);
            QVERIFY(done.wait(10000));
        }
    }

    void terminateAsksFirst()
    {
        OrkestrSession::Session session(&m_client);
        TestPrompter prompter;
        session.actions()->setPrompter(&prompter);
        SandboxesPage page(&session);
        session.setAccount(m_account);
        page.show();
        session.sandboxes()->startUpdates();
        QTRY_VERIFY_WITH_TIMEOUT(session.sandboxes()->sandbox(m_c).has_value(), 10000);
        prompter.accept = false;
        QSignalSpy finished(session.actions(), &SandboxActions::finished);
        session.actions()->run(SandboxesPage::Action::Terminate, {m_c});
        QCOMPARE(prompter.asked.size(), 1);
        QVERIFY(prompter.asked.first().text.contains(m_c));
        QVERIFY(!finished.wait(500));
        prompter.accept = true;
        session.actions()->run(SandboxesPage::Action::Terminate, {m_c});
        QVERIFY(finished.wait(20000));
        QCOMPARE(session.sandboxes()->sandbox(m_c)->status, Sandbox::Status::Terminated);
    }

private:
    QString create(const QString &region, const QString &run)
    {
        Orkestr::CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        params.region = region;
        params.metadata.insert(u"agent_run"_s, run);
        params.env.insert(u"SECRET_KEY"_s, u"do-not-show"_s);
        auto *job = m_client.call<Orkestr::CreateSandboxJob>(params);
        if (!runToEnd(job, 20000)) {
            qWarning() << "create failed:" << job->error().displayText();
            return {};
        }
        return job->sandbox().id;
    }

    Orkestr::Account fetchAccount()
    {
        auto *job = m_client.call<Orkestr::GetAccountJob>();
        QSignalSpy done(job, &Orkestr::Job::finished);
        done.wait(10000);
        return job->account();
    }

    TestServer m_server;
    Orkestr::Client m_client;
    Orkestr::Account m_account;
    QString m_a, m_b, m_c;
};

QTEST_MAIN(TestSandboxesPage)
#include "tst_sandboxespage.moc"
