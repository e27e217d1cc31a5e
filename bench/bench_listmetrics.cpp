// bench_listmetrics: the sandbox list's CPU and memory columns updating 10,000 rows every 2 s
// (issue 17).
//
// Fills a session's store with N sandboxes (most running), gives every running one a full
// sparkline of samples, then for --updates rounds records one new sample for every running
// sandbox every --interval ms, as the metrics poller does, while a LatencyProbe timer (5 ms)
// measures how long the GUI thread's event loop is kept from running. Three setups in one run:
//  (a) the bare model: SandboxTreeModel and SandboxUsage with no view (the cost of the updates);
//  (b) the visible list: a SandboxesPage at 1280x800 offscreen, the usage columns shown (layout
//      and paint of the changed cells included);
//  (c) the same list sorted by CPU, descending (every update may move rows).
// For each: the longest event-loop gap of each update round (p50/p99/max over the rounds), the
// p99 of all probe gaps, and the time of the update call itself. Not a ctest test: it prints a
// table; docs/benchmarks.md records it.
//
// Options: --sandboxes N (10000), --updates N (30), --interval MS (2000).

#include "core/client.h"
#include "core/sandbox.h"
#include "session/sandboxstore.h"
#include "session/session.h"
#include "ui/sandboxes/sandboxcolumns.h"
#include "ui/sandboxes/sandboxespage.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"

#include "benchsupport.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QSysInfo>
#include <QTreeView>

#include <cmath>

using namespace Orkestr;
using namespace Bench;
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

// One sample for every running sandbox: a random walk, as a busy fleet looks.
class Samples
{
public:
    explicit Samples(const QList<Sandbox> &sandboxes)
    {
        for (const auto &sandbox : sandboxes) {
            if (sandbox.status == Sandbox::Status::Running)
                m_next.append({sandbox.id, 100.0 * m_random.bounded(1.0), 64 * MiB});
        }
    }
    const QList<SandboxUsage::Sample> &next()
    {
        for (auto &sample : m_next) {
            sample.cpuPercent
                = std::clamp(sample.cpuPercent + 20.0 * (m_random.bounded(1.0) - 0.5), 0.0, 400.0);
            sample.memoryBytes
                = std::clamp(sample.memoryBytes + 8 * MiB * (m_random.bounded(1.0) - 0.5), MiB, 2048 * MiB);
        }
        return m_next;
    }
    int count() const { return int(m_next.size()); }

private:
    QRandomGenerator m_random {17};
    QList<SandboxUsage::Sample> m_next;
};

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
    QList<double> updateMs; // the record() call
};

// Records `updates` rounds into `usage`, `intervalMs` apart, with the event loop running between.
Figures measure(SandboxUsage *usage, Samples &samples, int updates, int intervalMs)
{
    Figures figures;
    LatencyProbe probe(5);
    QEventLoop loop;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(intervalMs);
    int round = 0;
    qsizetype seen = 0;
    QObject::connect(&ticker, &QTimer::timeout, &loop, [&] {
        // The gaps of the round that ends here (the previous update, its layout and paint).
        if (round > 0) {
            const auto &stalls = probe.stalls();
            double longest = 0;
            for (qsizetype i = seen; i < stalls.size(); ++i)
                longest = std::max(longest, stalls.at(i));
            seen = stalls.size();
            figures.roundStalls.append(longest);
        }
        if (round == updates) {
            loop.quit();
            return;
        }
        ++round;
        const auto &next = samples.next();
        QElapsedTimer timer;
        timer.start();
        usage->record(next);
        figures.updateMs.append(double(timer.nsecsElapsed()) / 1e6);
    });
    probe.start();
    ticker.start();
    loop.exec();
    probe.stop();
    figures.allStalls = probe.stalls();
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
        {u"%1: the update call (SandboxUsage::record and the model's signals), median / max"_s.arg(setup),
         u"%1 / %2"_s.arg(ms(percentile(figures.updateMs, 0.5)), ms(percentile(figures.updateMs, 1.0))),
         QString(), QString()});
}

// Fills a usage's sparklines (a full ring of samples for every running sandbox).
void fillHistory(SandboxUsage *usage, Samples &samples)
{
    for (int i = 0; i < SparkSeries::Capacity; ++i)
        usage->record(samples.next());
}

} // namespace

int main(int argc, char **argv)
{
    preferOffscreen();
    QApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"bench_listmetrics"_s);
    CommandLine parser;
    const QCommandLineOption sandboxesOption(u"sandboxes"_s, u"Sandboxes in the list."_s, u"N"_s, u"10000"_s);
    const QCommandLineOption updatesOption(u"updates"_s, u"Update rounds per setup."_s, u"N"_s, u"30"_s);
    const QCommandLineOption intervalOption(u"interval"_s, u"Milliseconds between updates."_s, u"MS"_s,
                                            u"2000"_s);
    parser.addOptions({sandboxesOption, updatesOption, intervalOption});
    parser.process(app);
    const int count = parser.value(sandboxesOption).toInt();
    const int updates = parser.value(updatesOption).toInt();
    const int intervalMs = parser.value(intervalOption).toInt();
    if (count <= 0 || updates <= 0 || intervalMs <= 0)
        die(u"--sandboxes, --updates and --interval must be positive"_s);

    out() << "bench_listmetrics: " << count << " sandboxes, " << updates << " updates every " << intervalMs
          << " ms; " << QSysInfo::prettyProductName() << ", " << QSysInfo::currentCpuArchitecture()
          << ", build " << ORKESTR_BUILD_TYPE << ", load " << loadAverage() << Qt::endl;
    const QList<Sandbox> sandboxes = makeSandboxes(count);
    QList<Row> rows;
    Client client;

    {
        // (a) The bare model: the same updates, no view.
        OrkestrSession::SandboxStore store(&client);
        SandboxTreeModel model(&store);
        SandboxUsage usage;
        model.setUsage(&usage);
        QObject::connect(&usage, &SandboxUsage::changed, &model, &SandboxTreeModel::usageChanged);
        store.setSandboxes(sandboxes);
        Samples samples(sandboxes);
        fillHistory(&usage, samples);
        out() << "bare model: " << samples.count() << " running sandboxes sampled" << Qt::endl;
        addRows(rows, u"bare model"_s, measure(&usage, samples, updates, intervalMs), false);
    }

    OrkestrSession::Session session(&client);
    SandboxesPage page(&session);
    page.resize(1280, 800);
    page.show();
    session.sandboxes()->setSandboxes(sandboxes);
    page.view()->expandAll();
    for (const int column : {SandboxTreeModel::CpuUsageColumn, SandboxTreeModel::MemoryUsageColumn})
        page.columns()->setChosen(column, true);
    page.columns()->fitToContents();
    Samples samples(sandboxes);
    fillHistory(page.usage(), samples);
    settle();
    const auto *header = page.view()->header();
    if (header->isSectionHidden(SandboxTreeModel::CpuUsageColumn)
        || header->sectionViewportPosition(SandboxTreeModel::MemoryUsageColumn)
            >= page.view()->viewport()->width())
        die(u"the usage columns are not in view"_s);
    // (b) The visible list, default order (by group, newest first).
    addRows(rows, u"visible list (1280x800)"_s, measure(page.usage(), samples, updates, intervalMs), true);
    // (c) Sorted by CPU, busiest first: rows move on every update.
    page.view()->sortByColumn(SandboxTreeModel::CpuUsageColumn, Qt::DescendingOrder);
    settle();
    addRows(rows, u"visible list sorted by CPU"_s, measure(page.usage(), samples, updates, intervalMs),
            false);

    printTable(rows);
    out() << Qt::endl << "load after: " << loadAverage() << Qt::endl;
    return 0;
}
