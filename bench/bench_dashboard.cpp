// bench_dashboard: the dashboard against orkestr-local holding 10,000 and 100,000 sandboxes
// (issues 5 and 19).
//
// For each size, in a process of its own (this program again, so that one size's heap does not
// weigh on the next): seeds a fresh data dir's database with N sandbox records
// (bench/sandboxseed.h, as bench_sandbox_list does), mostly paused with a snapshot so that no
// process is needed, starts orkestr-local on it through LocalServerProcess (which makes its token
// with `orkestr-local token create --replace`), checks that the list holds N, and then measures:
//  (a) the dashboard as orkestr-desk opens it (orkestr-desk-scenes of tools/desk-scenes: the same
//      application, window and connection), run --runs times with --server and
//      --exit-after-first-list N under QT_QPA_PLATFORM=offscreen: time from process start to the
//      first paint of the sandbox view with any sandboxes and with all N, and the peak RSS (VmHWM);
//  (b) in this process, a SandboxesPage (the dashboard's model, filter, view and facets): the
//      GUI-thread time of a refresh where ~1 % of the sandboxes changed, and the time to parse
//      the N-sandbox JSON into Orkestr::Sandbox against QJsonDocument::fromJson alone;
//  (c) the figures of list-then-watch (bench/dashboardwatch.h): heap bytes per sandbox, 1,000
//      changes/s applied (GUI stall p99, against the bare store and model), a change through the
//      API until painted, and the full listings meanwhile.
// Each size prints its table; with several sizes a table of all of them side by side follows.
// Not a ctest test: docs/benchmarks.md records the figures.
//
// Options: --sandboxes N or N,M,... (10000,100000), --runs N (5), --refreshes N (20),
// --desk PATH, --server PATH, --stalls-only, --live-only. ORKESTR_TRACE_SLOW_MS=N prints every
// event of N ms or more (wall and thread CPU time, receiver) on stderr.

#include "core/client.h"
#include "core/job.h"
#include "core/localserverprocess.h"
#include "core/sandbox.h"
#include "core/sandboxjobs.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include "benchsupport.h"
#include "dashboardwatch.h"
#include "sandboxseed.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QStyledItemDelegate>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTextStream>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <algorithm>
#include <cmath>
#include <cstdio>

using namespace Orkestr;
using namespace Bench;
using OrkestrUi::SandboxesPage;
using OrkestrUi::SandboxTreeModel;
using namespace Qt::StringLiterals;

namespace {

// The body of a GET /v1/sandboxes holding all of them in one page, as the server would write it
// (newest first).
QByteArray listBody(const std::vector<OrkestrLocal::Sandbox> &seeded)
{
    QJsonArray array;
    for (auto it = seeded.crbegin(); it != seeded.crend(); ++it)
        array.append(it->toJson());
    return QJsonDocument(
               QJsonObject {{u"sandboxes"_s, array}, {u"next_cursor"_s, QJsonValue(QJsonValue::Null)}})
        .toJson(QJsonDocument::Compact);
}

struct ListRun
{
    int count = -1;
    int pages = 0;
    double ms = 0;
    QString error;
};

ListRun listAll(Client &client, int limit)
{
    ListSandboxesParams params;
    params.limit = limit;
    auto *job = new ListSandboxesJob(params);
    ListRun run;
    QEventLoop loop;
    QElapsedTimer timer;
    timer.start();
    QObject::connect(job, &Job::finished, &loop, [&](Job *) {
        run.ms = double(timer.nsecsElapsed()) / 1e6;
        if (job->error().isError())
            run.error = job->error().message();
        run.count = int(job->sandboxes().size());
        run.pages = job->pages();
        loop.quit();
    });
    client.run(job);
    loop.exec();
    return run;
}

struct DeskRun
{
    bool ok = false;
    double wallMs = 0; // QProcess::start to the line on stdout
    double sinceMainMs = 0;
    double sinceExecMs = 0;
    double connectedMs = 0;
    double listAppliedMs = 0;
    double firstRowsMs = -1; // since main(): the first paint that showed any sandboxes
    int firstRows = 0; // how many the model held then
    qint64 peakKb = -1;
    QString error;
};

DeskRun runDesk(const QString &program, const QUrl &server, const QString &token, int expected,
                const QString &home)
{
    DeskRun run;
    QProcess desk;
    auto env = QProcessEnvironment::systemEnvironment();
    env.insert(u"ORKESTR_API_KEY"_s, token);
    env.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    // Settings and profiles of its own, not the user's.
    env.insert(u"HOME"_s, home);
    env.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    env.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    env.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    desk.setProcessEnvironment(env);
    desk.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    QElapsedTimer timer;
    timer.start();
    desk.start(program,
               {u"--server"_s, server.toString(), u"--exit-after-first-list"_s, QString::number(expected)});
    QByteArray line;
    while (!line.contains('\n')) {
        // A minute, and two more per 100,000 sandboxes (a loaded machine lists slowly).
        const int timeoutMs = 60000 + expected * 2;
        if (!desk.waitForReadyRead(timeoutMs)) {
            run.error = u"no result within %1 s (%2)"_s.arg(timeoutMs / 1000).arg(desk.errorString());
            desk.kill();
            desk.waitForFinished();
            return run;
        }
        line += desk.readAllStandardOutput();
    }
    run.wallMs = double(timer.nsecsElapsed()) / 1e6;
    desk.waitForFinished(30000);
    line = line.left(line.indexOf('\n'));
    if (!line.startsWith("first-list-painted:")) {
        run.error = u"unexpected output: "_s + QString::fromUtf8(line);
        return run;
    }
    QHash<QByteArray, QByteArray> fields;
    for (const auto &part : line.mid(19).trimmed().split(' ')) {
        const auto equals = part.indexOf('=');
        if (equals > 0)
            fields.insert(part.left(equals), part.mid(equals + 1));
    }
    run.sinceMainMs = fields.value("since_main_ms").toDouble();
    run.sinceExecMs = fields.value("since_exec_ms").toDouble();
    run.connectedMs = fields.value("connected_ms").toDouble();
    run.listAppliedMs = fields.value("list_applied_ms").toDouble();
    run.firstRowsMs = fields.value("first_rows_painted_ms").toDouble();
    run.firstRows = fields.value("first_rows").toInt();
    run.peakKb = fields.value("peak_rss_kb").toLongLong();
    run.ok = desk.exitStatus() == QProcess::NormalExit && desk.exitCode() == 0
        && fields.value("sandboxes").toInt() >= expected && fields.value("rows_shown") == "1";
    if (!run.ok)
        run.error = u"exit %1: "_s.arg(desk.exitCode()) + QString::fromUtf8(line);
    return run;
}

// Lets the page lay itself out and repaint: posted events (the view's delayed layout, the
// update requests) until none are left.
void settle()
{
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents(QEventLoop::AllEvents);
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents(QEventLoop::AllEvents);
}

// Several sizes: this program once per size, one after the other, its output passed on; then
// their tables side by side (the rows are the same figures in the same order).
int runSizes(const QString &program, QStringList arguments, const QStringList &sizes)
{
    const qsizetype at = arguments.indexOf(u"--sandboxes"_s);
    if (at < 0)
        arguments << u"--sandboxes"_s << QString();
    const qsizetype value = at < 0 ? arguments.size() - 1 : at + 1;
    QList<QStringList> tables;
    for (const auto &size : sizes) {
        arguments[value] = size;
        QProcess run;
        run.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QStringList table;
        QObject::connect(&run, &QProcess::readyReadStandardOutput, &run, [&] {
            while (run.canReadLine()) {
                const QString line = QString::fromUtf8(run.readLine());
                out() << line;
                out().flush();
                if (line.startsWith(u"| "_s) && !line.startsWith(u"| figure"_s))
                    table.append(line.trimmed());
            }
        });
        run.start(program, arguments);
        if (!run.waitForFinished(-1) || run.exitStatus() != QProcess::NormalExit || run.exitCode() != 0)
            die(u"the run with %1 sandboxes failed"_s.arg(size));
        tables.append(table);
    }
    QStringList header {u"figure"_s};
    for (const auto &size : sizes)
        header.append(size);
    header.append(u"target"_s);
    out() << Qt::endl << "all sizes:" << Qt::endl << "| " << header.join(u" | "_s) << " |" << Qt::endl << "|";
    for (qsizetype i = 0; i < header.size(); ++i)
        out() << "---|";
    out() << Qt::endl;
    // Rows "| figure | result | target | verdict |": the figure as the last size names it, each
    // size's result with its verdict.
    const auto cellsOf = [](const QString &line) {
        return line.mid(2, line.size() - 4).split(u" | "_s);
    };
    for (qsizetype row = 0; row < tables.constLast().size(); ++row) {
        const QStringList last = cellsOf(tables.constLast().at(row));
        QStringList cells {last.value(0)};
        for (const auto &table : std::as_const(tables)) {
            const QStringList those = cellsOf(table.value(row));
            const QString verdict = those.value(3).trimmed();
            cells.append(those.value(1) + (verdict.isEmpty() ? QString() : u" ("_s + verdict + u")"_s));
        }
        cells.append(last.value(2));
        out() << "| " << cells.join(u" | "_s) << " |" << Qt::endl;
    }
    return 0;
}

// 1,000 changes per second as the watch delivers them: to a shown page, and to the store and
// model alone (the reference).
void appendStallRows(Client &client, const QList<Sandbox> &sandboxes, QList<Row> *rows)
{
    const auto stalls = BenchWatch::changesPerSecond(client, sandboxes, 1000, 5);
    const auto bareStalls = BenchWatch::changesPerSecond(client, sandboxes, 1000, 5, false);
    const auto eachAtOnce = BenchWatch::changesPerSecond(client, sandboxes, 1000, 5, true, false);
    rows->append({u"1,000 changes/s applied to a shown SandboxesPage (batches every 10 ms, %1 in %2 s): GUI "
                  u"stall p99 (longest)"_s.arg(stalls.applied)
                      .arg(stalls.seconds, 0, 'f', 1),
                  u"%1 (%2)"_s.arg(ms(stalls.p99), ms(stalls.longest)), u"p99 ≤ 16 ms"_s,
                  verdict(stalls.p99 <= 16)});
    rows->append({u"… the same to a SandboxStore and SandboxTreeModel alone (no view), the reference (%1 "
                  u"in %2 s): stall p99 (longest)"_s.arg(bareStalls.applied)
                      .arg(bareStalls.seconds, 0, 'f', 1),
                  u"%1 (%2)"_s.arg(ms(bareStalls.p99), ms(bareStalls.longest)), QString(), QString()});
    rows->append(
        {u"… the same to the page with every batch applied at once (no hold-back, as before; %1 in %2 "
         u"s): stall p99 (longest)"_s.arg(eachAtOnce.applied)
             .arg(eachAtOnce.seconds, 0, 'f', 1),
         u"%1 (%2)"_s.arg(ms(eachAtOnce.p99), ms(eachAtOnce.longest)), QString(), QString()});
}

// With ORKESTR_TRACE_SLOW_MS set: every event that takes that long or longer, with its type,
// receiver, nesting depth and start time, on stderr (to see what one GUI stall is made of).
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        static const int slowMs = qEnvironmentVariableIntValue("ORKESTR_TRACE_SLOW_MS");
        if (slowMs <= 0)
            return QApplication::notify(receiver, event);
        static QElapsedTimer clock;
        static int depth = 0;
        if (!clock.isValid())
            clock.start();
        const qint64 start = clock.nsecsElapsed();
        const double cpuStart = threadCpuMs();
        const auto type = event->type();
        ++depth;
        const bool result = QApplication::notify(receiver, event);
        --depth;
        const double tookMs = double(clock.nsecsElapsed() - start) / 1e6;
        if (tookMs >= slowMs) {
            const QObject *owner = receiver->parent();
            qWarning("slow event at %.1f ms: %.1f ms (CPU %.1f ms), depth %d, type %d, %s %s (in %s)",
                     double(start) / 1e6, tookMs, threadCpuMs() - cpuStart, depth, int(type),
                     receiver->metaObject()->className(), qPrintable(receiver->objectName()),
                     owner ? owner->metaObject()->className() : "-");
        }
        return result;
    }
};

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    TracingApplication app(argc, argv);
    CommandLine parser(u"Benchmarks the dashboard against 10,000 and 100,000 sandboxes."_s);
    QCommandLineOption countOption(
        u"sandboxes"_s, u"Sandboxes to seed, or several sizes run one after the other (10000,100000)."_s,
        u"n"_s, u"10000,100000"_s);
    QCommandLineOption runsOption(u"runs"_s, u"orkestr-desk starts (5)."_s, u"n"_s, u"5"_s);
    QCommandLineOption refreshesOption(u"refreshes"_s, u"Timed refreshes (20)."_s, u"n"_s, u"20"_s);
    QCommandLineOption deskOption(u"desk"_s, u"The orkestr-desk-scenes to run."_s, u"path"_s,
                                  QStringLiteral(ORKESTR_DESK_PROGRAM));
    QCommandLineOption serverOption(u"server"_s, u"The orkestr-local to run."_s, u"path"_s,
                                    QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    QCommandLineOption stallsOption(u"stalls-only"_s,
                                    u"Only the 1,000 changes/s figures, without a server "
                                    u"(a short run to profile, e.g. under callgrind)."_s);
    QCommandLineOption liveOption(u"live-only"_s,
                                  u"Only the figures against the server: orkestr-desk's starts (--runs) and "
                                  u"the changes through the API until painted (5 rounds of 10 resumes)."_s);
    parser.addOptions(
        {countOption, runsOption, refreshesOption, deskOption, serverOption, stallsOption, liveOption});
    parser.process(app);
    if (const QStringList sizes = parser.value(countOption).split(u','); sizes.size() > 1)
        return runSizes(app.applicationFilePath(), app.arguments().mid(1), sizes);
    const int count = std::max(1, parser.value(countOption).toInt());
    const int runs = std::max(0, parser.value(runsOption).toInt()); // 0 skips (a)
    const int refreshes = std::max(1, parser.value(refreshesOption).toInt());

    const QByteArray loadBefore = loadAverage();
    out() << "bench_dashboard: " << count << " sandboxes, " << QThread::idealThreadCount() << " cores, "
          << QSysInfo::prettyProductName() << ", build " << ORKESTR_BUILD_TYPE << ", load " << loadBefore
          << Qt::endl;

    if (parser.isSet(stallsOption)) {
        QList<Sandbox> sandboxes;
        for (const auto &seed : makeSandboxes(count))
            sandboxes.append(Sandbox::fromJson(seed.toJson()));
        Client offline;
        QList<Row> rows;
        appendStallRows(offline, sandboxes, &rows);
        printTable(rows);
        return 0;
    }

    QTemporaryDir dataDir, home;
    if (!dataDir.isValid() || !home.isValid())
        die(u"cannot create temporary dirs"_s);
    QFile::setPermissions(dataDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QElapsedTimer phase;
    phase.start();
    const std::vector<OrkestrLocal::Sandbox> seeded = makeSandboxes(count);
    seedDatabase(dataDir.path(), seeded);
    out() << "seeded " << dataDir.path() << " in " << ms(double(phase.nsecsElapsed()) / 1e6) << Qt::endl;

    LocalServerProcess server;
    server.setProgram(parser.value(serverOption));
    server.setDataDir(dataDir.path());
    server.setExtraArguments(
        {u"--plan"_s, u"team"_s, u"--rate-limit"_s, u"1000000/s"_s, u"--max-running"_s, u"1000"_s});
    phase.restart();
    // The server logs every sandbox change with its time (for the live rounds); the variable is
    // read by the server at its start only, and is taken back from this process's environment.
    const QByteArray rulesBefore = qgetenv("QT_LOGGING_RULES");
    qputenv("QT_LOGGING_RULES", BenchWatch::serverChangeLogRules());
    startServer(server, 120000);
    if (rulesBefore.isNull())
        qunsetenv("QT_LOGGING_RULES");
    else
        qputenv("QT_LOGGING_RULES", rulesBefore);
    const double serverStartMs = double(phase.nsecsElapsed()) / 1e6;
    out() << "orkestr-local " << server.url().toString() << " ready in " << ms(serverStartMs) << Qt::endl;

    Client client;
    client.setBaseUrl(server.url());
    client.setToken(server.token());
    const ListRun big = listAll(client, 1000);
    if (!big.error.isEmpty() || big.count != count)
        die(u"the server lists %1 sandboxes, not %2: %3"_s.arg(big.count).arg(count).arg(big.error));
    // Pages of 100 (the server's default) only up to 20,000: beyond, a server whose ETag hashes
    // the whole listing per page takes minutes for it, and the poller asks for 1000 anyway.
    ListRun small;
    if (count <= 20000)
        small = listAll(client, 0);
    else
        small.count = count;
    if (!small.error.isEmpty() || small.count != count)
        die(u"the default-page listing gave %1: %2"_s.arg(small.count).arg(small.error));
    out() << "listed " << big.count << " in " << big.pages << " pages of 1000 (" << ms(big.ms) << "), "
          << small.pages << " pages of 100 (" << ms(small.ms) << ")" << Qt::endl;

    QList<Row> rows;
    rows.append(
        {u"orkestr-local start on %1 records in its database, until it answers (token made first)"_s.arg(
             count),
         ms(serverStartMs), QString(), QString()});
    rows.append({u"GET /v1/sandboxes, all %1, OrkestrCore ListSandboxesJob"_s.arg(count),
                 u"%1 in %2 pages of 1000; %3 in %4 pages of 100"_s.arg(ms(big.ms))
                     .arg(big.pages)
                     .arg(ms(small.ms))
                     .arg(small.pages),
                 QString(), QString()});

    // (a) orkestr-desk from process start to the first painted list.
    QList<double> wall, sinceMain, connected, applied, firstRowsWall;
    int firstRows = 0;
    qint64 peakKb = -1;
    for (int i = 0; i < runs; ++i) {
        const DeskRun run
            = runDesk(parser.value(deskOption), server.url(), server.token(), count, home.path());
        if (!run.ok)
            die(u"orkestr-desk run %1: %2"_s.arg(i + 1).arg(run.error));
        out() << "orkestr-desk run " << i + 1 << ": " << ms(run.wallMs) << " to the first painted list ("
              << ms(run.sinceMainMs) << " since main, " << run.sinceExecMs
              << " ms since exec by /proc; account " << ms(run.connectedMs) << ", list applied "
              << ms(run.listAppliedMs) << ", first " << run.firstRows << " painted " << ms(run.firstRowsMs)
              << "), peak RSS " << mib(run.peakKb) << Qt::endl;
        wall.append(run.wallMs);
        // From the process start: what the start cost before main(), plus main() to that paint.
        firstRowsWall.append(run.wallMs - run.sinceMainMs + run.firstRowsMs);
        firstRows = run.firstRows;
        sinceMain.append(run.sinceMainMs);
        connected.append(run.connectedMs);
        applied.append(run.listAppliedMs);
        peakKb = std::max(peakKb, run.peakKb);
    }
    if (runs > 0) {
        const double firstPaint = percentile(firstRowsWall, 0.5);
        rows.append({u"orkestr-desk start to the first painted list (its first page, %1 of %2 sandboxes; the "
                     u"rest follows), median (max) of %3"_s.arg(firstRows)
                         .arg(count)
                         .arg(runs),
                     u"%1 (%2)"_s.arg(ms(firstPaint), ms(percentile(firstRowsWall, 1.0))),
                     u"median ≤ 500 ms"_s, verdict(firstPaint <= 500)});
        rows.append({u"orkestr-desk start to all %1 painted, median (max) of %2"_s.arg(count).arg(runs),
                     u"%1 (%2)"_s.arg(ms(percentile(wall, 0.5)), ms(percentile(wall, 1.0))), QString(),
                     QString()});
        rows.append({u"… of which: main() to account answered / list applied / painted, medians"_s,
                     u"%1 / %2 / %3"_s.arg(ms(percentile(connected, 0.5)), ms(percentile(applied, 0.5)),
                                           ms(percentile(sinceMain, 0.5))),
                     QString(), QString()});
        rows.append({u"orkestr-desk peak RSS (VmHWM) at the first painted list, max of %1"_s.arg(runs),
                     mib(peakKb), u"≤ 150 MiB"_s, verdict(peakKb >= 0 && peakKb <= 150 * 1024)});
    }

    if (parser.isSet(liveOption)) {
        BenchWatch::liveRounds(client, server, count, 10, 5, &rows);
        printTable(rows);
        out() << Qt::endl
              << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
        server.stop();
        return 0;
    }

    // (b) parse and refresh, in this process.
    const QByteArray body = listBody(seeded);
    QList<double> docTimes, typedTimes;
    QList<Sandbox> sandboxes;
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        const QJsonDocument document = QJsonDocument::fromJson(body);
        docTimes.append(double(timer.nsecsElapsed()) / 1e6);
        timer.restart();
        const QJsonDocument again = QJsonDocument::fromJson(body);
        const auto items = again.object().value(u"sandboxes"_s).toArray();
        QList<Sandbox> parsed;
        parsed.reserve(items.size());
        for (const auto &item : items)
            parsed.append(Sandbox::fromJson(item.toObject()));
        typedTimes.append(double(timer.nsecsElapsed()) / 1e6);
        if (document.object().value(u"sandboxes"_s).toArray().size() != count || parsed.size() != count)
            die(u"the list body does not hold %1 sandboxes"_s.arg(count));
        sandboxes = std::move(parsed);
    }
    const double docMs = percentile(docTimes, 0.5), typedMs = percentile(typedTimes, 0.5);
    rows.append({u"parse %1 sandboxes (%2 MiB JSON): QJsonDocument::fromJson alone / + Sandbox::fromJson, "
                 u"medians of 5"_s.arg(count)
                     .arg(double(body.size()) / (1024.0 * 1024.0), 0, 'f', 1),
                 u"%1 / %2 (ratio %3)"_s.arg(ms(docMs), ms(typedMs)).arg(typedMs / docMs, 0, 'f', 2),
                 QString(), QString()});

    OrkestrSession::Session session(&client);
    SandboxesPage page(&session);
    page.resize(1400, 900);
    page.show();
    settle();
    QElapsedTimer timer;
    timer.start();
    session.sandboxes()->setSandboxes(sandboxes);
    const double firstApplyMs = double(timer.nsecsElapsed()) / 1e6;
    settle();
    const double firstTotalMs = double(timer.nsecsElapsed()) / 1e6;
    if (page.model()->sandboxCount() != count || !page.view()->indexAt(QPoint(2, 2)).isValid())
        die(u"the page does not show the sandboxes"_s);
    rows.append({u"first list into an empty SandboxesPage: setSandboxes / + layout and paint"_s,
                 u"%1 / %2"_s.arg(ms(firstApplyMs), ms(firstTotalMs)), QString(), QString()});

    // Each refresh changes 1 % of the sandboxes: a paused one resumes (moving to the running
    // group) or a running one pauses again; a final one gets new metadata.
    const int changes = std::max(1, count / 100);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    int round = 0;
    const auto nextList = [&] {
        for (int j = 0; j < changes; ++j) {
            Sandbox &sandbox = sandboxes[(qsizetype(j) * 100 + round * 37) % sandboxes.size()];
            if (sandbox.status == Sandbox::Status::Paused) {
                sandbox.status = Sandbox::Status::Running;
                sandbox.statusText = u"running"_s;
                sandbox.expiresAt = now.addSecs(600);
                sandbox.pausedAt = QDateTime();
                sandbox.snapshot.reset();
            } else if (sandbox.status == Sandbox::Status::Running) {
                sandbox.status = Sandbox::Status::Paused;
                sandbox.statusText = u"paused"_s;
                sandbox.expiresAt = QDateTime();
                sandbox.pausedAt = now;
                sandbox.snapshot = Snapshot {now, 4096};
            } else {
                sandbox.metadata.insert(u"round"_s, QString::number(round));
            }
        }
        ++round;
        return QList<Sandbox>(sandboxes); // a fresh list, as from a poll
    };
    // Times `timed` refreshes of `model` after two warm-ups: setSandboxes alone, and with the
    // layout and paint it causes.
    const auto measure
        = [&](OrkestrSession::SandboxStore *store, int timed, QList<double> *apply, QList<double> *total) {
              for (int i = 0; i < timed + 2; ++i) {
                  const QList<Sandbox> list = nextList();
                  settle();
                  timer.restart();
                  store->setSandboxes(list);
                  const double applyMs = double(timer.nsecsElapsed()) / 1e6;
                  settle();
                  const double totalMs = double(timer.nsecsElapsed()) / 1e6;
                  if (i >= 2) {
                      apply->append(applyMs);
                      if (total)
                          total->append(totalMs);
                  }
              }
          };
    QList<double> applyTimes, totalTimes;
    measure(session.sandboxes(), refreshes, &applyTimes, &totalTimes);
    const double refreshMedian = percentile(totalTimes, 0.5);
    rows.append(
        {u"refresh with %1 of %2 changed: setSandboxes, median (p90) of %3"_s.arg(changes).arg(count).arg(
             refreshes),
         u"%1 (%2)"_s.arg(ms(percentile(applyTimes, 0.5)), ms(percentile(applyTimes, 0.9))), QString(),
         QString()});
    rows.append({u"refresh with %1 changed: setSandboxes + layout and paint, median (p90)"_s.arg(changes),
                 u"%1 (%2)"_s.arg(ms(refreshMedian), ms(percentile(totalTimes, 0.9))), u"≤ 30 ms"_s,
                 verdict(refreshMedian <= 30)});

    // Where the refresh time goes: the same refreshes with parts of the page switched off.
    const int attributionRounds = std::max(3, refreshes / 4);
    QList<double> plainApply, plainTotal, bareApply;
    {
        // The item view's own delegate, which lays out every visible cell's text on every paint.
        QAbstractItemDelegate *cached = page.view()->itemDelegate();
        QStyledItemDelegate plain;
        page.view()->setItemDelegate(&plain);
        measure(session.sandboxes(), attributionRounds, &plainApply, &plainTotal);
        page.view()->setItemDelegate(cached);
    }
    {
        OrkestrSession::SandboxStore bareStore(&client);
        SandboxTreeModel bare(&bareStore);
        timer.restart();
        bareStore.setSandboxes(sandboxes);
        const double bareFirstMs = double(timer.nsecsElapsed()) / 1e6;
        measure(&bareStore, attributionRounds, &bareApply, nullptr);
        rows.append(
            {u"attribution: setSandboxes on a SandboxStore and SandboxTreeModel alone (no view): first "
             u"list / refresh median of %1"_s.arg(attributionRounds),
             u"%1 / %2"_s.arg(ms(bareFirstMs), ms(percentile(bareApply, 0.5))), QString(), QString()});
    }
    rows.append({u"attribution: refresh with QStyledItemDelegate (cell text laid out on every paint): "
                 u"setSandboxes / + layout and paint, medians of %1"_s.arg(attributionRounds),
                 u"%1 / %2"_s.arg(ms(percentile(plainApply, 0.5)), ms(percentile(plainTotal, 0.5))),
                 QString(), QString()});

    // (c) Issue 19: what the client holds per sandbox, 1,000 changes per second as the watch
    // delivers them, and the live page against the server (a change through the API until
    // painted; polls instead against a server without the watch).
    const double perSandbox = BenchWatch::bytesPerSandbox(client, sandboxes);
    rows.append({u"heap bytes per sandbox in a SandboxStore and SandboxTreeModel (glibc in-use bytes)"_s,
                 QString::number(perSandbox, 'f', 0), u"≤ 1024"_s, verdict(perSandbox <= 1024)});
    appendStallRows(client, sandboxes, &rows);
    BenchWatch::liveRounds(client, server, count, std::max(1, std::min(changes, 10)),
                           std::max(1, std::min(5, refreshes)), &rows);

    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
    server.stop();
    return 0;
}
