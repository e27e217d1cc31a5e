// An exec's output as the Activity view keeps it: attached to a real orkestr-local's exec while it
// runs and after it ended, stdout and stderr in the order written with their ANSI colours, how it
// ended (exit code, timeout), gaps (the server's and a jump in offsets), the memory bound, and the
// errors a view must tell apart (unknown exec, older server).

#include "core/activityjobs.h"
#include "core/execstreamjob.h"
#include "eventwait.h"
#include "faultserver.h"
#include "session/execoutput.h"
#include "sessiontesting.h"
#include "testserver.h"

using namespace Qt::StringLiterals;
using OrkestrSession::AnsiColor;
using OrkestrSession::ExecOutput;
using OrkestrTest::waitUntil;
using Piece = OrkestrSession::ExecOutput::Piece;

class TestExecOutput : public QObject
{
    Q_OBJECT
private:
    // The id of the newest exec of the sandbox.
    QString newestExec()
    {
        Orkestr::ListExecsParams params;
        params.limit = 1;
        QString execId;
        SessionTest::finish(m_client.call<Orkestr::ListExecsJob>(m_sandbox, params),
                            [&execId](Orkestr::ListExecsJob *job) {
                                if (!job->execs().isEmpty())
                                    execId = job->execs().first().execId;
                            });
        return execId;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_sandbox = SessionTest::create(&m_client, u"fsn1"_s);
        QVERIFY(!m_sandbox.isEmpty());
    }

    void liveOutputInOrderWithColours()
    {
        auto *exec = m_client.call<Orkestr::ExecStreamJob>(
            m_sandbox,
            u"printf '\\033[31mred\\033[0m\\n'; sleep 1; echo err >&2; sleep 1; echo plain; exit 2"_s);
        QSignalSpy chunks(exec, &Orkestr::ExecStreamJob::chunk);
        QSignalSpy execDone(exec, &Orkestr::Job::finished);
        QVERIFY(chunks.wait(10000));
        const QString execId = newestExec();
        QVERIFY(execId.startsWith(u"exe_"_s));

        ExecOutput output(&m_client, m_sandbox, execId);
        QSignalSpy states(&output, &ExecOutput::stateChanged);
        QSignalSpy appended(&output, &ExecOutput::piecesAppended);
        output.attach();
        QCOMPARE(output.state(), ExecOutput::State::Attaching);
        // The retained output comes while the exec still runs: it is live.
        QVERIFY(waitUntil([&] { return !appended.isEmpty(); }, 10000));
        QVERIFY(execDone.isEmpty());
        QCOMPARE(output.state(), ExecOutput::State::Live);
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Finished; }, 15000));
        QCOMPARE(output.exitCode(), std::optional<int>(2));
        QVERIFY(output.durationMs().value_or(0) >= 2000);
        QVERIFY(!output.endError().isError());
        QCOMPARE(states.size(), 3); // Attaching, Live, Finished

        QCOMPARE(output.plainText(ExecOutput::Streams::Stdout), u"red\nplain\n"_s);
        QCOMPARE(output.plainText(ExecOutput::Streams::Stderr), u"err\n"_s);
        QCOMPARE(output.plainText(), u"red\nerr\nplain\n"_s); // the order written
        QCOMPARE(output.stdoutBytes(), qint64(QByteArray("\x1b[31mred\x1b[0m\nplain\n").size()));
        QCOMPARE(output.stderrBytes(), 4);
        const auto &pieces = output.pieces();
        QCOMPARE(pieces.first().kind, Piece::Kind::Stdout);
        QCOMPARE(pieces.first().offset, 0);
        QVERIFY(pieces.first().text.startsWith(u"\x1b[31m"_s)); // kept as written
        QCOMPARE(pieces.first().runs.first().text, u"red"_s);
        QCOMPARE(pieces.first().runs.first().style.foreground, AnsiColor::indexed(1));
        const auto stderrPiece = std::find_if(pieces.cbegin(), pieces.cend(), [](const Piece &piece) {
            return piece.kind == Piece::Kind::Stderr;
        });
        QVERIFY(stderrPiece != pieces.cend());
        QVERIFY(stderrPiece->runs.first().style.isPlain());

        // Attached again after the end: the same output, at once.
        ExecOutput again(&m_client, m_sandbox, execId);
        again.attach();
        QVERIFY(waitUntil([&] { return again.state() == ExecOutput::State::Finished; }, 10000));
        QCOMPARE(again.plainText(), output.plainText());
        QCOMPARE(again.exitCode(), std::optional<int>(2));
        QVERIFY(execDone.size() == 1 || execDone.wait(10000));
    }

    void timeoutIsAnEndNotAFailure()
    {
        Orkestr::ExecOptions options;
        options.timeoutSeconds = 1;
        QVERIFY(SessionTest::exec(&m_client, m_sandbox, u"echo before; sleep 5"_s, options));
        ExecOutput output(&m_client, m_sandbox, newestExec());
        output.attach();
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Finished; }, 10000));
        QCOMPARE(output.endError().kind(), Orkestr::ApiError::Kind::ExecTimeout);
        QVERIFY(!output.exitCode());
        QCOMPARE(output.plainText(), u"before\n"_s);
        QVERIFY(!output.error().isError());
    }

    void boundedMemoryDropsTheOldest()
    {
        QVERIFY(SessionTest::exec(&m_client, m_sandbox, u"head -c 1000000 /dev/zero | tr '\\0' x"_s));
        ExecOutput output(&m_client, m_sandbox, newestExec());
        output.setMaxBytes(64 * 1024);
        QSignalSpy dropped(&output, &ExecOutput::piecesDropped);
        output.attach();
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Finished; }, 10000));
        QCOMPARE(output.stdoutBytes(), 1000000);
        QVERIFY(!dropped.isEmpty());
        const auto &pieces = output.pieces();
        QCOMPARE(pieces.first().kind, Piece::Kind::Gap);
        QVERIFY(pieces.first().gapStream.isEmpty()); // dropped here, not by the server
        const qint64 kept = output.plainText().size();
        QVERIFY2(kept <= 64 * 1024 + 65536, qPrintable(QString::number(kept))); // at most one chunk over
        QCOMPARE(pieces.first().gapBytes + kept, 1000000);
        QCOMPARE(pieces.last().offset + pieces.last().text.size(), 1000000);
    }

    void unknownExecFailsWithItsRequestId()
    {
        ExecOutput output(&m_client, m_sandbox, u"exe_00000000000000000000000000"_s);
        output.attach();
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Failed; }, 10000));
        QCOMPARE(output.error().type(), u"exec_not_found"_s);
        QVERIFY(output.error().requestId().startsWith(u"req_"_s));
    }

    void gapsAndSplitSequences()
    {
        FaultServer server;
        QVERIFY(server.listen());
        server.enqueue(FaultResponse::sse({
            "event: gap\ndata: {\"stream\":\"stdout\",\"from\":0,\"to\":100}\n\n",
            "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\\u001b[3\",\"offset\":100}\n\n",
            "event: output\ndata: {\"stream\":\"stderr\",\"data\":\"oops\\n\",\"offset\":0}\n\n",
            "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"2mgreen\",\"offset\":104}\n\n",
            // 20 bytes of stdout missing without a gap event: noted all the same
            "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"late\",\"offset\":129}\n\n",
            "event: exit\ndata: {\"exit_code\":0,\"duration_ms\":7}\n\n",
        }));
        Orkestr::Client client;
        client.setBaseUrl(server.url());
        client.setToken(u"ork_test"_s);
        ExecOutput output(&client, u"sbx_1"_s, u"exe_1"_s);
        output.attach();
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Finished; }, 10000));
        QCOMPARE(server.requests.first().path(), u"/v1/sandboxes/sbx_1/execs/exe_1/stream"_s);
        const auto &pieces = output.pieces();
        QCOMPARE(pieces.size(), 6);
        QCOMPARE(pieces[0].kind, Piece::Kind::Gap);
        QCOMPARE(pieces[0].gapStream, u"stdout"_s);
        QCOMPARE(pieces[0].gapBytes, 100);
        QCOMPARE(pieces[1].runs.size(), 1);
        QCOMPARE(pieces[1].runs.first().text, u"a"_s); // the cut sequence waits for its end
        QCOMPARE(pieces[2].kind, Piece::Kind::Stderr);
        QCOMPARE(pieces[3].runs.first().text, u"green"_s);
        QCOMPARE(pieces[3].runs.first().style.foreground, AnsiColor::indexed(2));
        QCOMPARE(pieces[4].kind, Piece::Kind::Gap);
        QCOMPARE(pieces[4].offset, 111);
        QCOMPARE(pieces[4].gapBytes, 18);
        QCOMPARE(pieces[5].text, u"late"_s);
        QCOMPARE(output.exitCode(), std::optional<int>(0));
    }

    void olderServerIsUnsupported()
    {
        FaultServer older;
        QVERIFY(older.listen());
        older.enqueue(FaultResponse::error(404, u"invalid_request"_s));
        Orkestr::Client client;
        client.setBaseUrl(older.url());
        client.setToken(u"ork_test"_s);
        ExecOutput output(&client, u"sbx_1"_s, u"exe_1"_s);
        output.attach();
        QVERIFY(waitUntil([&] { return output.state() == ExecOutput::State::Unsupported; }, 10000));
        QVERIFY(output.error().isUnsupportedEndpoint());
    }

private:
    TestServer m_server;
    Orkestr::Client m_client;
    QString m_sandbox;
};

QTEST_GUILESS_MAIN(TestExecOutput)
#include "tst_execoutput.moc"
