// The sandbox store against a real orkestr-local: what other clients change on the server reaches
// it through the poller as added, changed and removed ids, with the facet counts kept.

#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "sessiontesting.h"
#include "testserver.h"

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Orkestr::Sandbox;
using OrkestrSession::SandboxStore;
using Facet = SandboxStore::Facet;

namespace {
// Every id the spy's signals carried.
QStringList idsIn(const QSignalSpy &spy)
{
    QStringList ids;
    for (const auto &arguments : spy)
        ids += arguments.first().toStringList();
    return ids;
}
} // namespace

class TestSandboxStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start({u"--plan"_s, u"pro"_s}));
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
    }

    void followsTheServer()
    {
        const QString first = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!first.isEmpty());
        SandboxStore store(&m_client);
        store.poller()->setInterval(200ms);
        QSignalSpy added(&store, &SandboxStore::sandboxesAdded);
        QSignalSpy changed(&store, &SandboxStore::sandboxesChanged);
        QSignalSpy removed(&store, &SandboxStore::sandboxesRemoved);
        QSignalSpy facets(&store, &SandboxStore::facetCountsChanged);
        QSignalSpy regions(&store, &SandboxStore::regionLocationsChanged);
        store.startUpdates();
        QTRY_VERIFY_WITH_TIMEOUT(idsIn(added).contains(first), 10000);
        QCOMPARE(store.sandbox(first)->status, Sandbox::Status::Running);
        QVERIFY(facets.wait(1000) || !facets.isEmpty());
        QCOMPARE(store.facetCounts(Facet::Region).value(u"fsn1"_s), 1);
        QCOMPARE(store.facetCounts(Facet::Status).value(u"running"_s), 1);
        QTRY_VERIFY_WITH_TIMEOUT(!regions.isEmpty(), 10000);
        QVERIFY(!store.regionLocations().value(u"fsn1"_s).isEmpty());

        // Another client creates one: it is added, nothing else changes.
        added.clear();
        const QString second = SessionTest::create(&m_client, u"hel1"_s);
        QVERIFY(!second.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(idsIn(added).contains(second), 10000);
        QCOMPARE(idsIn(added), QStringList {second});
        QVERIFY(!idsIn(changed).contains(first));
        // A poll can catch it still starting (its create answers once it runs): wait for that
        // change before pausing the first, so that the next check sees only the pause.
        QTRY_COMPARE_WITH_TIMEOUT(store.sandbox(second)->status, Sandbox::Status::Running, 10000);
        changed.clear();
        QCOMPARE(store.count(), 2);
        QCOMPARE(store.facetCounts(Facet::Region), (QHash<QString, int> {{u"fsn1"_s, 1}, {u"hel1"_s, 1}}));

        // It pauses the first: changed, and the status counts follow.
        QVERIFY(SessionTest::finish(m_client.call<Orkestr::PauseSandboxJob>(first)));
        QTRY_VERIFY_WITH_TIMEOUT(idsIn(changed).contains(first), 10000);
        QCOMPARE(store.sandbox(first)->status, Sandbox::Status::Paused);
        QCOMPARE(store.facetCounts(Facet::Status),
                 (QHash<QString, int> {{u"paused"_s, 1}, {u"running"_s, 1}}));
        QVERIFY(!idsIn(changed).contains(second));
        QVERIFY(idsIn(removed).isEmpty());

        // A listing without them (another server, as after a profile switch without a reset):
        // both are removed, and their counts go.
        TestServer other;
        QVERIFY(other.start());
        Orkestr::Client otherClient;
        otherClient.setBaseUrl(other.url());
        otherClient.setToken(other.token());
        const QString third = SessionTest::create(&otherClient, u"fsn1"_s);
        QVERIFY(!third.isEmpty());
        added.clear();
        m_client.setBaseUrl(other.url());
        m_client.setToken(other.token());
        store.poller()->refreshNow(true);
        QTRY_VERIFY_WITH_TIMEOUT(idsIn(removed).size() == 2, 10000);
        const QStringList gone = idsIn(removed);
        QCOMPARE(QSet<QString>(gone.cbegin(), gone.cend()), (QSet<QString> {first, second}));
        QCOMPARE(idsIn(added), QStringList {third});
        QCOMPARE(store.count(), 1);
        QCOMPARE(store.facetCounts(Facet::Region), (QHash<QString, int> {{u"fsn1"_s, 1}}));
        QCOMPARE(store.facetCounts(Facet::Status), (QHash<QString, int> {{u"running"_s, 1}}));
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        store.poller()->stop();
    }

    void appliesOnlyWhatDiffers()
    {
        // No server: lists are given directly, as the poller would.
        SandboxStore store(&m_client);
        Sandbox a;
        a.id = u"sbx_a"_s;
        a.region = u"fsn1"_s;
        a.statusText = u"running"_s;
        Sandbox b = a;
        b.id = u"sbx_b"_s;
        QSignalSpy added(&store, &SandboxStore::sandboxesAdded);
        QSignalSpy changed(&store, &SandboxStore::sandboxesChanged);
        QSignalSpy removed(&store, &SandboxStore::sandboxesRemoved);
        store.mergeSandboxes({a}); // a first page
        store.setSandboxes({a, b});
        QCOMPARE(idsIn(added), (QStringList {u"sbx_a"_s, u"sbx_b"_s}));
        store.setSandboxes({a, b}); // the same list: nothing
        QCOMPARE(added.size(), 2);
        QVERIFY(changed.isEmpty() && removed.isEmpty());
        b.metadata.insert(u"step"_s, u"2"_s);
        store.updateSandbox(b); // an action's answer
        QCOMPARE(idsIn(changed), QStringList {u"sbx_b"_s});
        store.mergeSandboxes({a}); // a page never removes
        QVERIFY(removed.isEmpty());
        store.setSandboxes({b});
        QCOMPARE(idsIn(removed), QStringList {u"sbx_a"_s});
        QVERIFY(!store.contains(u"sbx_a"_s));
        QCOMPARE(store.sandbox(u"sbx_b"_s)->metadata.value(u"step"_s), u"2"_s);
    }

    void listingPageByPage()
    {
        // No server: a listing's pages are given directly, as the poller hands them over.
        SandboxStore store(&m_client);
        Sandbox a;
        a.id = u"sbx_a"_s;
        a.region = u"fsn1"_s;
        a.statusText = u"running"_s;
        Sandbox b = a;
        b.id = u"sbx_b"_s;
        Sandbox c = a;
        c.id = u"sbx_c"_s;
        QSignalSpy added(&store, &SandboxStore::sandboxesAdded);
        QSignalSpy changed(&store, &SandboxStore::sandboxesChanged);
        QSignalSpy removed(&store, &SandboxStore::sandboxesRemoved);
        // The first listing: each page is stored and announced as it comes.
        store.beginListing();
        store.mergeListingPage({c, b});
        QCOMPARE(idsIn(added), (QStringList {u"sbx_c"_s, u"sbx_b"_s}));
        QCOMPARE(store.count(), 2);
        store.mergeListingPage({a});
        QCOMPARE(idsIn(added), (QStringList {u"sbx_c"_s, u"sbx_b"_s, u"sbx_a"_s}));
        store.endListing();
        QVERIFY(removed.isEmpty() && changed.isEmpty());
        QCOMPARE(store.facetCounts(Facet::Region).value(u"fsn1"_s), 3);

        // A listing again (after a reset): what no page held goes only at its end.
        added.clear();
        Sandbox d = a;
        d.id = u"sbx_d"_s;
        a.statusText = u"paused"_s;
        store.beginListing();
        store.mergeListingPage({d, a});
        QCOMPARE(idsIn(added), QStringList {u"sbx_d"_s});
        QCOMPARE(idsIn(changed), QStringList {u"sbx_a"_s});
        QVERIFY(removed.isEmpty());
        QCOMPARE(store.count(), 4);
        store.endListing();
        const QStringList gone = idsIn(removed);
        QCOMPARE(QSet<QString>(gone.cbegin(), gone.cend()), (QSet<QString> {u"sbx_b"_s, u"sbx_c"_s}));
        QCOMPARE(store.count(), 2);
        QCOMPARE(store.facetCounts(Facet::Status),
                 (QHash<QString, int> {{u"paused"_s, 1}, {u"running"_s, 1}}));

        // A listing that failed half-way ends without endListing(): the next one starts afresh,
        // and only its own pages count.
        removed.clear();
        store.beginListing();
        store.mergeListingPage({d});
        store.beginListing();
        store.mergeListingPage({a});
        store.endListing();
        QCOMPARE(idsIn(removed), QStringList {u"sbx_d"_s});
        QVERIFY(store.contains(u"sbx_a"_s));
        QCOMPARE(store.count(), 1);
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
};

QTEST_MAIN(TestSandboxStore)
#include "tst_sandboxstore.moc"
