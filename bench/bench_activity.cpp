// bench_activity: the Activity view of a sandbox whose journal holds 100,000 events (issue 16).
//
// Starts orkestr-local (team plan, no rate limit), creates a sandbox, pauses it, stops the server
// and fills the sandbox's journal (the server's SQLite database, as Journal::append writes it)
// with events of an agent's day: commands started and finished, files written, failed requests,
// refused connections. Through the API that would take minutes (about 150 requests/s on this
// loaded machine); the view cannot tell the difference. The server is started again and the
// sandbox resumed. Live events come through the API: a child process of this program
// (--generate) writes small files (file.written) and reads missing ones (404: request.failed).
// Then, in this process, with the dashboard's ActivityTab (store, model, view, delegate) in a
// 1280x800 window under QT_QPA_PLATFORM=offscreen:
//  (a) opening the tab: from showSandbox() to the first paint of the timeline holding rows, --runs
//      times with a fresh store each; the reference is the same first page as a bare ListEventsJob;
//  (b) loading all events into the timeline (older pages of 1000), and the GUI's stalls meanwhile;
//  (c) following 1,000 events/s for 10 s (the same child at a paced rate) with the view at the
//      newest rows, then again scrolled away (the "new events" marker counts): the GUI-thread
//      stall p99 (a 5 ms timer, Bench::LatencyProbe);
//  (d) peak RSS growth over (a) to (c) against the RSS before the tab was opened.
// The reference for (b) to (d) is the bare store and model, without a view, in a child process of
// its own (--bare-model), so that neither run reuses the other's freed memory.
// Not a ctest test: it prints a table; docs/benchmarks.md records it.
//
// Options: --events N (100000), --runs N (5), --rate N (1000), --seconds N (10), --server PATH.

#include "core/activityjobs.h"
#include "core/client.h"
#include "core/localserverprocess.h"
#include "core/sandboxjobs.h"
#include "session/activitystore.h"
#include "session/activitystores.h"
#include "session/activitytimelinemodel.h"
#include "session/session.h"
#include "ui/activity/activitytab.h"
#include "ui/activity/activitytimelineview.h"
#include "ui/activity/neweventsmarker.h"

#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QScrollBar>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QSysInfo>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <memory>

#include <unistd.h>

using namespace Orkestr;
using namespace Bench;
using namespace Qt::StringLiterals;
using OrkestrSession::ActivityStore;
using OrkestrSession::ActivityTimelineModel;

namespace {

constexpr auto TokenVariable = "ORKESTR_BENCH_TOKEN";

void settle()
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

// Waits (running the event loop) until `condition` holds; dies after `timeoutMs`.
void waitFor(const std::function<bool()> &condition, int timeoutMs, const QString &what)
{
    QElapsedTimer timer;
    timer.start();
    while (!condition()) {
        if (timer.elapsed() > timeoutMs)
            die(u"timed out waiting for "_s + what);
        // Sleeps in the event loop (processEvents with a time would spin).
        QEventLoop loop;
        QTimer::singleShot(5, &loop, &QEventLoop::quit);
        loop.exec();
    }
}

// CPU time (user and system) of a process so far, in ms, from /proc/<pid>/stat.
double processCpuMs(qint64 pid)
{
    QFile file(u"/proc/%1/stat"_s.arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray stat = file.readAll();
    // The fields after the command (which may hold spaces) in parentheses: utime and stime are
    // the 12th and 13th of them.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double ticks = double(fields.value(11).toLongLong() + fields.value(12).toLongLong());
    return ticks * 1000 / double(sysconf(_SC_CLK_TCK));
}

// One request of the generator over plain HTTP/1.1: even `i` writes a small file (file.written),
// odd `i` reads a missing one (404: request.failed).
QByteArray generatorRequest(const QUrl &url, const QByteArray &token, const QString &sandbox, qint64 i)
{
    const QByteArray files = "/v1/sandboxes/" + sandbox.toUtf8() + "/files";
    QByteArray body;
    QByteArray line;
    if (i % 2 == 0) {
        body = QJsonDocument(
                   QJsonObject {
                       {u"path"_s, u"/workspace/out/f%1.txt"_s.arg(i % 500)},
                       {u"encoding"_s, u"base64"_s},
                       {u"content"_s,
                        QString::fromLatin1(
                            QByteArray("row ").append(QByteArray::number(i)).append('\n').toBase64())}})
                   .toJson(QJsonDocument::Compact);
        line = "PUT " + files + " HTTP/1.1\r\nContent-Type: application/json\r\n";
    } else {
        line = "GET " + files + "?path=/workspace/missing-" + QByteArray::number(i % 500) + " HTTP/1.1\r\n";
    }
    return line + "Host: " + url.authority().toUtf8() + "\r\nAuthorization: Bearer " + token
        + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

// The status of the first whole response in `buffer`, which it removes; 0 while none is whole.
int takeResponse(QByteArray &buffer)
{
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    if (headEnd < 0)
        return 0;
    qint64 length = 0;
    const QList<QByteArray> lines = buffer.left(headEnd).split('\n');
    for (const QByteArray &header : lines) {
        if (header.toLower().startsWith("content-length:"))
            length = header.mid(15).trimmed().toLongLong();
    }
    if (buffer.size() < headEnd + 4 + length)
        return 0;
    const int status = lines.value(0).split(' ').value(1).toInt();
    buffer.remove(0, headEnd + 4 + length);
    return status;
}

// --generate: `count` requests that each add one event to the sandbox's journal, alternately
// a file write and a read of a missing file; `rate` per second (0: as fast as answered). Plain
// keep-alive HTTP/1.1 on 16 connections, one request in flight on each: the client library's own
// cost per request (about 0.6 ms of CPU) would make the generator the limit, not the view.
int generate(const QUrl &url, const QString &sandbox, int rate, qint64 count)
{
    const QByteArray token = qgetenv(TokenVariable);
    constexpr int Connections = 16;
    qint64 sent = 0, done = 0, failures = 0;
    QElapsedTimer clock;
    QEventLoop loop;
    struct Connection
    {
        QTcpSocket socket;
        QByteArray buffer;
        qint64 request = -1; // in flight; -1: idle
    };
    std::vector<std::unique_ptr<Connection>> connections;
    std::function<void()> pump = [&] {
        const qint64 due = rate > 0 ? std::min(count, clock.elapsed() * rate / 1000 + 1) : count;
        for (auto &connection : connections) {
            if (sent >= due)
                break;
            if (connection->request >= 0)
                continue;
            connection->request = sent++;
            connection->socket.write(generatorRequest(url, token, sandbox, connection->request));
        }
    };
    for (int c = 0; c < Connections; ++c) {
        auto connection = std::make_unique<Connection>();
        Connection *raw = connection.get();
        raw->socket.connectToHost(url.host(), quint16(url.port()));
        if (!raw->socket.waitForConnected(10000))
            die(u"the generator cannot connect: "_s + raw->socket.errorString());
        QObject::connect(&raw->socket, &QTcpSocket::readyRead, &loop, [&, raw] {
            raw->buffer += raw->socket.readAll();
            while (const int status = takeResponse(raw->buffer)) {
                // The read of a missing file fails by design (its event is request.failed).
                if (raw->request % 2 == 0 ? status != 200 : status != 404)
                    ++failures;
                raw->request = -1;
                if (++done == count)
                    loop.quit();
            }
            pump();
        });
        QObject::connect(&raw->socket, &QTcpSocket::disconnected, &loop,
                         [] { die(u"the server closed a generator connection"_s); });
        connections.push_back(std::move(connection));
    }
    clock.start();
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, &loop, pump);
    pacer.start(rate > 0 ? 5 : 50);
    pump();
    loop.exec();
    out() << "generated " << done << " in " << clock.elapsed() << " ms, failures " << failures << ", CPU "
          << processCpuMs(QCoreApplication::applicationPid()) << " ms" << Qt::endl;
    for (auto &connection : connections)
        connection->socket.disconnect(&loop);
    return failures == 0 ? 0 : 1;
}

// Starts the generator as a child process.
std::unique_ptr<QProcess> startGenerator(const LocalServerProcess &server, const QString &sandbox, int rate,
                                         qint64 count)
{
    auto process = std::make_unique<QProcess>();
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(TokenVariable), server.token());
    process->setProcessEnvironment(environment);
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->start(QCoreApplication::applicationFilePath(),
                   {u"--generate"_s, server.url().toString(), u"--sandbox"_s, sandbox, u"--rate"_s,
                    QString::number(rate), u"--events"_s, QString::number(count)});
    if (!process->waitForStarted())
        die(u"cannot start the generator"_s);
    return process;
}

struct GeneratorRun
{
    double rate = 0; // events/s reached
    double cpuMs = 0; // the generator's own CPU time
};

// Waits for the generator; what it reached, from its "generated N in T ms, failures F, CPU C ms".
GeneratorRun finishGenerator(QProcess &process)
{
    waitFor([&] { return process.state() == QProcess::NotRunning; }, 600000, u"the generator"_s);
    const QString said = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
    if (process.exitCode() != 0)
        die(u"the generator failed: "_s + said);
    const QStringList words = said.split(u' ');
    const double done = words.value(1).toDouble();
    const double elapsedMs = words.value(3).toDouble();
    return {elapsedMs > 0 ? done * 1000 / elapsedMs : 0, words.value(8).toDouble()};
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

// Appends `count` events to the sandbox's journal in the server's database (the server stopped).
void seedJournal(const QString &databasePath, const QString &sandbox, qint64 count)
{
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"seed"_s);
        db.setDatabaseName(databasePath);
        if (!db.open())
            die(u"cannot open the journal: "_s + db.lastError().text());
        QSqlQuery query(db);
        query.prepare(u"SELECT COALESCE(MAX(seq), 0) FROM events WHERE sandbox_id = ?"_s);
        query.addBindValue(sandbox);
        if (!query.exec() || !query.next())
            die(u"cannot read the journal: "_s + query.lastError().text());
        qint64 seq = query.value(0).toLongLong();
        db.transaction();
        query.prepare(
            u"INSERT INTO events (sandbox_id, seq, id, at, kind, actor, data) VALUES (?, ?, ?, ?, ?, ?, ?)"_s);
        const QString actor = compact({{u"type"_s, u"token"_s},
                                       {u"token_prefix"_s, u"ork_3fA9"_s},
                                       {u"token_name"_s, u"agent-runner"_s}});
        const QDateTime start = QDateTime::currentDateTimeUtc().addSecs(-count / 10);
        const QString commands[] = {u"python main.py --step %1"_s, u"pytest -x tests/test_%1.py"_s,
                                    u"ls -la /workspace/run-%1"_s, u"pip install -r requirements-%1.txt"_s};
        auto insert = [&](const QString &kind, const QJsonObject &data) {
            ++seq;
            query.addBindValue(sandbox);
            query.addBindValue(seq);
            query.addBindValue(u"evt_"_s + QString::number(seq).rightJustified(26, u'0'));
            query.addBindValue(start.addMSecs(seq * 100).toString(Qt::ISODateWithMs));
            query.addBindValue(kind);
            query.addBindValue(actor);
            query.addBindValue(compact(data));
            if (!query.exec())
                die(u"cannot write the journal: "_s + query.lastError().text());
        };
        for (qint64 i = 0; i < count;) {
            const QString execId = u"exe_"_s + QString::number(i).rightJustified(26, u'0');
            switch (i % 10) {
            case 0:
            case 3:
            case 6: {
                const QString command = commands[i % 4].arg(i);
                insert(u"exec.started"_s,
                       {{u"exec_id"_s, execId},
                        {u"command"_s, command},
                        {u"cwd"_s, u"/workspace"_s},
                        {u"env_keys"_s, QJsonArray {u"OPENAI_API_KEY"_s}},
                        {u"timeout_seconds"_s, 60},
                        {u"mode"_s, u"stream"_s}});
                insert(u"exec.finished"_s,
                       {{u"exec_id"_s, execId},
                        {u"status"_s, u"exited"_s},
                        {u"exit_code"_s, i % 7 == 0 ? 1 : 0},
                        {u"signal"_s, QJsonValue()},
                        {u"duration_ms"_s, 40 + i % 900},
                        {u"stdout_bytes"_s, 1290},
                        {u"stderr_bytes"_s, i % 7 == 0 ? 88 : 0}});
                i += 2;
                break;
            }
            case 9:
                insert(u"request.failed"_s,
                       {{u"method"_s, u"GET"_s},
                        {u"path"_s, u"/v1/sandboxes/%1/files"_s.arg(sandbox)},
                        {u"status"_s, 404},
                        {u"error_type"_s, u"file_not_found"_s},
                        {u"request_id"_s, u"req_%1"_s.arg(i)}});
                ++i;
                break;
            default:
                insert(u"file.written"_s,
                       {{u"path"_s, u"/workspace/out/part-%1.csv"_s.arg(i)},
                        {u"size"_s, 2600 + i % 5000},
                        {u"mode"_s, 420},
                        {u"sha256"_s, QString(64, u'a')}});
                ++i;
                break;
            }
        }
        if (!db.commit())
            die(u"cannot commit the journal: "_s + db.lastError().text());
    }
    QSqlDatabase::removeDatabase(u"seed"_s);
}

qint64 latestSeq(Client &client, const QString &sandbox)
{
    ListEventsParams params;
    params.limit = 1;
    qint64 latest = -1;
    const auto error = runJob<ListEventsJob>(client, new ListEventsJob(sandbox, params),
                                             [&](auto *job) { latest = job->latestSeq(); });
    if (error.isError())
        die(u"cannot list events: "_s + error.displayText());
    return latest;
}

// Pages every older event into the store, 1000 at a time; returns the GUI's stalls meanwhile.
QList<double> loadAll(ActivityStore *store)
{
    LatencyProbe probe(5);
    probe.start();
    store->setPageSize(ListEventsParams::MaxLimit);
    while (store->canFetchOlder()) {
        store->fetchOlder();
        waitFor([store] { return !store->isFetchingOlder(); }, 60000, u"an older page"_s);
    }
    probe.stop();
    return probe.stalls();
}

struct FollowRun
{
    double p99 = 0;
    double longest = 0;
    qint64 received = 0;
    double cpuMs = 0; // the GUI thread's CPU time over the run
    GeneratorRun generator;
    double serverCpuMs = 0; // orkestr-local's CPU time over the run
};

// The child generates `rate` events/s for `seconds` while the GUI thread is probed; done once the
// store holds them all.
FollowRun follow(const LocalServerProcess &server, const QString &sandbox, ActivityStore *store, int rate,
                 int seconds)
{
    const qint64 before = store->newestSeq();
    const qint64 count = qint64(rate) * seconds;
    LatencyProbe probe(5);
    const double cpuBefore = threadCpuMs();
    const double serverCpuBefore = processCpuMs(server.processId());
    probe.start();
    auto generator = startGenerator(server, sandbox, rate, count);
    const GeneratorRun reached = finishGenerator(*generator);
    const double serverCpuMs = processCpuMs(server.processId()) - serverCpuBefore;
    waitFor([&] { return store->newestSeq() >= before + count; }, 30000, u"the followed events"_s);
    settle();
    probe.stop();
    return {percentile(probe.stalls(), 0.99), probe.longest(), store->newestSeq() - before,
            threadCpuMs() - cpuBefore,        reached,         serverCpuMs};
}

qint64 rssKb()
{
    return procStatusKb(QCoreApplication::applicationPid(), "VmRSS");
}

qint64 peakKb()
{
    return procStatusKb(QCoreApplication::applicationPid(), "VmHWM");
}

// --bare-model: the reference, the store and model without a view. Prints one line:
// "bare <load ms> <follow p99 ms> <follow longest ms> <peak growth kB> <rows> <follow CPU ms>".
int bareModel(const QUrl &url, const QString &sandbox, int rate, int seconds)
{
    Client client;
    client.setBaseUrl(url);
    client.setToken(qEnvironmentVariable(TokenVariable));
    OrkestrSession::Session session(&client);
    const qint64 baseline = rssKb();
    resetPeakRss(QCoreApplication::applicationPid());
    auto store = session.activity()->store(sandbox);
    ActivityTimelineModel model(store);
    waitFor([&] { return store->state() == ActivityStore::State::Ready; }, 30000, u"the first page"_s);
    QElapsedTimer timer;
    timer.start();
    loadAll(store.get());
    const double loadMs = double(timer.nsecsElapsed()) / 1e6;
    // The parent starts the generator once this says it is ready.
    const qint64 before = store->newestSeq();
    LatencyProbe probe(5);
    const double cpuBefore = threadCpuMs();
    probe.start();
    QTextStream(stdout) << "ready" << Qt::endl;
    waitFor([&] { return store->newestSeq() >= before + qint64(rate) * seconds; }, 120000,
            u"the followed events"_s);
    settle();
    probe.stop();
    out() << "bare " << loadMs << ' ' << percentile(probe.stalls(), 0.99) << ' ' << probe.longest() << ' '
          << (peakKb() - baseline) << ' ' << model.rowCount() << ' ' << (threadCpuMs() - cpuBefore)
          << Qt::endl;
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    CommandLine parser(u"The Activity view with a journal of 100,000 events."_s);
    QCommandLineOption eventsOption(u"events"_s, u"Events in the journal (default 100000)."_s, u"n"_s,
                                    u"100000"_s);
    QCommandLineOption runsOption(u"runs"_s, u"Openings of the tab (default 5)."_s, u"n"_s, u"5"_s);
    QCommandLineOption rateOption(u"rate"_s, u"Events per second while following (default 1000)."_s, u"n"_s,
                                  u"1000"_s);
    QCommandLineOption secondsOption(u"seconds"_s, u"Seconds of following (default 10)."_s, u"n"_s, u"10"_s);
    const QCommandLineOption serverOption = localServerOption();
    QCommandLineOption generateOption(u"generate"_s, u"(internal) Generate events against URL."_s, u"url"_s);
    QCommandLineOption bareOption(u"bare-model"_s, u"(internal) The reference run against URL."_s, u"url"_s);
    QCommandLineOption sandboxOption(u"sandbox"_s, u"(internal) The sandbox."_s, u"id"_s);
    parser.addOptions({eventsOption, runsOption, rateOption, secondsOption, serverOption, generateOption,
                       bareOption, sandboxOption});
    parser.process(app);
    const qint64 events = std::max<qint64>(1, parser.value(eventsOption).toLongLong());
    const int rate = std::max(0, parser.value(rateOption).toInt());
    const int seconds = std::max(1, parser.value(secondsOption).toInt());
    if (parser.isSet(generateOption))
        return generate(QUrl(parser.value(generateOption)), parser.value(sandboxOption), rate, events);
    if (parser.isSet(bareOption))
        return bareModel(QUrl(parser.value(bareOption)), parser.value(sandboxOption), rate, seconds);
    const int runs = std::max(1, parser.value(runsOption).toInt());

    BenchServer local(parser.value(serverOption));
    const QTemporaryDir &dataDir = local.dataDir;
    LocalServerProcess &server = local.server;
    Client &client = local.client;
    const QString sandbox = createSandbox(client);

    out() << "bench_activity: " << events << " events, " << QThread::idealThreadCount() << " cores, "
          << QSysInfo::prettyProductName() << ", load " << loadAverage() << Qt::endl;
    {
        // Seeding: into the journal while the server is stopped and the sandbox paused.
        QElapsedTimer timer;
        timer.start();
        if (const auto error = runJob<PauseSandboxJob>(client, new PauseSandboxJob(sandbox)); error.isError())
            die(u"pause failed: "_s + error.displayText());
        server.stop();
        seedJournal(dataDir.filePath(u"journal.sqlite"_s), sandbox, events);
        startServer(server);
        client.setBaseUrl(server.url());
        client.setToken(server.token());
        if (const auto error = runJob<ResumeSandboxJob>(client, new ResumeSandboxJob(sandbox));
            error.isError())
            die(u"resume failed: "_s + error.displayText());
        waitFor(
            [&] {
                bool running = false;
                runJob<GetSandboxJob>(client, new GetSandboxJob(sandbox),
                                      [&](auto *job) { running = job->sandbox().isRunning(); });
                return running;
            },
            60000, u"the sandbox to run again"_s);
        const qint64 latest = latestSeq(client, sandbox);
        if (latest < events)
            die(u"the journal holds %1 events, not %2"_s.arg(latest).arg(events));
        out() << "seeded " << latest << " events in " << ms(double(timer.elapsed())) << Qt::endl;
    }

    // (a) Opening, against the first page through a bare job.
    QList<double> openMs, jobMs;
    OrkestrSession::Session session(&client);
    QWidget window;
    window.resize(1280, 800);
    window.show();
    settle();
    const qint64 baseline = rssKb();
    resetPeakRss(QCoreApplication::applicationPid());
    std::unique_ptr<OrkestrUi::ActivityTab> tab;
    for (int run = 0; run < runs; ++run) {
        ListEventsParams params;
        params.limit = ActivityStore::PageSize;
        QElapsedTimer jobTimer;
        jobTimer.start();
        runJob<ListEventsJob>(client, new ListEventsJob(sandbox, params));
        jobMs.append(double(jobTimer.nsecsElapsed()) / 1e6);

        tab.reset(); // and with it the store: the next opening starts from nothing
        settle();
        tab = std::make_unique<OrkestrUi::ActivityTab>(&session, &window);
        tab->resize(window.size());
        tab->show();
        settle();
        auto *viewport = tab->timeline()->viewport();
        bool painted = false;
        QElapsedTimer timer;
        QObject filterOwner;
        struct PaintWatch : QObject
        {
            std::function<void()> onPaint;
            bool eventFilter(QObject *, QEvent *event) override
            {
                if (event->type() == QEvent::Paint)
                    onPaint();
                return false;
            }
        } watch;
        double elapsed = 0;
        watch.onPaint = [&] {
            if (!painted && tab->model() && tab->model()->rowCount() > 0) {
                painted = true;
                // Measured once this paint is done.
                QTimer::singleShot(0, &filterOwner, [&] { elapsed = double(timer.nsecsElapsed()) / 1e6; });
            }
        };
        viewport->installEventFilter(&watch);
        timer.start();
        tab->showSandbox(sandbox);
        waitFor([&] { return elapsed > 0; }, 30000, u"the first rows painted"_s);
        viewport->removeEventFilter(&watch);
        openMs.append(elapsed);
        out() << "open " << run + 1 << ": " << ms(elapsed) << " (first page by a bare job "
              << ms(jobMs.last()) << ")" << Qt::endl;
    }

    // (b) All events into the timeline.
    ActivityStore *store = tab->model()->store();
    QElapsedTimer loadTimer;
    loadTimer.start();
    const QList<double> loadStalls = loadAll(store);
    const double loadMs = double(loadTimer.nsecsElapsed()) / 1e6;
    settle();
    tab->timeline()->jumpToNewest();
    settle();
    const int loaded = tab->model()->rowCount();
    out() << "loaded " << loaded << " rows in " << ms(loadMs) << ", stall p99 "
          << ms(percentile(loadStalls, 0.99)) << Qt::endl;

    // (c) Following, at the newest rows and then scrolled away.
    const FollowRun following = follow(server, sandbox, store, rate, seconds);
    out() << "following: " << following.received << " events (generator " << qRound(following.generator.rate)
          << "/s; CPU: generator " << ms(following.generator.cpuMs) << ", server "
          << ms(following.serverCpuMs) << "), stall p99 " << ms(following.p99) << ", longest "
          << ms(following.longest) << ", GUI thread CPU " << ms(following.cpuMs) << Qt::endl;
    auto *bar = tab->timeline()->verticalScrollBar();
    bar->setValue(bar->maximum() / 2);
    settle();
    if (tab->timeline()->isFollowing())
        die(u"the view still follows after scrolling away"_s);
    const int valueAway = bar->value();
    const FollowRun away = follow(server, sandbox, store, rate, seconds);
    const int marker = tab->timeline()->marker()->count();
    out() << "scrolled away: " << away.received << " events (generator " << qRound(away.generator.rate)
          << "/s), stall p99 " << ms(away.p99) << ", longest " << ms(away.longest) << ", marker " << marker
          << ", scroll position kept " << (bar->value() == valueAway) << Qt::endl;
    // (d)
    const qint64 growthKb = peakKb() - baseline;
    // Printed now too: the reference run below may fail on a machine too loaded for its generator.
    out() << "peak RSS growth: " << mib(growthKb) << " (RSS now " << mib(rssKb() - baseline) << ")"
          << Qt::endl;
    tab.reset();

    // The reference: the bare model in a child of its own, following the same load.
    QProcess bare;
    auto environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QString::fromLatin1(TokenVariable), server.token());
    bare.setProcessEnvironment(environment);
    bare.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    bare.start(QCoreApplication::applicationFilePath(),
               {u"--bare-model"_s, server.url().toString(), u"--sandbox"_s, sandbox, u"--rate"_s,
                QString::number(rate), u"--seconds"_s, QString::number(seconds)});
    waitFor([&] { return bare.canReadLine() || bare.state() == QProcess::NotRunning; }, 300000,
            u"the bare model's first pages"_s);
    if (bare.readLine().trimmed() != "ready")
        die(u"the bare model run failed"_s);
    auto generator = startGenerator(server, sandbox, rate, qint64(rate) * seconds);
    const double bareRate = finishGenerator(*generator).rate;
    waitFor([&] { return bare.state() == QProcess::NotRunning; }, 120000, u"the bare model run"_s);
    const auto fields = QString::fromUtf8(bare.readAllStandardOutput()).trimmed().split(u' ');
    if (fields.value(0) != u"bare"_s || fields.size() < 7)
        die(u"the bare model printed: "_s + fields.join(u' '));
    const double bareLoadMs = fields.value(1).toDouble();
    const double bareP99 = fields.value(2).toDouble();
    const qint64 bareGrowthKb = fields.value(4).toLongLong();
    const double bareCpuMs = fields.value(6).toDouble();

    const double openP50 = percentile(openMs, 0.5);
    const double openWorst = percentile(openMs, 1.0);
    QList<Row> rows {
        {u"open to first rows painted (median of %1; worst)"_s.arg(runs),
         u"%1; %2 (bare first page %3)"_s.arg(ms(openP50), ms(openWorst), ms(percentile(jobMs, 0.5))),
         u"≤ 200 ms"_s, verdict(openWorst <= 200)},
        {u"all %1 rows paged in"_s.arg(loaded), u"%1 (bare model %2)"_s.arg(ms(loadMs), ms(bareLoadMs)),
         u"—"_s, u""_s},
        {u"following %1 events/s for %2 s: stall p99"_s.arg(rate).arg(seconds),
         u"%1 (longest %2; bare model %3)"_s.arg(ms(following.p99), ms(following.longest), ms(bareP99)),
         u"≤ 16 ms"_s, verdict(following.p99 <= 16)},
        {u"events/s the generator reached (view; bare model)"_s,
         u"%1; %2"_s.arg(qRound(following.generator.rate)).arg(qRound(bareRate)), u"%1"_s.arg(rate),
         verdict(std::min(following.generator.rate, bareRate) >= 0.95 * rate)},
        {u"GUI thread CPU time while following"_s,
         u"%1 (bare model %2)"_s.arg(ms(following.cpuMs), ms(bareCpuMs)), u"—"_s, u""_s},
        {u"the same, scrolled away: stall p99"_s, u"%1 (marker: %2 new)"_s.arg(ms(away.p99)).arg(marker),
         u"≤ 16 ms"_s, verdict(away.p99 <= 16)},
        {u"peak RSS growth"_s, u"%1 (bare model %2)"_s.arg(mib(growthKb), mib(bareGrowthKb)), u"≤ 100 MiB"_s,
         verdict(growthKb <= 100 * 1024)},
    };
    printTable(rows);
    out() << "load after: " << loadAverage() << Qt::endl;
    return 0;
}
