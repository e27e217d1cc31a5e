// Every job of the v1 API against the fault server answering exactly as the contract says:
// the request each job sends (method, path, query, headers, body) and the typed result.

#include "core/catalogjobs.h"
#include "core/client.h"
#include "core/execstreamjob.h"
#include "core/filejobs.h"
#include "core/sandboxjobs.h"
#include "faultserver.h"
#include "jobtesting.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryFile>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;

namespace {
const QString Token = u"ork_testTokenForTheFaultServer0000"_s;
const QString Id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;

QJsonObject sandboxJson(const QString &id = Id, const QString &status = u"running"_s)
{
    return {{u"id"_s, id},
            {u"template"_s, u"python-3.12"_s},
            {u"status"_s, status},
            {u"region"_s, u"fsn1"_s},
            {u"cpu"_s, 1.0},
            {u"memory_mb"_s, 2048},
            {u"network"_s, u"off"_s},
            {u"timeout_seconds"_s, 600},
            {u"env_keys"_s, QJsonArray {u"OPENAI_API_KEY"_s}},
            {u"metadata"_s, QJsonObject {{u"agent_run"_s, u"r_42"_s}}},
            {u"created_at"_s, u"2026-11-21T20:32:00.123Z"_s},
            {u"expires_at"_s, u"2026-11-21T20:42:00.123Z"_s},
            {u"paused_at"_s, QJsonValue::Null},
            {u"terminated_at"_s, QJsonValue::Null},
            {u"termination_reason"_s, QJsonValue::Null},
            {u"snapshot"_s, QJsonValue::Null}};
}

QJsonObject bodyOf(const RecordedRequest &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray randomBytes(qsizetype size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    auto *generator = QRandomGenerator::global();
    for (auto &b : bytes)
        b = char(generator->bounded(256));
    return bytes;
}

} // namespace

class TestJobs : public QObject
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
        m_client->setBackoff(std::chrono::milliseconds(10), std::chrono::milliseconds(40));
    }
    void cleanup()
    {
        delete m_client;
        delete m_server;
    }

    void createSendsEveryParameterAndAnIdempotencyKey()
    {
        m_server->enqueue(FaultResponse::json(201, sandboxJson()));
        CreateSandboxParams params;
        params.templateName = u"python-3.12"_s;
        params.cpu = 2.0;
        params.memoryMb = 4096;
        params.network = u"restricted"_s;
        params.timeoutSeconds = 900;
        params.env = {{u"OPENAI_API_KEY"_s, u"sk-secret"_s}};
        params.metadata = {{u"agent_run"_s, u"r_42"_s}};
        params.region = u"fsn1"_s;
        auto *job = m_client->call<CreateSandboxJob>(params);
        const QByteArray key = job->idempotencyKey();
        QVERIFY(job->isIdempotent());
        QVERIFY(runToEnd(job));
        QCOMPARE(job->sandbox().id, Id);
        QCOMPARE(job->sandbox().status, Sandbox::Status::Running);
        QCOMPARE(m_server->requests.size(), 1);
        const auto &request = m_server->requests.first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.path(), u"/v1/sandboxes"_s);
        QVERIFY(key.size() >= 32);
        QCOMPARE(request.header("Idempotency-Key"), key);
        QCOMPARE(request.header("Authorization"), "Bearer " + Token.toUtf8());
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        const auto body = bodyOf(request);
        QCOMPARE(body.value(u"template"_s).toString(), u"python-3.12"_s);
        QCOMPARE(body.value(u"cpu"_s).toDouble(), 2.0);
        QCOMPARE(body.value(u"memory_mb"_s).toInt(), 4096);
        QCOMPARE(body.value(u"network"_s).toString(), u"restricted"_s);
        QCOMPARE(body.value(u"timeout_seconds"_s).toInt(), 900);
        QCOMPARE(body.value(u"env"_s).toObject().value(u"OPENAI_API_KEY"_s).toString(), u"sk-secret"_s);
        QCOMPARE(body.value(u"metadata"_s).toObject().value(u"agent_run"_s).toString(), u"r_42"_s);
        QCOMPARE(body.value(u"region"_s).toString(), u"fsn1"_s);
    }

    void eachCreateJobHasItsOwnKey()
    {
        CreateSandboxParams params;
        params.templateName = u"node-22"_s;
        CreateSandboxJob a(params), b(params);
        QVERIFY(a.idempotencyKey() != b.idempotencyKey());
    }

    void invalidCreateFailsWithoutAnyRequest()
    {
        CreateSandboxParams params;
        params.templateName = u"python-3.12"_s;
        for (int i = 0; i < 17; ++i)
            params.metadata.insert(u"k%1"_s.arg(i), u"v"_s);
        auto *job = m_client->call<CreateSandboxJob>(params);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().type(), u"invalid_request"_s);
        QCOMPARE(job->error().field(), u"metadata"_s);
        QCOMPARE(m_server->requests.size(), 0);
    }

    void lifecycleJobs_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("status");
        QTest::newRow("get") << QByteArray("GET") << u"/v1/sandboxes/"_s + Id << u"running"_s;
        QTest::newRow("terminate") << QByteArray("DELETE") << u"/v1/sandboxes/"_s + Id << u"terminated"_s;
        QTest::newRow("pause") << QByteArray("POST") << u"/v1/sandboxes/"_s + Id + u"/pause"_s << u"paused"_s;
        QTest::newRow("resume") << QByteArray("POST") << u"/v1/sandboxes/"_s + Id + u"/resume"_s
                                << u"running"_s;
    }

    void lifecycleJobs()
    {
        QFETCH(QByteArray, method);
        QFETCH(QString, path);
        QFETCH(QString, status);
        m_server->enqueue(FaultResponse::json(200, sandboxJson(Id, status)));
        SandboxJob *job = nullptr;
        const QString tag = QString::fromLatin1(QTest::currentDataTag());
        if (tag == u"get"_s)
            job = m_client->call<GetSandboxJob>(Id);
        else if (tag == u"terminate"_s)
            job = m_client->call<TerminateSandboxJob>(Id);
        else if (tag == u"pause"_s)
            job = m_client->call<PauseSandboxJob>(Id);
        else
            job = m_client->call<ResumeSandboxJob>(Id);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->sandbox().statusText, status);
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests[0].method, method);
        QCOMPARE(m_server->requests[0].path(), path);
        QVERIFY(job->requestId().startsWith(u"req_"_s));
    }

    void sandboxIdCannotChangeThePath()
    {
        m_server->enqueue(FaultResponse::error(404, u"sandbox_not_found"_s));
        auto *job = m_client->call<GetSandboxJob>(u"../account"_s);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().kind(), ApiError::Kind::SandboxNotFound);
        QCOMPARE(m_server->requests[0].target, QByteArray("/v1/sandboxes/..%2Faccount"));
    }

    void typedErrors_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QJsonObject>("extra");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::newRow("not ready") << 409 << u"sandbox_not_ready"_s
                                   << QJsonObject {{u"status"_s, u"paused"_s}}
                                   << ApiError::Kind::SandboxNotReady;
        QTest::newRow("snapshot cap") << 402 << u"snapshot_cap_reached"_s
                                      << QJsonObject {{u"plan"_s, u"free"_s}, {u"cap"_s, 1}, {u"used"_s, 1}}
                                      << ApiError::Kind::SnapshotCapReached;
        QTest::newRow("forbidden") << 403 << u"forbidden"_s
                                   << QJsonObject {{u"required_scope"_s, u"sandboxes:write"_s}}
                                   << ApiError::Kind::Auth;
    }

    void typedErrors()
    {
        QFETCH(int, status);
        QFETCH(QString, type);
        QFETCH(QJsonObject, extra);
        QFETCH(ApiError::Kind, kind);
        m_server->enqueue(FaultResponse::error(status, type, extra));
        auto *job = m_client->call<PauseSandboxJob>(Id);
        QVERIFY(!runToEnd(job));
        const auto &error = job->error();
        QCOMPARE(error.kind(), kind);
        QCOMPARE(error.httpStatus(), status);
        QVERIFY(error.requestId().startsWith(u"req_body"_s));
        for (auto it = extra.begin(); it != extra.end(); ++it)
            QCOMPARE(error.extra().value(it.key()), it.value());
        if (kind == ApiError::Kind::SnapshotCapReached) {
            QVERIFY(error.is(ApiError::Kind::PlanLimit));
            QCOMPARE(error.cap(), 1);
        }
        if (kind == ApiError::Kind::SandboxNotReady)
            QCOMPARE(error.sandboxStatus(), u"paused"_s);
    }

    void listFollowsEveryPageWithFilters()
    {
        m_server->enqueue(FaultResponse::json(
            200,
            QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson(u"sbx_3"_s), sandboxJson(u"sbx_2"_s)}},
                         {u"next_cursor"_s, u"cur/2+x"_s}},
            {{"ETag", "\"v7\""}}));
        m_server->enqueue(FaultResponse::json(
            200,
            QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson(u"sbx_1"_s, u"paused"_s)}},
                         {u"next_cursor"_s, QJsonValue::Null}}));
        ListSandboxesParams params;
        params.statuses = {u"running"_s, u"paused"_s};
        params.regions = {u"fsn1"_s};
        params.templates = {u"python-3.12"_s};
        params.limit = 2;
        auto *job = m_client->call<ListSandboxesJob>(params);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->pages(), 2);
        QCOMPARE(job->sandboxes().size(), 3);
        QCOMPARE(job->sandboxes()[0].id, u"sbx_3"_s);
        QCOMPARE(job->sandboxes()[2].status, Sandbox::Status::Paused);
        QVERIFY(job->nextCursor().isEmpty());
        QCOMPARE(job->etag(), QByteArray("\"v7\""));
        QVERIFY(!job->notModified());
        QCOMPARE(m_server->requests.size(), 2);
        const auto first = m_server->requests[0].query();
        QCOMPARE(first.allQueryItemValues(u"status"_s), (QStringList {u"running"_s, u"paused"_s}));
        QCOMPARE(first.queryItemValue(u"region"_s), u"fsn1"_s);
        QCOMPARE(first.queryItemValue(u"template"_s), u"python-3.12"_s);
        QCOMPARE(first.queryItemValue(u"limit"_s), u"2"_s);
        QVERIFY(!first.hasQueryItem(u"cursor"_s));
        const auto second = m_server->requests[1].query();
        QCOMPARE(second.queryItemValue(u"cursor"_s, QUrl::FullyDecoded), u"cur/2+x"_s);
        QCOMPARE(second.allQueryItemValues(u"status"_s), (QStringList {u"running"_s, u"paused"_s}));
    }

    // A small first page (the dashboard's first paint), then pages of the usual size.
    void listFirstPageHasItsOwnLimit()
    {
        m_server->enqueue(
            FaultResponse::json(200,
                                QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson(u"sbx_3"_s)}},
                                             {u"next_cursor"_s, u"c1"_s}}));
        m_server->enqueue(
            FaultResponse::json(200,
                                QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson(u"sbx_2"_s)}},
                                             {u"next_cursor"_s, u"c2"_s}}));
        m_server->enqueue(
            FaultResponse::json(200,
                                QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson(u"sbx_1"_s)}},
                                             {u"next_cursor"_s, QJsonValue::Null}}));
        ListSandboxesParams params;
        params.firstPageLimit = 1;
        params.limit = 1000;
        auto *job = m_client->call<ListSandboxesJob>(params);
        QSignalSpy pages(job, &ListSandboxesJob::pageReceived);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->sandboxes().size(), 3);
        QCOMPARE(pages.size(), 3);
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(m_server->requests[0].query().queryItemValue(u"limit"_s), u"1"_s);
        QCOMPARE(m_server->requests[1].query().queryItemValue(u"limit"_s), u"1000"_s);
        QCOMPARE(m_server->requests[1].query().queryItemValue(u"cursor"_s), u"c1"_s);
        QCOMPARE(m_server->requests[2].query().queryItemValue(u"limit"_s), u"1000"_s);
    }

    void listOnePage()
    {
        m_server->enqueue(FaultResponse::json(
            200, QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson()}}, {u"next_cursor"_s, u"c2"_s}}));
        ListSandboxesParams params;
        params.allPages = false;
        params.cursor = u"c1"_s;
        auto *job = m_client->call<ListSandboxesJob>(params);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->sandboxes().size(), 1);
        QCOMPARE(job->nextCursor(), u"c2"_s);
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests[0].query().queryItemValue(u"cursor"_s), u"c1"_s);
    }

    void listEtagNotModified()
    {
        m_server->enqueue(FaultResponse::json(304, QByteArray(), {{"ETag", "\"v7\""}}));
        ListSandboxesParams params;
        params.ifNoneMatch = "\"v7\"";
        auto *job = m_client->call<ListSandboxesJob>(params);
        QVERIFY(runToEnd(job));
        QVERIFY(job->notModified());
        QCOMPARE(job->etag(), QByteArray("\"v7\""));
        QVERIFY(job->sandboxes().isEmpty());
        QCOMPARE(m_server->requests[0].header("If-None-Match"), QByteArray("\"v7\""));
    }

    void listEtagChanged()
    {
        m_server->enqueue(FaultResponse::json(
            200,
            QJsonObject {{u"sandboxes"_s, QJsonArray {sandboxJson()}}, {u"next_cursor"_s, QJsonValue::Null}},
            {{"ETag", "\"v8\""}}));
        ListSandboxesParams params;
        params.ifNoneMatch = "\"v7\"";
        auto *job = m_client->call<ListSandboxesJob>(params);
        QVERIFY(runToEnd(job));
        QVERIFY(!job->notModified());
        QCOMPARE(job->etag(), QByteArray("\"v8\""));
        QCOMPARE(job->sandboxes().size(), 1);
    }

    void execBuffered()
    {
        m_server->enqueue(FaultResponse::json(200,
                                              QJsonObject {{u"stdout"_s, u"4\n"_s},
                                                           {u"stderr"_s, u""_s},
                                                           {u"exit_code"_s, 1},
                                                           {u"duration_ms"_s, 120}}));
        ExecOptions options;
        options.timeoutSeconds = 60;
        options.cwd = u"/workspace"_s;
        options.env = {{u"K"_s, u"V"_s}};
        auto *job = m_client->call<ExecJob>(Id, u"python -c 'print(2+2)'"_s, options);
        QVERIFY(!job->isIdempotent());
        QVERIFY(runToEnd(job));
        QCOMPARE(job->result().stdoutText, u"4\n"_s);
        QCOMPARE(job->result().exitCode, 1);
        QCOMPARE(job->result().durationMs, 120);
        const auto &request = m_server->requests[0];
        QCOMPARE(request.path(), u"/v1/sandboxes/"_s + Id + u"/exec"_s);
        const auto body = bodyOf(request);
        QCOMPARE(body.value(u"command"_s).toString(), u"python -c 'print(2+2)'"_s);
        QCOMPARE(body.value(u"timeout_seconds"_s).toInt(), 60);
        QCOMPARE(body.value(u"cwd"_s).toString(), u"/workspace"_s);
        QCOMPARE(body.value(u"env"_s).toObject().value(u"K"_s).toString(), u"V"_s);
    }

    void execTimeoutAndKilled()
    {
        m_server->enqueue(FaultResponse::error(
            408, u"exec_timeout"_s,
            {{u"stdout"_s, u"so far"_s}, {u"stderr"_s, u""_s}, {u"duration_ms"_s, 5000}}));
        m_server->enqueue(FaultResponse::error(
            422, u"exec_killed"_s,
            {{u"signal"_s, 9}, {u"stdout"_s, u""_s}, {u"stderr"_s, u""_s}, {u"duration_ms"_s, 10}}));
        auto *timeout = m_client->call<ExecJob>(Id, u"sleep 9999"_s);
        QVERIFY(!runToEnd(timeout));
        QCOMPARE(timeout->error().kind(), ApiError::Kind::ExecTimeout);
        QCOMPARE(timeout->error().stdoutSoFar(), u"so far"_s);
        QCOMPARE(timeout->error().durationMs(), 5000);
        auto *killed = m_client->call<ExecJob>(Id, u"kill -9 $$"_s);
        QVERIFY(!runToEnd(killed));
        QCOMPARE(killed->error().kind(), ApiError::Kind::ExecKilled);
        QCOMPARE(killed->error().signal(), 9);
    }

    void execStreamEmitsChunksAsTheyArrive()
    {
        m_server->enqueue(FaultResponse::sse(
            {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"hello\\n\",\"offset\":0}\n\n",
             ": keepalive\n\n",
             "event: output\ndata: {\"stream\":\"stderr\",\"data\":\"warning\\n\",\"offset\":0}\n\n"
             "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"gr\\u00fc\\u00df\",\"offset\":6}\n\n",
             "event: exit\ndata: {\"exit_code\":3,\"duration_ms\":1234}\n\n"},
            300));
        auto *job = m_client->call<ExecStreamJob>(Id, u"python long_task.py"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QSignalSpy finished(job, &Job::finished);
        QSignalSpy succeeded(job, &Job::succeeded);
        // The first chunk comes while the stream is still open.
        QTRY_COMPARE_WITH_TIMEOUT(chunks.size(), 1, 5000);
        QCOMPARE(finished.size(), 0);
        QVERIFY(finished.wait(10000));
        QCOMPARE(succeeded.size(), 1);
        QCOMPARE(chunks.size(), 4);
        const auto first = chunks[0][0].value<ExecChunk>();
        QCOMPARE(first.stream, u"stdout"_s);
        QCOMPARE(first.data, u"hello\n"_s);
        QCOMPARE(chunks[1][0].value<ExecChunk>().stream, u"stderr"_s);
        const auto third = chunks[2][0].value<ExecChunk>();
        QCOMPARE(third.data, u"gr\u00fc\u00df"_s);
        QCOMPARE(third.offset, 6);
        const auto last = chunks[3][0].value<ExecChunk>();
        QVERIFY(last.isFinal());
        QCOMPARE(*last.exitCode, 3);
        QCOMPARE(*last.durationMs, 1234);
        QCOMPARE(job->exitCode(), 3);
        QCOMPARE(job->durationMs(), 1234);
        QCOMPARE(job->stdoutText(), u"hello\ngr\u00fc\u00df"_s);
        QCOMPARE(job->stderrText(), u"warning\n"_s);
        QCOMPARE(m_server->requests[0].path(), u"/v1/sandboxes/"_s + Id + u"/exec/stream"_s);
    }

    void execStreamSplitAtEveryByteOverTheNetwork()
    {
        const QByteArray body
            = "event: output\r\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\r\n\r\n"
              ": keepalive\r\n\r\n"
              "event: exit\r\ndata: {\"exit_code\":0,\"duration_ms\":5}\r\n\r\n";
        QList<QByteArray> pieces;
        for (char c : body)
            pieces.append(QByteArray(1, c));
        m_server->enqueue(FaultResponse::sse(pieces, 1));
        auto *job = m_client->call<ExecStreamJob>(Id, u"echo a"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(runToEnd(job, 20000));
        QCOMPARE(chunks.size(), 2);
        QCOMPARE(chunks[0][0].value<ExecChunk>().data, u"a"_s);
        QCOMPARE(job->exitCode(), 0);
    }

    void execStreamErrorEvent_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<ApiError::Kind>("kind");
        QTest::addColumn<int>("status");
        QTest::newRow("timeout") << QByteArray(
            "{\"error\":{\"type\":\"exec_timeout\",\"message\":\"ran past 5 s\","
            "\"request_id\":\"req_s1\",\"stdout\":\"x\",\"stderr\":\"\",\"duration_ms\":5001}}")
                                 << ApiError::Kind::ExecTimeout << 408;
        QTest::newRow("killed") << QByteArray(
            "{\"error\":{\"type\":\"exec_killed\",\"message\":\"signal 9\","
            "\"request_id\":\"req_s1\",\"signal\":9,\"stdout\":\"\",\"stderr\":\"\",\"duration_ms\":3}}")
                                << ApiError::Kind::ExecKilled << 422;
    }

    void execStreamErrorEvent()
    {
        QFETCH(QByteArray, data);
        QFETCH(ApiError::Kind, kind);
        QFETCH(int, status);
        m_server->enqueue(FaultResponse::sse(
            {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"x\",\"offset\":0}\n\n",
             "event: error\ndata: " + data + "\n\n"}));
        auto *job = m_client->call<ExecStreamJob>(Id, u"sleep 10"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(!runToEnd(job));
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(job->error().kind(), kind);
        QCOMPARE(job->error().httpStatus(), status);
        QCOMPARE(job->error().requestId(), u"req_s1"_s);
        if (kind == ApiError::Kind::ExecKilled)
            QCOMPARE(job->error().signal(), 9);
        else
            QCOMPARE(job->error().durationMs(), 5001);
    }

    void execStreamRefusedBeforeItStarts()
    {
        m_server->enqueue(FaultResponse::error(409, u"sandbox_not_ready"_s, {{u"status"_s, u"paused"_s}}));
        auto *job = m_client->call<ExecStreamJob>(Id, u"ls"_s);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().kind(), ApiError::Kind::SandboxNotReady);
    }

    void writeFileStreamsFromADevice()
    {
        const QByteArray raw = randomBytes(3 * 1024 * 1024 + 1);
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write(raw);
        QVERIFY(file.seek(0));
        m_server->enqueue(
            FaultResponse::json(200,
                                QJsonObject {{u"name"_s, u"blob.bin"_s},
                                             {u"is_dir"_s, false},
                                             {u"size"_s, raw.size()},
                                             {u"mode"_s, 384},
                                             {u"modified_at"_s, u"2026-11-21T20:32:00.123Z"_s}}));
        auto *job
            = m_client->call<WriteFileJob>(Id, u"/workspace/blob.bin"_s, static_cast<QIODevice *>(&file),
                                           qint64(-1), std::optional<int>(0600));
        QSignalSpy progress(job, &Job::progress);
        QVERIFY(runToEnd(job, 20000));
        QCOMPARE(job->entry().name, u"blob.bin"_s);
        QCOMPARE(job->entry().size, raw.size());
        QCOMPARE(job->entry().mode, 0600);
        QVERIFY(!progress.isEmpty());
        const auto &request = m_server->requests[0];
        QCOMPARE(request.method, QByteArray("PUT"));
        QCOMPARE(request.path(), u"/v1/sandboxes/"_s + Id + u"/files"_s);
        QCOMPARE(request.header("Content-Length").toLongLong(), request.body.size());
        const auto body = bodyOf(request);
        QCOMPARE(body.value(u"path"_s).toString(), u"/workspace/blob.bin"_s);
        QCOMPARE(body.value(u"mode"_s).toInt(), 0600);
        QCOMPARE(body.value(u"encoding"_s).toString(), u"base64"_s);
        QCOMPARE(QByteArray::fromBase64(body.value(u"content"_s).toString().toLatin1()), raw);
    }

    void writeTextAndBytes()
    {
        const QJsonObject entry {{u"name"_s, u"x"_s},
                                 {u"is_dir"_s, false},
                                 {u"size"_s, 3},
                                 {u"mode"_s, 420},
                                 {u"modified_at"_s, u"2026-11-21T20:32:00.123Z"_s}};
        m_server->enqueue(FaultResponse::json(200, entry));
        m_server->enqueue(FaultResponse::json(200, entry));
        QVERIFY(runToEnd(
            m_client->call<WriteFileJob>(Id, u"/workspace/script.py"_s, u"console.log('hi') \u00e9"_s)));
        QVERIFY(runToEnd(
            m_client->call<WriteFileBytesJob>(Id, u"/workspace/blob.bin"_s, QByteArray("\0\1\2", 3))));
        const auto text = bodyOf(m_server->requests[0]);
        QCOMPARE(QString::fromUtf8(QByteArray::fromBase64(text.value(u"content"_s).toString().toLatin1())),
                 u"console.log('hi') \u00e9"_s);
        QVERIFY(!text.contains(u"mode"_s));
        const auto bytes = bodyOf(m_server->requests[1]);
        QCOMPARE(QByteArray::fromBase64(bytes.value(u"content"_s).toString().toLatin1()),
                 QByteArray("\0\1\2", 3));
    }

    void readFileStreamsIntoADevice()
    {
        const QByteArray raw = randomBytes(3 * 1024 * 1024 + 2);
        const QByteArray body = "{\"path\":\"/workspace/blob.bin\",\"size\":" + QByteArray::number(raw.size())
            + ",\"encoding\":\"base64\",\"content\":\"" + raw.toBase64() + "\"}";
        auto response = FaultResponse::json(200, body);
        // Dribble it out in pieces, as a slow link would.
        const QByteArray all = response.all();
        response.pieces.clear();
        for (qsizetype at = 0; at < all.size(); at += 256 * 1024)
            response.pieces.append(all.mid(at, 256 * 1024));
        response.pieceDelayMs = 5;
        m_server->enqueue(response);
        QTemporaryFile file;
        QVERIFY(file.open());
        auto *job
            = m_client->call<ReadFileJob>(Id, u"/workspace/blob.bin"_s, static_cast<QIODevice *>(&file));
        QSignalSpy progress(job, &Job::progress);
        QVERIFY(runToEnd(job, 20000));
        QCOMPARE(job->size(), raw.size());
        QCOMPARE(job->bytesDecoded(), raw.size());
        // How often progress comes depends on timing; that it ends at the full size does not.
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(0).toLongLong(), progress.last().at(1).toLongLong());
        QVERIFY(progress.last().at(0).toLongLong() > raw.size());
        QVERIFY(job->bytes().isEmpty()); // it went to the file, not to memory
        QVERIFY(file.seek(0));
        QCOMPARE(file.readAll(), raw);
        QCOMPARE(m_server->requests[0].query().queryItemValue(u"path"_s, QUrl::FullyDecoded),
                 u"/workspace/blob.bin"_s);
    }

    void readTextAndBytesWithAnAwkwardPath()
    {
        const QString path = u"/workspace/a b&c+d=e#f%g\u00e9.txt"_s;
        const QByteArray content = "gr\xC3\xBC\xC3\x9F\n";
        const QByteArray body = "{\"path\":\"x\",\"size\":7,\"encoding\":\"base64\",\"content\":\""
            + content.toBase64() + "\"}";
        m_server->enqueue(FaultResponse::json(200, body));
        m_server->enqueue(FaultResponse::json(200, body));
        auto *text = m_client->call<ReadFileJob>(Id, path);
        QVERIFY(runToEnd(text));
        QCOMPARE(text->text(), u"gr\u00fc\u00df\n"_s);
        auto *bytes = m_client->call<ReadFileBytesJob>(Id, path);
        QVERIFY(runToEnd(bytes));
        QCOMPARE(bytes->bytes(), content);
        QCOMPARE(m_server->requests[0].query().queryItemValue(u"path"_s, QUrl::FullyDecoded), path);
        QCOMPARE(m_server->requests[0].query().queryItems().size(), 1);
    }

    void readFileSizeMismatchIsAnError()
    {
        m_server->enqueue(FaultResponse::json(
            200, QByteArray("{\"path\":\"/a\",\"size\":10,\"encoding\":\"base64\",\"content\":\"AAAA\"}")));
        auto *job = m_client->call<ReadFileBytesJob>(Id, u"/a"_s);
        QVERIFY(!runToEnd(job));
        QCOMPARE(job->error().type(), u"invalid_response"_s);
        QVERIFY(job->error().message().contains(u"10"_s));
    }

    void listAndDeleteFiles()
    {
        m_server->enqueue(FaultResponse::json(
            200,
            QJsonObject {{u"path"_s, u"/workspace"_s},
                         {u"entries"_s,
                          QJsonArray {QJsonObject {{u"name"_s, u"a"_s},
                                                   {u"is_dir"_s, true},
                                                   {u"size"_s, 0},
                                                   {u"mode"_s, 493},
                                                   {u"modified_at"_s, u"2026-11-21T20:32:00.123Z"_s}},
                                      QJsonObject {{u"name"_s, u"main.py"_s},
                                                   {u"is_dir"_s, false},
                                                   {u"size"_s, 27},
                                                   {u"mode"_s, 420},
                                                   {u"modified_at"_s, u"2026-11-21T20:32:00.123Z"_s}}}}}));
        m_server->enqueue(FaultResponse::json(204, QByteArray()));
        m_server->enqueue(FaultResponse::json(204, QByteArray()));
        auto *list = m_client->call<ListFilesJob>(Id, u"/workspace"_s);
        QVERIFY(runToEnd(list));
        QCOMPARE(list->path(), u"/workspace"_s);
        QCOMPARE(list->entries().size(), 2);
        QVERIFY(list->entries()[0].isDir);
        QCOMPARE(list->entries()[1].size, 27);
        QCOMPARE(m_server->requests[0].path(), u"/v1/sandboxes/"_s + Id + u"/files/list"_s);
        QVERIFY(runToEnd(m_client->call<DeleteFileJob>(Id, u"/workspace/out.txt"_s)));
        QVERIFY(runToEnd(m_client->call<DeleteFileJob>(Id, u"/workspace/dir"_s, true)));
        QCOMPARE(m_server->requests[1].method, QByteArray("DELETE"));
        QVERIFY(!m_server->requests[1].query().hasQueryItem(u"recursive"_s));
        QCOMPARE(m_server->requests[2].query().queryItemValue(u"recursive"_s), u"true"_s);
        QCOMPARE(m_server->requests[2].query().queryItemValue(u"path"_s), u"/workspace/dir"_s);
    }

    void fileErrors()
    {
        m_server->enqueue(FaultResponse::error(400, u"invalid_path"_s, {{u"path"_s, u"/etc/passwd"_s}}));
        m_server->enqueue(FaultResponse::error(413, u"payload_too_large"_s, {{u"max_bytes"_s, 268435456}}));
        auto *read = m_client->call<ReadFileBytesJob>(Id, u"/etc/passwd"_s);
        QVERIFY(!runToEnd(read));
        QCOMPARE(read->error().type(), u"invalid_path"_s);
        QCOMPARE(read->error().path(), u"/etc/passwd"_s);
        auto *write = m_client->call<WriteFileBytesJob>(Id, u"/workspace/big"_s, QByteArray(10, 'x'));
        QVERIFY(!runToEnd(write));
        QCOMPARE(write->error().maxBytes(), 268435456);
    }

    void catalogue()
    {
        m_server->enqueue(
            FaultResponse::json(200,
                                QJsonObject {{u"templates"_s,
                                              QJsonArray {QJsonObject {{u"name"_s, u"python-3.12"_s},
                                                                       {u"description"_s, u"Python"_s},
                                                                       {u"available"_s, true}},
                                                          QJsonObject {{u"name"_s, u"node-22"_s},
                                                                       {u"description"_s, u"Node"_s},
                                                                       {u"available"_s, false}}}}}));
        m_server->enqueue(FaultResponse::json(
            200,
            QJsonObject {
                {u"regions"_s,
                 QJsonArray {QJsonObject {{u"name"_s, u"fsn1"_s}, {u"location"_s, u"Falkenstein, DE"_s}}}}}));
        m_server->enqueue(FaultResponse::json(200, QByteArray("{\"regions\":5}")));
        auto *templates = m_client->call<GetTemplatesJob>();
        QVERIFY(runToEnd(templates));
        QCOMPARE(templates->templates().size(), 2);
        QVERIFY(!templates->templates()[1].available);
        auto *regions = m_client->call<GetRegionsJob>();
        QVERIFY(runToEnd(regions));
        QCOMPARE(regions->regions().size(), 1);
        QCOMPARE(regions->regions()[0].location, u"Falkenstein, DE"_s);
        auto *bad = m_client->call<GetRegionsJob>();
        QVERIFY(!runToEnd(bad));
        QCOMPARE(bad->error().type(), u"invalid_response"_s);
    }
};

QTEST_GUILESS_MAIN(TestJobs)
#include "tst_jobs.moc"
