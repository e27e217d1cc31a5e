// The activity store against a real orkestr-local: the newest page, older pages on demand and the
// live stream together give every event once and in order while execs run; exec records are
// fetched; the end of the sandbox stops following and says why; an older server (a 404) makes the
// store Unsupported, another error Failed with its request id. The timeline model follows it all
// under QAbstractItemModelTester.

#include "core/activityjobs.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "session/activitystore.h"
#include "session/activitystores.h"
#include "session/activitytimelinemodel.h"
#include "session/sandboxending.h"
#include "session/session.h"
#include "sessiontesting.h"
#include "testserver.h"

#include <QAbstractItemModelTester>

using namespace Qt::StringLiterals;
using OrkestrSession::ActivityStore;
using OrkestrSession::ActivityTimelineModel;
using OrkestrTest::waitUntil;

namespace {

qint64 latestSeq(Orkestr::Client *client, const QString &sandboxId)
{
    Orkestr::ListEventsParams params;
    params.limit = 1;
    qint64 seq = -1;
    SessionTest::finish(client->call<Orkestr::ListEventsJob>(sandboxId, params),
                        [&seq](Orkestr::ListEventsJob *job) { seq = job->latestSeq(); });
    return seq;
}

QList<qint64> seqs(const ActivityStore &store)
{
    QList<qint64> all;
    for (int index = 0; index < store.count(); ++index)
        all.append(store.events().seq(index));
    return all;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> all;
    for (qint64 seq = from; seq <= to; ++seq)
        all.append(seq);
    return all;
}

} // namespace

class TestActivityStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
    }

    void pagesAndFollowsWithoutLossOrDuplicates()
    {
        const QString sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!sandbox.isEmpty());
        for (int i = 0; i < 12; ++i) // 24 events more, beyond one page of 10
            QVERIFY(SessionTest::exec(&m_client, sandbox, u"echo %1"_s.arg(i)));
        const qint64 before = latestSeq(&m_client, sandbox);
        QVERIFY(before >= 25);

        auto store = std::make_shared<ActivityStore>(&m_client, sandbox);
        store->setPageSize(10);
        ActivityTimelineModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy prepended(store.get(), &ActivityStore::eventsPrepended);
        QSignalSpy appended(store.get(), &ActivityStore::eventsAppended);
        QSignalSpy state(store.get(), &ActivityStore::stateChanged);
        store->start();
        QCOMPARE(store->state(), ActivityStore::State::Loading);
        QVERIFY(waitUntil([&] { return store->state() == ActivityStore::State::Ready; }, 10000));
        QCOMPARE(store->count(), 10);
        QCOMPARE(seqs(*store), range(before - 9, before)); // the newest page, oldest first
        QCOMPARE(prepended.size(), 1);
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(store->canFetchOlder());
        QVERIFY(waitUntil([&] { return store->isFollowing(); }, 5000));

        // Execs run while older pages come in: both ends grow, nothing twice, nothing missed.
        int ran = 0;
        while (store->canFetchOlder() || store->isFetchingOlder() || ran < 10) {
            if (ran < 10
                && SessionTest::exec(&m_client, sandbox, u"echo live %1; exit %2"_s.arg(ran).arg(ran % 3)))
                ++ran;
            model.fetchOlder();
            QTest::qWait(20);
        }
        const qint64 after = latestSeq(&m_client, sandbox);
        QCOMPARE(after, before + 2 * ran);
        QVERIFY(waitUntil([&] { return store->newestSeq() == after && store->count() == after; }, 10000));
        QCOMPARE(seqs(*store), range(1, after));
        QVERIFY(!appended.isEmpty());
        QVERIFY(prepended.size() >= 3);
        QCOMPARE(model.rowCount(), int(after));
        QCOMPARE(model.eventAt(0).seq, 1);
        QCOMPARE(model.data(model.index(0), ActivityTimelineModel::KindRole).toString(),
                 u"sandbox.created"_s);
        QVERIFY(store->error().type().isEmpty());
        QCOMPARE(state.size(), 2); // Loading, Ready: nothing failed on the way

        // The records of the live execs were fetched as they ran and finished.
        const auto &last = store->at(store->count() - 1);
        QCOMPARE(last.kind, u"exec.finished"_s);
        QVERIFY(waitUntil(
            [&] {
                const auto *record = store->execRecord(last.execId());
                return record && record->status == Orkestr::ExecRecord::Status::Exited;
            },
            10000));
        QCOMPARE(store->execRecord(last.execId())->command,
                 u"echo live %1; exit %2"_s.arg(ran - 1).arg((ran - 1) % 3));
        QCOMPARE(store->execCommand(last.execId()), store->execRecord(last.execId())->command);
        // A failed exec is a failure row, with its command in the summary.
        const int failedRow = model.rowOfSeq(before + 4); // the second live exec's finish: exit 1
        QVERIFY(failedRow >= 0);
        QVERIFY(model.data(model.index(failedRow), ActivityTimelineModel::FailureRole).toBool());
        QVERIFY2(
            model.data(model.index(failedRow)).toString().startsWith(u"echo live 1; exit 1 → exit 1 in "_s),
            qPrintable(model.data(model.index(failedRow)).toString()));

        // The end: the stream brings sandbox.terminated, following stops, the store says why.
        QSignalSpy ended(store.get(), &ActivityStore::ended);
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(sandbox)));
        QVERIFY(waitUntil([&] { return ended.size() == 1; }, 10000));
        QVERIFY(store->hasEnded());
        QCOMPARE(store->ending()->reason, OrkestrSession::SandboxEnding::Reason::Requested);
        QVERIFY(store->ending()->actor.isToken());
        QCOMPARE(store->ending()->seq, store->newestSeq());
        QVERIFY(waitUntil([&] { return !store->isFollowing(); }, 10000));
        QVERIFY2(store->ending()->displayText().startsWith(u"Terminated by "_s),
                 qPrintable(store->ending()->displayText()));
        QCOMPARE(store->error().type(), QString()); // an end, not a failure

        // A store opened on the ended sandbox does not follow; the lookup agrees.
        ActivityStore again(&m_client, sandbox);
        QSignalSpy againEnded(&again, &ActivityStore::ended);
        again.start();
        QVERIFY(againEnded.wait(10000));
        QVERIFY(!again.isFollowing());
        QCOMPARE(again.ending(), store->ending());
        OrkestrSession::SandboxEndingLookup lookup(&m_client, sandbox);
        QSignalSpy looked(&lookup, &OrkestrSession::SandboxEndingLookup::finished);
        lookup.fetch();
        QVERIFY(looked.wait(10000));
        QCOMPARE(lookup.ending(), store->ending());
        QVERIFY(!lookup.isUnsupported());
    }

    void pagingFinishedExecsFetchesNoRecords()
    {
        // Older pages are learnt oldest first: an exec.finished whose exec.started is on the same
        // page has its command without a request. Only an exec cut by a page boundary (its start
        // on the next, older page) asks for its record: at most one per page, not one per exec.
        const QString sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!sandbox.isEmpty());
        constexpr int Execs = 14;
        for (int i = 0; i < Execs; ++i)
            QVERIFY(SessionTest::exec(&m_client, sandbox, u"echo paged %1"_s.arg(i)));
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::TerminateSandboxJob>(sandbox)));
        const qint64 latest = latestSeq(&m_client, sandbox);

        int recordRequests = 0;
        const auto logged = connect(&m_client, &Orkestr::Client::requestLogged, this,
                                    [&](const Orkestr::RequestLogEntry &entry) {
                                        if (entry.path.contains(u"/execs/"_s))
                                            ++recordRequests;
                                    });
        auto store = std::make_shared<ActivityStore>(&m_client, sandbox);
        store->setPageSize(7);
        ActivityTimelineModel model(store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store->start();
        QVERIFY(waitUntil([&] { return store->state() == ActivityStore::State::Ready; }, 10000));
        int pages = 1;
        while (store->canFetchOlder()) {
            model.fetchOlder();
            ++pages;
            QVERIFY(waitUntil([&] { return !store->isFetchingOlder(); }, 10000));
        }
        QTest::qWait(200); // any record request made meanwhile is answered
        disconnect(logged);
        QCOMPARE(store->count(), int(latest));
        QVERIFY2(recordRequests < pages,
                 qPrintable(u"%1 record requests for %2 pages"_s.arg(recordRequests).arg(pages)));
        // Every exec's rows have its command, with or without a record.
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row);
            if (index.data(ActivityTimelineModel::KindRole).toString().startsWith(u"exec."_s))
                QVERIFY2(index.data().toString().contains(u"echo paged "_s),
                         qPrintable(index.data().toString()));
        }
    }

    void sessionSharesOneStorePerSandbox()
    {
        const QString sandbox = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!sandbox.isEmpty());
        OrkestrSession::Session session(&m_client);
        auto first = session.activity()->store(sandbox);
        auto second = session.activity()->store(sandbox);
        QCOMPARE(first.get(), second.get());
        QCOMPARE(session.activity()->count(), 1);
        QVERIFY(first->state() != ActivityStore::State::Idle); // started when first asked for
        QVERIFY(waitUntil([&] { return first->isFollowing(); }, 10000));
        // The account's token prefix reaches the stores, also those made before it came: the
        // session's own events read "You (name)".
        QVERIFY(first->ownTokenPrefix().isEmpty());
        session.refreshAccount();
        QVERIFY(waitUntil([&] { return session.hasAccount(); }, 10000));
        QVERIFY(!session.account().token.prefix.isEmpty());
        QCOMPARE(first->ownTokenPrefix(), session.account().token.prefix);
        QPointer<ActivityStore> watched = first.get();
        first.reset();
        second.reset();
        QVERIFY(!session.activity()->find(sandbox));
        QVERIFY(waitUntil([&] { return watched.isNull(); }, 2000)); // deleted from the event loop
        QVERIFY(session.activity()->store(sandbox));
        QCOMPARE(session.activity()->store(sandbox)->ownTokenPrefix(), session.account().token.prefix);
    }

    void olderServerIsUnsupported()
    {
        FaultServer older;
        QVERIFY(older.listen());
        // orkestr-local's answer to a path it does not have, as an older server gives it.
        older.responder = [](const RecordedRequest &) {
            return FaultResponse::error(404, u"invalid_request"_s);
        };
        Orkestr::Client client;
        client.setBaseUrl(older.url());
        client.setToken(u"ork_test"_s);
        ActivityStore store(&client, u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QSignalSpy errors(&store, &ActivityStore::errorOccurred);
        store.start();
        QVERIFY(waitUntil([&] { return store.state() == ActivityStore::State::Unsupported; }, 10000));
        QVERIFY(store.error().isUnsupportedEndpoint());
        QVERIFY(errors.isEmpty()); // not a failure to show
        QCOMPARE(store.count(), 0);
        QVERIFY(!store.isFollowing());
        QVERIFY(!store.canFetchOlder());

        OrkestrSession::SandboxEndingLookup lookup(&client, u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s);
        QSignalSpy looked(&lookup, &OrkestrSession::SandboxEndingLookup::finished);
        lookup.fetch();
        QVERIFY(looked.wait(10000));
        QVERIFY(lookup.isUnsupported());
        QVERIFY(!lookup.ending());
    }

    void otherErrorsFailWithTheirRequestId()
    {
        // A sandbox that is not there: 404 sandbox_not_found is a failure, not "unsupported".
        ActivityStore store(&m_client, u"sbx_00000000000000000000000000"_s);
        QSignalSpy errors(&store, &ActivityStore::errorOccurred);
        store.start();
        QVERIFY(waitUntil([&] { return store.state() == ActivityStore::State::Failed; }, 10000));
        QCOMPARE(errors.size(), 1);
        QCOMPARE(store.error().kind(), Orkestr::ApiError::Kind::SandboxNotFound);
        QVERIFY(store.error().requestId().startsWith(u"req_"_s));
        // start() tries again.
        store.start();
        QCOMPARE(store.state(), ActivityStore::State::Loading);
        QVERIFY(waitUntil([&] { return store.state() == ActivityStore::State::Failed; }, 10000));
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
};

QTEST_GUILESS_MAIN(TestActivityStore)
#include "tst_activitystore.moc"
