#include "dashboardwatch.h"

#include "core/localserverprocess.h"
#include "core/sandboxwatchjob.h"
#include "session/sandboxpoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"

#include <QApplication>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSet>
#include <QTreeView>

#include <chrono>
#include <limits>

#include <malloc.h>

using namespace Orkestr;
using namespace Bench;
using OrkestrUi::SandboxesPage;
using OrkestrUi::SandboxTreeModel;

namespace BenchWatch {

namespace {
void settle()
{
    for (int i = 0; i < 2; ++i) {
        QCoreApplication::sendPostedEvents();
        QCoreApplication::processEvents(QEventLoop::AllEvents);
    }
}

// Microseconds since the epoch: the clock the server's change log uses (same machine).
qint64 epochUs()
{
    using namespace std::chrono;
    return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

// When the server changed each of `ids` (its first change at or after `sinceUs`), from its log.
QHash<QString, qint64> serverChangeTimes(const QByteArray &log, const QSet<QString> &ids, qint64 sinceUs)
{
    static const QRegularExpression line(
        u"sandbox (sbx_[0-9A-Za-z]+) changed: [a-z]+, version [0-9]+, at ([0-9]+) us since the epoch"_s);
    QHash<QString, qint64> times;
    for (auto it = line.globalMatch(QString::fromUtf8(log)); it.hasNext();) {
        const auto match = it.next();
        const QString id = match.captured(1);
        const qint64 at = match.captured(2).toLongLong();
        if (at >= sinceUs && ids.contains(id) && !times.contains(id))
            times.insert(id, at);
    }
    return times;
}

size_t heapInUse()
{
    malloc_trim(0);
    return mallinfo2().uordblks;
}

// A change as the watch delivers it: the sandbox paused or resumed, one version newer.
SandboxChange flipped(Sandbox sandbox, qint64 version, const QDateTime &now)
{
    if (sandbox.status == Sandbox::Status::Running) {
        sandbox.status = Sandbox::Status::Paused;
        sandbox.statusText = u"paused"_s;
        sandbox.expiresAt = QDateTime();
        sandbox.pausedAt = now;
        sandbox.snapshot = Snapshot {now, 4096};
    } else if (sandbox.status == Sandbox::Status::Paused) {
        sandbox.status = Sandbox::Status::Running;
        sandbox.statusText = u"running"_s;
        sandbox.expiresAt = now.addSecs(600);
        sandbox.pausedAt = QDateTime();
        sandbox.snapshot.reset();
    } else {
        sandbox.metadata.insert(u"round"_s, QString::number(version));
    }
    sandbox.version = version;
    SandboxChange change;
    change.sandbox = std::move(sandbox);
    change.id = change.sandbox.id;
    change.version = version;
    return change;
}
} // namespace

double bytesPerSandbox(Client &client, QList<Sandbox> sandboxes)
{
    const qsizetype count = sandboxes.size();
    const size_t before = heapInUse();
    auto *store = new OrkestrSession::SandboxStore(&client);
    auto *model = new SandboxTreeModel(store);
    store->setSandboxes(sandboxes);
    sandboxes = {}; // as the poller drops the polled list
    const size_t after = heapInUse();
    delete model;
    delete store;
    return count == 0 ? 0 : double(after - before) / double(count);
}

StallFigures changesPerSecond(Client &client, const QList<Sandbox> &sandboxes, int perSecond, int seconds,
                              bool shown, bool holdBack)
{
    OrkestrSession::Session session(&client);
    auto *store = session.sandboxes();
    // The page with its view, or the reference: the store and a model alone.
    std::unique_ptr<SandboxesPage> page;
    std::unique_ptr<SandboxTreeModel> bare;
    if (shown) {
        page = std::make_unique<SandboxesPage>(&session);
        page->resize(1400, 900);
        page->show();
        if (!holdBack)
            page->model()->setHoldBack(std::chrono::milliseconds(0));
    } else {
        bare = std::make_unique<SandboxTreeModel>(store);
    }
    QList<Sandbox> current = sandboxes;
    qint64 version = 0;
    for (auto &sandbox : current)
        sandbox.version = ++version;
    store->setSandboxes(current);
    settle();

    constexpr int BatchMs = 10;
    const int perBatch = std::max(1, perSecond * BatchMs / 1000);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    QRandomGenerator random(19);
    StallFigures figures;
    LatencyProbe probe(2);
    QTimer batches;
    batches.setTimerType(Qt::PreciseTimer);
    batches.setInterval(BatchMs);
    QEventLoop loop;
    QElapsedTimer elapsed;
    QObject::connect(&batches, &QTimer::timeout, &loop, [&] {
        QList<SandboxChange> batch;
        batch.reserve(perBatch);
        for (int i = 0; i < perBatch; ++i) {
            Sandbox &sandbox = current[random.bounded(int(current.size()))];
            batch.append(flipped(sandbox, ++version, now));
            sandbox = batch.constLast().sandbox;
        }
        store->applyChanges(batch);
        figures.applied += int(batch.size());
        if (elapsed.elapsed() >= qint64(seconds) * 1000)
            loop.quit();
    });
    elapsed.start();
    probe.start();
    batches.start();
    loop.exec();
    batches.stop();
    settle();
    probe.stop();
    figures.seconds = double(elapsed.nsecsElapsed()) / 1e9;
    figures.p99 = percentile(probe.stalls(), 0.99);
    figures.longest = probe.longest();
    return figures;
}

QByteArray serverChangeLogRules()
{
    return "orkestr.server.sandboxes.debug=true";
}

void liveRounds(Client &client, const LocalServerProcess &server, int count, int changes, int rounds,
                QList<Row> *rows)
{
    OrkestrSession::Session session(&client);
    SandboxesPage live(&session);
    live.resize(1400, 900);
    live.show();
    settle();
    auto *poller = live.poller();
    auto *store = session.sandboxes();
    {
        QEventLoop loop;
        const auto connection
            = QObject::connect(poller, &OrkestrSession::SandboxPoller::polled, &loop, &QEventLoop::quit);
        QTimer::singleShot(120000, &loop, &QEventLoop::quit);
        poller->refreshNow();
        loop.exec();
        QObject::disconnect(connection);
        settle();
    }
    if (live.model()->sandboxCount() != count)
        die(u"the live page lists %1 sandboxes, not %2"_s.arg(live.model()->sandboxCount()).arg(count));
    // Give the watch its connection.
    QElapsedTimer wait;
    wait.start();
    while (poller->watchSupported() && !poller->isWatching() && wait.elapsed() < 5000)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 50);
    const bool watching = poller->isWatching();
    const int listingsBefore = poller->listings();

    QStringList paused;
    store->forEach([&](const Sandbox &sandbox) {
        if (sandbox.status == Sandbox::Status::Paused)
            paused.append(sandbox.id);
    });
    QList<double> toPaint, stalls, arrived, fromChange, changeSpread;
    for (int r = 0; r < rounds && paused.size() >= changes; ++r) {
        QSet<QString> waiting;
        LatencyProbe probe(2);
        QEventLoop done;
        QElapsedTimer timer;
        // Painted: the store announced the change (the model follows it at once) and the view
        // laid out and repainted.
        const auto connection = QObject::connect(store, &OrkestrSession::SandboxStore::sandboxesChanged,
                                                 &done, [&](const QStringList &ids) {
                                                     for (const auto &id : ids)
                                                         waiting.remove(id);
                                                     if (waiting.isEmpty())
                                                         done.quit();
                                                 });
        probe.start();
        timer.start();
        const qint64 requestUs = epochUs();
        for (int j = 0; j < changes; ++j) {
            const QString id = paused.takeLast();
            waiting.insert(id);
            auto *job = client.call<ResumeSandboxJob>(id);
            QObject::connect(job, &Job::finished, &done, [](Job *finished) {
                if (finished->status() != Job::Status::Succeeded)
                    die(u"resume failed: "_s + finished->error().displayText());
            });
        }
        const QSet<QString> resumed = waiting;
        if (!watching)
            poller->refreshNow();
        QTimer::singleShot(60000, &done, &QEventLoop::quit);
        done.exec();
        QObject::disconnect(connection);
        const double arrivedMs = double(timer.nsecsElapsed()) / 1e6;
        // The model may hold the moves back for a moment (SandboxTreeModel::setHoldBack).
        while (live.model()->hasHeldBackChanges() && timer.elapsed() < 60000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        settle();
        const qint64 paintedUs = epochUs();
        probe.stop();
        toPaint.append(double(timer.nsecsElapsed()) / 1e6);
        arrived.append(arrivedMs);
        stalls.append(probe.longest());
        // The server's log may still be on its way through the pipe.
        QHash<QString, qint64> changedAt;
        QElapsedTimer logWait;
        logWait.start();
        while ((changedAt = serverChangeTimes(server.serverLog(), resumed, requestUs)).size() < resumed.size()
               && logWait.elapsed() < 2000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 20);
        QString serverPart;
        if (changedAt.size() == resumed.size()) {
            qint64 first = std::numeric_limits<qint64>::max(), last = 0;
            for (const qint64 at : std::as_const(changedAt)) {
                first = std::min(first, at);
                last = std::max(last, at);
            }
            fromChange.append(double(paintedUs - last) / 1e3);
            changeSpread.append(double(last - requestUs) / 1e3);
            serverPart
                = u"; the server made the changes %1 to %2 after the request, the last until painted %3"_s
                      .arg(ms(double(first - requestUs) / 1e3), ms(changeSpread.constLast()),
                           ms(fromChange.constLast()));
        }
        out() << "live round " << r + 1 << " (" << (watching ? "watch" : "poll") << "): " << changes
              << " resumes through the API until painted " << ms(toPaint.constLast()) << " (in the store "
              << ms(arrivedMs) << ")" << serverPart << ", longest stall " << ms(stalls.constLast())
              << Qt::endl;
    }
    const double median = percentile(toPaint, 0.5);
    if (watching) {
        rows->append(
            {u"a change made through the API until painted (the watch): %1 resume(s) from the request, "
             u"median (max) of %2; full listings meanwhile"_s.arg(changes)
                 .arg(toPaint.size()),
             u"%1 (%2); %3"_s.arg(ms(median), ms(percentile(toPaint, 1.0)))
                 .arg(poller->listings() - listingsBefore),
             u"≤ 100 ms"_s, verdict(!toPaint.isEmpty() && median <= 100)});
    } else {
        rows->append({u"a change made through the API until painted by a poll (the server has no watch): %1 "
                      u"resume(s), median (max) of %2"_s.arg(changes)
                          .arg(toPaint.size()),
                      u"%1 (%2)"_s.arg(ms(median), ms(percentile(toPaint, 1.0))),
                      u"≤ 100 ms (with the watch)"_s, verdict(false)});
    }
    rows->append({u"… of which until the store held the changes (the server, the watch, parsing), median"_s,
                  ms(percentile(arrived, 0.5)), QString(), QString()});
    if (!fromChange.isEmpty()) {
        rows->append({u"… from the request until the server made the last of the changes (connections, the "
                      u"other resumes' process starts), median"_s,
                      ms(percentile(changeSpread, 0.5)), QString(), QString()});
        rows->append(
            {u"the last change made by the server until all painted (server log, same clock), median "
             u"(max) of %1"_s.arg(fromChange.size()),
             u"%1 (%2)"_s.arg(ms(percentile(fromChange, 0.5)), ms(percentile(fromChange, 1.0))), QString(),
             QString()});
    } else {
        rows->append({u"the server's change times: not in its log (started without serverChangeLogRules())"_s,
                      QString(), QString(), QString()});
    }
    rows->append({u"… longest GUI-thread stall meanwhile, worst of %1"_s.arg(stalls.size()),
                  ms(percentile(stalls, 1.0)), u"≤ 30 ms"_s,
                  verdict(!stalls.isEmpty() && percentile(stalls, 1.0) <= 30)});
}

} // namespace BenchWatch
