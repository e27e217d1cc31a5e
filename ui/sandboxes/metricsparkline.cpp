#include "ui/sandboxes/metricsparkline.h"

#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"
#include "ui/sandboxes/statusstyle.h"

#include <QPainter>

#include <array>

namespace OrkestrUi {

namespace {
// Room kept at the right for the value ("100 %", "1023 MB"), in average character widths.
constexpr int TextChars = 7;
// The sparkline's own width in a cell sized to its contents, in average character widths.
constexpr int LineChars = 8;
// The narrowest sparkline worth drawing, in pixels.
constexpr int MinimumLineWidth = 16;
// From this share of the limit on, the line warns.
constexpr double WarningShare = 0.9;
} // namespace

MetricSparklineDelegate::MetricSparklineDelegate(QObject *parent)
    : StaticTextDelegate(parent)
{
}

QColor MetricSparklineDelegate::lineColor(const QPalette &palette)
{
    // Mid-tone blue: darker on a light base, lighter on a dark one, so both read at a glance.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    return dark ? QColor(0x6c, 0xb4, 0xff) : QColor(0x1f, 0x62, 0xc4);
}

QSize MetricSparklineDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = StaticTextDelegate::sizeHint(option, index);
    const int charWidth = option.fontMetrics.averageCharWidth();
    size.setWidth(std::max(size.width(), charWidth * TextChars) + charWidth * LineChars);
    return size;
}

void MetricSparklineDelegate::drawSparkline(QPainter *painter, const QRectF &area, const SparkSeries &series,
                                            double scale, const QColor &line, const QColor &track)
{
    const int count = series.size();
    if (count == 0 || area.width() < MinimumLineWidth || area.height() < 4)
        return;
    const double top = scale > 0 ? scale : std::max(1.0f, series.maximum());
    // The whole ring spans the width, newest at the right: a young sandbox's line starts late.
    const double step = area.width() / (SparkSeries::Capacity - 1);
    std::array<QPointF, SparkSeries::Capacity + 2> points;
    for (int i = 0; i < count; ++i) {
        const double share = std::clamp(double(series.at(i)) / top, 0.0, 1.0);
        points[size_t(i)]
            = QPointF(area.right() - (count - 1 - i) * step, area.bottom() - share * area.height());
    }
    painter->fillRect(area, track);
    // A lone sample is a dot-sized line, not nothing.
    if (count == 1)
        points[1] = points[0] - QPointF(std::min(step, 2.0), 0);
    const int drawn = std::max(count, 2);
    points[size_t(drawn)] = QPointF(points[size_t(drawn - 1)].x(), area.bottom());
    points[size_t(drawn) + 1] = QPointF(points[0].x(), area.bottom());
    QColor fill = line;
    fill.setAlphaF(0.3f);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawPolygon(points.data(), drawn + 2);
    painter->setPen(QPen(line, 1.5));
    painter->setBrush(Qt::NoBrush);
    painter->drawPolyline(points.data(), drawn);
}

void MetricSparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    StaticTextDelegate::paint(painter, option, index);
    const auto *series = index.data(SandboxTreeModel::UsageSeriesRole).value<const SparkSeries *>();
    if (!series || series->isEmpty())
        return;
    const double scale = index.data(SandboxTreeModel::UsageScaleRole).toDouble();
    const int charWidth = option.fontMetrics.averageCharWidth();
    const int margin = 4;
    const QRectF area = QRectF(option.rect).adjusted(margin, 4, -(charWidth * TextChars + margin), -4);
    const bool selected = option.state & QStyle::State_Selected;
    QColor line = lineColor(option.palette);
    if (selected)
        line = option.palette.color(QPalette::HighlightedText);
    else if (scale > 0 && series->last() >= WarningShare * scale)
        line = StatusStyle::warningColor();
    QColor track
        = selected ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Text);
    track.setAlphaF(0.08f);
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    const QPen pen = painter->pen();
    const QBrush brush = painter->brush();
    painter->setRenderHint(QPainter::Antialiasing, true);
    drawSparkline(painter, area, *series, scale, line, track);
    painter->setRenderHint(QPainter::Antialiasing, antialiased);
    painter->setPen(pen);
    painter->setBrush(brush);
}

} // namespace OrkestrUi
