// bench_sandbox_list (issue 19): orkestr-local with 10,000 and 100,000 sandbox records.
//
// For each count: seeds a fresh data dir's database directly (bench/sandboxseed.h: the rows the
// server writes), starts orkestr-local on it and measures the time from the process start to its
// listening line (the same for an empty data dir is the reference) and the peak RSS after the
// listing, then reads all pages of 1,000 (GET /v1/sandboxes with the cursor, as plain HTTP) and
// reports the time per page; the 100,000 pages should take at most 1.3 times ten times the
// 10,000's. Then the migration of the previous release: N sandboxes as state.json directories,
// started on, with the server's own figure for moving them into the database.
// At the largest count it also shows where a page of 1,000 goes: the server's build of the body
// (in this process: the JSON written directly against the QJsonObject path it replaced), the
// request until its last byte, the client's parse (parseSandboxPage), and all pages through
// ListSandboxesJob, which asks for the next page while it parses one, against one page at a
// time (request, parse, request: as before), in the same run.
// Not a ctest test: it prints a table; docs/benchmarks.md records it.
//
// Options: --counts 10000,100000, --migrate 1000,10000, --runs N (3: the median start).

#include "core/client.h"
#include "core/listsandboxesjob.h"
#include "server/sandboxjson.h"

#include "benchsupport.h"
#include "sandboxseed.h"

#include <QCommandLineParser>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

using namespace Bench;
using namespace OrkestrLocal;
using namespace Qt::StringLiterals;

namespace {

const QString ServerProgram = QStringLiteral(ORKESTR_LOCAL_PROGRAM);

struct Server
{
    std::unique_ptr<QProcess> process;
    QString token;
    QUrl url;
    double startSeconds = 0;
    QString log;
};

QString tokenFor(const QString &dataDir)
{
    QProcess tool;
    tool.start(ServerProgram, {u"token"_s, u"create"_s, u"--data-dir"_s, dataDir});
    if (!tool.waitForFinished(30000) || tool.exitCode() != 0)
        die(u"token create failed"_s);
    return QString::fromUtf8(tool.readAllStandardOutput()).trimmed();
}

// Starts the server and waits for its listening line; the time is from the process's start.
Server startServer(const QString &dataDir)
{
    Server server;
    server.token = tokenFor(dataDir);
    server.process = std::make_unique<QProcess>();
    server.process->setProcessChannelMode(QProcess::MergedChannels);
    QElapsedTimer timer;
    timer.start();
    server.process->start(
        ServerProgram,
        {u"--listen"_s, u"127.0.0.1:0"_s, u"--data-dir"_s, dataDir, u"--rate-limit"_s, u"1000000/min"_s});
    static const QRegularExpression listening(u"listening on (http://\\S+)"_s);
    while (timer.elapsed() < 300000) {
        server.process->waitForReadyRead(50);
        server.log += QString::fromUtf8(server.process->readAll());
        const auto match = listening.match(server.log);
        if (match.hasMatch()) {
            server.startSeconds = double(timer.nsecsElapsed()) / 1e9;
            server.url = QUrl(match.captured(1));
            return server;
        }
        if (server.process->state() == QProcess::NotRunning)
            die(u"orkestr-local ended: "_s + server.log);
    }
    die(u"orkestr-local did not start in time"_s);
}

void stopServer(Server &server)
{
    server.process->terminate();
    server.process->waitForFinished(30000);
}

// The body of the page of 1,000 at `cursor` (the first page for none).
QByteArray fetchPage(QNetworkAccessManager &network, const Server &server, const QString &cursor)
{
    QUrl url = server.url.resolved(QUrl(u"/v1/sandboxes"_s));
    url.setQuery(u"limit=1000"_s + (cursor.isEmpty() ? QString() : u"&cursor="_s + cursor));
    QNetworkRequest request(url);
    request.setRawHeader("Authorization", "Bearer " + server.token.toUtf8());
    std::unique_ptr<QNetworkReply> reply(network.get(request));
    QEventLoop loop;
    QObject::connect(reply.get(), &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    if (reply->error() != QNetworkReply::NoError)
        die(u"listing failed: "_s + reply->errorString());
    return reply->readAll();
}

// Every page of 1,000 in turn; returns the seconds, and the sandboxes seen in *total.
double listAllPages(QNetworkAccessManager &network, const Server &server, int *pages, qint64 *total)
{
    QElapsedTimer timer;
    timer.start();
    QString cursor;
    *pages = 0;
    *total = 0;
    do {
        const QJsonObject page = QJsonDocument::fromJson(fetchPage(network, server, cursor)).object();
        *total += page.value(u"sandboxes"_s).toArray().size();
        cursor = page.value(u"next_cursor"_s).toString();
        ++*pages;
    } while (!cursor.isEmpty());
    return double(timer.nsecsElapsed()) / 1e9;
}

double msSince(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

// The body of each page of 1,000 built in this process, the new way and the old; per page, ms.
void compareBuilds(const std::vector<Sandbox> &sandboxes, double *direct, double *throughObjects)
{
    QList<double> directTimes, objectTimes;
    for (size_t start = 0; start + 1000 <= sandboxes.size(); start += 1000) {
        QElapsedTimer timer;
        timer.start();
        SandboxPageJson page(1000);
        for (size_t i = start; i < start + 1000; ++i)
            page.append(sandboxes[i]);
        const QByteArray written = page.finish(sandboxes[start + 999].id);
        directTimes.append(msSince(timer));
        timer.restart();
        QJsonArray array;
        for (size_t i = start; i < start + 1000; ++i)
            array.append(sandboxes[i].toJson());
        const QByteArray serialized
            = QJsonDocument(
                  QJsonObject {{u"sandboxes"_s, array}, {u"next_cursor"_s, sandboxes[start + 999].id}})
                  .toJson(QJsonDocument::Compact);
        objectTimes.append(msSince(timer));
        if (start == 0 && QJsonDocument::fromJson(written) != QJsonDocument::fromJson(serialized))
            die(u"the directly written page differs from the QJsonObject one"_s);
    }
    *direct = percentile(directTimes, 0.5);
    *throughObjects = percentile(objectTimes, 0.5);
}

// Every page of 1,000 as raw bodies, then each parsed as ListSandboxesJob parses it; medians per
// page, ms.
void splitPages(QNetworkAccessManager &network, const Server &server, double *fetch, double *parse)
{
    QList<double> fetchTimes, parseTimes;
    QString cursor;
    do {
        QElapsedTimer timer;
        timer.start();
        const QByteArray body = fetchPage(network, server, cursor);
        fetchTimes.append(msSince(timer));
        timer.restart();
        const Orkestr::SandboxPage page = Orkestr::parseSandboxPage(body);
        parseTimes.append(msSince(timer));
        if (page.error.isError())
            die(u"a page did not parse: "_s + page.error.message());
        cursor = page.nextCursor;
    } while (!cursor.isEmpty());
    *fetch = percentile(fetchTimes, 0.5);
    *parse = percentile(parseTimes, 0.5);
}

// All pages through ListSandboxesJob: one job (pipelined), or one job per page (each page asked
// for once the one before is parsed); seconds.
double listThroughJobs(const Server &server, bool pipelined, qint64 *total)
{
    Orkestr::Client client;
    client.setBaseUrl(server.url);
    client.setToken(server.token);
    QElapsedTimer timer;
    timer.start();
    *total = 0;
    QString cursor;
    do {
        Orkestr::ListSandboxesParams params;
        params.limit = 1000;
        params.keepSandboxes = false;
        params.allPages = pipelined;
        params.cursor = cursor;
        auto *job = client.call<Orkestr::ListSandboxesJob>(params);
        QObject::connect(job, &Orkestr::ListSandboxesJob::pageReceived,
                         [total](const QList<Orkestr::Sandbox> &page) { *total += page.size(); });
        QEventLoop loop;
        bool ok = false;
        QString error;
        QObject::connect(job, &Orkestr::Job::finished, &loop, [&](Orkestr::Job *finished) {
            ok = finished->status() == Orkestr::Job::Status::Succeeded;
            error = finished->error().message();
            cursor = static_cast<Orkestr::ListSandboxesJob *>(finished)->nextCursor();
            if (!ok)
                cursor.clear();
            loop.quit();
        });
        loop.exec();
        if (!ok)
            die(u"ListSandboxesJob failed: "_s + error);
    } while (!pipelined && !cursor.isEmpty());
    return double(timer.nsecsElapsed()) / 1e9;
}

QList<int> parseCounts(const QString &text)
{
    QList<int> counts;
    for (const auto &item : text.split(u',', Qt::SkipEmptyParts))
        counts.append(item.toInt());
    return counts;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_sandbox_list"_s);
    CommandLine parser;
    QCommandLineOption countsOption(u"counts"_s, u"Sandbox records to start with."_s, u"list"_s,
                                    u"10000,100000"_s);
    QCommandLineOption migrateOption(u"migrate"_s, u"state.json directories to migrate."_s, u"list"_s,
                                     u"1000,10000"_s);
    QCommandLineOption runsOption(u"runs"_s, u"Starts per count (the median is shown)."_s, u"n"_s, u"3"_s);
    parser.addOptions({countsOption, migrateOption, runsOption});
    parser.process(app);
    const int runs = std::max(1, parser.value(runsOption).toInt());

    QNetworkAccessManager network;
    out() << "orkestr-local start, records in SQLite (median of " << runs << " starts; listening line)\n";
    QTemporaryDir empty;
    QList<double> emptyStarts;
    for (int run = 0; run < runs; ++run) {
        Server server = startServer(empty.path());
        emptyStarts.append(server.startSeconds);
        stopServer(server);
    }
    out() << u"  %1 records: start %2\n"_s.arg(0, 7).arg(ms(percentile(emptyStarts, 0.5) * 1000));
    QMap<int, double> perPage;
    const QList<int> counts = parseCounts(parser.value(countsOption));
    for (const int count : counts) {
        QTemporaryDir dir;
        QElapsedTimer seeding;
        seeding.start();
        const auto sandboxes = makeSandboxes(count);
        seedDatabase(dir.path(), sandboxes);
        const double seedSeconds = double(seeding.elapsed()) / 1000;
        QList<double> starts;
        QList<double> listings;
        int pages = 0;
        qint64 total = 0;
        qint64 peak = 0;
        QString serverSays;
        const bool last = count == counts.last();
        double fetch = 0, parse = 0, pipelined = 0, oneByOne = 0;
        qint64 pipelinedTotal = 0, oneByOneTotal = 0;
        for (int run = 0; run < runs; ++run) {
            Server server = startServer(dir.path());
            static const QRegularExpression loaded(u"read \\d+ sandbox record.*"_s);
            serverSays = loaded.match(server.log).captured(0);
            starts.append(server.startSeconds);
            listings.append(listAllPages(network, server, &pages, &total));
            peak = std::max(peak, procStatusKb(server.process->processId(), "VmHWM"));
            if (last && run == 0) {
                splitPages(network, server, &fetch, &parse);
                oneByOne = listThroughJobs(server, false, &oneByOneTotal);
                pipelined = listThroughJobs(server, true, &pipelinedTotal);
            }
            stopServer(server);
        }
        const double listing = percentile(listings, 0.5);
        perPage[count] = listing / pages;
        out()
            << u"  %1 records: start %2; all %3 pages of 1000 (%4 listed) %5 s, %6 per page; server peak RSS "
               u"%7 (seeding the database took %8 s)\n"_s.arg(count, 7)
                   .arg(ms(percentile(starts, 0.5) * 1000))
                   .arg(pages)
                   .arg(total)
                   .arg(listing, 0, 'f', 3)
                   .arg(ms(perPage[count] * 1000))
                   .arg(mib(peak))
                   .arg(seedSeconds, 0, 'f', 1);
        out() << u"    the server: "_s << serverSays << '\n';
        if (last) {
            double direct = 0, throughObjects = 0;
            compareBuilds(sandboxes, &direct, &throughObjects);
            out() << u"    a page of 1000, medians: the body built in-process %1 (through QJsonObject, as "
                     u"before: %2; %3x); request to last byte %4; parseSandboxPage %5\n"_s.arg(ms(direct))
                         .arg(ms(throughObjects))
                         .arg(throughObjects / direct, 0, 'f', 1)
                         .arg(ms(fetch))
                         .arg(ms(parse));
            out()
                << u"    all pages through ListSandboxesJob: pipelined %1 s (%2 listed), one page at a time "
                   u"%3 s (%4 listed): %5x\n"_s.arg(pipelined, 0, 'f', 3)
                       .arg(pipelinedTotal)
                       .arg(oneByOne, 0, 'f', 3)
                       .arg(oneByOneTotal)
                       .arg(oneByOne / pipelined, 0, 'f', 2);
        }
        out().flush();
    }
    if (perPage.size() >= 2) {
        const auto first = perPage.constBegin();
        const auto last = std::prev(perPage.constEnd());
        out() << u"  time per page, %1 against %2 records: %3x (linear: 1.0; target <= 1.3)\n"_s
                     .arg(last.key())
                     .arg(first.key())
                     .arg(last.value() / first.value(), 0, 'f', 2);
    }

    out() << "migration of the previous release's state.json directories (first start)\n";
    static const QRegularExpression moved(
        u"moved (\\d+) sandbox record\\(s\\).* in (\\d+) ms \\((\\d+) ms"_s);
    for (const int count : parseCounts(parser.value(migrateOption))) {
        QTemporaryDir dir;
        seedStateJson(dir.path(), makeSandboxes(count));
        Server server = startServer(dir.path());
        const auto match = moved.match(server.log);
        int pages = 0;
        qint64 total = 0;
        listAllPages(network, server, &pages, &total);
        stopServer(server);
        Server again = startServer(dir.path());
        stopServer(again);
        out()
            << u"  %1 directories: first start %2 (the server: %3 ms into the database, %4 ms with deleting "
               u"the files); %5 listed after it; the next start %6\n"_s.arg(count, 7)
                   .arg(ms(server.startSeconds * 1000))
                   .arg(match.captured(2), match.captured(3))
                   .arg(total)
                   .arg(ms(again.startSeconds * 1000));
        out().flush();
    }
    return 0;
}
