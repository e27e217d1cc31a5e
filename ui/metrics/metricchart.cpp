#include "ui/metrics/metricchart.h"

#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGraphicsLayout>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QValueAxis>

#include <array>
#include <cmath>
#include <utility>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Marker = MetricsSeries::Marker;

namespace {
// How close (in pixels) the pointer must be to a marker for its tooltip.
constexpr double MarkerHitPixels = 5;

// A value axis from 0 that holds `value` with round ticks: a step of 1, 2, 2.5 or 5 times a power of
// ten, giving 3 to 5 intervals.
struct AxisTicks
{
    double top = 1;
    double step = 0.25;
};
AxisTicks niceTicks(double value)
{
    if (value <= 0)
        return {};
    const double magnitude = std::pow(10.0, std::floor(std::log10(value / 4)));
    for (const double factor : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double step = factor * magnitude;
        if (value / step <= 5)
            return {std::ceil(value / step - 1e-9) * step, step};
    }
    return {value, value / 4};
}
} // namespace

MetricChart::MetricChart(const QString &title, Quantity quantity, QWidget *parent)
    : QChartView(new QChart, parent)
    , m_title(title)
    , m_quantity(quantity)
    , m_timeAxis(new QDateTimeAxis)
    , m_valueAxis(new QValueAxis)
{
    setRenderHint(QPainter::Antialiasing);
    setMouseTracking(true);
    setMinimumSize(260, 170);
    setAccessibleName(title);
    setFrameShape(QFrame::NoFrame);
    QChart *c = chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->layout()->setContentsMargins(0, 0, 0, 0);
    c->setBackgroundRoundness(0);
    c->legend()->setAlignment(Qt::AlignTop);
    c->legend()->setVisible(false);
    m_timeAxis->setTickCount(4);
    m_valueAxis->setTickType(QValueAxis::TicksDynamic);
    m_valueAxis->setLabelFormat(u"%g"_s);
    c->addAxis(m_timeAxis, Qt::AlignBottom);
    c->addAxis(m_valueAxis, Qt::AlignLeft);
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setTimeRange(now - 3600 * 1000, now);
    rescale();
    applyPalette();
}

bool MetricChart::isDark() const
{
    return palette().color(QPalette::Base).lightness() < 128;
}

QColor MetricChart::toneColor(Tone tone, bool dark)
{
    // Each tone on a light and on a dark palette, in the order of Tone.
    static constexpr std::array<std::pair<QRgb, QRgb>, 6> Tones {{{0x1f6fd0, 0x6cb6ff},
                                                                  {0x803fc8, 0xc297ff},
                                                                  {0x0b8076, 0x4fd1c5},
                                                                  {0xc25e00, 0xffa657},
                                                                  {0x1a7f37, 0x5fd37a},
                                                                  {0xcf222e, 0xff7b72}}};
    static_assert(Tones.size() == size_t(Tone::Red) + 1);
    const auto &[onLight, onDark] = Tones.at(size_t(tone));
    return QColor::fromRgb(dark ? onDark : onLight);
}

QColor MetricChart::markerColor(Marker::Kind kind, bool dark)
{
    switch (kind) {
    case Marker::Kind::Paused:
    case Marker::Kind::Resumed:
        return dark ? QColor(0xa0, 0xa8, 0xb4) : QColor(0x6e, 0x77, 0x81);
    case Marker::Kind::Failure:
        return toneColor(Tone::Orange, dark);
    case Marker::Kind::Killed:
    case Marker::Kind::Ended:
        return toneColor(Tone::Red, dark);
    }
    return {};
}

void MetricChart::applyPalette()
{
    const QPalette colours = palette();
    const bool dark = isDark();
    QChart *c = chart();
    setBackgroundBrush(colours.brush(QPalette::Window));
    c->setBackgroundBrush(colours.brush(QPalette::Base));
    c->setBackgroundPen(QPen(colours.color(QPalette::Mid), 1));
    c->setTitleBrush(colours.brush(QPalette::Text));
    c->legend()->setLabelColor(colours.color(QPalette::Text));
    QColor grid = colours.color(QPalette::Text);
    grid.setAlphaF(dark ? 0.16f : 0.12f);
    for (QAbstractAxis *axis :
         {static_cast<QAbstractAxis *>(m_timeAxis), static_cast<QAbstractAxis *>(m_valueAxis)}) {
        axis->setLabelsBrush(colours.brush(QPalette::Text));
        axis->setLinePen(QPen(colours.color(QPalette::Mid), 1));
        axis->setGridLinePen(QPen(grid, 1));
    }
    syncSeries();
}

void MetricChart::setTimeRange(qint64 fromMs, qint64 toMs)
{
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(m_fromMs), QDateTime::fromMSecsSinceEpoch(m_toMs));
    m_timeAxis->setFormat(MetricsSeries::timeAxisFormat(locale(), m_fromMs, m_toMs));
    viewport()->update();
}

void MetricChart::setLines(const QList<Line> &lines)
{
    m_lines = lines;
    rescale();
    syncSeries();
}

void MetricChart::setLimit(std::optional<double> limit, const QString &name)
{
    m_limit = limit;
    m_limitName = name;
    rescale();
    syncSeries();
}

void MetricChart::setMarkers(const QList<Marker> &markers)
{
    m_markers = markers;
    viewport()->update();
}

void MetricChart::rescale()
{
    double max = 0;
    for (const Line &line : std::as_const(m_lines))
        max = std::max(max, MetricsSeries::maxValue(line.runs));
    if (m_limit)
        max = std::max(max, *m_limit);
    m_scale = MetricsSeries::scaleFor(m_quantity, max);
    // Room above the highest value; CPU shows at least one whole core.
    double top = max / m_scale.divisor * 1.1;
    if (m_quantity == Quantity::Percent)
        top = std::max(max, 100.0);
    else if (m_quantity == Quantity::Count)
        top = std::max(top, 4.0);
    const AxisTicks ticks = niceTicks(top);
    m_valueAxis->setRange(0, ticks.top);
    m_valueAxis->setTickAnchor(0);
    m_valueAxis->setTickInterval(ticks.step);
    chart()->setTitle(m_scale.unit.isEmpty() ? m_title : tr("%1 (%2)").arg(m_title, m_scale.unit));
}

QLineSeries *MetricChart::addSeries()
{
    auto *series = new QLineSeries;
    chart()->addSeries(series);
    series->attachAxis(m_timeAxis);
    series->attachAxis(m_valueAxis);
    return series;
}

void MetricChart::syncSeries()
{
    const bool dark = isDark();
    const double divisor = m_scale.divisor;
    const auto scaled = [divisor](const Points &run) {
        Points points;
        points.reserve(run.size());
        for (const QPointF &point : run)
            points.append(QPointF(point.x(), point.y() / divisor));
        return points;
    };
    // One series per run of each line; a single point still shows, as a dot.
    while (m_series.size() > m_lines.size()) {
        for (QLineSeries *series : m_series.takeLast()) {
            chart()->removeSeries(series);
            delete series;
        }
    }
    m_series.resize(m_lines.size());
    bool added = false;
    for (qsizetype i = 0; i < m_lines.size(); ++i) {
        const Line &line = m_lines[i];
        auto &series = m_series[i];
        while (series.size() > line.runs.size()) {
            QLineSeries *gone = series.takeLast();
            chart()->removeSeries(gone);
            delete gone;
        }
        while (series.size() < line.runs.size()) {
            series.append(addSeries());
            added = true;
        }
        const QColor colour = toneColor(line.tone, dark);
        for (qsizetype run = 0; run < series.size(); ++run) {
            QLineSeries *s = series[run];
            s->setName(line.name);
            s->setPen(QPen(colour, 2));
            s->setPointsVisible(line.runs[run].size() == 1);
            s->replace(scaled(line.runs[run]));
        }
    }
    // The limit comes last, in the legend too.
    if (m_limitSeries && (added || !m_limit)) {
        chart()->removeSeries(m_limitSeries);
        delete m_limitSeries;
        m_limitSeries = nullptr;
    }
    if (m_limit && !m_limitSeries)
        m_limitSeries = addSeries();
    if (m_limitSeries) {
        m_limitSeries->setName(m_limitName);
        m_limitSeries->setPen(QPen(toneColor(Tone::Red, dark), 1.5, Qt::DashLine));
        const double y = *m_limit / divisor;
        m_limitSeries->replace({QPointF(double(m_fromMs), y), QPointF(double(m_toMs), y)});
    }
    // The legend names each line once (not each of its runs), and only where there is more than
    // one thing to tell apart.
    QLegend *legend = chart()->legend();
    for (qsizetype i = 0; i < m_series.size(); ++i) {
        for (qsizetype run = 0; run < m_series[i].size(); ++run) {
            for (QLegendMarker *marker : legend->markers(m_series[i][run]))
                marker->setVisible(run == 0);
        }
    }
    legend->setVisible(m_lines.size() > 1 || m_limitSeries);
    viewport()->update();
}

std::optional<qint64> MetricChart::timeAt(const QPoint &viewPoint) const
{
    const QPointF inChart = chart()->mapFromScene(mapToScene(viewPoint));
    if (!chart()->plotArea().contains(inChart))
        return std::nullopt;
    return qint64(std::llround(chart()->mapToValue(inChart).x()));
}

QString MetricChart::readoutAt(qint64 ms, double markerToleranceMs) const
{
    const QLocale locale;
    if (const auto marker = MetricsSeries::nearestMarker(m_markers, double(ms), markerToleranceMs)) {
        const Marker &found = m_markers[*marker];
        return tr("%1: %2").arg(
            locale.toString(QDateTime::fromMSecsSinceEpoch(found.atMs).time(), QLocale::LongFormat),
            found.text);
    }
    QStringList lines;
    qint64 shownAt = -1;
    for (const Line &line : m_lines) {
        // The nearest sample of the line, over all its runs; nothing from a gap's far side.
        std::optional<QPointF> nearest;
        for (const Points &run : line.runs) {
            if (const auto index = MetricsSeries::nearestIndex(run, double(ms))) {
                const QPointF point = run[*index];
                if (!nearest || std::abs(point.x() - double(ms)) < std::abs(nearest->x() - double(ms)))
                    nearest = point;
            }
        }
        if (!nearest)
            continue;
        shownAt = qint64(nearest->x());
        lines.append(tr("%1: %2").arg(line.name, MetricsSeries::valueText(m_quantity, nearest->y())));
    }
    if (lines.isEmpty())
        return {};
    if (m_limit)
        lines.append(tr("%1: %2").arg(m_limitName, MetricsSeries::valueText(m_quantity, *m_limit)));
    lines.prepend(locale.toString(QDateTime::fromMSecsSinceEpoch(shownAt).time(), QLocale::LongFormat));
    return lines.join(u'\n');
}

void MetricChart::mouseMoveEvent(QMouseEvent *event)
{
    QChartView::mouseMoveEvent(event);
    m_hoverMs = timeAt(event->position().toPoint());
    if (!m_hoverMs) {
        m_readout.clear();
        QToolTip::hideText();
    } else {
        const double msPerPixel = double(m_toMs - m_fromMs) / std::max<qreal>(1, chart()->plotArea().width());
        m_readout = readoutAt(*m_hoverMs, MarkerHitPixels * msPerPixel);
        QToolTip::showText(event->globalPosition().toPoint(), m_readout, this);
    }
    viewport()->update();
}

void MetricChart::leaveEvent(QEvent *event)
{
    QChartView::leaveEvent(event);
    m_hoverMs.reset();
    m_readout.clear();
    viewport()->update();
}

void MetricChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
    else if (event->type() == QEvent::LocaleChange)
        setTimeRange(m_fromMs, m_toMs);
}

void MetricChart::drawForeground(QPainter *painter, const QRectF &rect)
{
    QChartView::drawForeground(painter, rect);
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    const bool dark = isDark();
    painter->save();
    painter->setClipRect(plot.adjusted(0, -6, 0, 0));
    // The journal's markers: a dashed line over the plot with a small flag on top.
    for (const Marker &marker : std::as_const(m_markers)) {
        if (marker.atMs < m_fromMs || marker.atMs > m_toMs)
            continue;
        const double x = chart()->mapToScene(chart()->mapToPosition(QPointF(double(marker.atMs), 0))).x();
        const QColor colour = markerColor(marker.kind, dark);
        painter->setPen(QPen(colour, 1, Qt::DashLine));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
        painter->setPen(Qt::NoPen);
        painter->setBrush(colour);
        const QPointF flag[] = {{x - 4, plot.top()}, {x + 4, plot.top()}, {x, plot.top() + 6}};
        painter->drawPolygon(flag, 3);
    }
    // Where the pointer reads: a thin line at its time.
    if (m_hoverMs) {
        const double x = chart()->mapToScene(chart()->mapToPosition(QPointF(double(*m_hoverMs), 0))).x();
        QColor colour = palette().color(QPalette::Text);
        colour.setAlphaF(0.45f);
        painter->setPen(QPen(colour, 1));
        painter->drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()));
    }
    painter->restore();
}

} // namespace OrkestrUi
