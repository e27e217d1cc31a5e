// The dashboard's sandbox list against a real orkestr-local with the watch: a change made through
// the API reaches the model without a poll (the list requests are counted at a relay), and a
// dropped connection resumes with Last-Event-ID and no change lost, still without a listing; and a
// client away for longer than the server keeps what it missed gets `reset` and lists again. (The
// fault-server tests in tests/session/tst_sandboxwatchstore.cpp cover a server without the watch.)

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "core/sandboxwatcher.h"
#include "eventwait.h"
#include "jobtesting.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "tcprelay.h"
#include "testserver.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using OrkestrSession::SandboxStore;
using OrkestrUi::SandboxTreeModel;

namespace {
QString create(Client *client)
{
    CreateSandboxParams params;
    params.templateName = u"ubuntu-24.04"_s;
    auto *job = client->call<CreateSandboxJob>(params);
    return runToEnd(job, 30000) ? job->sandbox().id : QString();
}

// The listings (not the watch) among the requests a relay passed on.
int listRequests(const TcpRelay &relay)
{
    int lists = 0;
    for (const auto &head : relay.requestHeads()) {
        if (head.startsWith("GET /v1/sandboxes ") || head.startsWith("GET /v1/sandboxes?"))
            ++lists;
    }
    return lists;
}

QList<QByteArray> watchRequests(const TcpRelay &relay)
{
    QList<QByteArray> watches;
    for (const auto &head : relay.requestHeads()) {
        if (head.startsWith("GET /v1/sandboxes/watch"))
            watches.append(head);
    }
    return watches;
}
} // namespace

class TestSandboxWatchLive : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"pro"_s}));
        m_direct.setBaseUrl(m_server.url());
        m_direct.setToken(m_server.token());
    }

    void changesReachTheViewWithoutPollsAndSurviveADrop()
    {
        const QString first = create(&m_direct);
        QVERIFY(!first.isEmpty());
        TcpRelay relay(quint16(m_server.url().port()));
        QVERIFY(relay.listen());
        Client client;
        client.setBaseUrl(relay.url());
        client.setToken(m_server.token());
        SandboxStore store(&client);
        store.poller()->setInterval(200ms); // a poll, if one were made, would show within the test
        store.poller()->watcher()->setBackoff(50ms, 200ms);
        SandboxTreeModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store.startUpdates();
        QVERIFY(OrkestrTest::waitUntil(
            [&] { return store.poller()->isWatching() || !store.poller()->watchSupported(); }, 10000));
        if (!store.poller()->watchSupported())
            QSKIP("this orkestr-local has no GET /v1/sandboxes/watch");
        QVERIFY(model.indexForId(first).isValid());

        // Another client creates one: it is in the view, and nothing was listed again.
        const QString second = create(&m_direct);
        QVERIFY(!second.isEmpty());
        QVERIFY(OrkestrTest::waitUntil([&] { return model.indexForId(second).isValid(); }, 10000));
        QTest::qWait(500);
        QCOMPARE(listRequests(relay), 1);
        QCOMPARE(store.poller()->listings(), 1);

        // The network drops out; meanwhile the second pauses and a third is made.
        relay.setRefusing(true);
        relay.cutAll();
        QVERIFY(OrkestrTest::waitUntil([&] { return !store.poller()->isWatching(); }, 10000));
        auto *pause = m_direct.call<PauseSandboxJob>(second);
        QVERIFY(runToEnd(pause, 30000));
        const QString third = create(&m_direct);
        QVERIFY(!third.isEmpty());
        QTest::qWait(300);
        QVERIFY(!store.contains(third));
        relay.setRefusing(false);
        QVERIFY(OrkestrTest::waitUntil(
            [&] {
                const Sandbox *paused = store.find(second);
                return model.indexForId(third).isValid() && paused
                    && paused->status == Sandbox::Status::Paused;
            },
            20000));
        QVERIFY(store.poller()->isWatching());
        QCOMPARE(listRequests(relay), 1);
        const auto watches = watchRequests(relay);
        QVERIFY(watches.size() >= 2);
        QVERIFY(watches.first().contains("since_version="));
        QVERIFY2(watches.last().toLower().contains("last-event-id:"), watches.last().constData());
        QCOMPARE(store.count(), 3);
    }

    void resetListsAgain()
    {
        // Terminated sandboxes leave the listing after 200 ms and are forgotten after 400 ms: a
        // watch resuming from before that gets `reset`.
        TestServer server;
        QVERIFY(server.start(
            {u"--plan"_s, u"pro"_s, u"--terminated-listed-ms"_s, u"200"_s, u"--retention-ms"_s, u"400"_s}));
        Client direct;
        direct.setBaseUrl(server.url());
        direct.setToken(server.token());
        const QString kept = create(&direct);
        const QString gone = create(&direct);
        QVERIFY(!kept.isEmpty() && !gone.isEmpty());
        TcpRelay relay(quint16(server.url().port()));
        QVERIFY(relay.listen());
        Client client;
        client.setBaseUrl(relay.url());
        client.setToken(server.token());
        SandboxStore store(&client);
        store.poller()->watcher()->setBackoff(50ms, 200ms);
        SandboxTreeModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store.startUpdates();
        QVERIFY(OrkestrTest::waitUntil([&] { return store.poller()->isWatching(); }, 10000));
        QVERIFY(model.indexForId(gone).isValid());
        QCOMPARE(listRequests(relay), 1);

        // Away while one is terminated, leaves the listing and is forgotten.
        relay.setRefusing(true);
        relay.cutAll();
        QVERIFY(runToEnd(direct.call<TerminateSandboxJob>(gone), 30000));
        QTest::qWait(1500);
        relay.setRefusing(false);
        QVERIFY(OrkestrTest::waitUntil(
            [&] { return listRequests(relay) == 2 && store.poller()->isWatching(); }, 20000));
        QCOMPARE(store.poller()->listings(), 2);
        QVERIFY(!store.contains(gone));
        QVERIFY(!model.indexForId(gone).isValid());
        QVERIFY(model.indexForId(kept).isValid());
        // Watching again, from the new listing's version.
        const auto watches = watchRequests(relay);
        QVERIFY(watches.last().contains("since_version="));
    }

private:
    TestServer m_server;
    Client m_direct;
};

QTEST_MAIN(TestSandboxWatchLive)
#include "tst_sandboxwatchlive.moc"
