// The exec stream's lean HTTP/1.1 transport (core/httpstreamreply.h) against the fault server:
// chunked bodies split at every position, Content-Length and close-delimited bodies, cuts and
// resets mid-chunk, error statuses with their body, malformed framing, the quiet timeout, the read
// buffer bound, abort, the request it writes; and through Client: when it is used (no proxy) and
// when QNetworkAccessManager is (a proxy applies, or it is switched off).

#include "core/client.h"
#include "core/execstreamjob.h"
#include "core/httpstreamreply.h"
#include "core/sandboxjobs.h"
#include "eventwait.h"
#include "faultserver.h"
#include "jobtesting.h"

#include <QBuffer>
#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace Orkestr;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

const QString Token = u"ork_streamTransportToken0123456789ab"_s;
const QString Id = u"sbx_01JD3Q8W6ZK1T9V4N2M7XR5B0C"_s;

struct Outcome
{
    bool finished = false;
    int finishedCount = 0;
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QString errorString;
    QByteArray body;
    int metaDataBeforeData = 0; // metaDataChanged before the first readyRead
    QByteArray header(const QByteArray &name) const { return headers.value(name.toLower()); }
    QMap<QByteArray, QByteArray> headers;
};

// Runs one request through an HttpStreamReply and collects everything it reports.
Outcome fetch(FaultServer &server, const QByteArray &method = "POST", const QByteArray &body = "{}",
              int timeoutMs = 0, const QList<std::pair<QByteArray, QByteArray>> &headers = {})
{
    QUrl url = server.url();
    url.setPath(u"/v1/sandboxes/%1/exec/stream"_s.arg(Id));
    url.setQuery(u"a=1&b=%2F"_s);
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + Token.toUtf8());
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (timeoutMs > 0)
        request.setTransferTimeout(timeoutMs);
    QBuffer upload;
    upload.setData(body);
    upload.open(QIODevice::ReadOnly);
    Outcome outcome;
    auto *reply = new HttpStreamReply(request, method, &upload);
    bool sawMetaData = false;
    QObject::connect(reply, &QNetworkReply::metaDataChanged, reply, [&] { sawMetaData = true; });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        if (outcome.body.isEmpty() && sawMetaData)
            ++outcome.metaDataBeforeData;
        outcome.body += reply->readAll();
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&] {
        ++outcome.finishedCount;
        outcome.finished = true;
        outcome.body += reply->readAll();
        outcome.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        outcome.error = reply->error();
        outcome.errorString = reply->errorString();
        for (const auto &[name, value] : reply->rawHeaderPairs())
            outcome.headers.insert(name.toLower(), value);
    });
    OrkestrTest::waitUntil([&] { return outcome.finished; }, 15000);
    OrkestrTest::waitUntil([] { return false; }, 20); // a late second finished() would show here
    delete reply;
    return outcome;
}

QByteArray chunked(const QList<QByteArray> &chunks, const QByteArray &trailer = {})
{
    QByteArray out;
    for (const auto &chunk : chunks)
        out += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
    return out + "0\r\n" + trailer + "\r\n";
}

const QByteArray ChunkedHead = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                               "Transfer-Encoding: chunked\r\nX-Request-Id: req_lean1\r\n\r\n";

} // namespace

class TestHttpStreamReply : public QObject
{
    Q_OBJECT
private:
    FaultServer *m_server = nullptr;

private Q_SLOTS:
    void init()
    {
        m_server = new FaultServer(this);
        QVERIFY(m_server->listen());
    }
    void cleanup()
    {
        delete m_server;
        m_server = nullptr;
    }

    void chunkedBodySplitAtEveryPosition()
    {
        // Chunk sizes in both cases, an extension, a trailer field: every framing element.
        const QByteArray payload = "event: output\ndata: {\"data\":\"a\"}\n\n: keepalive\n\nevent: exit\n";
        QByteArray body = "1a\r\n" + payload.first(0x1a) + "\r\n";
        body += "D;name=value\r\n" + payload.sliced(0x1a, 13) + "\r\n";
        body += QByteArray::number(payload.size() - 0x1a - 13, 16) + "\r\n" + payload.sliced(0x1a + 13)
            + "\r\n";
        body += "0\r\nX-Trailer: yes\r\n\r\n";
        const QByteArray all = ChunkedHead + body;
        for (qsizetype at = 1; at < all.size(); ++at) {
            FaultResponse response;
            response.pieces = {all.first(at), all.sliced(at)};
            response.pieceDelayMs = 2;
            response.end = FaultResponse::End::Stall; // the end is the last chunk, not the close
            m_server->enqueue(response);
            const auto outcome = fetch(*m_server);
            QVERIFY2(outcome.error == QNetworkReply::NoError,
                     qPrintable(u"split at %1: %2"_s.arg(at).arg(outcome.errorString)));
            QCOMPARE(outcome.status, 200);
            QCOMPARE(outcome.body, payload);
            QCOMPARE(outcome.finishedCount, 1);
            QCOMPARE(outcome.header("X-Request-Id"), QByteArray("req_lean1"));
        }
    }

    void chunkedBodyByteByByte()
    {
        const QByteArray payload = QByteArray("data: x\n\n").repeated(5);
        QByteArray all
            = ChunkedHead + chunked({payload.first(10), payload.sliced(10, 1), payload.sliced(11)});
        FaultResponse response;
        for (const char c : all)
            response.pieces.append(QByteArray(1, c));
        response.pieceDelayMs = 1;
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.body, payload);
        QCOMPARE(outcome.metaDataBeforeData, 1);
    }

    void contentLengthBodyEndsWithoutTheClose()
    {
        const QByteArray body = QByteArray("0123456789").repeated(1000);
        auto response
            = FaultResponse::raw("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(body.size())
                                 + "\r\n\r\n" + body + "bytes after the body are not part of it");
        response.end = FaultResponse::End::Stall;
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.body, body);
    }

    void contentLengthCutShortIsAnError()
    {
        auto response = FaultResponse::raw("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this");
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(outcome.body, QByteArray("only this"));
    }

    void closeDelimitedBody()
    {
        const QByteArray body = QByteArray("line of output\n").repeated(5000);
        auto response = FaultResponse::raw("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n");
        for (qsizetype at = 0; at < body.size(); at += 7000)
            response.pieces.append(body.mid(at, 7000));
        response.end = FaultResponse::End::Close;
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.body, body);
    }

    void cutMidChunk_data()
    {
        QTest::addColumn<int>("end");
        QTest::newRow("reset") << int(FaultResponse::End::Reset);
        QTest::newRow("close") << int(FaultResponse::End::Close);
    }

    void cutMidChunk()
    {
        QFETCH(int, end);
        const QByteArray all = ChunkedHead + chunked({"first chunk\n", QByteArray(5000, 'x')});
        const qsizetype cut = all.indexOf("xxxx") + 1000; // a thousand bytes into the second chunk
        auto response = FaultResponse::raw(all.first(cut));
        response.end = FaultResponse::End(end);
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.error, QNetworkReply::RemoteHostClosedError);
        QVERIFY(!outcome.errorString.isEmpty());
        // What arrived before the cut is delivered, and nothing more.
        QCOMPARE(outcome.body, "first chunk\n" + QByteArray(1000, 'x'));
    }

    void cutInTheHead()
    {
        m_server->enqueue(FaultResponse::raw("HTTP/1.1 200 OK\r\nContent-Le"));
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::RemoteHostClosedError);
        QCOMPARE(outcome.status, 0);
    }

    void errorStatusKeepsItsBody_data()
    {
        QTest::addColumn<bool>("chunkedBody");
        QTest::newRow("content-length") << false;
        QTest::newRow("chunked") << true;
    }

    void errorStatusKeepsItsBody()
    {
        QFETCH(bool, chunkedBody);
        const QByteArray json = "{\"error\":{\"type\":\"sandbox_not_found\",\"message\":\"no such sandbox\","
                                "\"request_id\":\"req_404\"}}";
        const QByteArray head = "HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n";
        m_server->enqueue(FaultResponse::raw(
            chunkedBody
                ? head + "Transfer-Encoding: chunked\r\n\r\n" + chunked({json.first(10), json.sliced(10)})
                : head + "Content-Length: " + QByteArray::number(json.size()) + "\r\n\r\n" + json));
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.status, 404);
        QCOMPARE(outcome.error, QNetworkReply::ContentNotFoundError);
        QCOMPARE(outcome.body, json);
    }

    void malformedResponses_data()
    {
        QTest::addColumn<QByteArray>("response");
        QTest::newRow("chunk size not hex") << ChunkedHead + "zz\r\nabc\r\n0\r\n\r\n";
        QTest::newRow("chunk without its CRLF") << ChunkedHead + "3\r\nabcX\r\n0\r\n\r\n";
        QTest::newRow("chunk size overflows") << ChunkedHead + "fffffffffffffffffff\r\n";
        QTest::newRow("endless chunk-size line") << ChunkedHead + QByteArray(8192, '1');
        QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.6\r\n\r\n");
        QTest::newRow("bad status") << QByteArray("HTTP/1.1 2x0 OK\r\n\r\n");
        QTest::newRow("bad content-length") << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n");
        QTest::newRow("header without a colon") << QByteArray("HTTP/1.1 200 OK\r\nNoColon\r\n\r\n");
        QTest::newRow("endless head") << "HTTP/1.1 200 OK\r\nX-Long: " + QByteArray(70 * 1024, 'a');
    }

    void malformedResponses()
    {
        QFETCH(QByteArray, response);
        auto scripted = FaultResponse::raw(response);
        scripted.end = FaultResponse::End::Stall; // the failure must come from the bytes, not a close
        m_server->enqueue(scripted);
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::ProtocolFailure);
        QCOMPARE(outcome.finishedCount, 1);
    }

    void interimResponseIsSkipped()
    {
        m_server->enqueue(FaultResponse::raw(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
        const auto outcome = fetch(*m_server);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.status, 200);
        QCOMPARE(outcome.body, QByteArray("ok"));
    }

    void requestOnTheWire()
    {
        m_server->enqueue(FaultResponse::raw("HTTP/1.1 204 No Content\r\n\r\n"));
        const auto outcome = fetch(*m_server, "POST", "{\"command\":\"ls\"}", 0, {{"X-Extra", "1"}});
        QCOMPARE(outcome.status, 204);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(m_server->requests.size(), 1);
        const auto &request = m_server->requests.first();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, "/v1/sandboxes/" + Id.toLatin1() + "/exec/stream?a=1&b=%2F");
        QCOMPARE(request.header("Host"), "127.0.0.1:" + QByteArray::number(m_server->url().port()));
        QCOMPARE(request.header("Authorization"), "Bearer " + Token.toUtf8());
        QCOMPARE(request.header("Content-Type"), QByteArray("application/json"));
        QCOMPARE(request.header("Content-Length"), QByteArray("16"));
        QCOMPARE(request.header("Connection"), QByteArray("close")); // no keep-alive
        QCOMPARE(request.header("X-Extra"), QByteArray("1"));
        QCOMPARE(request.body, QByteArray("{\"command\":\"ls\"}"));
    }

    void invalidMethodIsNotSent()
    {
        // QNetworkRequest already drops header values with line breaks; the method is ours to check.
        const auto outcome = fetch(*m_server, "GET / HTTP/1.1\r\nX-Injected: 1\r\nPOST");
        QCOMPARE(outcome.error, QNetworkReply::ProtocolInvalidOperationError);
        QCOMPARE(m_server->requests.size(), 0);
    }

    void quietTimeout()
    {
        auto response = FaultResponse::raw(ChunkedHead + "5\r\nhello\r\n");
        response.end = FaultResponse::End::Stall;
        m_server->enqueue(response);
        QElapsedTimer clock;
        clock.start();
        const auto outcome = fetch(*m_server, "POST", "{}", 300);
        QCOMPARE(outcome.error, QNetworkReply::TimeoutError);
        QCOMPARE(outcome.body, QByteArray("hello"));
        QVERIFY(clock.elapsed() >= 280);
        QVERIFY(clock.elapsed() < 5000);
    }

    void steadyDribbleIsNotATimeout()
    {
        auto response = FaultResponse::raw(ChunkedHead);
        for (int i = 0; i < 6; ++i)
            response.pieces.append("1\r\nx\r\n");
        response.pieces.append("0\r\n\r\n");
        response.pieceDelayMs = 100; // each gap under the 300 ms quiet timeout, the whole over it
        m_server->enqueue(response);
        const auto outcome = fetch(*m_server, "POST", "{}", 300);
        QCOMPARE(outcome.error, QNetworkReply::NoError);
        QCOMPARE(outcome.body, QByteArray("xxxxxx"));
    }

    void readBufferIsBounded()
    {
        // 16 MiB in chunks of 64 KiB; the reader waits before reading, and the reply holds no more
        // than its read buffer meanwhile (the rest waits in the socket and the kernel).
        constexpr qint64 Total = 16 * 1024 * 1024;
        constexpr qint64 Bound = 256 * 1024;
        auto response = FaultResponse::raw(ChunkedHead);
        qint64 made = 0;
        response.generator = [&made]() -> QByteArray {
            if (made > Total)
                return {};
            if (made == Total) {
                made = Total + 1;
                return "0\r\n\r\n";
            }
            made += 65536;
            return "10000\r\n" + QByteArray(65536, char('a' + (made / 65536) % 26)) + "\r\n";
        };
        m_server->enqueue(response);
        QUrl url = m_server->url();
        url.setPath(u"/stream"_s);
        HttpStreamReply reply(QNetworkRequest(url), "GET", nullptr);
        reply.setReadBufferSize(Bound);
        qint64 maxAvailable = 0;
        bool finished = false;
        connect(&reply, &QNetworkReply::finished, this, [&] { finished = true; });
        connect(&reply, &QNetworkReply::readyRead, this,
                [&] { maxAvailable = std::max(maxAvailable, reply.bytesAvailable()); });
        OrkestrTest::waitUntil([] { return false; }, 500);
        QVERIFY(!finished);
        QVERIFY(reply.bytesAvailable() > 0);
        QVERIFY2(maxAvailable <= Bound, qPrintable(QString::number(maxAvailable)));
        qint64 received = 0;
        QByteArray expectedStart(65536, 'b');
        QByteArray first;
        OrkestrTest::waitUntil(
            [&] {
                const QByteArray piece = reply.read(100000);
                if (first.size() < 65536)
                    first += piece.first(std::min<qsizetype>(piece.size(), 65536 - first.size()));
                received += piece.size();
                return finished && reply.bytesAvailable() == 0;
            },
            30000);
        QCOMPARE(reply.error(), QNetworkReply::NoError);
        QCOMPARE(received, Total);
        QCOMPARE(first, expectedStart);
        QVERIFY2(maxAvailable <= Bound, qPrintable(QString::number(maxAvailable)));
    }

    void abortEndsOnce()
    {
        auto response = FaultResponse::raw(ChunkedHead + "5\r\nhello\r\n");
        response.end = FaultResponse::End::Stall;
        m_server->enqueue(response);
        QUrl url = m_server->url();
        url.setPath(u"/stream"_s);
        HttpStreamReply reply(QNetworkRequest(url), "GET", nullptr);
        QSignalSpy finished(&reply, &QNetworkReply::finished);
        QSignalSpy errors(&reply, &QNetworkReply::errorOccurred);
        QVERIFY(OrkestrTest::waitUntil([&] { return reply.bytesAvailable() == 5; }, 5000));
        reply.abort();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(reply.error(), QNetworkReply::OperationCanceledError);
        reply.abort();
        QCOMPARE(finished.size(), 1);
    }

    void refusedConnection()
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        HttpStreamReply reply(QNetworkRequest(QUrl(u"http://127.0.0.1:%1/x"_s.arg(port))), "GET", nullptr);
        QSignalSpy finished(&reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(5000));
        QCOMPARE(reply.error(), QNetworkReply::ConnectionRefusedError);
        QCOMPARE(reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 0);
    }

    // Through Client: which transport carries an exec stream.

    void clientUsesItWithoutAProxy()
    {
        Client client;
        client.setBaseUrl(m_server->url());
        client.setToken(Token);
        m_server->enqueue(FaultResponse::raw(
            ChunkedHead + chunked({"event: exit\ndata: {\"exit_code\":0,\"duration_ms\":1}\n\n"})));
        QSignalSpy logged(&client, &Client::requestLogged);
        auto *job = client.call<ExecStreamJob>(Id, u"true"_s);
        QVERIFY(runToEnd(job));
        QCOMPARE(job->requestId(), u"req_lean1"_s);
        QCOMPARE(m_server->requests.size(), 1);
        QCOMPARE(m_server->requests[0].header("Connection"), QByteArray("close"));
        QCOMPARE(m_server->requests[0].target.left(1), QByteArray("/"));
        QCOMPARE(m_server->requests[0].header("User-Agent").left(12), QByteArray("orkestr-desk"));
        QCOMPARE(logged.size(), 1);
        const auto entry = logged[0][0].value<RequestLogEntry>();
        QCOMPARE(entry.httpStatus, 200);
        QCOMPARE(entry.requestId, u"req_lean1"_s);
    }

    void clientFallsBackToQnam_data()
    {
        QTest::addColumn<bool>("viaProxy");
        QTest::newRow("a proxy applies") << true;
        QTest::newRow("switched off") << false;
    }

    void clientFallsBackToQnam()
    {
        QFETCH(bool, viaProxy);
        Client client;
        client.setBaseUrl(m_server->url());
        client.setToken(Token);
        if (viaProxy) {
            // The fault server plays the proxy: a proxied request names the whole URL.
            client.networkAccessManager()->setProxy(
                QNetworkProxy(QNetworkProxy::HttpProxy, u"127.0.0.1"_s, m_server->url().port()));
            QVERIFY(!HttpStreamReply::canCarry(client.networkAccessManager(), m_server->url()));
        } else {
            client.setStreamTransportEnabled(false);
            QVERIFY(HttpStreamReply::canCarry(client.networkAccessManager(), m_server->url()));
        }
        m_server->enqueue(FaultResponse::sse({"event: exit\ndata: {\"exit_code\":0,\"duration_ms\":1}\n\n"}));
        auto *job = client.call<ExecStreamJob>(Id, u"true"_s);
        QVERIFY(runToEnd(job));
        QCOMPARE(m_server->requests.size(), 1);
        // QNetworkAccessManager keeps connections alive; the lean transport never does.
        QVERIFY(m_server->requests[0].header("Connection") != QByteArray("close"));
        if (viaProxy)
            QVERIFY2(m_server->requests[0].target.startsWith("http://127.0.0.1:"),
                     m_server->requests[0].target.constData());
    }

    void openStreamsDoNotHoldUpOtherRequests_data()
    {
        QTest::addColumn<Client::StreamTransport>("transport");
        QTest::newRow("lean transport") << Client::StreamTransport::Lean;
        QTest::newRow("QNetworkAccessManager") << Client::StreamTransport::SharedManager;
        QTest::newRow("a second QNetworkAccessManager") << Client::StreamTransport::DedicatedManager;
    }

    // Eight streams stay open while a GET is made. QNetworkAccessManager runs at most six HTTP/1
    // requests per host at once, so through it the GET waits behind the streams; over the lean
    // transport the streams take no such slot, and a second manager for streams has slots of its
    // own (six: the last two streams wait there, the GET does not).
    void openStreamsDoNotHoldUpOtherRequests()
    {
        QFETCH(Client::StreamTransport, transport);
        const bool streamTransport = transport == Client::StreamTransport::Lean;
        Client client;
        client.setBaseUrl(m_server->url());
        client.setToken(Token);
        client.setStreamTransport(transport);
        const QByteArray sandbox = "{\"id\":\"" + Id.toLatin1()
            + "\",\"template\":\"t\",\"status\":\"running\",\"region\":\"fsn1\",\"cpu\":1,"
              "\"memory_mb\":512,\"network\":\"off\",\"timeout_seconds\":600,\"env_keys\":[],"
              "\"metadata\":{},\"created_at\":\"2026-11-21T20:32:00.123Z\","
              "\"expires_at\":\"2026-11-21T20:42:00.123Z\"}";
        m_server->responder = [sandbox](const RecordedRequest &request) {
            if (request.path().endsWith(u"/exec/stream"_s)) {
                auto stream = FaultResponse::sse(
                    {"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n"});
                stream.end = FaultResponse::End::Stall;
                return stream;
            }
            return FaultResponse::json(200, sandbox);
        };
        QList<QPointer<ExecStreamJob>> streams;
        int firstChunks = 0;
        for (int i = 0; i < 8; ++i) {
            auto *job = client.call<ExecStreamJob>(Id, u"long"_s);
            connect(job, &ExecStreamJob::chunk, this, [&firstChunks] { ++firstChunks; });
            streams.append(job);
        }
        const bool allStarted = OrkestrTest::waitUntil([&] { return firstChunks >= 6; }, 10000);
        QVERIFY(allStarted);
        auto *get = client.call<GetSandboxJob>(Id);
        bool done = false;
        connect(get, &Job::finished, this, [&done] { done = true; });
        const bool answered = OrkestrTest::waitUntil([&] { return done; }, 1500);
        if (streamTransport) {
            QVERIFY(answered);
            QCOMPARE(firstChunks, 8); // all eight open at once
        } else if (transport == Client::StreamTransport::DedicatedManager) {
            QVERIFY(answered);
            QCOMPARE(firstChunks, 6); // the streams' own manager holds six at once
        } else {
            QVERIFY(!answered); // held up behind six open streams
        }
        for (const auto &job : std::as_const(streams)) {
            if (job)
                job->abort();
        }
        QVERIFY(OrkestrTest::waitUntil([&] { return done; }, 5000));
    }

    void deletingARunningStreamJob()
    {
        // Deleted by its owner mid-stream: the reply is aborted, and its finished() reaches neither
        // the half-destroyed job nor the request log.
        Client client;
        client.setBaseUrl(m_server->url());
        client.setToken(Token);
        auto response = FaultResponse::raw(
            ChunkedHead
            + chunked({"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n"})
                  .chopped(5));
        response.end = FaultResponse::End::Stall;
        m_server->enqueue(response);
        QSignalSpy logged(&client, &Client::requestLogged);
        auto *job = client.call<ExecStreamJob>(Id, u"long"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(chunks.wait(5000));
        QPointer<QNetworkReply> reply = client.findChild<QNetworkReply *>();
        QVERIFY(reply);
        delete job;
        QVERIFY(OrkestrTest::waitUntil([&] { return reply.isNull(); }, 5000));
        QCOMPARE(logged.size(), 0);
    }

    void streamErrorsThroughClient()
    {
        // The same typed errors as through QNetworkAccessManager: a refusal before the stream, and a
        // cut mid-chunk after some output.
        Client client;
        client.setBaseUrl(m_server->url());
        client.setToken(Token);
        m_server->enqueue(FaultResponse::error(404, u"sandbox_not_found"_s));
        auto *refused = client.call<ExecStreamJob>(Id, u"true"_s);
        QVERIFY(!runToEnd(refused));
        QCOMPARE(refused->error().kind(), ApiError::Kind::SandboxNotFound);
        QCOMPARE(refused->httpStatus(), 404);

        const QByteArray all = ChunkedHead
            + chunked({"event: output\ndata: {\"stream\":\"stdout\",\"data\":\"a\",\"offset\":0}\n\n",
                       "event: output\ndata: {\"stream\":\"stdout\",\"data\":\"bbbbbbbbbbbbbbbbbbbbbbb"});
        auto cut = FaultResponse::raw(all.first(all.size() - 20));
        cut.end = FaultResponse::End::Reset;
        m_server->enqueue(cut);
        auto *job = client.call<ExecStreamJob>(Id, u"long"_s);
        QSignalSpy chunks(job, &ExecStreamJob::chunk);
        QVERIFY(!runToEnd(job));
        QCOMPARE(chunks.size(), 1);
        QCOMPARE(job->error().kind(), ApiError::Kind::Connection);
        QVERIFY2(job->error().message().contains(u"cut before the command finished"_s),
                 qPrintable(job->error().message()));
        QVERIFY(!job->error().message().contains(Token));
        QCOMPARE(job->retries(), 0);
        QCOMPARE(m_server->requests.size(), 2); // never resent
    }
};

QTEST_GUILESS_MAIN(TestHttpStreamReply)
#include "tst_httpstreamreply.moc"
