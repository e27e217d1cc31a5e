// bench_listmetrics: the sandbox list's CPU and memory columns updating 10,000 rows every 2 s
// (issue 17).
//
// Fills a session's store with N sandboxes (most running) and serves GET /v1/metrics for the
// running ones from orkestr-local's own units (ApiServer, SandboxStore, MetricsSampler) on a
// thread of their own, as a second process would. For --updates rounds, every --interval ms, the
// server records one new reading of every running sandbox and the session's MetricsPoller polls
// it: the real path (the reply over loopback HTTP, the parse and the comparison with the last
// answer on workers, the changed samples applied, SandboxUsage and the model's signals, the
// paint), while a LatencyProbe timer (5 ms) measures how long the GUI thread's event loop is
// kept from running. Every running sandbox first gets a full sparkline the same way.
// Three setups in one run:
//  (a) the bare model: SandboxTreeModel and SandboxUsage with no view (the cost of the updates);
//  (b) the visible list: a SandboxesPage at 1280x800 offscreen, the usage columns shown (layout
//      and paint of the changed cells included);
//  (c) the same list sorted by CPU, descending (every update may move rows).
// For each: the longest event-loop gap of each update round (p50/p99/max over the rounds), the
// p99 of all probe gaps, the GUI thread's CPU time per round, and the longest single event of each
// round (wall and CPU time: what a gap is made of); for the list also the time of each paint of
// its viewport. CPU time is not lengthened by other processes on a busy machine. Not a ctest
// test: it prints a table; docs/benchmarks.md records it.
// ORKESTR_TRACE_SLOW_MS=N prints every event that takes N ms or more, with its receiver, and the
// region of each paint (where a gap goes).
//
// The p99 of the gaps per update is a rank among the rounds: of 100 (the default) it is the
// second slowest. The slowest rounds are listed with their longest event's wall and CPU time,
// which tells a process that waited for a core (wall time only) from work of its own (CPU too).
// Options: --sandboxes N (10000), --updates N (100), --interval MS (2000), --setups LIST
// (bare,visible,sorted: which of the three to measure).

#include "core/client.h"
#include "core/sandbox.h"
#include "server/metricssampler.h"
#include "server/samplerworker.h"
#include "session/metricspoller.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/sandboxcolumns.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"

#include "benchsupport.h"
#include "inprocessmonitor.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QHeaderView>
#include <QLoggingCategory>
#include <QPaintEvent>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QThread>
#include <QTreeView>

#include <cmath>
#include <functional>
#include <numeric>
#include <utility>
#include <vector>

using namespace Orkestr;
using namespace Bench;
using OrkestrSession::MetricsPoller;
using OrkestrUi::SandboxesPage;
using OrkestrUi::SandboxTreeModel;
using OrkestrUi::SandboxUsage;
using OrkestrUi::SparkSeries;
using namespace Qt::StringLiterals;

namespace {

constexpr double MiB = 1024.0 * 1024.0;

QList<Sandbox> makeSandboxes(int count)
{
    QList<Sandbox> sandboxes;
    sandboxes.reserve(count);
    const QDateTime created = QDateTime::currentDateTimeUtc().addSecs(-3600);
    static const QStringList regions = {u"fsn1"_s, u"hel1"_s, u"nbg1"_s};
    static const QStringList templates = {u"python-3.12"_s, u"node-22"_s, u"ubuntu-24.04"_s};
    for (int i = 0; i < count; ++i) {
        Sandbox sandbox;
        sandbox.id = u"sbx_%1"_s.arg(i, 8, 10, QLatin1Char('0'));
        // Four in five run; the rest are paused (no samples, no values).
        const bool running = i % 5 != 0;
        sandbox.status = running ? Sandbox::Status::Running : Sandbox::Status::Paused;
        sandbox.statusText = running ? u"running"_s : u"paused"_s;
        sandbox.region = regions.at(i % regions.size());
        sandbox.templateName = templates.at((i / 3) % templates.size());
        sandbox.cpu = 1 + i % 4;
        sandbox.memoryMb = 512 << (i % 3);
        sandbox.network = u"off"_s;
        sandbox.createdAt = created.addSecs(i % 3600);
        if (running)
            sandbox.expiresAt = created.addSecs(7200 + i % 600);
        sandbox.metadata.insert(u"agent_run"_s, u"r_%1"_s.arg(i));
        sandboxes.append(sandbox);
    }
    return sandboxes;
}

// orkestr-local's GET /v1/metrics for the running sandboxes, served on a thread of its own by the
// server's units (as bench_metrics does), so that the GUI thread does only the client's share.
// Each round records one reading of every running sandbox: a random walk, as a busy fleet looks.
class MetricsServer : public QThread
{
public:
    explicit MetricsServer(const QList<Sandbox> &sandboxes)
    {
        for (const auto &sandbox : sandboxes) {
            if (sandbox.status == Sandbox::Status::Running)
                m_ids.append(sandbox.id);
        }
        start();
        m_ready.acquire();
        if (!m_error.isEmpty())
            die(m_error);
    }
    ~MetricsServer() override
    {
        quit();
        wait();
    }
    int count() const { return int(m_ids.size()); }
    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port)); }
    QString token() const { return m_token; }
    // Records a round on the server's thread, then runs `done` on `context`'s thread.
    void recordRound(QObject *context, std::function<void()> done)
    {
        QMetaObject::invokeMethod(m_context, [this, context, done = std::move(done)] {
            m_record();
            QMetaObject::invokeMethod(context, done);
        });
    }

protected:
    void run() override
    {
        InProcessMonitor server;
        if (!server.start(&m_error)) {
            m_ready.release();
            return;
        }
        for (const auto &id : std::as_const(m_ids))
            server.addRunning(id);
        QRandomGenerator random(17);
        std::vector<std::pair<double, double>> walk; // CPU percent and memory bytes of each
        for (qsizetype i = 0; i < m_ids.size(); ++i)
            walk.emplace_back(100.0 * random.bounded(1.0), 64 * MiB);
        qint64 lastMs = 0;
        m_record = [&] {
            lastMs = std::max(lastMs + 1, QDateTime::currentMSecsSinceEpoch());
            for (qsizetype i = 0; i < m_ids.size(); ++i) {
                auto &[cpu, memory] = walk[size_t(i)];
                cpu = std::clamp(cpu + 20.0 * (random.bounded(1.0) - 0.5), 0.0, 400.0);
                memory = std::clamp(memory + 8 * MiB * (random.bounded(1.0) - 0.5), MiB, 2048 * MiB);
                OrkestrLocal::SandboxReading reading;
                reading.id = m_ids.at(i);
                reading.sample = {lastMs, cpu, qint64(memory), 3, 52428800, 0, 0};
                reading.json = reading.sample.toJsonBytes();
                server.sampler().record(reading);
            }
        };
        QObject context;
        m_context = &context;
        m_port = server.port();
        m_token = server.token();
        m_ready.release();
        exec();
    }

private:
    QStringList m_ids;
    QSemaphore m_ready;
    QString m_error;
    int m_port = 0;
    QString m_token;
    QObject *m_context = nullptr; // lives on the server's thread
    std::function<void()> m_record; // runs there
};

// One round: a new reading of every running sandbox, then a poll that takes it.
void pollRound(MetricsServer &server, MetricsPoller *poller)
{
    QEventLoop loop;
    const auto connection = QObject::connect(poller, &MetricsPoller::polled, &loop, &QEventLoop::quit);
    server.recordRound(&loop, [poller] { poller->refreshNow(); });
    loop.exec();
    QObject::disconnect(connection);
}

void settle()
{
    for (int i = 0; i < 5; ++i) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
        QCoreApplication::sendPostedEvents();
    }
}

struct Figures
{
    QList<double> roundStalls; // the longest gap of each round
    QList<double> allStalls; // every probe gap
    QList<double> roundCpuMs; // the GUI thread's CPU time in each round (the probe's ticks too)
    QList<double> longestEventMs; // the longest event of each round
    QList<double> longestEventCpuMs; // its CPU time
    QList<QByteArray> longestEventOf; // its receiver's class
    QList<double> busiestEventCpuMs; // the event of each round with the most CPU time
    QList<double> paintMs; // each paint event of the list's viewport
    QList<double> paintCpuMs; // the same, the GUI thread's CPU time
};

// The longest event the GUI thread handled since the last take(), whatever it was: a round's gap is
// one event (or a few in a row), and this names it. Fed by TracingApplication::notify.
struct LongestEvent
{
    double wallMs = 0;
    double cpuMs = 0;
    QByteArray receiver;
    double mostCpuMs = 0; // the event with the most CPU time, which need not be the longest
    QByteArray mostCpuReceiver;

    static LongestEvent &current()
    {
        static LongestEvent longest;
        return longest;
    }
    void offer(double wall, double cpu, const char *className)
    {
        if (wall > wallMs) {
            wallMs = wall;
            cpuMs = cpu;
            receiver = className;
        }
        if (cpu > mostCpuMs) {
            mostCpuMs = cpu;
            mostCpuReceiver = className;
        }
    }
    LongestEvent take() { return std::exchange(*this, {}); }
};

// Times the paint events of a widget (the list's viewport): where the view's share of a gap goes.
class PaintTimer : public QObject
{
public:
    explicit PaintTimer(QWidget *widget)
        : m_widget(widget)
    {
        if (widget)
            widget->installEventFilter(this);
    }
    ~PaintTimer() override
    {
        if (m_widget)
            m_widget->removeEventFilter(this);
    }
    QList<double> take() { return std::exchange(m_paints, {}); }
    // The GUI thread's CPU time in each paint: unlike the wall time, not lengthened by other
    // processes on a busy machine.
    QList<double> takeCpu() { return std::exchange(m_paintCpu, {}); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() != QEvent::Paint)
            return false;
        // Paints with the filter out of the way, so that the time is the paint's alone.
        m_widget->removeEventFilter(this);
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = threadCpuMs();
        QCoreApplication::sendEvent(watched, event);
        m_paints.append(double(timer.nsecsElapsed()) / 1e6);
        m_paintCpu.append(threadCpuMs() - cpuBefore);
        if (qEnvironmentVariableIsSet("ORKESTR_TRACE_SLOW_MS")) {
            const QRect r = static_cast<QPaintEvent *>(event)->region().boundingRect();
            qWarning("paint %.1f ms of %d,%d %dx%d (%d rects)", m_paints.last(), r.x(), r.y(), r.width(),
                     r.height(), int(static_cast<QPaintEvent *>(event)->region().rectCount()));
        }
        m_widget->installEventFilter(this);
        return true;
    }

private:
    QWidget *m_widget;
    QList<double> m_paints;
    QList<double> m_paintCpu;
};

// Runs `updates` rounds, `intervalMs` apart, each a new reading on the server and a poll of it,
// with the event loop running between.
Figures measure(MetricsServer &server, MetricsPoller *poller, int updates, int intervalMs,
                QWidget *painted = nullptr)
{
    Figures figures;
    PaintTimer paints(painted);
    LatencyProbe probe(5);
    QEventLoop loop;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(intervalMs);
    int round = 0;
    qsizetype seen = 0;
    double roundCpuStart = 0;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        // The gaps of the round that ends here (the previous poll, its layout and paint).
        if (round > 0) {
            const auto &stalls = probe.stalls();
            double longest = 0;
            for (qsizetype i = seen; i < stalls.size(); ++i)
                longest = std::max(longest, stalls.at(i));
            seen = stalls.size();
            figures.roundStalls.append(longest);
            figures.roundCpuMs.append(threadCpuMs() - roundCpuStart);
            const LongestEvent event = LongestEvent::current().take();
            figures.longestEventMs.append(event.wallMs);
            figures.longestEventCpuMs.append(event.cpuMs);
            figures.longestEventOf.append(event.receiver);
            figures.busiestEventCpuMs.append(event.mostCpuMs);
        }
        if (round == updates) {
            loop.quit();
            return;
        }
        ++round;
        roundCpuStart = threadCpuMs();
        LongestEvent::current().take();
        server.recordRound(&loop, [poller] { poller->refreshNow(); });
    });
    probe.start();
    ticker.start();
    loop.exec();
    probe.stop();
    figures.allStalls = probe.stalls();
    figures.paintMs = paints.take();
    figures.paintCpuMs = paints.takeCpu();
    return figures;
}

void addRows(QList<Row> &rows, const QString &setup, const Figures &figures, bool target)
{
    const double p99 = percentile(figures.roundStalls, 0.99);
    rows.append({u"%1: longest event-loop gap per update, p50 / p99 / max over %2 updates"_s.arg(setup).arg(
                     figures.roundStalls.size()),
                 u"%1 / %2 / %3"_s.arg(ms(percentile(figures.roundStalls, 0.5)), ms(p99),
                                       ms(percentile(figures.roundStalls, 1.0))),
                 target ? u"p99 ≤ 16 ms"_s : QString(), target ? verdict(p99 <= 16) : QString()});
    rows.append({u"%1: all 5 ms probe gaps, p99 (of %2)"_s.arg(setup).arg(figures.allStalls.size()),
                 ms(percentile(figures.allStalls, 0.99)), QString(), QString()});
    rows.append(
        {u"%1: GUI thread CPU time per round (5 ms probe included), median / max"_s.arg(setup),
         u"%1 / %2"_s.arg(ms(percentile(figures.roundCpuMs, 0.5)), ms(percentile(figures.roundCpuMs, 1.0))),
         QString(), QString()});
    rows.append({u"%1: the round's busiest event (apply, paint, ...), CPU time, median / max"_s.arg(setup),
                 u"%1 / %2"_s.arg(ms(percentile(figures.busiestEventCpuMs, 0.5)),
                                  ms(percentile(figures.busiestEventCpuMs, 1.0))),
                 QString(), QString()});
    // Where the worst rounds went: their longest event against the rest of the round.
    QList<qsizetype> worst(figures.roundStalls.size());
    std::iota(worst.begin(), worst.end(), 0);
    std::sort(worst.begin(), worst.end(), [&](qsizetype a, qsizetype b) {
        return figures.roundStalls.at(a) > figures.roundStalls.at(b);
    });
    QStringList slowest;
    for (qsizetype i = 0; i < std::min<qsizetype>(3, worst.size()); ++i) {
        const qsizetype round = worst.at(i);
        slowest.append(u"#%1: %2 (longest event %3, CPU %4, %5)"_s.arg(round + 1).arg(
            ms(figures.roundStalls.at(round)), ms(figures.longestEventMs.value(round)),
            ms(figures.longestEventCpuMs.value(round)),
            QString::fromLatin1(figures.longestEventOf.value(round))));
    }
    rows.append({u"%1: the slowest rounds"_s.arg(setup), slowest.join(u"; "_s), QString(), QString()});
    if (!figures.paintCpuMs.isEmpty()) {
        // The paints after an update are the costly ones (the others repaint a countdown cell).
        rows.append(
            {u"%1: paint of the list's viewport, GUI thread CPU time, median / p90 / max"_s.arg(setup),
             u"%1 / %2 / %3"_s.arg(ms(percentile(figures.paintCpuMs, 0.5)),
                                   ms(percentile(figures.paintCpuMs, 0.9)),
                                   ms(percentile(figures.paintCpuMs, 1.0))),
             QString(), QString()});
    }
    if (!figures.paintMs.isEmpty()) {
        rows.append({u"%1: paint of the list's viewport, median / p99 / max (%2 paints)"_s.arg(setup).arg(
                         figures.paintMs.size()),
                     u"%1 / %2 / %3"_s.arg(ms(percentile(figures.paintMs, 0.5)),
                                           ms(percentile(figures.paintMs, 0.99)),
                                           ms(percentile(figures.paintMs, 1.0))),
                     QString(), QString()});
    }
}

// Fills the sparklines: a full ring of samples for every running sandbox, through the poller.
void fillHistory(MetricsServer &server, MetricsPoller *poller)
{
    for (int i = 0; i < SparkSeries::Capacity; ++i)
        pollRound(server, poller);
}

// Times every event the GUI thread handles (for LongestEvent); with ORKESTR_TRACE_SLOW_MS set,
// prints every event that takes longer, with its receiver, on stderr.
class TracingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        // Only the outermost event of the GUI thread: those sent from within it are its part.
        if (m_depth > 0 || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        static const int slowMs = qEnvironmentVariableIntValue("ORKESTR_TRACE_SLOW_MS");
        QElapsedTimer timer;
        timer.start();
        const double cpuBefore = threadCpuMs();
        const auto type = event->type();
        // The receiver may be gone after its event (a deferred delete).
        const char *className = receiver->metaObject()->className();
        const char *parentName = receiver->parent() ? receiver->parent()->metaObject()->className() : "-";
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const double wall = double(timer.nsecsElapsed()) / 1e6;
        LongestEvent::current().offer(wall, threadCpuMs() - cpuBefore, className);
        if (slowMs > 0 && wall >= slowMs)
            qWarning("slow event: %.1f ms (CPU %.1f), type %d, %s (child of %s)", wall,
                     threadCpuMs() - cpuBefore, int(type), className, parentName);

        return result;
    }

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    TracingApplication app(argc, argv);
    // The server's request log would be one line per poll.
    QLoggingCategory::setFilterRules(u"orkestr.server.requests=false"_s);
    QCoreApplication::setApplicationName(u"bench_listmetrics"_s);
    CommandLine parser;
    const QCommandLineOption sandboxesOption(u"sandboxes"_s, u"Sandboxes in the list."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption updatesOption(u"updates"_s, u"Update rounds per setup."_s, u"N"_s, u"100"_s);
    const QCommandLineOption intervalOption(u"interval"_s, u"Milliseconds between updates."_s, u"MS"_s,
                                            u"2000"_s);
    const QCommandLineOption setupsOption(u"setups"_s, u"The setups to run: bare, visible, sorted."_s,
                                          u"LIST"_s, u"bare,visible,sorted"_s);
    parser.addOptions({sandboxesOption, updatesOption, intervalOption, setupsOption});
    parser.process(app);
    const int count = parser.value(sandboxesOption).toInt();
    const int updates = parser.value(updatesOption).toInt();
    const int intervalMs = parser.value(intervalOption).toInt();
    const QStringList setups = parser.value(setupsOption).split(u',');
    if (count <= 0 || updates <= 0 || intervalMs <= 0)
        die(u"--sandboxes, --updates and --interval must be positive"_s);

    out() << "bench_listmetrics: " << count << " sandboxes, " << updates << " updates every " << intervalMs
          << " ms; " << QSysInfo::prettyProductName() << ", " << QSysInfo::currentCpuArchitecture()
          << ", build " << ORKESTR_BUILD_TYPE << ", load " << loadAverage() << Qt::endl;
    const QList<Sandbox> sandboxes = makeSandboxes(count);
    MetricsServer server(sandboxes);
    QList<Row> rows;
    Client client;
    client.setBaseUrl(server.url());
    client.setToken(server.token());
    // Polls only when a round asks (refreshNow()), right after the server recorded it.
    constexpr auto NoTimedPolls = std::chrono::hours(1);

    if (setups.contains(u"bare"_s)) {
        // (a) The bare model: the same updates, no view.
        OrkestrSession::SandboxStore store(&client);
        MetricsPoller poller(&client);
        poller.setInterval(NoTimedPolls);
        SandboxTreeModel model(&store);
        SandboxUsage usage;
        model.setUsage(&usage);
        QObject::connect(&usage, &SandboxUsage::changed, &model, &SandboxTreeModel::usageChanged);
        usage.follow(&poller);
        store.setSandboxes(sandboxes);
        usage.setDemanded(true);
        fillHistory(server, &poller);
        out() << "bare model: " << server.count() << " running sandboxes sampled, " << usage.sandboxCount()
              << " with a sparkline" << Qt::endl;
        addRows(rows, u"bare model"_s, measure(server, &poller, updates, intervalMs), false);
    }

    OrkestrSession::Session session(&client);
    session.metrics()->setInterval(NoTimedPolls);
    SandboxesPage page(&session);
    page.resize(1280, 800);
    page.show();
    session.sandboxes()->setSandboxes(sandboxes);
    page.view()->expandAll();
    for (const int column : {SandboxTreeModel::CpuUsageColumn, SandboxTreeModel::MemoryUsageColumn})
        page.columns()->setChosen(column, true);
    page.columns()->fitToContents();
    fillHistory(server, session.metrics());
    settle();
    if (page.usage()->sandboxCount() != server.count())
        die(u"%1 of %2 running sandboxes have a sparkline"_s.arg(page.usage()->sandboxCount())
                .arg(server.count()));
    const auto *header = page.view()->header();
    if (header->isSectionHidden(SandboxTreeModel::CpuUsageColumn)
        || header->sectionViewportPosition(SandboxTreeModel::MemoryUsageColumn)
            >= page.view()->viewport()->width())
        die(u"the usage columns are not in view"_s);
    // (b) The visible list, default order (by group, newest first).
    if (setups.contains(u"visible"_s))
        addRows(rows, u"visible list (1280x800)"_s,
                measure(server, session.metrics(), updates, intervalMs, page.view()->viewport()), true);
    // (c) Sorted by CPU, busiest first: rows move on every update.
    page.view()->sortByColumn(SandboxTreeModel::CpuUsageColumn, Qt::DescendingOrder);
    settle();
    if (setups.contains(u"sorted"_s))
        addRows(rows, u"visible list sorted by CPU"_s,
                measure(server, session.metrics(), updates, intervalMs, page.view()->viewport()), false);

    printTable(rows);
    out() << Qt::endl << "load after: " << loadAverage() << Qt::endl;
    return 0;
}
