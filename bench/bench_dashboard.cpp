// bench_dashboard: the dashboard against orkestr-local holding 10,000 sandboxes (issue 5).
//
// Seeds a fresh data dir with N sandboxes written as the server writes them
// (<data-dir>/sandboxes/<id>/state.json, see SandboxManager::save), mostly paused with a
// snapshot so that no process is needed, starts orkestr-local on it through LocalServerProcess
// (which makes its token with `orkestr-local token create --replace`), checks that the list
// holds N, and then measures:
//  (a) the dashboard as orkestr-desk opens it (orkestr-desk-scenes of tools/desk-scenes: the same
//      application, window and connection), run --runs times with --server and
//      --exit-after-first-list N under QT_QPA_PLATFORM=offscreen: time from process start to the
//      first paint of the sandbox view holding N sandboxes, and the peak RSS (VmHWM);
//  (b) in this process, a SandboxesPage (the dashboard's model, filter, view and facets): the
//      GUI-thread time of a refresh where ~1 % of the sandboxes changed, and the time to parse
//      the N-sandbox JSON into Orkestr::Sandbox against QJsonDocument::fromJson alone.
// Not a ctest test: it prints a table; docs/benchmarks.md records it.
//
//  (c) the figures of list-then-watch (issue 19, bench/dashboardwatch.h): heap bytes per sandbox,
//      1,000 changes/s applied (GUI stall p99), a change through the API until painted.
// Options: --sandboxes N or N,M,... (10000; several sizes run one after the other, e.g.
// "--sandboxes 10000,100000"), --runs N (5), --refreshes N (20), --desk PATH, --server PATH.

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
#include <QRandomGenerator>
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

// A ULID as the server makes them: 48 bits of milliseconds, 80 random bits, Crockford base32.
QString ulid(qint64 msecs, QRandomGenerator &random)
{
    static constexpr char Alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    QString text(26, u'0');
    for (int i = 9; i >= 0; --i) {
        text[i] = QChar::fromLatin1(Alphabet[msecs & 31]);
        msecs >>= 5;
    }
    for (int i = 10; i < 26; ++i)
        text[i] = QChar::fromLatin1(Alphabet[random.bounded(32)]);
    return text;
}

QString timestamp(const QDateTime &time)
{
    return time.toUTC().toString(Qt::ISODateWithMs);
}

QJsonValue timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(timestamp(time)) : QJsonValue(QJsonValue::Null);
}

// The state.json objects of `count` sandboxes, in the server's format (Sandbox::toStateJson):
// 80 % paused with a snapshot, 12 % failed, 8 % terminated within the last 30 minutes (the
// server drops terminated ones after an hour; on load it keeps paused, failed and terminated as
// they are and turns any other status into failed). Two regions, four templates.
QList<QJsonObject> makeStates(int count)
{
    QRandomGenerator random(5); // the same sandboxes every run
    const QStringList regions {u"fsn1"_s, u"hel1"_s};
    const QStringList templates {u"python-3.12"_s, u"node-22"_s, u"ubuntu-24.04"_s, u"python-3.12-bare"_s};
    const QStringList teams {u"data"_s, u"web"_s, u"infra"_s, u"ml"_s, u"qa"_s};
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QList<QJsonObject> states;
    states.reserve(count);
    for (int i = 0; i < count; ++i) {
        // Created one every 20 s up to a minute ago, so ids sort by creation as on the server.
        const QDateTime created = now.addSecs(-60 - qint64(count - i) * 20);
        const int kind = int(random.bounded(100));
        const QString status = kind < 80 ? u"paused"_s : kind < 92 ? u"failed"_s : u"terminated"_s;
        const QDateTime paused = status == u"paused"_s ? created.addSecs(10) : QDateTime();
        const QDateTime terminated
            = status == u"terminated"_s ? now.addSecs(-60 - qint64(random.bounded(1800))) : QDateTime();
        const qint64 snapshotSize = status == u"paused"_s ? 4096 + qint64(random.bounded(50'000'000)) : -1;
        QJsonObject env;
        if (i % 7 == 0)
            env.insert(u"API_URL"_s, u"https://example.invalid/%1"_s.arg(i));
        QJsonValue snapshot(QJsonValue::Null);
        if (status == u"paused"_s)
            snapshot = QJsonObject {{u"created_at"_s, timestamp(paused)}, {u"size_bytes"_s, snapshotSize}};
        states.append({
            {u"id"_s, u"sbx_"_s + ulid(created.toMSecsSinceEpoch(), random)},
            {u"template"_s, templates[i % templates.size()]},
            {u"status"_s, status},
            {u"region"_s, regions[(i / 3) % regions.size()]},
            {u"cpu"_s, double(1 << (i % 3))},
            {u"memory_mb"_s, 512 << (i % 4)},
            {u"network"_s, i % 5 == 0 ? u"open"_s : u"off"_s},
            {u"timeout_seconds"_s, 600},
            {u"env_keys"_s, QJsonArray::fromStringList(env.keys())},
            {u"metadata"_s,
             QJsonObject {{u"team"_s, teams[i % teams.size()]}, {u"job"_s, u"build-%1"_s.arg(i)}}},
            {u"created_at"_s, timestamp(created)},
            {u"expires_at"_s, QJsonValue(QJsonValue::Null)},
            {u"paused_at"_s, timestampOrNull(paused)},
            {u"terminated_at"_s, timestampOrNull(terminated)},
            {u"termination_reason"_s,
             status == u"failed"_s           ? QJsonValue(u"error"_s)
                 : status == u"terminated"_s ? QJsonValue(i % 2 ? u"requested"_s : u"timeout"_s)
                                             : QJsonValue(QJsonValue::Null)},
            {u"snapshot"_s, snapshot},
            {u"env"_s, env},
            {u"snapshot_created_at"_s, timestampOrNull(paused)},
            {u"snapshot_size_bytes"_s, snapshotSize},
        });
    }
    return states;
}

void writeStates(const QString &dataDir, const QList<QJsonObject> &states)
{
    QDir root(dataDir);
    for (const auto &state : states) {
        const QString dir = u"sandboxes/"_s + state.value(u"id"_s).toString();
        if (!root.mkpath(dir))
            die(u"cannot create "_s + root.filePath(dir));
        QFile file(root.filePath(dir + u"/state.json"_s));
        if (!file.open(QIODevice::WriteOnly))
            die(u"cannot write "_s + file.fileName());
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
        file.write(QJsonDocument(state).toJson(QJsonDocument::Indented));
    }
}

// The body of a GET /v1/sandboxes holding all of them in one page, as the server would write it
// (the API object is the state less env, snapshot_created_at and snapshot_size_bytes).
QByteArray listBody(const QList<QJsonObject> &states)
{
    QJsonArray array;
    for (auto it = states.crbegin(); it != states.crend(); ++it) { // newest first
        QJsonObject object = *it;
        object.remove(u"env"_s);
        object.remove(u"snapshot_created_at"_s);
        object.remove(u"snapshot_size_bytes"_s);
        array.append(object);
    }
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
        if (!desk.waitForReadyRead(60000)) {
            run.error = u"no result within 60 s (%1)"_s.arg(desk.errorString());
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

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    CommandLine parser(u"Benchmarks the dashboard against 10,000 sandboxes."_s);
    QCommandLineOption countOption(u"sandboxes"_s, u"Sandboxes to seed (10000)."_s, u"n"_s, u"10000"_s);
    QCommandLineOption runsOption(u"runs"_s, u"orkestr-desk starts (5)."_s, u"n"_s, u"5"_s);
    QCommandLineOption refreshesOption(u"refreshes"_s, u"Timed refreshes (20)."_s, u"n"_s, u"20"_s);
    QCommandLineOption deskOption(u"desk"_s, u"The orkestr-desk-scenes to run."_s, u"path"_s,
                                  QStringLiteral(ORKESTR_DESK_PROGRAM));
    QCommandLineOption serverOption(u"server"_s, u"The orkestr-local to run."_s, u"path"_s,
                                    QStringLiteral(ORKESTR_LOCAL_PROGRAM));
    parser.addOptions({countOption, runsOption, refreshesOption, deskOption, serverOption});
    parser.process(app);
    // Several sizes ("10000,100000"): one run of this program per size, one after the other.
    if (const QStringList sizes = parser.value(countOption).split(u','); sizes.size() > 1) {
        QStringList arguments = app.arguments().mid(1);
        const int at = int(arguments.indexOf(u"--sandboxes"_s));
        for (const auto &size : sizes) {
            arguments[at + 1] = size;
            if (QProcess::execute(app.applicationFilePath(), arguments) != 0)
                die(u"the run with %1 sandboxes failed"_s.arg(size));
        }
        return 0;
    }
    const int count = std::max(1, parser.value(countOption).toInt());
    const int runs = std::max(0, parser.value(runsOption).toInt()); // 0 skips (a)
    const int refreshes = std::max(1, parser.value(refreshesOption).toInt());

    const QByteArray loadBefore = loadAverage();
    out() << "bench_dashboard: " << count << " sandboxes, " << QThread::idealThreadCount() << " cores, "
          << QSysInfo::prettyProductName() << ", build " << ORKESTR_BUILD_TYPE << ", load " << loadBefore
          << Qt::endl;

    QTemporaryDir dataDir, home;
    if (!dataDir.isValid() || !home.isValid())
        die(u"cannot create temporary dirs"_s);
    QFile::setPermissions(dataDir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QElapsedTimer phase;
    phase.start();
    const QList<QJsonObject> states = makeStates(count);
    writeStates(dataDir.path(), states);
    out() << "seeded " << dataDir.path() << " in " << ms(double(phase.nsecsElapsed()) / 1e6) << Qt::endl;

    LocalServerProcess server;
    server.setProgram(parser.value(serverOption));
    server.setDataDir(dataDir.path());
    server.setExtraArguments(
        {u"--plan"_s, u"team"_s, u"--rate-limit"_s, u"1000000/s"_s, u"--max-running"_s, u"1000"_s});
    phase.restart();
    startServer(server, 120000 + count * 3); // the server reads one state.json per sandbox at start
    out() << "orkestr-local " << server.url().toString() << " ready in "
          << ms(double(phase.nsecsElapsed()) / 1e6) << Qt::endl;

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
                     mib(peakKb), u"≤ 150 MB"_s, verdict(peakKb >= 0 && peakKb * 1024 <= 150'000'000)});
    }

    // (b) parse and refresh, in this process.
    const QByteArray body = listBody(states);
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
    const auto stalls = BenchWatch::changesPerSecond(client, sandboxes, 1000, 5);
    rows.append({u"1,000 changes/s applied to a shown SandboxesPage (batches every 10 ms, %1 in %2 s): GUI "
                 u"stall p99 (longest)"_s.arg(stalls.applied)
                     .arg(stalls.seconds, 0, 'f', 1),
                 u"%1 (%2)"_s.arg(ms(stalls.p99), ms(stalls.longest)), u"p99 ≤ 16 ms"_s,
                 verdict(stalls.p99 <= 16)});
    BenchWatch::liveRounds(client, count, std::max(1, std::min(changes, 10)),
                           std::max(1, std::min(5, refreshes)), &rows);

    printTable(rows);
    out() << Qt::endl << "load average before: " << loadBefore << "; after: " << loadAverage() << Qt::endl;
    server.stop();
    return 0;
}
