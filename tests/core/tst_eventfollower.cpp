// Following a sandbox's events (core/eventstreamjob.h, core/eventfollower.h) on a real
// orkestr-local: live events, the end of the sandbox, and a resume after a dropped connection
// (through a relay that cuts and refuses connections) with Last-Event-ID and neither loss nor
// repeats. Server errors, repeats, gaps and a missing endpoint come from the fault server.

#include "activitytesting.h"
#include "core/activityjobs.h"
#include "core/client.h"
#include "core/eventfollower.h"
#include "core/eventstreamjob.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "jobtesting.h"
#include "tcprelay.h"
#include "testserver.h"

#include <QJsonArray>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace Orkestr;
using namespace ActivityTesting;
using namespace Qt::StringLiterals;

namespace {
QByteArray activityEvent(qint64 seq, const char *kind)
{
    return "id: " + QByteArray::number(seq) + "\nevent: activity\ndata: {\"seq\":" + QByteArray::number(seq)
        + ",\"id\":\"evt_" + QByteArray::number(seq) + "\",\"kind\":\"" + kind
        + "\",\"actor\":{\"type\":\"system\",\"reason\":\"timeout\"},\"data\":{}}\n\n";
}

// What a follower delivered.
struct Followed
{
    QList<ActivityEvent> events;
    QList<EventGap> gaps;
    int finished = 0;

    void watch(EventFollower *follower)
    {
        QObject::connect(follower, &EventFollower::activity, follower,
                         [this](const ActivityEvent &event) { events.append(event); });
        QObject::connect(follower, &EventFollower::gap, follower,
                         [this](const EventGap &gap) { gaps.append(gap); });
        QObject::connect(follower, &EventFollower::finished, follower, [this] { ++finished; });
    }
};
} // namespace

class TestEventFollower : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    Client m_client;

    QString createSandbox() { return ActivityTesting::createSandbox(&m_client); }
    bool exec(const QString &sandbox, const QString &command)
    {
        return runToEnd(m_client.call<ExecJob>(sandbox, command), 30000);
    }
    bool terminate(const QString &sandbox) { return runToEnd(m_client.call<TerminateSandboxJob>(sandbox)); }
    QList<ActivityEvent> journal(const QString &sandbox)
    {
        ListEventsParams params;
        params.afterSeq = 0;
        params.limit = 1000;
        auto *job = m_client.call<ListEventsJob>(sandbox, params);
        return runToEnd(job) ? job->events() : QList<ActivityEvent>();
    }

private Q_SLOTS:
    void initTestCase()
    {
        qRegisterMetaType<ActivityEvent>();
        QVERIFY(m_server.start());
        pointAt(&m_client, m_server.url(), m_server.token());
    }

    void streamJobDeliversLiveEventsAndEnds()
    {
        const QString sandbox = createSandbox();
        QVERIFY(!sandbox.isEmpty());
        auto *stream = m_client.call<EventStreamJob>(sandbox, std::optional<qint64>(0));
        QList<ActivityEvent> events;
        connect(stream, &EventStreamJob::activity, this,
                [&](const ActivityEvent &event) { events.append(event); });
        QSignalSpy connected(stream, &EventStreamJob::connected);
        // Read at the end: the job deletes itself after finished().
        struct
        {
            bool finished = false;
            Job::Status status = Job::Status::NotStarted;
            bool sawEnd = false;
            qint64 lastSeq = 0;
            int eventCount = 0;
        } end;
        stream->whenFinished(this, [&end](EventStreamJob *job) {
            end = {true, job->status(), job->sawEnd(), job->lastSeq(), job->eventCount()};
        });
        // The journal so far (sandbox.created) comes first.
        QVERIFY(OrkestrTest::waitUntil([&] { return events.size() == 1; }, 10000));
        QCOMPARE(connected.size(), 1);
        QCOMPARE(events.first().kind, u"sandbox.created"_s);

        QVERIFY(exec(sandbox, u"echo live"_s));
        QVERIFY(OrkestrTest::waitUntil([&] { return events.size() == 3; }, 10000));
        QCOMPARE(events.at(1).kind, u"exec.started"_s);
        QCOMPARE(events.at(1).command(), u"echo live"_s);
        QCOMPARE(events.at(2).kind, u"exec.finished"_s);
        QVERIFY(!end.finished);

        QVERIFY(terminate(sandbox));
        QVERIFY(OrkestrTest::waitUntil([&] { return end.finished; }, 10000));
        QCOMPARE(end.status, Job::Status::Succeeded);
        QVERIFY(end.sawEnd);
        QCOMPARE(end.lastSeq, 4);
        QCOMPARE(end.eventCount, 4);
        QCOMPARE(events.last().kind, u"sandbox.terminated"_s);
        QCOMPARE(events.last().reason(), u"requested"_s);
        QCOMPARE(seqsOf(events), seqRange(1, 4));
        QCOMPARE(events, journal(sandbox));
    }

    void followerNewEventsOnly()
    {
        const QString sandbox = createSandbox();
        QVERIFY(exec(sandbox, u"echo before"_s)); // seqs 2 and 3: not for a "new only" follower
        EventFollower follower(&m_client, sandbox);
        follower.setBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(200));
        Followed followed;
        followed.watch(&follower);
        follower.start();
        QVERIFY(
            OrkestrTest::waitUntil([&] { return follower.state() == EventFollower::State::Live; }, 10000));
        QCOMPARE(follower.lastSeq(), 3);
        QVERIFY(exec(sandbox, u"echo after"_s));
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.events.size() == 2; }, 10000));
        QCOMPARE(seqsOf(followed.events), (QList<qint64> {4, 5}));
        QCOMPARE(followed.events.first().command(), u"echo after"_s);

        QVERIFY(terminate(sandbox));
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
        QCOMPARE(follower.state(), EventFollower::State::Ended);
        QVERIFY(!follower.error().isError());
        QCOMPARE(seqsOf(followed.events), seqRange(4, 6));
        QCOMPARE(follower.connections(), 1);
    }

    void followerResumesAfterADroppedConnection()
    {
        const QString sandbox = createSandbox();
        TcpRelay relay(m_server.url().port());
        QVERIFY(relay.listen());
        Client client;
        pointAt(&client, relay.url(), m_server.token());

        EventFollower follower(&client, sandbox);
        follower.setBackoff(std::chrono::milliseconds(50), std::chrono::milliseconds(200));
        Followed followed;
        followed.watch(&follower);
        follower.start(0);
        QVERIFY(exec(sandbox, u"echo one"_s));
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.events.size() == 3; }, 10000));
        QCOMPARE(follower.state(), EventFollower::State::Live);

        // The network drops out while the sandbox goes on: these events happen meanwhile.
        relay.setRefusing(true);
        relay.cutAll();
        QVERIFY(
            OrkestrTest::waitUntil([&] { return follower.state() == EventFollower::State::Waiting; }, 10000));
        for (int i = 0; i < 3; ++i)
            QVERIFY(exec(sandbox, u"echo missed %1"_s.arg(i)));
        QVERIFY(runToEnd(m_client.call<WriteFileJob>(sandbox, u"/workspace/missed.txt"_s, u"x"_s)));
        QVERIFY(OrkestrTest::waitUntil([&] { return relay.refused >= 2; }, 10000)); // it kept trying
        QCOMPARE(followed.events.size(), 3);

        relay.setRefusing(false);
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.events.size() == 10; }, 10000));
        QVERIFY(exec(sandbox, u"echo after"_s));
        QVERIFY(terminate(sandbox));
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
        QCOMPARE(follower.state(), EventFollower::State::Ended);

        // Every event once, in order, field for field as the journal has them.
        const auto all = journal(sandbox);
        QCOMPARE(seqsOf(followed.events), seqRange(1, all.size()));
        QCOMPARE(followed.events, all);
        QVERIFY(followed.gaps.isEmpty());
        QVERIFY(follower.connections() >= 2);

        // The first connection started with after_seq; the resume with Last-Event-ID, the last
        // seq seen before the drop.
        QList<QByteArray> streams;
        for (const auto &head : relay.requestHeads()) {
            if (head.contains("/events/stream"))
                streams.append(head.toLower());
        }
        QVERIFY(streams.size() >= 2);
        QVERIFY2(streams.first().contains("after_seq=0"), streams.first().constData());
        QVERIFY(!streams.first().contains("last-event-id"));
        QVERIFY2(streams.at(1).contains("last-event-id: 3"), streams.at(1).constData());
        QVERIFY(!streams.at(1).contains("after_seq"));
    }

    void followerOfAnEndedSandbox()
    {
        const QString sandbox = createSandbox();
        QVERIFY(terminate(sandbox));
        const qint64 latest = journal(sandbox).size();
        QCOMPARE(latest, 2);

        // New events only: there will be none, and no stream is opened.
        {
            EventFollower follower(&m_client, sandbox);
            Followed followed;
            followed.watch(&follower);
            follower.start();
            QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
            QCOMPARE(follower.state(), EventFollower::State::Ended);
            QCOMPARE(follower.connections(), 0);
            QVERIFY(followed.events.isEmpty());
        }
        // From the end: the server closes the stream at once, which is not a dropped connection.
        {
            EventFollower follower(&m_client, sandbox);
            follower.setBackoff(std::chrono::milliseconds(20), std::chrono::milliseconds(100));
            Followed followed;
            followed.watch(&follower);
            follower.start(latest);
            QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
            QCOMPARE(follower.state(), EventFollower::State::Ended);
            QCOMPARE(follower.connections(), 1);
            QVERIFY(followed.events.isEmpty());
        }
        // From the start: everything, then the end.
        {
            EventFollower follower(&m_client, sandbox);
            Followed followed;
            followed.watch(&follower);
            follower.start(0);
            QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
            QCOMPARE(follower.state(), EventFollower::State::Ended);
            QCOMPARE(seqsOf(followed.events), seqRange(1, 2));
            QVERIFY(followed.events.last().endsSandbox());
        }
    }

    void stopCancelsTheFollower()
    {
        const QString sandbox = createSandbox();
        EventFollower follower(&m_client, sandbox);
        Followed followed;
        followed.watch(&follower);
        QSignalSpy states(&follower, &EventFollower::stateChanged);
        follower.start(0);
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.events.size() == 1; }, 10000));
        follower.stop();
        QCOMPARE(follower.state(), EventFollower::State::Stopped);
        QVERIFY(exec(sandbox, u"echo unseen"_s));
        QTest::qWait(200);
        QCOMPARE(followed.events.size(), 1);
        QCOMPARE(followed.finished, 0);
        QCOMPARE(states.last().first().value<EventFollower::State>(), EventFollower::State::Stopped);
        QVERIFY(terminate(sandbox));
    }

    void serverErrorsAreRetriedRepeatsDroppedGapsPassed()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        pointAt(&client, server.url());
        QList<FaultResponse> streams;
        streams.append(FaultResponse::error(503, u"unavailable"_s));
        auto first
            = FaultResponse::sse({activityEvent(6, "exec.started"), activityEvent(7, "exec.finished")});
        first.end = FaultResponse::End::Reset;
        streams.append(first);
        // The resumed stream repeats seq 7 (it must not be delivered twice), then skips 8..9.
        streams.append(FaultResponse::sse({activityEvent(7, "exec.finished"),
                                           "event: gap\ndata: {\"from_seq\":8,\"to_seq\":9}\n\n",
                                           activityEvent(10, "sandbox.terminated")}));
        // A stream that ends without the sandbox's end may make the follower look at the journal.
        server.responder = [&streams](const RecordedRequest &request) {
            if (request.path().endsWith(u"/events/stream"_s) && !streams.isEmpty())
                return streams.takeFirst();
            return FaultResponse::json(
                200, QJsonObject {{u"events"_s, QJsonArray()}, {u"has_more"_s, false}, {u"latest_seq"_s, 7}});
        };
        EventFollower follower(&client, u"sbx_1"_s);
        follower.setBackoff(std::chrono::milliseconds(10), std::chrono::milliseconds(50));
        Followed followed;
        followed.watch(&follower);
        follower.start(5);
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
        QVERIFY2(follower.state() == EventFollower::State::Ended, qPrintable(follower.error().message()));
        QCOMPARE(seqsOf(followed.events), (QList<qint64> {6, 7, 10}));
        QCOMPARE(followed.gaps, (QList<EventGap> {{8, 9}}));
        QCOMPARE(follower.lastSeq(), 10);
        QList<RecordedRequest> streamRequests;
        for (const auto &request : std::as_const(server.requests)) {
            if (request.path() == u"/v1/sandboxes/sbx_1/events/stream"_s)
                streamRequests.append(request);
        }
        QCOMPARE(streamRequests.size(), 3);
        QCOMPARE(streamRequests.at(0).query().queryItemValue(u"after_seq"_s), u"5"_s);
        QCOMPARE(streamRequests.at(1).header("Last-Event-ID"), QByteArray("5"));
        QCOMPARE(streamRequests.at(2).header("Last-Event-ID"), QByteArray("7"));
        QVERIFY(!streamRequests.at(2).query().hasQueryItem(u"after_seq"_s));
    }

    void permanentErrorsEndTheFollower_data()
    {
        QTest::addColumn<bool>("newOnly");
        QTest::addColumn<QString>("type");
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("unsupported");
        QTest::newRow("older server, new only") << true << u"invalid_request"_s << 404 << true;
        QTest::newRow("older server, from a seq") << false << u"invalid_request"_s << 404 << true;
        QTest::newRow("sandbox gone") << false << u"sandbox_not_found"_s << 404 << false;
        QTest::newRow("token refused") << true << u"unauthorized"_s << 401 << false;
    }
    void permanentErrorsEndTheFollower()
    {
        QFETCH(bool, newOnly);
        QFETCH(QString, type);
        QFETCH(int, status);
        QFETCH(bool, unsupported);
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        pointAt(&client, server.url());
        server.enqueue(FaultResponse::error(status, type));
        EventFollower follower(&client, u"sbx_1"_s);
        follower.setBackoff(std::chrono::milliseconds(10), std::chrono::milliseconds(50));
        Followed followed;
        followed.watch(&follower);
        follower.start(newOnly ? std::nullopt : std::optional<qint64>(3));
        QVERIFY(OrkestrTest::waitUntil([&] { return followed.finished == 1; }, 10000));
        QCOMPARE(follower.state(), EventFollower::State::Failed);
        QCOMPARE(follower.error().type(), type);
        QCOMPARE(follower.error().isUnsupportedEndpoint(), unsupported);
        QTest::qWait(100);
        QCOMPARE(server.requests.size(), 1); // not tried again
        QCOMPARE(server.requests.first().path(),
                 newOnly ? u"/v1/sandboxes/sbx_1/events"_s : u"/v1/sandboxes/sbx_1/events/stream"_s);
    }
};

QTEST_GUILESS_MAIN(TestEventFollower)
#include "tst_eventfollower.moc"
