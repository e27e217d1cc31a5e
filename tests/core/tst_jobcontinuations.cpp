// Job::then() and Job::whenFinished(): typed continuations run with the job's own type, only for
// the outcome they are for, and never once their context is gone.

#include "core/client.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "jobtesting.h"

#include <QSignalSpy>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
const QString Token = u"ork_continuationTestToken000000000"_s;
const QString Id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;

FaultResponse sandboxResponse(int delayMs = 0)
{
    auto response = FaultResponse::json(200, QJsonObject {{u"id"_s, Id}, {u"status"_s, u"paused"_s}});
    response.delayMs = delayMs;
    return response;
}
} // namespace

// A fault server and a client of it, for one test.
struct Fixture
{
    FaultServer server;
    Client client;
    const bool listening = server.listen();
    Fixture()
    {
        client.setBaseUrl(server.url());
        client.setToken(Token);
        client.setMaxRetries(0);
    }
};

class TestJobContinuations : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<Fixture> m_fixture;
    FaultServer *m_server = nullptr;
    Client *m_client = nullptr;

private Q_SLOTS:
    void init()
    {
        m_fixture = std::make_unique<Fixture>();
        QVERIFY(m_fixture->listening);
        m_server = &m_fixture->server;
        m_client = &m_fixture->client;
    }
    void cleanup() { m_fixture.reset(); }

    void successTakesTheJobsOwnType()
    {
        m_server->enqueue(sandboxResponse());
        QObject context;
        QStringList calls;
        Sandbox::Status status = Sandbox::Status::Unknown;
        auto *job = m_client->call<PauseSandboxJob>(Id);
        PauseSandboxJob *typed = job->then(
            &context,
            [&](PauseSandboxJob *done) {
                calls.append(u"success"_s);
                status = done->sandbox().status;
                QCOMPARE(done->status(), Job::Status::Succeeded);
            },
            [&](PauseSandboxJob *) { calls.append(u"failure"_s); });
        job->whenFinished(&context, [&](SandboxJob *) { calls.append(u"finished"_s); });
        QCOMPARE(typed, job);
        QVERIFY(runToEnd(job));
        QCOMPARE(calls, (QStringList {u"success"_s, u"finished"_s}));
        QCOMPARE(status, Sandbox::Status::Paused);
    }

    void failureTakesTheJobsOwnTypeAndItsError()
    {
        m_server->enqueue(FaultResponse::error(409, u"invalid_state"_s));
        QObject context;
        QStringList calls;
        QString errorType;
        auto *job = m_client->call<PauseSandboxJob>(Id);
        job->then(
            &context, [&](PauseSandboxJob *) { calls.append(u"success"_s); },
            [&](PauseSandboxJob *failed) {
                calls.append(u"failure"_s);
                errorType = failed->error().type();
                QCOMPARE(failed->status(), Job::Status::Failed);
                QCOMPARE(failed->httpStatus(), 409);
            });
        QVERIFY(!runToEnd(job));
        QCOMPARE(calls, QStringList {u"failure"_s});
        QCOMPARE(errorType, u"invalid_state"_s);
    }

    void noCallOnceTheContextIsGone()
    {
        m_server->enqueue(sandboxResponse(200));
        auto *context = new QObject;
        QObject witness;
        int contextCalls = 0;
        int witnessCalls = 0;
        auto *job = m_client->call<GetSandboxJob>(Id);
        job->then(
            context, [&](GetSandboxJob *) { ++contextCalls; }, [&](GetSandboxJob *) { ++contextCalls; });
        job->whenFinished(context, [&](GetSandboxJob *) { ++contextCalls; });
        // The same job's continuation with a living context shows that the job did end.
        job->then(&witness, [&](GetSandboxJob *done) {
            ++witnessCalls;
            QCOMPARE(done->sandbox().id, Id);
        });
        QTRY_COMPARE(m_server->requests.size(), 1);
        delete context;
        QVERIFY(runToEnd(job));
        QCOMPARE(witnessCalls, 1);
        QCOMPARE(contextCalls, 0);
    }

    void whenFinishedRunsAloneOnCancel()
    {
        m_server->enqueue(sandboxResponse(5000));
        QObject context;
        QStringList calls;
        auto *job = m_client->call<GetSandboxJob>(Id);
        job->then(
            &context, [&](GetSandboxJob *) { calls.append(u"success"_s); },
            [&](GetSandboxJob *) { calls.append(u"failure"_s); });
        Job::Status statusSeen = Job::Status::NotStarted;
        QString errorType;
        job->whenFinished(&context, [&](GetSandboxJob *done) {
            calls.append(u"finished"_s);
            statusSeen = done->status();
            errorType = done->error().type();
        });
        QSignalSpy finished(job, &Job::finished);
        QTRY_COMPARE(m_server->requests.size(), 1);
        QCOMPARE(job->status(), Job::Status::Running);
        job->abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(calls, QStringList {u"finished"_s});
        QCOMPARE(statusSeen, Job::Status::Cancelled);
        QCOMPARE(errorType, ApiError::cancelled().type());
        // Aborting again, or the server answering later, calls nothing more.
        job->abort();
        QTest::qWait(50);
        QCOMPARE(calls, QStringList {u"finished"_s});
    }

    // Not the client's child, the job waits for a retry when the client goes away: it ends as
    // cancelled then, instead of reaching for the client that is gone.
    void jobOutlivingItsClientEndsCancelled()
    {
        QObject owner;
        auto client = std::make_unique<Client>();
        client->setBaseUrl(m_server->url());
        client->setToken(Token);
        client->setBackoff(std::chrono::milliseconds(200), std::chrono::milliseconds(200));
        m_server->enqueue(FaultResponse::error(503, u"unavailable"_s));
        auto *job = new GetSandboxJob(Id, &owner);
        Job::Status statusSeen = Job::Status::NotStarted;
        job->whenFinished(&owner, [&](GetSandboxJob *done) { statusSeen = done->status(); });
        client->run(job);
        QTRY_COMPARE(m_server->requests.size(), 1);
        QTRY_COMPARE(job->retries(), 1);
        QCOMPARE(job->status(), Job::Status::Queued);
        client.reset();
        QTRY_COMPARE(statusSeen, Job::Status::Cancelled);
        QCOMPARE(m_server->requests.size(), 1);
    }
};

QTEST_MAIN(TestJobContinuations)
#include "tst_jobcontinuations.moc"
