// The sandbox watch (core/sandboxwatchjob.h, core/sandboxwatcher.h): the events' parsing, and a
// watcher against the fault server that resumes a cut connection with Last-Event-ID and neither
// loss nor repeats, stops on `reset`, and fails on a server without the watch (a 404).

#include "activitytesting.h"
#include "core/client.h"
#include "core/sandboxwatcher.h"
#include "eventwait.h"
#include "faultserver.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace Orkestr;
using namespace ActivityTesting;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
QByteArray sandboxEvent(const QString &id, qint64 version, const QString &status = u"running"_s)
{
    const QJsonObject sandbox {{u"id"_s, id},
                               {u"template"_s, u"python"_s},
                               {u"status"_s, status},
                               {u"region"_s, u"fsn1"_s},
                               {u"version"_s, version}};
    return "id: " + QByteArray::number(version)
        + "\nevent: sandbox\ndata: " + QJsonDocument(sandbox).toJson(QJsonDocument::Compact) + "\n\n";
}

QByteArray removedEvent(const QString &id, qint64 version)
{
    return "id: " + QByteArray::number(version) + "\nevent: removed\ndata: {\"id\":\"" + id.toLatin1()
        + "\",\"version\":" + QByteArray::number(version) + "}\n\n";
}

struct Watched
{
    QList<SandboxChange> changes;
    QList<qint64> resets;
    void watch(SandboxWatcher *watcher)
    {
        QObject::connect(watcher, &SandboxWatcher::changes,
                         [this](const QList<SandboxChange> &batch) { changes += batch; });
        QObject::connect(watcher, &SandboxWatcher::resetRequired,
                         [this](qint64 latest) { resets.append(latest); });
    }
    QList<qint64> versions() const
    {
        QList<qint64> out;
        for (const auto &change : changes)
            out.append(change.version);
        return out;
    }
};

QList<RecordedRequest> watchRequests(const FaultServer &server)
{
    QList<RecordedRequest> out;
    for (const auto &request : server.requests) {
        if (request.path() == u"/v1/sandboxes/watch"_s)
            out.append(request);
    }
    return out;
}
} // namespace

class TestSandboxWatch : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parsesTheContractsEvents()
    {
        ApiError error;
        SseEvent event;
        event.event = "sandbox";
        event.id = "12";
        event.data = R"({"id":"sbx_1","template":"python","status":"paused","region":"fsn1","version":12})";
        auto change = SandboxChange::fromSse(event, &error);
        QVERIFY(change && !error.isError());
        QCOMPARE(change->kind, SandboxChange::Kind::Changed);
        QCOMPARE(change->id, u"sbx_1"_s);
        QCOMPARE(change->version, 12);
        QCOMPARE(change->sandbox.status, Sandbox::Status::Paused);
        QCOMPARE(change->sandbox.version, 12);

        // Without a version in the data, the event id is the version.
        event.data = R"({"id":"sbx_1","status":"running"})";
        change = SandboxChange::fromSse(event, &error);
        QVERIFY(change);
        QCOMPARE(change->version, 12);
        QCOMPARE(change->sandbox.version, 12);

        event = {};
        event.event = "removed";
        event.data = R"({"id":"sbx_2","version":13})";
        change = SandboxChange::fromSse(event, &error);
        QVERIFY(change);
        QCOMPARE(change->kind, SandboxChange::Kind::Removed);
        QCOMPARE(change->id, u"sbx_2"_s);
        QCOMPARE(change->version, 13);

        event = {};
        event.event = "reset";
        event.data = R"({"latest_version":90})";
        change = SandboxChange::fromSse(event, &error);
        QVERIFY(change);
        QCOMPARE(change->kind, SandboxChange::Kind::Reset);
        QCOMPARE(change->version, 90);

        // Unknown events are for newer servers; malformed known ones are errors.
        event = {};
        event.event = "summary";
        event.data = "{}";
        QVERIFY(!SandboxChange::fromSse(event, &error));
        QVERIFY(!error.isError());
        event.event = "sandbox";
        event.data = "not json";
        QVERIFY(!SandboxChange::fromSse(event, &error));
        QVERIFY(error.isError());
        error = {};
        event.event = "removed";
        event.data = R"({"version":4})"; // no id
        QVERIFY(!SandboxChange::fromSse(event, &error));
        QCOMPARE(error.type(), u"invalid_response"_s);
    }

    void resumesACutConnectionWithoutLossOrRepeats()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        pointAt(&client, server.url());
        QList<FaultResponse> streams;
        streams.append(FaultResponse::error(503, u"unavailable"_s));
        // Two changes arrive in one piece (one batch), then the connection is cut.
        auto first = FaultResponse::sse({sandboxEvent(u"sbx_1"_s, 6) + removedEvent(u"sbx_0"_s, 7)});
        first.end = FaultResponse::End::Reset;
        streams.append(first);
        // The resumed stream repeats version 7 (not delivered twice), then goes on, then stays open.
        auto second = FaultResponse::sse(
            {": keepalive\n\n", removedEvent(u"sbx_0"_s, 7), sandboxEvent(u"sbx_1"_s, 9, u"paused"_s)});
        second.end = FaultResponse::End::Stall;
        streams.append(second);
        server.responder = [&streams](const RecordedRequest &) {
            return streams.isEmpty() ? FaultResponse::error(500, u"internal"_s) : streams.takeFirst();
        };
        SandboxWatcher watcher(&client);
        watcher.setBackoff(10ms, 50ms);
        WatchSandboxesParams filters;
        filters.regions = {u"fsn1"_s};
        watcher.setFilters(filters);
        Watched watched;
        watched.watch(&watcher);
        watcher.start(5);
        QVERIFY(OrkestrTest::waitUntil([&] { return watched.changes.size() == 3; }, 10000));
        QCOMPARE(watched.versions(), (QList<qint64> {6, 7, 9}));
        QCOMPARE(watched.changes.at(1).kind, SandboxChange::Kind::Removed);
        QCOMPARE(watched.changes.at(2).sandbox.status, Sandbox::Status::Paused);
        QCOMPARE(watcher.lastVersion(), 9);
        QCOMPARE(watcher.state(), SandboxWatcher::State::Live);
        const auto requests = watchRequests(server);
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests.at(0).query().queryItemValue(u"since_version"_s), u"5"_s);
        QCOMPARE(requests.at(0).query().queryItemValue(u"region"_s), u"fsn1"_s);
        QCOMPARE(requests.at(1).header("Last-Event-ID"), QByteArray("5"));
        QCOMPARE(requests.at(2).header("Last-Event-ID"), QByteArray("7"));
        QVERIFY(!requests.at(2).query().hasQueryItem(u"since_version"_s));
        QCOMPARE(requests.at(2).query().queryItemValue(u"region"_s), u"fsn1"_s);
        watcher.stop();
        QCOMPARE(watcher.state(), SandboxWatcher::State::Stopped);
    }

    void resetStopsTheWatcher()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        pointAt(&client, server.url());
        server.enqueue(FaultResponse::sse({"event: reset\ndata: {\"latest_version\":40}\n\n"}));
        SandboxWatcher watcher(&client);
        watcher.setBackoff(10ms, 50ms);
        Watched watched;
        watched.watch(&watcher);
        watcher.start(3);
        QVERIFY(OrkestrTest::waitUntil([&] { return !watched.resets.isEmpty(); }, 10000));
        QCOMPARE(watched.resets, (QList<qint64> {40}));
        QVERIFY(OrkestrTest::waitUntil(
            [&] { return watcher.state() == SandboxWatcher::State::ResetRequired; }, 5000));
        QTest::qWait(100);
        QCOMPARE(server.requests.size(), 1); // no reconnect: the caller lists again
        QVERIFY(watched.changes.isEmpty());
    }

    void permanentErrorsEndTheWatcher_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("unsupported");
        QTest::newRow("older server") << u"not_found"_s << 404 << true;
        QTest::newRow("token refused") << u"unauthorized"_s << 401 << false;
    }
    void permanentErrorsEndTheWatcher()
    {
        QFETCH(QString, type);
        QFETCH(int, status);
        QFETCH(bool, unsupported);
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        pointAt(&client, server.url());
        server.enqueue(FaultResponse::error(status, type));
        SandboxWatcher watcher(&client);
        watcher.setBackoff(10ms, 50ms);
        watcher.start(1);
        QVERIFY(
            OrkestrTest::waitUntil([&] { return watcher.state() == SandboxWatcher::State::Failed; }, 10000));
        QCOMPARE(watcher.error().isUnsupportedEndpoint(), unsupported);
        QTest::qWait(100);
        QCOMPARE(server.requests.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestSandboxWatch)
#include "tst_sandboxwatch.moc"
