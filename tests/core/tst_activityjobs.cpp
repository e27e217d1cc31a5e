// The activity queries (core/activityjobs.h) against a real orkestr-local over loopback: the
// journal paged both ways, kind filters, exec records, and the errors a client must tell apart
// (exec_not_found, sandbox_not_found, and a missing endpoint: "not supported").

#include "core/activityjobs.h"
#include "core/attachexecjob.h"
#include "core/client.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "jobtesting.h"
#include "testserver.h"

#include <QTest>

#include <algorithm>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
const QString UnknownSandbox = u"sbx_00000000000000000000000000"_s;
const QString UnknownExec = u"exe_00000000000000000000000000"_s;
constexpr int ExecCount = 6;

// An endpoint this server does not have: what every Extensions job meets on an older server.
class MissingEndpointJob : public ObjectJob<EventPage>
{
public:
    explicit MissingEndpointJob(const QString &sandboxId)
        : ObjectJob("GET", sandboxPath(sandboxId, u"/flight-recorder"_s), nullptr)
    {
    }
};

QList<qint64> seqsOf(const QList<ActivityEvent> &events)
{
    QList<qint64> seqs;
    for (const auto &event : events)
        seqs.append(event.seq);
    return seqs;
}

QList<qint64> range(qint64 from, qint64 to)
{
    QList<qint64> seqs;
    for (qint64 seq = from; seq <= to; ++seq)
        seqs.append(seq);
    return seqs;
}
} // namespace

class TestActivityJobs : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    Client m_client;
    QString m_sandbox;
    qint64 m_journalSize = 0;

    // Pages through the journal with `params` (after_seq or before_seq moved on per page).
    bool pageAll(ListEventsParams params, bool forward, QList<ActivityEvent> *all, int *pages = nullptr)
    {
        for (int page = 1; page < 1000; ++page) {
            auto *job = m_client.call<ListEventsJob>(m_sandbox, params);
            if (!runToEnd(job)) {
                qWarning() << "page failed:" << job->error().message();
                return false;
            }
            const auto events = job->events();
            if (m_journalSize && job->latestSeq() != m_journalSize) {
                qWarning() << "latest_seq changed:" << job->latestSeq();
                return false;
            }
            // Each page is in the order asked for.
            for (qsizetype i = 1; i < events.size(); ++i) {
                if (forward ? events[i].seq <= events[i - 1].seq : events[i].seq >= events[i - 1].seq) {
                    qWarning() << "page out of order:" << seqsOf(events);
                    return false;
                }
            }
            all->append(events);
            if (pages)
                *pages = page;
            if (!job->hasMore())
                return true;
            if (events.isEmpty()) {
                qWarning() << "has_more with an empty page";
                return false;
            }
            if (forward)
                params.afterSeq = events.last().seq;
            else
                params.beforeSeq = events.last().seq;
        }
        return false;
    }

    // The error of a job that must fail, read before the job deletes itself.
    static ApiError failure(Job *job)
    {
        if (runToEnd(job))
            qWarning() << "unexpected success";
        return job->error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());

        CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *create = m_client.call<CreateSandboxJob>(params);
        QVERIFY(runToEnd(create, 30000));
        m_sandbox = create->sandbox().id;
        // sandbox.created, then per exec exec.started and exec.finished, two writes and a delete.
        for (int i = 0; i < ExecCount; ++i) {
            const QString command = i == 3 ? u"echo failing; exit 3"_s : u"echo run %1"_s.arg(i);
            QVERIFY(runToEnd(m_client.call<ExecJob>(m_sandbox, command), 30000));
        }
        QVERIFY(runToEnd(m_client.call<WriteFileJob>(m_sandbox, u"/workspace/a.txt"_s, u"a"_s)));
        QVERIFY(runToEnd(m_client.call<WriteFileJob>(m_sandbox, u"/workspace/b.txt"_s, u"bb"_s)));
        QVERIFY(runToEnd(m_client.call<DeleteFileJob>(m_sandbox, u"/workspace/a.txt"_s)));
        m_journalSize = 1 + 2 * ExecCount + 3;
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            runToEnd(m_client.call<TerminateSandboxJob>(m_sandbox));
    }

    void newestFirstByDefault()
    {
        auto *job = m_client.call<ListEventsJob>(m_sandbox);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->latestSeq(), m_journalSize);
        QVERIFY(!job->hasMore()); // the default limit (200) holds them all
        QCOMPARE(seqsOf(job->events()).first(), m_journalSize);
        QCOMPARE(job->events().last().kind, u"sandbox.created"_s);
        QCOMPARE(job->events().first().kind, u"file.deleted"_s);
        for (const auto &event : job->events()) {
            QCOMPARE(event.sandboxId, m_sandbox);
            QVERIFY(event.id.startsWith(u"evt_"_s));
            QVERIFY(event.at.isValid());
            QCOMPARE(event.at.timeSpec(), Qt::UTC);
            // Every one of these was caused by the test's token: its public prefix, never more.
            QVERIFY(event.actor.isToken());
            QCOMPARE(event.actor.tokenPrefix, m_server.token().left(8));
        }

        ListEventsParams newest;
        newest.limit = 1;
        auto *one = m_client.call<ListEventsJob>(m_sandbox, newest);
        QVERIFY(runToEnd(one));
        QCOMPARE(one->events().size(), 1);
        QCOMPARE(one->events().first().seq, m_journalSize);
        QVERIFY(one->hasMore());
        QCOMPARE(one->latestSeq(), m_journalSize);
    }

    void pagingForwardHasNoOverlapAndNoHoles()
    {
        ListEventsParams params;
        params.afterSeq = 0;
        params.limit = 5;
        QList<ActivityEvent> all;
        int pages = 0;
        QVERIFY(pageAll(params, true, &all, &pages));
        QCOMPARE(seqsOf(all), range(1, m_journalSize));
        QCOMPARE(pages, int((m_journalSize + 4) / 5));

        // Starting in the middle: exactly what comes after.
        params.afterSeq = 10;
        QList<ActivityEvent> tail;
        QVERIFY(pageAll(params, true, &tail));
        QCOMPARE(seqsOf(tail), range(11, m_journalSize));
        QCOMPARE(tail, all.mid(10));

        // After the newest: nothing, and nothing more.
        params.afterSeq = m_journalSize;
        auto *past = m_client.call<ListEventsJob>(m_sandbox, params);
        QVERIFY(runToEnd(past));
        QVERIFY(past->events().isEmpty());
        QVERIFY(!past->hasMore());
    }

    void pagingBackwardMatchesForward()
    {
        ListEventsParams params;
        params.limit = 4;
        QList<ActivityEvent> backward;
        QVERIFY(pageAll(params, false, &backward));
        QList<qint64> expected = range(1, m_journalSize);
        std::reverse(expected.begin(), expected.end());
        QCOMPARE(seqsOf(backward), expected);

        params.afterSeq = 0;
        QList<ActivityEvent> forward;
        QVERIFY(pageAll(params, true, &forward));
        std::reverse(backward.begin(), backward.end());
        QCOMPARE(backward, forward); // the same events, field for field

        // before_seq is exclusive.
        ListEventsParams before;
        before.beforeSeq = 3;
        auto *job = m_client.call<ListEventsJob>(m_sandbox, before);
        QVERIFY(runToEnd(job));
        QCOMPARE(seqsOf(job->events()), (QList<qint64> {2, 1}));
        QVERIFY(!job->hasMore());
    }

    void kindFilter_data()
    {
        QTest::addColumn<QStringList>("kinds");
        QTest::addColumn<int>("expected");
        QTest::newRow("one kind") << QStringList {u"exec.finished"_s} << ExecCount;
        QTest::newRow("family") << QStringList {u"exec.*"_s} << 2 * ExecCount;
        QTest::newRow("two kinds") << QStringList {u"file.written"_s, u"file.deleted"_s} << 3;
        QTest::newRow("family and kind") << QStringList {u"file.*"_s, u"sandbox.created"_s} << 4;
        QTest::newRow("none of these") << QStringList {u"network.denied"_s} << 0;
    }
    void kindFilter()
    {
        QFETCH(QStringList, kinds);
        QFETCH(int, expected);
        for (const bool forward : {true, false}) {
            ListEventsParams params;
            params.kinds = kinds;
            params.limit = 2; // pages of the filtered journal
            if (forward)
                params.afterSeq = 0;
            QList<ActivityEvent> all;
            QVERIFY(pageAll(params, forward, &all));
            QCOMPARE(all.size(), expected);
            for (const auto &event : std::as_const(all)) {
                QVERIFY2(std::any_of(kinds.cbegin(), kinds.cend(),
                                     [&](const QString &filter) {
                                         return ActivityEvent::kindMatches(event.kind, filter);
                                     }),
                         qPrintable(event.kind));
            }
            auto seqs = seqsOf(all);
            QVERIFY(std::adjacent_find(seqs.cbegin(), seqs.cend()) == seqs.cend()); // no repeats
        }
    }

    void execEventsCarryTheirData()
    {
        ListEventsParams params;
        params.kinds = {u"exec.*"_s};
        params.afterSeq = 0;
        auto *job = m_client.call<ListEventsJob>(m_sandbox, params);
        QVERIFY(runToEnd(job));
        const auto events = job->events();
        QCOMPARE(events.size(), 2 * ExecCount);
        const auto &started = events.at(6);
        const auto &finished = events.at(7);
        QCOMPARE(started.knownKind(), ActivityEvent::Kind::ExecStarted);
        QCOMPARE(started.command(), u"echo failing; exit 3"_s);
        QCOMPARE(started.mode(), u"buffered"_s);
        QVERIFY(started.execId().startsWith(u"exe_"_s));
        QCOMPARE(finished.knownKind(), ActivityEvent::Kind::ExecFinished);
        QCOMPARE(finished.execId(), started.execId());
        QCOMPARE(finished.execStatus(), ExecRecord::Status::Exited);
        QCOMPARE(finished.exitCode(), std::optional<int>(3));
        QCOMPARE(finished.stdoutBytes(), std::optional<qint64>(8)); // "failing\n"
        QVERIFY(finished.isFailure());
        QVERIFY(!events.at(1).isFailure()); // "echo run 0" exited 0
    }

    void queryErrors()
    {
        // Both directions at once: refused before anything is sent.
        ListEventsParams both;
        both.afterSeq = 1;
        both.beforeSeq = 5;
        const auto job = failure(m_client.call<ListEventsJob>(m_sandbox, both));
        QCOMPARE(job.type(), u"invalid_request"_s);
        QCOMPARE(job.field(), u"before_seq"_s);
        QCOMPARE(job.httpStatus(), 0); // nothing was sent

        ListEventsParams tooMany;
        tooMany.limit = 1001;
        QCOMPARE(failure(m_client.call<ListEventsJob>(m_sandbox, tooMany)).field(), u"limit"_s);

        // What only the server knows: a family with no kinds.
        ListEventsParams unknownKind;
        unknownKind.kinds = {u"nothing.*"_s};
        const auto server = failure(m_client.call<ListEventsJob>(m_sandbox, unknownKind));
        QCOMPARE(server.httpStatus(), 400);
        QCOMPARE(server.field(), u"kind"_s);
        QVERIFY(!server.isUnsupportedEndpoint());
    }

    void execsListedAndFetched()
    {
        auto *list = m_client.call<ListExecsJob>(m_sandbox);
        QVERIFY(runToEnd(list));
        const auto execs = list->execs();
        QCOMPARE(execs.size(), ExecCount);
        QVERIFY(!list->hasMore());
        // Newest first.
        QCOMPARE(execs.first().command, u"echo run 5"_s);
        QCOMPARE(execs.last().command, u"echo run 0"_s);
        for (const auto &record : execs) {
            QCOMPARE(record.sandboxId, m_sandbox);
            QCOMPARE(record.mode, u"buffered"_s);
            QCOMPARE(record.cwd, u"/workspace"_s);
            QVERIFY(record.startedAt.isValid());
            QVERIFY(record.finishedAt >= record.startedAt);
            QVERIFY(record.durationMs.has_value());
            QCOMPARE(record.actor.tokenPrefix, m_server.token().left(8));
            QCOMPARE(record.retainedFrom, ExecRecord::RetainedFrom {});
            QCOMPARE(record.stderrBytes, 0);
        }
        const auto &failed = execs.at(2);
        QCOMPARE(failed.command, u"echo failing; exit 3"_s);
        QCOMPARE(failed.status, ExecRecord::Status::Exited);
        QCOMPARE(failed.exitCode, std::optional<int>(3));
        QCOMPARE(failed.signal, std::nullopt);
        QCOMPARE(failed.stdoutBytes, 8);
        QVERIFY(failed.isFailure());

        auto *get = m_client.call<GetExecJob>(m_sandbox, failed.execId);
        QVERIFY(runToEnd(get));
        QCOMPARE(get->record(), failed);

        // Paged with before, newest first, without overlap.
        ListExecsParams params;
        params.limit = 4;
        auto *first = m_client.call<ListExecsJob>(m_sandbox, params);
        QVERIFY(runToEnd(first));
        QCOMPARE(first->execs(), execs.mid(0, 4));
        QVERIFY(first->hasMore());
        params.before = first->execs().last().execId;
        auto *second = m_client.call<ListExecsJob>(m_sandbox, params);
        QVERIFY(runToEnd(second));
        QCOMPARE(second->execs(), execs.mid(4));
        QVERIFY(!second->hasMore());

        // Filtered by status.
        ListExecsParams running;
        running.statuses = {u"running"_s, u"timeout"_s};
        auto *none = m_client.call<ListExecsJob>(m_sandbox, running);
        QVERIFY(runToEnd(none));
        QVERIFY(none->execs().isEmpty());
        ListExecsParams exited;
        exited.statuses = {u"exited"_s};
        auto *all = m_client.call<ListExecsJob>(m_sandbox, exited);
        QVERIFY(runToEnd(all));
        QCOMPARE(all->execs(), execs);
    }

    // Last: a 404 is journaled as request.failed, which changes the journal's size.
    void notFoundErrorsAreTold()
    {
        const auto exec = failure(m_client.call<GetExecJob>(m_sandbox, UnknownExec));
        QCOMPARE(exec.httpStatus(), 404);
        QCOMPARE(exec.type(), u"exec_not_found"_s);
        QCOMPARE(exec.kind(), ApiError::Kind::Orkestr); // OrkestrError, as the contract says
        QVERIFY(!exec.is(ApiError::Kind::SandboxNotFound));
        QCOMPARE(exec.execId(), UnknownExec);
        QVERIFY(!exec.isUnsupportedEndpoint());

        const auto attach = failure(m_client.call<AttachExecJob>(m_sandbox, UnknownExec));
        QCOMPARE(attach.type(), u"exec_not_found"_s);
        QCOMPARE(attach.execId(), UnknownExec);
        QVERIFY(!attach.isUnsupportedEndpoint());

        const auto sandbox = failure(m_client.call<ListEventsJob>(UnknownSandbox));
        QCOMPARE(sandbox.kind(), ApiError::Kind::SandboxNotFound);
        QVERIFY(!sandbox.isUnsupportedEndpoint());
        QCOMPARE(failure(m_client.call<ListExecsJob>(UnknownSandbox)).kind(),
                 ApiError::Kind::SandboxNotFound);

        // The failed request is in the journal, with its request id.
        ListEventsParams failures;
        failures.kinds = {u"request.failed"_s};
        auto *journal = m_client.call<ListEventsJob>(m_sandbox, failures);
        QVERIFY(runToEnd(journal));
        const auto events = journal->events();
        const auto it = std::find_if(events.cbegin(), events.cend(), [&](const ActivityEvent &event) {
            return event.requestId() == exec.requestId();
        });
        QVERIFY(it != events.cend());
        QCOMPARE(it->errorType(), u"exec_not_found"_s);
        QCOMPARE(it->httpStatus(), std::optional<int>(404));
        QCOMPARE(it->path(), u"/v1/sandboxes/%1/execs/%2"_s.arg(m_sandbox, UnknownExec));
    }

    void missingEndpointIsUnsupported()
    {
        // The real server, a route it does not have.
        const auto job = failure(m_client.call<MissingEndpointJob>(m_sandbox));
        QCOMPARE(job.httpStatus(), 404);
        QVERIFY(job.isUnsupportedEndpoint());
        QVERIFY(!job.is(ApiError::Kind::SandboxNotFound));

        // An older server, as the fault server plays it: every kind of 404 body.
        FaultServer older;
        QVERIFY(older.listen());
        Client client;
        client.setBaseUrl(older.url());
        client.setToken(u"ork_test"_s);
        older.enqueue(FaultResponse::error(404, u"invalid_request"_s)); // orkestr-local's "No such endpoint"
        older.enqueue(FaultResponse::raw("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nNot Found"));
        older.enqueue(FaultResponse::error(404, u"sandbox_not_found"_s));
        older.enqueue(FaultResponse::error(404, u"exec_not_found"_s, {{u"exec_id"_s, UnknownExec}}));
        QVERIFY(failure(client.call<ListEventsJob>(m_sandbox)).isUnsupportedEndpoint());
        QVERIFY(failure(client.call<ListExecsJob>(m_sandbox)).isUnsupportedEndpoint());
        QVERIFY(!failure(client.call<ListEventsJob>(m_sandbox)).isUnsupportedEndpoint());
        QVERIFY(!failure(client.call<GetExecJob>(m_sandbox, UnknownExec)).isUnsupportedEndpoint());
        QCOMPARE(older.requests.size(), 4);
        QCOMPARE(older.requests.at(0).path(), u"/v1/sandboxes/%1/events"_s.arg(m_sandbox));
        QCOMPARE(older.requests.at(3).path(), u"/v1/sandboxes/%1/execs/%2"_s.arg(m_sandbox, UnknownExec));
    }
};

QTEST_GUILESS_MAIN(TestActivityJobs)
#include "tst_activityjobs.moc"
