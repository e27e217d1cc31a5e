// Attaching to an exec (core/attachexecjob.h) on a real orkestr-local: a finished exec's whole
// output in order, a running one's live output, from=live, the exec's own end (exit or error),
// and a detach that leaves the process alone; gaps and cut streams from the fault server.

#include "core/activityjobs.h"
#include "core/attachexecjob.h"
#include "core/client.h"
#include "core/execstreamjob.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "jobtesting.h"
#include "testserver.h"

#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
// What an output job delivered, in order, read from its signals (the job deletes itself).
struct Received
{
    QList<ExecChunk> chunks;
    QList<OutputGap> gaps;
    bool finished = false;
    Job::Status status = Job::Status::NotStarted;
    ApiError error;
    int exitCode = -1;
    QString stdoutText;
    QString stderrText;

    void watch(ExecOutputJob *job)
    {
        QObject::connect(job, &ExecOutputJob::chunk, job,
                         [this](const ExecChunk &chunk) { chunks.append(chunk); });
        if (auto *attach = qobject_cast<AttachExecJob *>(job))
            QObject::connect(attach, &AttachExecJob::gap, job,
                             [this](const OutputGap &gap) { gaps.append(gap); });
        QObject::connect(job, &Job::finished, job, [this, job] {
            finished = true;
            status = job->status();
            error = job->error();
            exitCode = job->exitCode();
            stdoutText = job->stdoutText();
            stderrText = job->stderrText();
        });
    }
    bool waitFinished(int timeoutMs = 30000)
    {
        return OrkestrTest::waitUntil([this] { return finished; }, timeoutMs);
    }
    // The output chunks' (stream, line) pairs in the order they came.
    QStringList lines() const
    {
        QStringList result;
        QHash<QString, QString> partial;
        for (const auto &chunk : chunks) {
            if (chunk.isFinal())
                continue;
            QString &text = partial[chunk.stream];
            text += chunk.data;
            qsizetype end;
            while ((end = text.indexOf(u'\n')) >= 0) {
                result.append(chunk.stream + u':' + text.left(end));
                text.remove(0, end + 1);
            }
        }
        return result;
    }
    // Every chunk starts where the previous one of its stream ended.
    bool offsetsContiguous(qint64 stdoutStart = 0) const
    {
        QHash<QString, qint64> next {{u"stdout"_s, stdoutStart}, {u"stderr"_s, 0}};
        for (const auto &chunk : chunks) {
            if (chunk.isFinal())
                continue;
            if (chunk.offset != next.value(chunk.stream))
                return false;
            next[chunk.stream] += chunk.data.toUtf8().size();
        }
        return true;
    }
};

// A command that writes one line to each stream in turn, with pauses that fix the order.
const QString Interleaved
    = u"for i in 1 2 3 4; do echo out$i; sleep 0.05; echo err$i >&2; sleep 0.05; done; exit 4"_s;
} // namespace

class TestAttachExecJob : public QObject
{
    Q_OBJECT
private:
    TestServer m_server;
    Client m_client;
    QString m_sandbox;

    // The newest exec of the sandbox with the given status ("" for any).
    QString newestExec(const QString &status = {})
    {
        ListExecsParams params;
        if (!status.isEmpty())
            params.statuses = {status};
        params.limit = 1;
        auto *job = m_client.call<ListExecsJob>(m_sandbox, params);
        if (!runToEnd(job) || job->execs().isEmpty())
            return {};
        return job->execs().first().execId;
    }

    // Starts a streamed exec and waits until its first output arrived.
    ExecStreamJob *startRunning(const QString &command, Received *received)
    {
        auto *job = m_client.call<ExecStreamJob>(m_sandbox, command);
        received->watch(job);
        if (!OrkestrTest::waitUntil([&] { return !received->chunks.isEmpty(); }, 30000))
            return nullptr;
        return job;
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
    }

    void cleanupTestCase()
    {
        if (!m_sandbox.isEmpty())
            runToEnd(m_client.call<TerminateSandboxJob>(m_sandbox));
    }

    void finishedExecReplaysEverythingInOrder()
    {
        Received original;
        original.watch(m_client.call<ExecStreamJob>(m_sandbox, Interleaved));
        QVERIFY(original.waitFinished());
        QCOMPARE(original.exitCode, 4);
        const QString execId = newestExec();
        QVERIFY(!execId.isEmpty());

        Received attached;
        attached.watch(m_client.call<AttachExecJob>(m_sandbox, execId));
        QVERIFY(attached.waitFinished());
        QCOMPARE(attached.status, Job::Status::Succeeded);
        QCOMPARE(attached.exitCode, 4);
        QCOMPARE(attached.stdoutText, u"out1\nout2\nout3\nout4\n"_s);
        QCOMPARE(attached.stderrText, u"err1\nerr2\nerr3\nerr4\n"_s);
        // In the order the process wrote them across both streams, as the exec stream had it.
        const QStringList expected = {u"stdout:out1"_s, u"stderr:err1"_s, u"stdout:out2"_s, u"stderr:err2"_s,
                                      u"stdout:out3"_s, u"stderr:err3"_s, u"stdout:out4"_s, u"stderr:err4"_s};
        QCOMPARE(attached.lines(), expected);
        QCOMPARE(original.lines(), expected);
        QVERIFY(attached.offsetsContiguous());
        QVERIFY(attached.gaps.isEmpty());
        // The final chunk comes last, once, with the exec's duration.
        QVERIFY(attached.chunks.constLast().isFinal());
        QCOMPARE(std::count_if(attached.chunks.cbegin(), attached.chunks.cend(),
                               [](const ExecChunk &chunk) { return chunk.isFinal(); }),
                 1);
        QVERIFY(attached.chunks.constLast().durationMs.value_or(0) >= 300);

        // from=live on a finished exec: the end alone.
        Received live;
        live.watch(m_client.call<AttachExecJob>(m_sandbox, execId, AttachExecJob::From::Live));
        QVERIFY(live.waitFinished());
        QCOMPARE(live.status, Job::Status::Succeeded);
        QCOMPARE(live.exitCode, 4);
        QCOMPARE(live.chunks.size(), 1);
        QVERIFY(live.stdoutText.isEmpty());
    }

    void runningExecStreamsLive()
    {
        Received original;
        const QString command = u"for i in $(seq 1 15); do echo line$i; sleep 0.1; done"_s;
        auto *exec = startRunning(command, &original);
        QVERIFY(exec);
        const QString execId = newestExec(u"running"_s);
        QVERIFY(!execId.isEmpty());

        Received attached;
        attached.watch(m_client.call<AttachExecJob>(m_sandbox, execId));
        // Output arrives while the command still runs.
        QVERIFY(OrkestrTest::waitUntil([&] { return attached.chunks.size() >= 2; }, 10000));
        QVERIFY(!original.finished);
        QVERIFY(attached.waitFinished());
        QVERIFY(original.waitFinished());
        QCOMPARE(attached.status, Job::Status::Succeeded);
        QCOMPARE(attached.exitCode, 0);
        QString all;
        for (int i = 1; i <= 15; ++i)
            all += u"line%1\n"_s.arg(i);
        QCOMPARE(original.stdoutText, all);
        QCOMPARE(attached.stdoutText, all); // the retained start, then live, without loss or repeats
        QVERIFY(attached.offsetsContiguous());
    }

    void fromLiveSkipsWhatCameBefore()
    {
        Received original;
        auto *exec = startRunning(u"for i in $(seq 1 12); do echo line$i; sleep 0.1; done"_s, &original);
        QVERIFY(exec);
        QVERIFY(OrkestrTest::waitUntil([&] { return original.lines().size() >= 3; }, 10000));
        const QString execId = newestExec(u"running"_s);
        QVERIFY(!execId.isEmpty());

        Received live;
        live.watch(m_client.call<AttachExecJob>(m_sandbox, execId, AttachExecJob::From::Live));
        QVERIFY(live.waitFinished());
        QVERIFY(original.waitFinished());
        QCOMPARE(live.status, Job::Status::Succeeded);
        QCOMPARE(live.exitCode, 0);
        QVERIFY(!live.stdoutText.isEmpty());
        QVERIFY2(original.stdoutText.endsWith(live.stdoutText), qPrintable(live.stdoutText));
        QVERIFY(!live.stdoutText.startsWith(u"line1\n"_s));
        const auto firstOutput = live.chunks.constFirst();
        QVERIFY(!firstOutput.isFinal());
        QVERIFY(firstOutput.offset >= 18); // at least "line1\nline2\nline3\n" came before
        QVERIFY(live.offsetsContiguous(firstOutput.offset));
        QVERIFY(live.stdoutText.endsWith(u"line12\n"_s));
    }

    void detachingLeavesTheProcessAlone()
    {
        Received original;
        auto *exec = startRunning(u"for i in $(seq 1 8); do echo tick$i; sleep 0.1; done"_s, &original);
        QVERIFY(exec);
        const QString execId = newestExec(u"running"_s);
        Received attached;
        auto *attach = m_client.call<AttachExecJob>(m_sandbox, execId);
        attached.watch(attach);
        QVERIFY(OrkestrTest::waitUntil([&] { return !attached.chunks.isEmpty(); }, 10000));
        attach->abort();
        QCOMPARE(attached.status, Job::Status::Cancelled);
        QVERIFY(original.waitFinished());
        QCOMPARE(original.status, Job::Status::Succeeded);
        QCOMPARE(original.exitCode, 0);
        QVERIFY(original.stdoutText.endsWith(u"tick8\n"_s));

        auto *record = m_client.call<GetExecJob>(m_sandbox, execId);
        QVERIFY(runToEnd(record));
        QCOMPARE(record->record().status, ExecRecord::Status::Exited);
        QCOMPARE(record->record().exitCode, std::optional<int>(0));
    }

    void theExecsOwnErrorEndsTheAttach()
    {
        ExecOptions options;
        options.timeoutSeconds = 1;
        auto *timedOut = m_client.call<ExecJob>(m_sandbox, u"echo before; sleep 5"_s, options);
        QVERIFY(!runToEnd(timedOut, 30000));
        QCOMPARE(timedOut->error().kind(), ApiError::Kind::ExecTimeout);
        const QString execId = newestExec(u"timeout"_s);
        QVERIFY(!execId.isEmpty());

        Received attached;
        attached.watch(m_client.call<AttachExecJob>(m_sandbox, execId));
        QVERIFY(attached.waitFinished());
        QCOMPARE(attached.status, Job::Status::Failed);
        QCOMPARE(attached.error.kind(), ApiError::Kind::ExecTimeout);
        QCOMPARE(attached.stdoutText, u"before\n"_s); // the output came first
    }

    void gapsComeFirst()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_test"_s);
        server.enqueue(FaultResponse::sse({
            "event: gap\ndata: {\"stream\":\"stdout\",\"from\":0,\"to\":1048576}\n\n",
            "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"tail\\n\",\"offset\":1048576}\n\n",
            "event: output\ndata: {\"stream\":\"stderr\",\"data\":\"warn\\n\",\"offset\":0}\n\n",
            "event: exit\ndata: {\"exit_code\":0,\"duration_ms\":5}\n\n",
        }));
        Received attached;
        attached.watch(client.call<AttachExecJob>(u"sbx_1"_s, u"exe_1"_s, AttachExecJob::From::Start));
        QVERIFY(attached.waitFinished());
        QCOMPARE(attached.status, Job::Status::Succeeded);
        QCOMPARE(attached.gaps, (QList<OutputGap> {{u"stdout"_s, 0, 1048576}}));
        QCOMPARE(attached.stdoutText, u"tail\n"_s);
        QCOMPARE(attached.stderrText, u"warn\n"_s);
        QVERIFY(attached.offsetsContiguous(1048576));
        QCOMPARE(server.requests.size(), 1);
        QCOMPARE(server.requests.first().method, QByteArray("GET"));
        QCOMPARE(server.requests.first().path(), u"/v1/sandboxes/sbx_1/execs/exe_1/stream"_s);
        QCOMPARE(server.requests.first().query().queryItemValue(u"from"_s), u"start"_s);
    }

    void aCutStreamIsAConnectionErrorAndNotRetried()
    {
        FaultServer server;
        QVERIFY(server.listen());
        Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_test"_s);
        auto cut = FaultResponse::sse(
            {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\\n\",\"offset\":0}\n\n"});
        cut.end = FaultResponse::End::Reset;
        server.enqueue(cut);
        Received attached;
        attached.watch(client.call<AttachExecJob>(u"sbx_1"_s, u"exe_1"_s, AttachExecJob::From::Live));
        QVERIFY(attached.waitFinished());
        QCOMPARE(attached.status, Job::Status::Failed);
        QCOMPARE(attached.error.kind(), ApiError::Kind::Connection);
        QVERIFY2(attached.error.message().contains(u"Detaching never stops the command"_s),
                 qPrintable(attached.error.message()));
        QCOMPARE(attached.stdoutText, u"a\n"_s);
        QCOMPARE(server.requests.size(), 1); // a repeat would deliver the output twice
        QCOMPARE(server.requests.first().query().queryItemValue(u"from"_s), u"live"_s);
    }
};

QTEST_GUILESS_MAIN(TestAttachExecJob)
#include "tst_attachexecjob.moc"
