// PtySession (the interactive terminal's WebSocket) against a real orkestr-local: bytes both ways,
// resize reaching `stty size`, signals, the exit frame, ten sessions at once, a pause with a session
// open, and the errors before the upgrade (mapped and explained); with a scripted server, the
// request itself and a server without the endpoint.

#include "core/client.h"
#include "core/ptysession.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "jobtesting.h"
#include "testserver.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace Orkestr;
using OrkestrTest::waitUntil;

namespace {
// A session and everything it reported.
struct Probe
{
    std::unique_ptr<PtySession> pty;
    QByteArray screen;
    std::optional<PtyExit> exit;
    ApiError error;
    bool opened = false;
    bool closed = false;
    int closedCount = 0;

    Probe(Client *client, const QString &sandboxId)
        : pty(std::make_unique<PtySession>(client, sandboxId))
    {
        QObject::connect(pty.get(), &PtySession::opened, pty.get(), [this] { opened = true; });
        QObject::connect(pty.get(), &PtySession::output, pty.get(),
                         [this](const QByteArray &b) { screen += b; });
        QObject::connect(pty.get(), &PtySession::exited, pty.get(), [this](const PtyExit &e) { exit = e; });
        QObject::connect(pty.get(), &PtySession::failed, pty.get(), [this](const ApiError &e) { error = e; });
        QObject::connect(pty.get(), &PtySession::closed, pty.get(), [this] {
            closed = true;
            ++closedCount;
        });
    }
    bool waitFor(const QByteArray &text, int timeoutMs = 15000)
    {
        return waitUntil([&] { return screen.contains(text); }, timeoutMs);
    }
    bool waitClosed(int timeoutMs = 15000)
    {
        return waitUntil([&] { return closed; }, timeoutMs);
    }
    QString describe() const
    {
        return u"state %1, error %2, screen: %3"_s.arg(int(pty->state()))
            .arg(error.displayText(), QString::fromUtf8(screen.right(600)));
    }
};
} // namespace

class TestPtySession : public QObject
{
    Q_OBJECT

    TestServer m_server;
    Client m_client;
    QString m_id;

    QString createSandbox()
    {
        CreateSandboxParams params;
        params.templateName = u"ubuntu-24.04"_s;
        auto *job = new CreateSandboxJob(params);
        m_client.run(job);
        if (!runToEnd(job, 20000)) {
            qWarning() << "create failed:" << job->error().displayText();
            return {};
        }
        return job->sandbox().id;
    }

    // Opens a session on the test's sandbox; false (with a warning) when it does not open.
    static bool openAndWait(Probe &probe, const PtyOptions &options = {})
    {
        probe.pty->open(options);
        if (!waitUntil([&] { return probe.opened || probe.closed; }, 15000) || !probe.opened) {
            qWarning().noquote() << "did not open:" << probe.describe();
            return false;
        }
        return true;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_server.start());
        m_client.setBaseUrl(m_server.url());
        m_client.setToken(m_server.token());
        m_id = createSandbox();
        QVERIFY(!m_id.isEmpty());
    }

    void framesParse()
    {
        using Type = PtyServerFrame::Type;
        auto exit
            = parsePtyServerFrame(R"({"type": "exit", "exit_code": 0, "signal": null, "duration_ms": 5123})");
        QCOMPARE(exit.type, Type::Exit);
        QCOMPARE(exit.exit, (PtyExit {0, std::nullopt, 5123}));
        exit = parsePtyServerFrame(R"({"type": "exit", "exit_code": null, "signal": 9, "duration_ms": 12})");
        QCOMPARE(exit.type, Type::Exit);
        QCOMPARE(exit.exit, (PtyExit {-1, 9, 12}));
        QCOMPARE(parsePtyServerFrame(R"({"type": "hello", "x": 1})").type, Type::Unknown);
        for (const char *bad : {"", "[]", "{", R"({"type": 3})", R"({"type": "exit"})",
                                R"({"type": "exit", "exit_code": 1.5, "signal": null})",
                                R"({"type": "exit", "exit_code": 0, "signal": "KILL"})",
                                R"({"type": "exit", "exit_code": null, "signal": null})"})
            QVERIFY2(parsePtyServerFrame(bad).type == Type::Invalid, bad);
        QCOMPARE(ptyResizeFrame(120, 40), R"({"cols":120,"rows":40,"type":"resize"})"_ba);
        QCOMPARE(ptySignalFrame(2), R"({"signal":2,"type":"signal"})"_ba);
    }

    void bytesBothWaysAndTheExitFrame()
    {
        Probe probe(&m_client, m_id);
        QSignalSpy logged(&m_client, &Client::requestLogged);
        QVERIFY(openAndWait(probe));
        QCOMPARE(probe.pty->state(), PtySession::State::Open);
        QVERIFY(!logged.isEmpty());
        const auto entry = logged.last().first().value<RequestLogEntry>();
        QCOMPARE(entry.httpStatus, 101);
        QCOMPARE(entry.path, u"/v1/sandboxes/%1/pty"_s.arg(m_id));
        // The echo of the line itself never contains the result.
        probe.pty->write("echo $((6*7)) $TERM\r");
        QVERIFY2(probe.waitFor("42 xterm-256color"), qPrintable(probe.describe()));
        probe.pty->write("exit 3\r");
        QVERIFY2(probe.waitClosed(), qPrintable(probe.describe()));
        QVERIFY2(probe.exit.has_value(), qPrintable(probe.describe()));
        QCOMPARE(probe.exit->exitCode, 3);
        QVERIFY(!probe.exit->signal);
        QVERIFY(probe.exit->durationMs > 0);
        QVERIFY(!probe.error.isError());
        QCOMPARE(probe.pty->state(), PtySession::State::Closed);
        QTest::qWait(100);
        QCOMPARE(probe.closedCount, 1);
    }

    void optionsChooseTheCommandAndDirectory()
    {
        Probe probe(&m_client, m_id);
        PtyOptions options;
        options.cwd = u"/tmp"_s;
        options.command = u"pwd"_s;
        probe.pty->open(options);
        QVERIFY2(probe.waitClosed(), qPrintable(probe.describe()));
        QVERIFY2(probe.screen.contains("/tmp"), qPrintable(probe.describe()));
        QVERIFY(probe.exit.has_value());
        QCOMPARE(probe.exit->exitCode, 0);
    }

    void typedWhileConnectingIsSentOnceOpen()
    {
        Probe probe(&m_client, m_id);
        probe.pty->open();
        probe.pty->write("echo early-$((2+3))\r");
        QVERIFY2(probe.waitFor("early-5"), qPrintable(probe.describe()));
    }

    void resizeReachesSttySize()
    {
        Probe probe(&m_client, m_id);
        PtyOptions options;
        options.cols = 100;
        options.rows = 30;
        QVERIFY(openAndWait(probe, options));
        probe.pty->write("stty size\r");
        QVERIFY2(probe.waitFor("30 100"), qPrintable(probe.describe()));
        probe.pty->resize(132, 43);
        QCOMPARE(probe.pty->size(), QSize(132, 43));
        probe.pty->write("stty size\r");
        QVERIFY2(probe.waitFor("43 132"), qPrintable(probe.describe()));
        probe.pty->close();
        QVERIFY(probe.waitClosed());
        QVERIFY(!probe.error.isError());
    }

    void signalsStopTheForegroundProgram()
    {
        Probe probe(&m_client, m_id);
        QVERIFY(openAndWait(probe));
        QElapsedTimer clock;
        clock.start();
        // A signal frame...
        probe.pty->write("sleep 60; echo slept-$((1+1))\r");
        QTest::qWait(500);
        probe.pty->sendSignal(2);
        probe.pty->write("echo after-$((3+4))\r");
        QVERIFY2(probe.waitFor("after-7"), qPrintable(probe.describe()));
        // ...and Ctrl+C as a byte, through the pty's line discipline.
        probe.pty->write("sleep 60; echo slept-$((1+1))\r");
        QTest::qWait(500);
        probe.pty->write("\x03");
        probe.pty->write("echo again-$((4+4))\r");
        QVERIFY2(probe.waitFor("again-8"), qPrintable(probe.describe()));
        QVERIFY(clock.elapsed() < 30000);
        QVERIFY(!probe.screen.contains("slept-2"));
        QCOMPARE(probe.pty->state(), PtySession::State::Open);
    }

    void killingTheShellEndsWithAnExitFrame()
    {
        Probe probe(&m_client, m_id);
        QVERIFY(openAndWait(probe));
        probe.pty->write("kill -9 $$\r");
        QVERIFY2(probe.waitClosed(), qPrintable(probe.describe()));
        QVERIFY2(probe.exit.has_value(), qPrintable(probe.describe()));
        QCOMPARE(probe.exit->signal, std::optional<int>(9));
        QVERIFY(!probe.error.isError());
    }

    void tenSessionsAtOnce()
    {
        std::vector<std::unique_ptr<Probe>> probes;
        for (int i = 0; i < 10; ++i) {
            probes.push_back(std::make_unique<Probe>(&m_client, m_id));
            probes.back()->pty->open();
        }
        for (int i = 0; i < 10; ++i)
            probes[i]->pty->write("echo session-$((" + QByteArray::number(i) + "*1000+7))-$$\r");
        for (int i = 0; i < 10; ++i) {
            const QByteArray marker = "session-" + QByteArray::number(i * 1000 + 7) + '-';
            QVERIFY2(probes[i]->waitFor(marker), qPrintable(probes[i]->describe()));
            // Each session's output is its own.
            for (int j = 0; j < 10; ++j) {
                if (j != i)
                    QVERIFY(!probes[i]->screen.contains("session-" + QByteArray::number(j * 1000 + 7) + '-'));
            }
        }
        for (auto &probe : probes)
            probe->pty->write("exit\r");
        for (auto &probe : probes) {
            QVERIFY2(probe->waitClosed(), qPrintable(probe->describe()));
            QVERIFY(probe->exit.has_value());
        }
    }

    void pauseFreezesAndResumeContinues()
    {
        Probe probe(&m_client, m_id);
        QVERIFY(openAndWait(probe));
        probe.pty->write("echo before-$((5*5))\r");
        QVERIFY(probe.waitFor("before-25"));
        QVERIFY(runToEnd(m_client.call<PauseSandboxJob>(m_id), 30000));
        probe.pty->write("echo during-$((6*6))\r");
        QTest::qWait(1000);
        QVERIFY2(!probe.screen.contains("during-36"), qPrintable(probe.describe()));
        QCOMPARE(probe.pty->state(), PtySession::State::Open);

        // A new session on the paused sandbox is refused before the upgrade, and says why.
        Probe refused(&m_client, m_id);
        refused.pty->open();
        QVERIFY(refused.waitClosed());
        QCOMPARE(refused.error.kind(), ApiError::Kind::SandboxNotReady);
        QCOMPARE(refused.error.httpStatus(), 409);
        QCOMPARE(refused.error.sandboxStatus(), u"paused"_s);

        QVERIFY(runToEnd(m_client.call<ResumeSandboxJob>(m_id), 30000));
        QVERIFY2(probe.waitFor("during-36"), qPrintable(probe.describe()));
        probe.pty->write("echo after-$((7*7))\r");
        QVERIFY2(probe.waitFor("after-49"), qPrintable(probe.describe()));
    }

    void terminatingTheSandboxEndsItsSessions()
    {
        const QString id = createSandbox();
        QVERIFY(!id.isEmpty());
        Probe probe(&m_client, id);
        QVERIFY(openAndWait(probe));
        QVERIFY(runToEnd(m_client.call<TerminateSandboxJob>(id), 30000));
        QVERIFY2(probe.waitClosed(), qPrintable(probe.describe()));
        QVERIFY2(probe.exit.has_value(), qPrintable(probe.describe()));
    }

    void errorsBeforeTheUpgrade()
    {
        Probe missing(&m_client, u"sbx_doesnotexist"_s);
        missing.pty->open();
        QVERIFY(missing.waitClosed());
        QCOMPARE(missing.error.kind(), ApiError::Kind::SandboxNotFound);
        QVERIFY(!missing.error.isUnsupportedEndpoint());
        QVERIFY(!missing.opened);

        // A read-only token may not open a terminal.
        QProcess tool;
        tool.start(QStringLiteral(ORKESTR_LOCAL_PROGRAM),
                   {u"token"_s, u"create"_s, u"--read-only"_s, u"--name"_s, u"reader"_s, u"--data-dir"_s,
                    m_server.dataDir.path()});
        QVERIFY(tool.waitForFinished(10000));
        const QString readOnly = QString::fromUtf8(tool.readAllStandardOutput().trimmed());
        QVERIFY(readOnly.startsWith(u"ork_"_s));
        Probe reader(&m_client, m_id);
        reader.pty->setToken(readOnly);
        reader.pty->open();
        QVERIFY(reader.waitClosed());
        QCOMPARE(reader.error.kind(), ApiError::Kind::Auth);
        QCOMPARE(reader.error.httpStatus(), 403);
        QVERIFY(!reader.error.displayText().contains(readOnly));

        Probe wrongToken(&m_client, m_id);
        wrongToken.pty->setToken(u"ork_0000000000000000000000000000000000000000"_s);
        wrongToken.pty->open();
        QVERIFY(wrongToken.waitClosed());
        QCOMPARE(wrongToken.error.kind(), ApiError::Kind::Auth);
        QVERIFY(!wrongToken.error.displayText().contains(u"ork_0000"_s));
    }

    void theUpgradeRequestCarriesTokenAndSize()
    {
        FaultServer fake;
        QVERIFY(fake.listen());
        Client client;
        client.setBaseUrl(fake.url());
        client.setToken(u"ork_faketoken"_s);
        // A server without the extension: the pty path is unknown, to the upgrade and to the plain
        // GET that asks why.
        fake.enqueue(FaultResponse::error(404, u"invalid_request"_s));
        fake.enqueue(FaultResponse::error(404, u"invalid_request"_s));
        Probe probe(&client, u"sbx_1"_s);
        PtyOptions options;
        options.cols = 91;
        options.rows = 17;
        options.cwd = u"/workspace/a b"_s;
        probe.pty->open(options);
        QVERIFY(probe.waitClosed());
        QVERIFY2(probe.error.isUnsupportedEndpoint(), qPrintable(probe.error.displayText()));
        QCOMPARE(fake.requests.size(), 2);
        const RecordedRequest &upgrade = fake.requests.first();
        QCOMPARE(upgrade.method, "GET"_ba);
        QCOMPARE(upgrade.path(), u"/v1/sandboxes/sbx_1/pty"_s);
        QCOMPARE(upgrade.header("authorization"), "Bearer ork_faketoken"_ba);
        QCOMPARE(upgrade.header("upgrade").toLower(), "websocket"_ba);
        QCOMPARE(upgrade.query().queryItemValue(u"cols"_s), u"91"_s);
        QCOMPARE(upgrade.query().queryItemValue(u"rows"_s), u"17"_s);
        QCOMPARE(upgrade.query().queryItemValue(u"cwd"_s, QUrl::FullyDecoded), u"/workspace/a b"_s);
        const RecordedRequest &plain = fake.requests.at(1);
        QCOMPARE(plain.path(), u"/v1/sandboxes/sbx_1/pty"_s);
        QCOMPARE(plain.query().queryItemValue(u"cwd"_s, QUrl::FullyDecoded), u"/workspace/a b"_s);
        QVERIFY(plain.header("upgrade").isEmpty());
        QCOMPARE(plain.header("authorization"), "Bearer ork_faketoken"_ba);

        // A server whose plain GET says nothing more (an old one, or all checks passing) gets the
        // 404 explained by the sandbox: running, so the endpoint is missing.
        fake.requests.clear();
        fake.enqueue(FaultResponse::error(404, u"invalid_request"_s));
        fake.enqueue(FaultResponse::error(400, u"invalid_request"_s));
        fake.enqueue(
            FaultResponse::json(200, QJsonObject {{u"id"_s, u"sbx_1"_s}, {u"status"_s, u"running"_s}}));
        Probe old(&client, u"sbx_1"_s);
        old.pty->open();
        QVERIFY(old.waitClosed());
        QVERIFY2(old.error.isUnsupportedEndpoint(), qPrintable(old.error.displayText()));
        QCOMPARE(fake.requests.size(), 3);
        QCOMPARE(fake.requests.at(2).path(), u"/v1/sandboxes/sbx_1"_s);

        // 403 is explained by the plain GET; 429 and 5xx map to their kinds without another request.
        const std::tuple<int, ApiError::Kind, int> statuses[] = {{403, ApiError::Kind::Auth, 2},
                                                                 {429, ApiError::Kind::RateLimit, 1},
                                                                 {500, ApiError::Kind::Orkestr, 1}};
        for (const auto &[status, kind, requests] : statuses) {
            fake.requests.clear();
            for (int i = 0; i < requests; ++i)
                fake.enqueue(FaultResponse::error(status, u"whatever"_s));
            Probe mapped(&client, u"sbx_1"_s);
            mapped.pty->open();
            QVERIFY(mapped.waitClosed());
            QVERIFY2(mapped.error.kind() == kind,
                     qPrintable(u"%1: %2"_s.arg(status).arg(mapped.error.displayText())));
            QCOMPARE(mapped.error.httpStatus(), status);
            QCOMPARE(fake.requests.size(), requests);
            // The plain GET's answer carries the server's request id.
            QCOMPARE(mapped.error.requestId().isEmpty(), requests == 1);
        }
    }

    void transportRules()
    {
        Client remote;
        remote.setBaseUrl(QUrl(u"http://orkestr.example"_s));
        remote.setToken(u"ork_x"_s);
        Probe insecure(&remote, u"sbx_1"_s);
        insecure.pty->open();
        QVERIFY(insecure.closed); // refused at once, without traffic
        QCOMPARE(insecure.error.type(), u"insecure_transport"_s);

        Client tokenless;
        tokenless.setBaseUrl(m_server.url());
        Probe anonymous(&tokenless, m_id);
        anonymous.pty->open();
        QVERIFY(anonymous.closed);
        QCOMPARE(anonymous.error.kind(), ApiError::Kind::Auth);

        // Closing while connecting ends the session as cancelled, once.
        Probe early(&m_client, m_id);
        early.pty->open();
        early.pty->close();
        QVERIFY(early.closed);
        QCOMPARE(early.error.kind(), ApiError::Kind::Cancelled);
        QTest::qWait(200);
        QCOMPARE(early.closedCount, 1);
    }
};

QTEST_MAIN(TestPtySession)
#include "tst_ptysession.moc"
