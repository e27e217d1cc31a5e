// The sandbox store's list-then-watch (session/sandboxpoller.h, session/sandboxstore.h): the change
// logic on its own (the newest version wins, a change seen twice is ignored, each id announced
// once), then against the fault server: one listing and then the watch's changes with no poll,
// a `reset` that lists again, and a server without the watch (a 404) that is polled as before.

#include "core/client.h"
#include "core/sandboxwatcher.h"
#include "eventwait.h"
#include "faultserver.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Orkestr::Sandbox;
using Orkestr::SandboxChange;
using OrkestrSession::SandboxStore;
using Facet = SandboxStore::Facet;

namespace {
QJsonObject sandboxJson(const QString &id, qint64 version, const QString &status = u"running"_s,
                        const QString &region = u"fsn1"_s)
{
    return {{u"id"_s, id},           {u"template"_s, u"python"_s},
            {u"status"_s, status},   {u"region"_s, region},
            {u"version"_s, version}, {u"metadata"_s, QJsonObject {{u"team"_s, u"a"_s}}}};
}

Sandbox sandbox(const QString &id, qint64 version, const QString &status = u"running"_s,
                const QString &region = u"fsn1"_s)
{
    return Sandbox::fromJson(sandboxJson(id, version, status, region));
}

SandboxChange changed(const Sandbox &sandbox)
{
    SandboxChange change;
    change.sandbox = sandbox;
    change.id = sandbox.id;
    change.version = sandbox.version;
    return change;
}

SandboxChange removed(const QString &id, qint64 version)
{
    SandboxChange change;
    change.kind = SandboxChange::Kind::Removed;
    change.id = id;
    change.version = version;
    return change;
}

QStringList idsIn(const QSignalSpy &spy)
{
    QStringList ids;
    for (const auto &arguments : spy)
        ids += arguments.first().toStringList();
    return ids;
}

QByteArray sandboxEvent(const QJsonObject &sandbox)
{
    return "id: " + QByteArray::number(sandbox.value(u"version"_s).toInteger())
        + "\nevent: sandbox\ndata: " + QJsonDocument(sandbox).toJson(QJsonDocument::Compact) + "\n\n";
}

// A server of sandbox listings (with X-Orkestr-Version) and scripted watch streams.
struct WatchServer
{
    FaultServer server;
    QList<QJsonObject> listing;
    qint64 version = 0;
    QList<FaultResponse> watchStreams; // then 404s, as a server without the watch
    bool sendVersion = true;
    int lists = 0;
    QList<RecordedRequest> watches;

    WatchServer()
    {
        server.responder = [this](const RecordedRequest &request) {
            if (request.path() == u"/v1/regions"_s)
                return FaultResponse::json(200, QJsonObject {{u"regions"_s, QJsonArray()}});
            if (request.path() == u"/v1/sandboxes/watch"_s) {
                watches.append(request);
                if (watchStreams.isEmpty())
                    return FaultResponse::error(404, u"not_found"_s);
                return watchStreams.takeFirst();
            }
            ++lists;
            QJsonArray page;
            for (const auto &object : std::as_const(listing))
                page.append(object);
            QList<std::pair<QByteArray, QByteArray>> headers {
                {"ETag", '"' + QByteArray::number(version) + '"'}};
            if (sendVersion)
                headers.append({"X-Orkestr-Version", QByteArray::number(version)});
            return FaultResponse::json(
                200, QJsonObject {{u"sandboxes"_s, page}, {u"next_cursor"_s, QJsonValue()}}, headers);
        };
    }
    static FaultResponse open(const QList<QByteArray> &events)
    {
        auto stream = FaultResponse::sse(events);
        stream.end = FaultResponse::End::Stall;
        return stream;
    }
};
} // namespace

class TestSandboxWatchStore : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void theNewestVersionWins()
    {
        Orkestr::Client client;
        SandboxStore store(&client);
        store.setSandboxes({sandbox(u"sbx_1"_s, 5), sandbox(u"sbx_2"_s, 6)});
        QSignalSpy added(&store, &SandboxStore::sandboxesAdded);
        QSignalSpy changes(&store, &SandboxStore::sandboxesChanged);
        QSignalSpy gone(&store, &SandboxStore::sandboxesRemoved);

        // A change, the same change again, an older one, and a new sandbox that changes twice in
        // the batch: each id is announced once, in the list that describes it after the batch.
        store.applyChanges({changed(sandbox(u"sbx_1"_s, 7, u"paused"_s)),
                            changed(sandbox(u"sbx_1"_s, 7, u"paused"_s)),
                            changed(sandbox(u"sbx_2"_s, 4, u"failed"_s)), changed(sandbox(u"sbx_3"_s, 8)),
                            changed(sandbox(u"sbx_3"_s, 9, u"paused"_s))});
        QCOMPARE(idsIn(changes), (QStringList {u"sbx_1"_s}));
        QCOMPARE(idsIn(added), (QStringList {u"sbx_3"_s}));
        QVERIFY(gone.isEmpty());
        QCOMPARE(store.find(u"sbx_1"_s)->status, Sandbox::Status::Paused);
        QCOMPARE(store.find(u"sbx_2"_s)->status, Sandbox::Status::Running); // the older copy lost
        QCOMPARE(store.find(u"sbx_3"_s)->version, 9);
        QCOMPARE(store.facetCounts(Facet::Status).value(u"paused"_s), 2);
        QCOMPARE(store.facetCounts(Facet::Status).value(u"running"_s), 1);

        // Seen twice: nothing is announced.
        changes.clear();
        added.clear();
        store.applyChanges({changed(sandbox(u"sbx_1"_s, 7, u"paused"_s))});
        QVERIFY(changes.isEmpty() && added.isEmpty());

        // A removal older than the stored copy is ignored; a newer one removes. A sandbox that
        // comes and goes within a batch is never announced.
        store.applyChanges({removed(u"sbx_3"_s, 8), removed(u"sbx_2"_s, 10), changed(sandbox(u"sbx_4"_s, 11)),
                            removed(u"sbx_4"_s, 12)});
        QCOMPARE(idsIn(gone), (QStringList {u"sbx_2"_s}));
        QVERIFY(store.contains(u"sbx_3"_s));
        QVERIFY(!store.contains(u"sbx_4"_s));
        QVERIFY(changes.isEmpty() && added.isEmpty());
        QCOMPARE(store.count(), 2);
        QCOMPARE(store.facetCounts(Facet::Region).value(u"fsn1"_s), 2);

        // A listing page older than what the watch delivered does not undo it.
        store.mergeSandboxes({sandbox(u"sbx_1"_s, 5)});
        QCOMPARE(store.find(u"sbx_1"_s)->status, Sandbox::Status::Paused);
    }

    void recurringStringsAreShared()
    {
        Orkestr::Client client;
        SandboxStore store(&client);
        store.setSandboxes({sandbox(u"sbx_1"_s, 1), sandbox(u"sbx_2"_s, 2)});
        store.applyChanges({changed(sandbox(u"sbx_3"_s, 3))});
        const Sandbox *first = store.find(u"sbx_1"_s);
        for (const auto &id : {u"sbx_2"_s, u"sbx_3"_s}) {
            const Sandbox *other = store.find(id);
            QVERIFY(other->region.isSharedWith(first->region));
            QVERIFY(other->templateName.isSharedWith(first->templateName));
            QVERIFY(other->statusText.isSharedWith(first->statusText));
            QVERIFY(other->metadata.firstKey().isSharedWith(first->metadata.firstKey()));
        }
    }

    void listsOnceThenWatches()
    {
        WatchServer watch;
        QVERIFY(watch.server.listen());
        watch.listing = {sandboxJson(u"sbx_2"_s, 4), sandboxJson(u"sbx_1"_s, 3)};
        watch.version = 4;
        watch.watchStreams.append(WatchServer::open({": keepalive\n\n"}));
        Orkestr::Client client;
        client.setBaseUrl(watch.server.url());
        client.setToken(u"ork_test"_s);
        SandboxStore store(&client);
        store.poller()->setInterval(50ms);
        store.startUpdates();
        QVERIFY(OrkestrTest::waitUntil([&] { return store.poller()->isWatching(); }, 10000));
        QCOMPARE(store.count(), 2);
        QCOMPARE(watch.watches.size(), 1);
        QCOMPARE(watch.watches.first().query().queryItemValue(u"since_version"_s), u"4"_s);
        QVERIFY(store.poller()->describe().startsWith(u"Updated live"_s));
        // Many poll intervals later, still one listing; an action's refresh asks nothing either.
        store.poller()->refreshNow();
        QTest::qWait(300);
        QCOMPARE(watch.lists, 1);
        QCOMPARE(store.poller()->listings(), 1);
    }

    void changesReachTheStoreAndResetListsAgain()
    {
        WatchServer watch;
        QVERIFY(watch.server.listen());
        watch.listing = {sandboxJson(u"sbx_1"_s, 3)};
        watch.version = 3;
        // Changes, then a reset: the store lists again and watches from the new listing's version.
        auto first = FaultResponse::sse(
            {sandboxEvent(sandboxJson(u"sbx_1"_s, 4, u"paused"_s)) + sandboxEvent(sandboxJson(u"sbx_2"_s, 5)),
             "event: reset\ndata: {\"latest_version\":20}\n\n"},
            300);
        watch.watchStreams.append(first);
        watch.watchStreams.append(WatchServer::open({}));
        Orkestr::Client client;
        client.setBaseUrl(watch.server.url());
        client.setToken(u"ork_test"_s);
        SandboxStore store(&client);
        store.poller()->setInterval(50ms);
        QSignalSpy added(&store, &SandboxStore::sandboxesAdded);
        store.startUpdates();
        QVERIFY(OrkestrTest::waitUntil([&] { return store.contains(u"sbx_2"_s); }, 10000));
        QCOMPARE(store.find(u"sbx_1"_s)->status, Sandbox::Status::Paused);
        QCOMPARE(watch.lists, 1);
        // The server's state after the changes it no longer holds.
        watch.listing = {sandboxJson(u"sbx_3"_s, 20), sandboxJson(u"sbx_1"_s, 4, u"paused"_s)};
        watch.version = 20;
        QVERIFY(OrkestrTest::waitUntil([&] { return watch.watches.size() == 2; }, 10000));
        QCOMPARE(watch.lists, 2);
        QCOMPARE(watch.watches.at(1).query().queryItemValue(u"since_version"_s), u"20"_s);
        QVERIFY(OrkestrTest::waitUntil([&] { return store.poller()->isWatching(); }, 10000));
        QVERIFY(store.contains(u"sbx_3"_s));
        QVERIFY(!store.contains(u"sbx_2"_s));
        QCOMPARE(store.count(), 2);
        QTest::qWait(200);
        QCOMPARE(watch.lists, 2);
    }

    void aServerWithoutTheWatchIsPolled_data()
    {
        QTest::addColumn<bool>("sendsVersion");
        QTest::newRow("404 on the watch") << true;
        QTest::newRow("no X-Orkestr-Version") << false;
    }
    void aServerWithoutTheWatchIsPolled()
    {
        QFETCH(bool, sendsVersion);
        WatchServer watch;
        QVERIFY(watch.server.listen());
        watch.listing = {sandboxJson(u"sbx_1"_s, 0)};
        watch.version = 1;
        watch.sendVersion = sendsVersion;
        Orkestr::Client client;
        client.setBaseUrl(watch.server.url());
        client.setToken(u"ork_test"_s);
        SandboxStore store(&client);
        store.poller()->setInterval(50ms);
        store.startUpdates();
        QVERIFY(OrkestrTest::waitUntil([&] { return watch.lists >= 4; }, 10000));
        QCOMPARE(watch.watches.size(), sendsVersion ? 1 : 0); // asked once, never again
        QVERIFY(!store.poller()->watchSupported() || !sendsVersion);
        QVERIFY(!store.poller()->isWatching());
        QCOMPARE(store.poller()->state(), OrkestrSession::SandboxPoller::State::Fresh);
        // A change reaches the store by polling.
        watch.listing = {sandboxJson(u"sbx_1"_s, 0, u"paused"_s)};
        ++watch.version;
        QVERIFY(OrkestrTest::waitUntil(
            [&] { return store.find(u"sbx_1"_s)->status == Sandbox::Status::Paused; }, 10000));
    }
};

QTEST_GUILESS_MAIN(TestSandboxWatchStore)
#include "tst_sandboxwatchstore.moc"
