#include "ui/metrics/metricstab.h"

#include "session/activitystore.h"
#include "session/activitystores.h"
#include "session/metricshistory.h"
#include "session/session.h"
#include "ui/metrics/metricchart.h"
#include "ui/views/statepage.h"

#include <QDateTime>
#include <QGridLayout>
#include <QScrollArea>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using History = OrkestrSession::SandboxMetricsHistory;
using Quantity = MetricsSeries::Quantity;
using Tone = MetricChart::Tone;

namespace {
constexpr qint64 WindowMs = 3600 * 1000;
// A young sandbox's life fills the charts, down to this span.
constexpr qint64 MinimumSpanMs = 2 * 60 * 1000;
} // namespace

MetricsTab::MetricsTab(OrkestrSession::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_stack(new QStackedWidget(this))
    , m_statePage(new StatePage(u"metrics"_s, tr("Load the metrics again"), this))
    , m_chartsPage(new QWidget(this))
{
    setObjectName(u"metricsTab"_s);
    const std::pair<QString, Quantity> charts[] = {
        {tr("CPU"), Quantity::Percent},
        {tr("Memory"), Quantity::Bytes},
        {tr("Processes"), Quantity::Count},
        {tr("Disk"), Quantity::Bytes},
        {tr("Network"), Quantity::BytesPerSecond},
    };
    // Two charts a row, the network (two lines) across the whole width below them.
    auto *grid = new QGridLayout(m_chartsPage);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(6);
    for (const auto &[title, quantity] : charts) {
        auto *chart = new MetricChart(title, quantity, m_chartsPage);
        const int index = int(m_charts.size());
        chart->setObjectName(u"metricsChart%1"_s.arg(index));
        if (index == int(Chart::Network))
            grid->addWidget(chart, index / 2, 0, 1, 2);
        else
            grid->addWidget(chart, index / 2, index % 2);
        m_charts.append(chart);
    }
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"metricsScroll"_s);
    scroll->setWidget(m_chartsPage);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_stack->addWidget(m_statePage);
    m_stack->addWidget(scroll);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);

    connect(m_statePage, &StatePage::retryRequested, this, [this] {
        if (m_history)
            m_history->refreshNow();
    });
    m_clock.setInterval(2000);
    connect(&m_clock, &QTimer::timeout, this, &MetricsTab::updateTimeRange);
    updateState();
}

MetricsTab::~MetricsTab() = default;

MetricChart *MetricsTab::chart(Chart which) const
{
    return m_charts.value(int(which));
}

void MetricsTab::showSandbox(const QString &sandboxId)
{
    if (sandboxId == m_sandboxId)
        return;
    m_sandboxId = sandboxId;
    m_history.reset();
    if (m_activity)
        disconnect(m_activity.get(), nullptr, this, nullptr);
    m_activity.reset();
    if (!sandboxId.isEmpty()) {
        m_history = std::make_unique<History>(m_session->client(), sandboxId);
        connect(m_history.get(), &History::loaded, this, &MetricsTab::updateCharts);
        connect(m_history.get(), &History::samplesAppended, this, &MetricsTab::updateCharts);
        connect(m_history.get(), &History::samplesDropped, this, &MetricsTab::updateCharts);
        connect(m_history.get(), &History::limitsChanged, this, &MetricsTab::updateCharts);
        connect(m_history.get(), &History::stateChanged, this, &MetricsTab::updateState);
    }
    updateCharts();
    setActive(isVisible());
}

void MetricsTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    setActive(true);
}

void MetricsTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    setActive(false);
}

void MetricsTab::setActive(bool active)
{
    // Samples and markers are fetched only while the tab is on screen.
    if (m_history)
        m_history->setActive(active);
    if (active && m_history && !m_activity) {
        m_activity = m_session->activity()->store(m_sandboxId);
        auto *store = m_activity.get();
        connect(store, &OrkestrSession::ActivityStore::eventsAppended, this, &MetricsTab::updateMarkers);
        connect(store, &OrkestrSession::ActivityStore::eventsPrepended, this, &MetricsTab::updateMarkers);
        connect(store, &OrkestrSession::ActivityStore::eventsCleared, this, &MetricsTab::updateMarkers);
        connect(store, &OrkestrSession::ActivityStore::execRecordChanged, this, &MetricsTab::updateMarkers);
        updateMarkers();
    } else if (!active && m_activity) {
        disconnect(m_activity.get(), nullptr, this, nullptr);
        m_activity.reset();
    }
    if (active && m_history) {
        updateTimeRange();
        m_clock.start();
    } else {
        m_clock.stop();
    }
    updateState();
}

QString MetricsTab::stateText() const
{
    return m_stack->currentWidget() == m_statePage ? m_statePage->text() : QString();
}

void MetricsTab::updateState()
{
    // What was fetched stays on screen while a refresh fails (and is retried).
    const bool said = m_statePage->showState(
        m_history.get(), m_history && m_history->hasLoaded(),
        {tr("Select a sandbox to see its metrics."), tr("Loading the metrics…"), QString(),
         tr("This server does not measure its sandboxes: it has no metrics."),
         tr("The metrics could not be loaded, trying again: %1"), tr("The metrics could not be loaded: %1")});
    m_stack->setCurrentIndex(said ? 0 : 1);
}

void MetricsTab::updateCharts()
{
    const auto drawn = m_history
        ? MetricsSeries::charts(m_history->samples(), m_history->intervalMs(), m_history->limits())
        : MetricsSeries::Charts();
    chart(Chart::Cpu)->setLines({{tr("CPU"), Tone::Blue, drawn.cpu}});
    chart(Chart::Memory)->setLines({{tr("Resident"), Tone::Purple, drawn.memory}});
    chart(Chart::Memory)->setLimit(drawn.memoryLimit, tr("Limit"));
    chart(Chart::Processes)->setLines({{tr("Processes"), Tone::Teal, drawn.processes}});
    chart(Chart::Disk)->setLines({{tr("Workspace and /tmp"), Tone::Orange, drawn.disk}});
    chart(Chart::Network)
        ->setLines({{tr("Received"), Tone::Green, drawn.received}, {tr("Sent"), Tone::Blue, drawn.sent}});
    updateTimeRange();
    updateState();
}

void MetricsTab::updateMarkers()
{
    QList<MetricsSeries::Marker> markers;
    if (m_activity) {
        const auto *store = m_activity.get();
        markers
            = MetricsSeries::markers(store->events(), QDateTime::currentMSecsSinceEpoch() - WindowMs,
                                     [store](const QString &execId) { return store->execCommand(execId); });
    }
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setMarkers(markers);
}

void MetricsTab::updateTimeRange()
{
    // The last hour up to now (or up to the newest sample if the server's clock runs ahead), or less
    // for a sandbox whose samples begin later.
    qint64 to = QDateTime::currentMSecsSinceEpoch();
    qint64 from = to - MinimumSpanMs;
    if (m_history && !m_history->samples().isEmpty()) {
        to = std::max(to, m_history->samples().last().at.toMSecsSinceEpoch());
        from = std::min(to - MinimumSpanMs, m_history->samples().first().at.toMSecsSinceEpoch());
    }
    from = std::max(from, to - WindowMs);
    for (MetricChart *chart : std::as_const(m_charts))
        chart->setTimeRange(from, to);
}

} // namespace OrkestrUi
