// Resilience against a misbehaving server: retries with backoff for idempotent requests only,
// the central 429 limiter, cut and stalled responses, malformed bodies, cut exec streams.

#include "core/client.h"
#include "core/eventstreamjob.h"
#include "core/execstreamjob.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "jobtesting.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
const QString Token = u"ork_faultTestToken1234567890abcdef"_s;
const QString Id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;

QByteArray sandboxBody(const QString &status = u"running"_s)
{
    return QJsonDocument(QJsonObject {{u"id"_s, Id},
                                      {u"template"_s, u"python-3.12"_s},
                                      {u"status"_s, status},
                                      {u"region"_s, u"fsn1"_s},
                                      {u"cpu"_s, 1.0},
                                      {u"memory_mb"_s, 2048},
                                      {u"network"_s, u"off"_s},
                                      {u"timeout_seconds"_s, 600},
                                      {u"env_keys"_s, QJsonArray {}},
                                      {u"metadata"_s, QJsonObject {}},
                                      {u"created_at"_s, u"2026-11-21T20:32:00.123Z"_s},
                                      {u"expires_at"_s, u"2026-11-21T20:42:00.123Z"_s},
                                      {u"paused_at"_s, QJsonValue::Null},
                                      {u"terminated_at"_s, QJsonValue::Null},
                                      {u"termination_reason"_s, QJsonValue::Null},
                                      {u"snapshot"_s, QJsonValue::Null}})
        .toJson(QJsonDocument::Compact);
}

} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private:
    FaultServer *m_server = nullptr;
    Client *m_client = nullptr;

private Q_SLOTS:
    void init()
    {
        m_server = new FaultServer(this);
        QVERIFY(m_server->listen());
        m_client = new Client(this);
        m_client->setBaseUrl(m_server->url());
        m_client->setToken(Token);
        m_client->setBackoff(20ms, 80ms);
        m_client->setMaxRetries(3);
    }
    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void idempotentRetriedAfterServerErrors_data()
    {
        QTest::addColumn<QList<int>>("failures");
        QTest::newRow("500") << QList<int> {500};
        QTest::newRow("503 burst") << QList<int> {503, 503, 503};
        QTest::newRow("500 and 503") << QList<int> {500, 503};
    }

    void idempotentRetriedAfterServerErrors()
    {
        QFETCH(QList<int>, failures);
        for (int status : failures)
            m_server->enqueue(FaultResponse::error(status, status == 500 ? u"internal"_s : u"unavailable"_s));
        m_server->enqueue(FaultResponse::json(200, sandboxBody()));
        QSignalSpy logged(m_client, &Client::requestLogged);
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->retries(), failures.size());
        QCOMPARE(m_server->requests.size(), failures.size() + 1);
        QCOMPARE(job->sandbox().id, Id);
        // Backoff: each retry waits at least half its base delay (20 ms, doubling).
        for (qsizetype i = 1; i < m_server->requests.size(); ++i) {
            const qint64 gap = m_server->requests[i].receivedAtMs - m_server->requests[i - 1].receivedAtMs;
            QVERIFY2(gap >= (10 << (i - 1)) - 2, qPrintable(u"retry %1 came after %2 ms"_s.arg(i).arg(gap)));
        }
        QCOMPARE(logged.size(), 1);
        QCOMPARE(logged[0][0].value<RequestLogEntry>().retries, failures.size());
    }

    void retriesGiveUpAfterTheMaximum()
    {
        m_client->setMaxRetries(2);
        for (int i = 0; i < 3; ++i)
            m_server->enqueue(FaultResponse::error(503, u"unavailable"_s));
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(job->error().httpStatus(), 503);
        QCOMPARE(job->error().type(), u"unavailable"_s);
    }

    void resetMidResponseIsRetriedForReads()
    {
        const auto full = FaultResponse::json(200, sandboxBody());
        m_server->enqueue(full.cutAfter(full.all().size() - 40, FaultResponse::End::Reset));
        // Qt's network layer may itself resend a GET once after a reset; have answers for that too.
        m_server->enqueue(full);
        m_server->enqueue(full);
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(runToEnd(job));
        QVERIFY(job->retries() >= 1);
        QCOMPARE(job->sandbox().status, Sandbox::Status::Running);
    }

    void createRetriedWithTheSameIdempotencyKey()
    {
        m_server->enqueue(FaultResponse::error(503, u"unavailable"_s));
        const auto created = FaultResponse::json(201, sandboxBody());
        m_server->enqueue(created.cutAfter(created.all().size() - 10, FaultResponse::End::Reset));
        m_server->enqueue(created);
        m_server->enqueue(created);
        CreateSandboxParams params;
        params.templateName = u"python-3.12"_s;
        auto *job = m_client->call<CreateSandboxJob>(params);
        const QByteArray key = job->idempotencyKey();
        const bool ok = runToEnd(job);
        QVERIFY2(ok,
                 qPrintable(job->error().message() + u" after %1 requests"_s.arg(m_server->requests.size())));
        QVERIFY(m_server->requests.size() >= 3);
        for (const auto &request : std::as_const(m_server->requests)) {
            QCOMPARE(request.header("Idempotency-Key"), key);
            QCOMPARE(QJsonDocument::fromJson(request.body).object().value(u"template"_s).toString(),
                     u"python-3.12"_s);
        }
    }

    void execNeverRetried_data()
    {
        QTest::addColumn<int>("fault"); // 0: reset mid-response, else an HTTP status
        QTest::newRow("500") << 500;
        QTest::newRow("503") << 503;
        QTest::newRow("reset") << 0;
    }

    void execNeverRetried()
    {
        QFETCH(int, fault);
        if (fault == 0) {
            const auto done = FaultResponse::json(
                200, QByteArray("{\"stdout\":\"x\",\"stderr\":\"\",\"exit_code\":0,\"duration_ms\":1}"));
            m_server->enqueue(done.cutAfter(done.all().size() - 5, FaultResponse::End::Reset));
        } else {
            m_server->enqueue(FaultResponse::error(fault, fault == 500 ? u"internal"_s : u"unavailable"_s));
        }
        m_server->enqueue(FaultResponse::json(
            200, QByteArray("{\"stdout\":\"again\",\"stderr\":\"\",\"exit_code\":0,\"duration_ms\":1}")));
        auto *job = m_client->call<ExecJob>(Id, u"rm -rf /workspace/once"_s);
        QVERIFY(!runToEnd(job));
        // Read the job now: it deletes itself on the next turn of the event loop.
        QCOMPARE(job->retries(), 0);
        QCOMPARE(job->error().kind(), fault == 0 ? ApiError::Kind::Connection : ApiError::Kind::Orkestr);
        QTest::qWait(300); // a retry would come within the backoff
        QCOMPARE(m_server->requests.size(), 1);
    }

    void pauseNotRetriedEither()
    {
        m_server->enqueue(FaultResponse::error(503, u"unavailable"_s));
        auto *job = m_client->call<PauseSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(m_server->requests.size(), 1);
    }

    void rateLimitWaitsAndQueuesCentrally()
    {
        m_server->enqueue(
            FaultResponse::error(429, u"rate_limited"_s, {{u"retry_after"_s, 1}}, {{"Retry-After", "1"}}));
        m_server->enqueue(FaultResponse::json(200, sandboxBody()));
        m_server->enqueue(FaultResponse::json(200, sandboxBody(u"paused"_s)));
        QSignalSpy limited(m_client, &Client::rateLimitChanged);
        QElapsedTimer clock;
        clock.start();
        auto *first = m_client->call<GetSandboxJob>(Id);
        QSignalSpy firstDone(first, &Job::finished);
        QVERIFY(limited.wait(5000));
        QCOMPARE(limited[0][0].toBool(), true);
        const auto until = limited[0][1].toDateTime();
        QVERIFY(until > QDateTime::currentDateTimeUtc().addMSecs(500));
        QVERIFY(m_client->isRateLimited());
        // A job started while limited waits in the client's queue; nothing reaches the server.
        auto *second = m_client->call<GetSandboxJob>(Id);
        QSignalSpy secondDone(second, &Job::finished);
        QTest::qWait(200);
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(second->status(), Job::Status::Queued);
        QCOMPARE(m_client->queuedJobs(), 2);
        QTRY_COMPARE_WITH_TIMEOUT(secondDone.size(), 1, 5000);
        QTRY_COMPARE_WITH_TIMEOUT(firstDone.size(), 1, 5000);
        QVERIFY2(clock.elapsed() >= 950, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(limited.size(), 2);
        QCOMPARE(limited[1][0].toBool(), false);
        QCOMPARE(m_server->requests.size(), 3);
        QVERIFY(m_server->requests[1].receivedAtMs - m_server->requests[0].receivedAtMs >= 950);
        QVERIFY(m_server->requests[2].receivedAtMs - m_server->requests[0].receivedAtMs >= 950);
        QVERIFY(!m_client->isRateLimited());
    }

    void rateLimitAlsoHoldsNonIdempotentJobs()
    {
        // A 429 means the request was refused, not run: even exec is sent again.
        m_server->enqueue(FaultResponse::error(429, u"rate_limited"_s, {{u"retry_after"_s, 0.2}}));
        m_server->enqueue(FaultResponse::json(
            200, QByteArray("{\"stdout\":\"\",\"stderr\":\"\",\"exit_code\":0,\"duration_ms\":1}")));
        auto *job = m_client->call<ExecJob>(Id, u"true"_s);
        QVERIFY(runToEnd(job));
        QCOMPARE(m_server->requests.size(), 2);
    }

    void malformedJson()
    {
        m_server->enqueue(FaultResponse::json(200, QByteArray("{\"id\": \"sbx_1\", \"status\": ")));
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().type(), u"invalid_response"_s);
        QCOMPARE(job->error().kind(), ApiError::Kind::Orkestr);
        QVERIFY(job->error().message().contains(u"malformed"_s));
        QCOMPARE(m_server->requests.size(), 1); // a broken body is not a transient fault
    }

    void truncatedBody()
    {
        m_client->setMaxRetries(0);
        const auto full = FaultResponse::json(200, sandboxBody());
        // Content-Length promises more than arrives, then a graceful close.
        m_server->enqueue(full.cutAfter(full.all().size() - 30, FaultResponse::End::Close));
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
        QVERIFY(job->error().message().contains(u"lost"_s));
    }

    void stalledServerHitsTheTimeout()
    {
        m_client->setMaxRetries(0);
        m_client->setTimeout(400ms);
        const auto full = FaultResponse::json(200, sandboxBody());
        m_server->enqueue(full.cutAfter(50, FaultResponse::End::Stall));
        QElapsedTimer clock;
        clock.start();
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job, 10000));
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
        QVERIFY(clock.elapsed() >= 350);
        QVERIFY(clock.elapsed() < 5000);
    }

    void slowServerBeforeAnyByte()
    {
        m_client->setMaxRetries(0);
        m_client->setTimeout(300ms);
        auto slow = FaultResponse::json(200, sandboxBody());
        slow.delayMs = 2000;
        m_server->enqueue(slow);
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
    }

    void slowButSteadyServerIsFine()
    {
        m_client->setTimeout(1000ms);
        auto slow = FaultResponse::json(200, sandboxBody());
        const QByteArray all = slow.all();
        slow.pieces.clear();
        for (qsizetype at = 0; at < all.size(); at += 100)
            slow.pieces.append(all.mid(at, 100));
        slow.pieceDelayMs = 150; // every gap is under the quiet timeout
        m_server->enqueue(slow);
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(runToEnd(job, 20000));
    }

    void tokenNeverInErrors()
    {
        m_server->enqueue(FaultResponse::error(401, u"unauthorized"_s,
                                               {{u"detail"_s, u"token "_s + Token + u" is revoked"_s}}));
        auto *job = m_client->call<GetSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().kind(), ApiError::Kind::Auth);
        QVERIFY(!job->error().detail().contains(Token));
        QVERIFY(!job->error().displayText().contains(Token));
    }

    void streamCutMidStream_data()
    {
        QTest::addColumn<int>("end");
        QTest::newRow("reset") << int(FaultResponse::End::Reset);
        QTest::newRow("close") << int(FaultResponse::End::Close);
    }

    void streamCutMidStream()
    {
        QFETCH(int, end);
        auto stream = FaultResponse::sse(
            {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n",
             ": keepalive\n\nevent: exit\ndata: {\"exit_co"});
        stream.end = FaultResponse::End(end);
        m_server->enqueue(stream);
        auto *job = m_client->call<ExecStreamJob>(Id, u"long"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(!runToEnd(job));
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
        QVERIFY2(job->error().message().contains(u"cut before the command finished"_s),
                 qPrintable(job->error().message()));
        QTest::qWait(200);
        QCOMPARE(m_server->requests.size(), 1); // never resent: the command may be running
    }

    void streamStalledHitsTheQuietTimeout()
    {
        m_server->enqueue(
            FaultResponse::sse(
                {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n"})
                .cutAfter(1 << 20, FaultResponse::End::Stall));
        auto *job = new ExecStreamJob(Id, u"long"_s);
        // The job sets its own quiet timeout (keepalives come every 15 s); a test cannot wait that
        // long, so check the value and abort instead.
        QCOMPARE(ExecStreamJob::QuietTimeoutMs >= 30000, true);
        m_client->run(job);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QSignalSpy finished(job, &Job::finished);
        QVERIFY(chunks.wait(5000));
        QCOMPARE(finished.size(), 0);
        job->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(job->status(), Job::Status::Cancelled);
    }

    void streamResetAfterExitStillSucceeds()
    {
        auto stream = FaultResponse::sse({"event: exit\ndata: {\"exit_code\":0,\"duration_ms\":2}\n\n"});
        stream.end = FaultResponse::End::Reset;
        m_server->enqueue(stream);
        auto *job = m_client->call<ExecStreamJob>(Id, u"true"_s);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->durationMs(), 2);
    }

    void streamIgnoresWhatFollowsTheExit()
    {
        // After the exit event nothing counts: not an event in the same piece, not a later line
        // too long for any client.
        m_server->enqueue(FaultResponse::sse(
            {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n"
             "event: exit\ndata: {\"exit_code\":3,\"duration_ms\":5}\n\n"
             "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"b\",\"offset\":1}\n\n",
             QByteArray(SseParser::MaxLineBytes + 1, 'x')},
            50));
        auto *job = m_client->call<ExecStreamJob>(Id, u"true"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(runToEnd(job));
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(job->exitCode(), 3);
        QCOMPARE(job->stdoutText(), u"a"_s);
    }

    void streamLineTooLongIsMalformed_data()
    {
        QTest::addColumn<bool>("execOutput");
        QTest::addColumn<QString>("what");
        QTest::newRow("exec output") << true << u"malformed output stream"_s;
        QTest::newRow("events") << false << u"malformed events stream"_s;
    }

    void streamLineTooLongIsMalformed()
    {
        QFETCH(bool, execOutput);
        QFETCH(QString, what);
        m_server->enqueue(
            FaultResponse::sse({": keepalive\n\n", "data: " + QByteArray(SseParser::MaxLineBytes, 'x')}, 50));
        Job *job = nullptr;
        if (execOutput)
            job = m_client->call<ExecStreamJob>(Id, u"true"_s);
        else
            job = m_client->call<EventStreamJob>(Id);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().type(), u"invalid_response"_s);
        QVERIFY2(job->error().message().contains(what), qPrintable(job->error().message()));
        QCOMPARE(m_server->requests.size(), 1); // never resent
    }

    void readRetryRewindsTheTargetFile()
    {
        const QByteArray raw(200000, 'z');
        const QByteArray body = "{\"path\":\"/a\",\"size\":200000,\"encoding\":\"base64\",\"content\":\""
            + raw.toBase64() + "\"}";
        const auto full = FaultResponse::json(200, body);
        m_server->enqueue(full.cutAfter(full.all().size() / 2, FaultResponse::End::Reset));
        // Qt's network layer may itself resend a GET once after a reset; have answers for that too.
        m_server->enqueue(full);
        m_server->enqueue(full);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("keep");
        auto *job = m_client->call<ReadFileJob>(Id, u"/a"_s, static_cast<QIODevice *>(&file));
        const bool ok = runToEnd(job);
        QVERIFY2(
            ok,
            qPrintable(job->error().message()
                       + u" requests %1 retries %2"_s.arg(m_server->requests.size()).arg(job->retries())));
        QVERIFY(job->retries() >= 1);
        QVERIFY(file.seek(0));
        QCOMPARE(file.readAll(), "keep" + raw);
    }

    void writeRetryResendsTheWholeFile()
    {
        const QByteArray raw(100001, 'q');
        QBuffer source;
        source.setData(raw);
        QVERIFY(source.open(QIODevice::ReadOnly));
        m_server->enqueue(FaultResponse::error(503, u"unavailable"_s));
        m_server->enqueue(
            FaultResponse::json(200,
                                QByteArray("{\"name\":\"a\",\"is_dir\":false,\"size\":100001,\"mode\":420,"
                                           "\"modified_at\":\"2026-11-21T20:32:00.123Z\"}")));
        auto *job = m_client->call<WriteFileJob>(Id, u"/workspace/a"_s, static_cast<QIODevice *>(&source));
        QVERIFY(runToEnd(job));
        QCOMPARE(m_server->requests.size(), 2);
        for (const auto &request : std::as_const(m_server->requests)) {
            const auto object = QJsonDocument::fromJson(request.body).object();
            QCOMPARE(QByteArray::fromBase64(object.value(u"content"_s).toString().toLatin1()), raw);
        }
    }

    void cancelWhileQueuedForTheRateLimit()
    {
        m_server->enqueue(FaultResponse::error(429, u"rate_limited"_s, {}, {{"Retry-After", "1"}}));
        m_server->enqueue(FaultResponse::json(200, sandboxBody()));
        QSignalSpy limited(m_client, &Client::rateLimitChanged);
        auto *first = m_client->call<GetSandboxJob>(Id);
        QVERIFY(limited.wait(5000));
        QSignalSpy cancelled(first, &Job::finished);
        first->abort();
        QCOMPARE(cancelled.size(), 1);
        QCOMPARE(m_client->queuedJobs(), 0);
    }
};

QTEST_GUILESS_MAIN(TestFaults)
#include "tst_faults.moc"
