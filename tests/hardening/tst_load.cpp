// Load test of orkestr-local, bounded in count and time, over loopback only (issue "Hardening"):
// 200 sandboxes created, 50 exec streams at once (every byte checked), 1,000 file writes and
// then reads compared by SHA-256, pauses and resumes interleaved with the file traffic, then
// every sandbox terminated. Allowed errors are only the ones the contract gives for that
// situation; the server's resident memory must come back after the sandboxes are gone.
//
// Under AddressSanitizer the counts are scaled down by ScaleDivisor (the sanitizer makes the
// server several times slower); the memory bound is not checked there (see memorybounds.h).
// The figures printed at the end are the ones in docs/benchmarks.md ("Load test").

#include "core/sseparser.h"
#include "eventwait.h"
#include "killableserver.h"
#include "memorybounds.h"

#include <QCryptographicHash>
#include <QHttp1Configuration>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr int ScaleDivisor = 4;
#else
constexpr int ScaleDivisor = 1;
#endif

constexpr int Sandboxes = 200 / ScaleDivisor;
constexpr int Streams = 50 / ScaleDivisor;
constexpr int Files = 1000 / ScaleDivisor;
constexpr int PausedSandboxes = 100 / ScaleDivisor; // each paused and resumed once
constexpr int StreamLines = 40000; // `seq 1 40000`: 228,894 bytes per stream

struct Response
{
    int status = 0;
    QByteArray body;
    QJsonObject json;
    QNetworkReply::NetworkError networkError = QNetworkReply::NoError;
    double ms = 0;
    QString errorType() const { return json.value(u"error"_s).toObject().value(u"type"_s).toString(); }
};

// Keeps up to `parallel` asynchronous tasks in flight from a list; each task calls its `done`.
class Pool
{
public:
    using Task = std::function<void(std::function<void()> done)>;
    explicit Pool(int parallel)
        : m_parallel(parallel)
    {
    }
    void add(Task task) { m_tasks.append(std::move(task)); }
    int remaining() const { return int(m_tasks.size()) + m_running; }
    void start()
    {
        while (m_running < m_parallel && !m_tasks.isEmpty()) {
            ++m_running;
            Task task = m_tasks.takeFirst();
            task([this] {
                --m_running;
                // Not from inside the reply's own signal: start the next one on the next turn
                // (with the pool as context, so that none comes after the pool is gone).
                QTimer::singleShot(0, &m_context, [this] { start(); });
            });
        }
    }
    bool wait(int timeoutMs)
    {
        return OrkestrTest::waitUntil([this] { return remaining() == 0; }, timeoutMs);
    }

private:
    QObject m_context;
    int m_parallel;
    int m_running = 0;
    QList<Task> m_tasks;
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = std::min<qsizetype>(values.size() - 1, qsizetype(p * double(values.size() - 1) + 0.5));
    return values[index];
}

QByteArray expectedSeq(int lines)
{
    QByteArray out;
    for (int i = 1; i <= lines; ++i)
        out += QByteArray::number(i) + '\n';
    return out;
}

} // namespace

class TestLoad : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void load();
    void cleanupTestCase();

private:
    void send(const QByteArray &verb, const QString &path, const QByteArray &body,
              std::function<void(const Response &)> done);
    Response sendAndWait(const QByteArray &verb, const QString &path, const QByteArray &body = {});
    // Checks an answer against what the contract allows here; unexpected ones are collected.
    bool expect(const Response &response, int status, const char *what);
    qint64 rss() const { return residentKiB(m_server.pid()); }

    QTemporaryDir m_dataDir;
    KillableServer m_server;
    QNetworkAccessManager m_network;
    QHttp1Configuration m_http1;
    QList<double> m_latencies; // buffered requests only, in ms
    QStringList m_unexpected;
    QMap<QString, int> m_allowed; // contract errors that were the right answer
    qint64 m_peakRss = 0;
};

void TestLoad::initTestCase()
{
    QVERIFY(m_dataDir.isValid());
    m_server.dataDir = m_dataDir.path();
    // The plan allows 200 running sandboxes and 100 snapshots; the rate limit is far above what
    // this test sends, so 429 is not part of it (it is counted if it happens anyway).
    m_server.extraArguments = {u"--plan"_s,         u"team"_s, u"--max-running"_s, u"250"_s,
                               u"--snapshot-cap"_s, u"250"_s,  u"--rate-limit"_s,  u"1000000/min"_s};
    QVERIFY(m_server.start());
    // 64 connections to the one host instead of Qt's 6: 50 streams at once need 50 sockets.
    m_http1.setNumberOfConnectionsPerHost(64);
}

void TestLoad::cleanupTestCase()
{
    m_server.stop();
}

void TestLoad::send(const QByteArray &verb, const QString &path, const QByteArray &body,
                    std::function<void(const Response &)> done)
{
    QNetworkRequest request(m_server.url().resolved(QUrl(path)));
    request.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
    request.setHttp1Configuration(m_http1);
    request.setTransferTimeout(120000);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QObject::connect(reply, &QNetworkReply::finished, this, [this, reply, timer, done] {
        reply->deleteLater();
        Response response;
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        response.json = QJsonDocument::fromJson(response.body).object();
        response.networkError = reply->error();
        response.ms = double(timer->nsecsElapsed()) / 1e6;
        m_latencies.append(response.ms);
        m_peakRss = std::max(m_peakRss, rss());
        done(response);
    });
}

Response TestLoad::sendAndWait(const QByteArray &verb, const QString &path, const QByteArray &body)
{
    Response out;
    bool finished = false;
    send(verb, path, body, [&](const Response &response) {
        out = response;
        finished = true;
    });
    if (!OrkestrTest::waitUntil([&] { return finished; }, 120000))
        qWarning("no answer within 120 s: %s %s", verb.constData(), qPrintable(path));
    return out;
}

bool TestLoad::expect(const Response &response, int status, const char *what)
{
    if (response.status == status)
        return true;
    if (response.status == 429) {
        m_allowed[u"429 rate_limited"_s]++;
        return false;
    }
    m_unexpected.append(u"%1: HTTP %2 (network error %3) %4"_s.arg(QLatin1StringView(what))
                            .arg(response.status)
                            .arg(int(response.networkError))
                            .arg(QString::fromUtf8(response.body.left(300))));
    return false;
}

void TestLoad::load()
{
    QElapsedTimer total;
    total.start();
    QStringList report;
    const auto phase = [&report](const QString &name, qint64 ms, const QString &detail) {
        report.append(u"%1 | %2 s | %3"_s.arg(name).arg(double(ms) / 1000.0, 0, 'f', 2).arg(detail));
    };

    // Warm-up: one sandbox through every endpoint used below, so that the baseline includes
    // what the server allocates once (thread pools, the template list, TLS-less sockets).
    {
        const auto created = sendAndWait("POST", u"/v1/sandboxes"_s, "{\"template\":\"ubuntu-24.04\"}");
        QCOMPARE(created.status, 201);
        const QString id = created.json.value(u"id"_s).toString();
        QCOMPARE(sendAndWait("POST", u"/v1/sandboxes/%1/exec"_s.arg(id), "{\"command\":\"true\"}").status,
                 200);
        const QByteArray put = QJsonDocument(QJsonObject {{u"path"_s, u"/workspace/w"_s},
                                                          {u"content"_s, QString::fromLatin1("aGk=")}})
                                   .toJson(QJsonDocument::Compact);
        QCOMPARE(sendAndWait("PUT", u"/v1/sandboxes/%1/files"_s.arg(id), put).status, 200);
        QCOMPARE(sendAndWait("GET", u"/v1/sandboxes/%1/files?path=/workspace/w"_s.arg(id)).status, 200);
        QCOMPARE(sendAndWait("POST", u"/v1/sandboxes/%1/pause"_s.arg(id)).status, 200);
        QCOMPARE(sendAndWait("POST", u"/v1/sandboxes/%1/resume"_s.arg(id)).status, 200);
        QCOMPARE(sendAndWait("DELETE", u"/v1/sandboxes/%1"_s.arg(id)).status, 200);
        QCOMPARE(sendAndWait("GET", u"/v1/sandboxes?limit=1000"_s).status, 200);
    }
    QTest::qWait(500);
    const qint64 rssBefore = rss();
    m_peakRss = rssBefore;
    m_latencies.clear();
    QVERIFY(rssBefore > 0);

    // RSS sampled every 100 ms as well, so the peak is not only seen at request ends.
    QTimer sampler;
    connect(&sampler, &QTimer::timeout, this, [this] { m_peakRss = std::max(m_peakRss, rss()); });
    sampler.start(100);

    // 1. Create.
    QStringList ids;
    QElapsedTimer clock;
    clock.start();
    {
        Pool pool(8);
        for (int i = 0; i < Sandboxes; ++i) {
            pool.add([this, i, &ids](std::function<void()> done) {
                const QByteArray body
                    = QJsonDocument(QJsonObject {{u"template"_s, u"ubuntu-24.04"_s},
                                                 {u"timeout_seconds"_s, 3600},
                                                 {u"metadata"_s, QJsonObject {{u"n"_s, QString::number(i)}}}})
                          .toJson(QJsonDocument::Compact);
                send("POST", u"/v1/sandboxes"_s, body, [this, &ids, done](const Response &response) {
                    if (expect(response, 201, "create")
                        && response.json.value(u"status"_s).toString() == u"running"_s)
                        ids.append(response.json.value(u"id"_s).toString());
                    done();
                });
            });
        }
        pool.start();
        QVERIFY(pool.wait(120000));
    }
    const qint64 createMs = clock.elapsed();
    QCOMPARE(ids.size(), Sandboxes);
    std::sort(ids.begin(), ids.end());
    phase(u"create %1 sandboxes (8 in flight)"_s.arg(Sandboxes), createMs,
          u"p50 %1 ms, p99 %2 ms"_s.arg(percentile(m_latencies, 0.5), 0, 'f', 1)
              .arg(percentile(m_latencies, 0.99), 0, 'f', 1));
    const qint64 rssAfterCreate = rss();
    QList<double> allLatencies = m_latencies;
    m_latencies.clear();

    // 2. Exec streams, all at once, each with known output. A stream that has its headers
    // counts as open; the most open at one time is reported (and must reach nearly all: the
    // first 3 s of each command are a sleep, so they overlap even on a slow machine).
    const QByteArray expected = expectedSeq(StreamLines);
    int openStreams = 0;
    int maxOpenStreams = 0;
    int streamsOk = 0;
    qint64 streamedBytes = 0;
    clock.restart();
    for (int i = 0; i < Streams; ++i) {
        QNetworkRequest request(m_server.url().resolved(QUrl(u"/v1/sandboxes/%1/exec/stream"_s.arg(ids[i]))));
        request.setRawHeader("Authorization", "Bearer " + m_server.token.toUtf8());
        request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json"_ba);
        request.setHttp1Configuration(m_http1);
        request.setTransferTimeout(120000);
        const QByteArray body
            = QJsonDocument(QJsonObject {{u"command"_s, u"sleep 3; seq 1 %1"_s.arg(StreamLines)},
                                         {u"timeout_seconds"_s, 120}})
                  .toJson(QJsonDocument::Compact);
        QNetworkReply *reply = m_network.post(request, body);
        struct State
        {
            Orkestr::SseParser parser;
            QByteArray out;
            bool counted = false;
            int exitCode = -1;
            QString problem;
        };
        auto state = std::make_shared<State>();
        connect(reply, &QNetworkReply::metaDataChanged, this, [&, state] {
            if (!state->counted) {
                state->counted = true;
                maxOpenStreams = std::max(maxOpenStreams, ++openStreams);
            }
        });
        connect(reply, &QNetworkReply::readyRead, this, [reply, state] {
            for (const auto &event : state->parser.feed(reply->readAll())) {
                const auto data = QJsonDocument::fromJson(event.data).object();
                if (event.event == "output") {
                    if (data.value(u"stream"_s).toString() != u"stdout"_s) {
                        state->problem = u"unexpected stderr: "_s + data.value(u"data"_s).toString();
                        continue;
                    }
                    if (data.value(u"offset"_s).toInteger() != state->out.size())
                        state->problem = u"offset %1 where %2 bytes were received"_s
                                             .arg(data.value(u"offset"_s).toInteger())
                                             .arg(state->out.size());
                    state->out += data.value(u"data"_s).toString().toUtf8();
                } else if (event.event == "exit") {
                    state->exitCode = data.value(u"exit_code"_s).toInt(-1);
                } else {
                    state->problem = u"event %1: %2"_s.arg(QString::fromUtf8(event.event),
                                                           QString::fromUtf8(event.data));
                }
            }
        });
        connect(reply, &QNetworkReply::finished, this, [&, reply, state, i] {
            reply->deleteLater();
            if (state->counted)
                --openStreams;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            streamedBytes += state->out.size();
            if (status == 200 && state->exitCode == 0 && state->out == expected && state->problem.isEmpty()
                && reply->error() == QNetworkReply::NoError)
                ++streamsOk;
            else
                m_unexpected.append(u"stream %1: HTTP %2, exit %3, %4 of %5 bytes%6, %7"_s.arg(i)
                                        .arg(status)
                                        .arg(state->exitCode)
                                        .arg(state->out.size())
                                        .arg(expected.size())
                                        .arg(state->out == expected ? u" (equal)"_s : u" (differ)"_s)
                                        .arg(state->problem));
        });
    }
    QVERIFY(OrkestrTest::waitUntil([&] { return streamsOk + int(m_unexpected.size()) >= Streams; }, 120000));
    const qint64 streamMs = clock.elapsed();
    QVERIFY2(m_unexpected.isEmpty(), qPrintable(m_unexpected.join(u'\n')));
    QCOMPARE(streamsOk, Streams);
    phase(u"%1 exec streams at once"_s.arg(Streams), streamMs,
          u"%1 bytes verified, at most %2 open at once"_s.arg(streamedBytes).arg(maxOpenStreams));
    // Nearly all overlap (each sleeps 3 s before its output); a handful may start late on a
    // loaded machine.
    QVERIFY2(maxOpenStreams >= Streams * 8 / 10, qPrintable(QString::number(maxOpenStreams)));

    // 3. Files: written, then read back and compared by SHA-256, while a second lane pauses and
    // resumes sandboxes (a sandbox's files stay writable and readable while it is paused, so the
    // file traffic allows no error at all; an exec to a paused sandbox is the contract's 409).
    struct FileCase
    {
        QString sandbox;
        QString path;
        QByteArray sha256;
        qsizetype size = 0;
    };
    QList<FileCase> files;
    QRandomGenerator random(20261121);
    qint64 fileBytes = 0;
    int pauses = 0;
    int resumes = 0;
    int pausedDuringFiles = 0;
    bool filesRunning = true;
    Pool pauseLane(4);
    for (int i = 0; i < PausedSandboxes; ++i) {
        const QString id = ids[Sandboxes - 1 - i];
        pauseLane.add([this, id, &pauses, &resumes, &pausedDuringFiles,
                       &filesRunning](std::function<void()> done) {
            send("POST", u"/v1/sandboxes/%1/pause"_s.arg(id), {},
                 [=, this, &pauses, &resumes, &pausedDuringFiles, &filesRunning](const Response &paused) {
                     if (!expect(paused, 200, "pause")
                         || paused.json.value(u"status"_s).toString() != u"paused"_s)
                         return done();
                     ++pauses;
                     if (filesRunning)
                         ++pausedDuringFiles;
                     send("POST", u"/v1/sandboxes/%1/exec"_s.arg(id), "{\"command\":\"true\"}",
                          [=, this, &resumes](const Response &refused) {
                              if (refused.status == 409 && refused.errorType() == u"sandbox_not_ready"_s)
                                  m_allowed
                                      [u"409 sandbox_not_ready (exec to a paused sandbox, on purpose)"_s]++;
                              else
                                  expect(refused, 409, "exec while paused");
                              send("POST", u"/v1/sandboxes/%1/resume"_s.arg(id), {},
                                   [=, this, &resumes](const Response &resumed) {
                                       if (!expect(resumed, 200, "resume"))
                                           return done();
                                       ++resumes;
                                       send("POST", u"/v1/sandboxes/%1/exec"_s.arg(id),
                                            "{\"command\":\"echo resumed\"}", [=, this](const Response &ran) {
                                                if (expect(ran, 200, "exec after resume")
                                                    && ran.json.value(u"stdout"_s).toString()
                                                        != u"resumed\n"_s)
                                                    m_unexpected.append(u"exec after resume: "_s
                                                                        + QString::fromUtf8(ran.body));
                                                done();
                                            });
                                   });
                          });
                 });
        });
    }
    for (int i = 0; i < Files; ++i) {
        FileCase file;
        file.sandbox = ids[i % Sandboxes];
        file.path = u"/workspace/load/%1/f%2.bin"_s.arg(i % 7).arg(i);
        // Mostly small and medium files; every 100th is 2 MiB, which takes the server's
        // streaming decoder (bodies above 1 MiB).
        file.size = i % 100 == 99 ? 2 * 1024 * 1024 : qsizetype(random.bounded(64 * 1024, 160 * 1024));
        files.append(file);
    }
    clock.restart();
    pauseLane.start();
    const qint64 pausesStartedMs = clock.elapsed();
    {
        Pool pool(16);
        for (auto &file : files) {
            pool.add([this, &file, &random, &fileBytes](std::function<void()> done) {
                QByteArray bytes(file.size, Qt::Uninitialized);
                random.fillRange(reinterpret_cast<quint32 *>(bytes.data()), file.size / 4);
                for (qsizetype k = file.size / 4 * 4; k < file.size; ++k)
                    bytes[k] = char(k);
                file.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256);
                fileBytes += bytes.size();
                const QByteArray body
                    = QJsonDocument(QJsonObject {{u"path"_s, file.path},
                                                 {u"encoding"_s, u"base64"_s},
                                                 {u"content"_s, QString::fromLatin1(bytes.toBase64())}})
                          .toJson(QJsonDocument::Compact);
                send("PUT", u"/v1/sandboxes/%1/files"_s.arg(file.sandbox), body,
                     [this, &file, done](const Response &r) {
                         if (expect(r, 200, "write") && r.json.value(u"size"_s).toInteger() != file.size)
                             m_unexpected.append(u"write %1: size %2"_s.arg(file.path).arg(
                                 r.json.value(u"size"_s).toInteger()));
                         done();
                     });
            });
        }
        pool.start();
        QVERIFY(pool.wait(150000));
    }
    const qint64 writeMs = clock.elapsed();
    const QList<double> writeLatencies = m_latencies;
    clock.restart();
    int verified = 0;
    {
        Pool pool(16);
        for (const auto &file : std::as_const(files)) {
            pool.add([this, &file, &verified](std::function<void()> done) {
                send("GET", u"/v1/sandboxes/%1/files?path=%2"_s.arg(file.sandbox, file.path), {},
                     [this, &file, &verified, done](const Response &r) {
                         if (expect(r, 200, "read")) {
                             const QByteArray bytes
                                 = QByteArray::fromBase64(r.json.value(u"content"_s).toString().toLatin1());
                             if (QCryptographicHash::hash(bytes, QCryptographicHash::Sha256) == file.sha256)
                                 ++verified;
                             else
                                 m_unexpected.append(u"read %1 in %2: SHA-256 differs (%3 bytes)"_s
                                                         .arg(file.path, file.sandbox)
                                                         .arg(bytes.size()));
                         }
                         done();
                     });
            });
        }
        pool.start();
        QVERIFY(pool.wait(150000));
    }
    const qint64 readMs = clock.elapsed();
    filesRunning = false;
    QVERIFY(pauseLane.wait(120000));
    QVERIFY2(m_unexpected.isEmpty(), qPrintable(m_unexpected.join(u'\n')));
    QCOMPARE(verified, Files);
    QCOMPARE(pauses, PausedSandboxes);
    QCOMPARE(resumes, PausedSandboxes);
    phase(u"%1 file writes (16 in flight), pause lane running"_s.arg(Files), writeMs,
          u"%1 MiB of content, p50 %2 ms, p99 %3 ms"_s.arg(double(fileBytes) / 1048576.0, 0, 'f', 1)
              .arg(percentile(writeLatencies, 0.5), 0, 'f', 1)
              .arg(percentile(writeLatencies, 0.99), 0, 'f', 1));
    phase(u"%1 file reads, SHA-256 compared"_s.arg(Files), readMs, u"%1 equal"_s.arg(verified));
    phase(u"%1 pause + exec (409) + resume + exec, 4 in flight"_s.arg(PausedSandboxes),
          writeMs + readMs - pausesStartedMs,
          u"%1 of the pauses while files were written or read"_s.arg(pausedDuringFiles));
    allLatencies += m_latencies;
    m_latencies.clear();
    const qint64 rssPeak = m_peakRss;

    // 4. Terminate everything; the list says so.
    clock.restart();
    {
        Pool pool(8);
        for (const auto &id : std::as_const(ids))
            pool.add([this, id](std::function<void()> done) {
                send("DELETE", u"/v1/sandboxes/%1"_s.arg(id), {}, [this, done](const Response &r) {
                    if (expect(r, 200, "terminate")
                        && r.json.value(u"status"_s).toString() != u"terminated"_s)
                        m_unexpected.append(u"terminate: "_s + QString::fromUtf8(r.body.left(200)));
                    done();
                });
            });
        pool.start();
        QVERIFY(pool.wait(120000));
    }
    const qint64 terminateMs = clock.elapsed();
    phase(u"terminate %1"_s.arg(Sandboxes), terminateMs,
          u"p50 %1 ms, p99 %2 ms"_s.arg(percentile(m_latencies, 0.5), 0, 'f', 1)
              .arg(percentile(m_latencies, 0.99), 0, 'f', 1));
    allLatencies += m_latencies;
    sampler.stop();
    const auto listed = sendAndWait("GET", u"/v1/sandboxes?status=running&status=paused&limit=1000"_s);
    QCOMPARE(listed.status, 200);
    QCOMPARE(listed.json.value(u"sandboxes"_s).toArray().size(), 0);
    QVERIFY2(m_unexpected.isEmpty(), qPrintable(m_unexpected.join(u'\n')));
    // The server hands free heap pages back every 2 s (malloc_trim in server/main.cpp): give it
    // up to 6 s to settle below the bound.
    constexpr qint64 BoundKiB = 8 * 1024;
    qint64 rssAfter = rss();
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 6000 && rssAfter > rssBefore + BoundKiB) {
        QTest::qWait(250);
        rssAfter = rss();
    }
    const qint64 settledMs = settle.elapsed();

    report.append(u"all buffered requests | %1 | p50 %2 ms, p99 %3 ms, max %4 ms"_s.arg(allLatencies.size())
                      .arg(percentile(allLatencies, 0.5), 0, 'f', 1)
                      .arg(percentile(allLatencies, 0.99), 0, 'f', 1)
                      .arg(percentile(allLatencies, 1.0), 0, 'f', 1));
    report.append(u"server RSS | before %1 MiB, after creates %2 MiB, peak %3 MiB, after terminating %4 MiB"_s
                      .arg(double(rssBefore) / 1024, 0, 'f', 1)
                      .arg(double(rssAfterCreate) / 1024, 0, 'f', 1)
                      .arg(double(rssPeak) / 1024, 0, 'f', 1)
                      .arg(double(rssAfter) / 1024, 0, 'f', 1)
                  + u" (%1 ms after the last terminate)"_s.arg(settledMs));
    QStringList allowed;
    for (auto it = m_allowed.cbegin(); it != m_allowed.cend(); ++it)
        allowed.append(u"%1 x %2"_s.arg(it.value()).arg(it.key()));
    report.append(u"contract errors seen | %1"_s.arg(allowed.isEmpty() ? u"none"_s : allowed.join(u"; "_s)));
    report.append(u"total | %1 s"_s.arg(double(total.elapsed()) / 1000.0, 0, 'f', 1));
    for (const auto &line : std::as_const(report))
        qInfo().noquote() << "load:" << line;

    // Memory returned: after every sandbox is terminated the server holds their records (a few
    // hundred bytes each, kept listed for an hour), its idle keep-alive connections and what the
    // allocator keeps below its trim threshold, not the peak's buffers (16 write bodies of up to
    // 2.7 MiB in flight, each also decoded). 8 MiB above the baseline is the bound: the peak is
    // about 20 MiB above it, and without the server's malloc_trim the RSS stayed at the peak.
    ORKESTR_VERIFY_MEMORY_BOUND(
        rssAfter <= rssBefore + BoundKiB,
        qPrintable(u"RSS after %1 KiB, before %2 KiB"_s.arg(rssAfter).arg(rssBefore)));
    QCOMPARE(m_allowed.value(u"429 rate_limited"_s), 0);
    // Thousands of requests later, the request log names the token by its prefix only.
    m_server.output += m_server.process.readAll();
    QVERIFY(m_server.output.contains(m_server.token.left(8).toUtf8()));
    QVERIFY(!m_server.output.contains(m_server.token.toUtf8()));
}

QTEST_GUILESS_MAIN(TestLoad)
#include "tst_load.moc"
