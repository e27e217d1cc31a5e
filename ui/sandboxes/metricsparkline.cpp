#include "ui/sandboxes/metricsparkline.h"

#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"
#include "ui/sandboxes/statusstyle.h"

#include <QFontMetrics>
#include <QPainter>

#include <algorithm>
#include <array>
#include <cmath>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
// Room kept at the right for the value ("100 %", "1023 MB"), in average character widths, at
// least the widest usual value's own width.
constexpr int TextChars = 7;
// The sparkline's own width in a cell sized to its contents, in average character widths.
constexpr int LineChars = 7;
// The narrowest sparkline worth drawing, in pixels.
constexpr int MinimumLineWidth = 16;
// From this share of the limit on, the line warns.
constexpr double WarningShare = 0.9;

// The room at the right of a cell for its value, with half a character between the value and
// the line, so that the line's end never reads as a minus sign.
int valueRoom(const QFontMetrics &metrics)
{
    const int charWidth = metrics.averageCharWidth();
    return std::max(charWidth * TextChars, metrics.horizontalAdvance(u"1023 MB"_s))
        + std::max(2, charWidth / 2);
}
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
    size.setWidth(std::max(size.width(), valueRoom(option.fontMetrics)) + charWidth * LineChars);
    return size;
}

void MetricSparklineDelegate::drawSparkline(QPainter *painter, const QRectF &area, const SparkSeries &series,
                                            double scale, const QColor &line, const QColor &track)
{
    const int count = series.size();
    const QRect pixels = area.toRect();
    if (count == 0 || pixels.width() < MinimumLineWidth || pixels.height() < 4)
        return;
    const double top = scale > 0 ? scale : std::max(1.0f, series.maximum());
    // Drawn for every visible usage cell on every poll, so in whole pixels: each column of the
    // area gets the highest sample that falls in it, drawn as a filled bar under a line that
    // steps to the next column's height. Rectangles are the raster engine's cheapest shape; an
    // antialiased polygon and polyline cost several times as much for a line this small.
    // The whole ring spans the width, newest at the right: a young sandbox's line starts late.
    constexpr int MaxColumns = 512;
    const int columns = std::min(pixels.width(), MaxColumns);
    const double step = double(columns - 1) / (SparkSeries::Capacity - 1);
    std::array<int, MaxColumns> heights; // per column from the left; -1: no sample
    std::fill_n(heights.begin(), columns, -1);
    for (int i = 0; i < count; ++i) {
        const double share = std::clamp(double(series.at(i)) / top, 0.0, 1.0);
        const int column = columns - 1 - int(std::lround((count - 1 - i) * step));
        if (column < 0)
            continue;
        const int height = int(std::lround(share * (pixels.height() - 1))) + 1;
        heights[size_t(column)] = std::max(heights[size_t(column)], height);
    }
    // Between samples further apart than a pixel the line keeps the later sample's height; a lone
    // sample is a short mark, not a dot.
    int first = 0;
    while (first < columns && heights[size_t(first)] < 0)
        ++first;
    if (first == columns - 1)
        heights[size_t(--first)] = heights[size_t(columns - 1)];
    for (int column = columns - 2; column >= first; --column) {
        if (heights[size_t(column)] < 0)
            heights[size_t(column)] = heights[size_t(column + 1)];
    }
    std::array<QRect, MaxColumns> bars;
    std::array<QRect, MaxColumns> edges;
    const int bottom = pixels.bottom();
    int previous = heights[size_t(first)];
    for (int column = first; column < columns; ++column) {
        const int height = heights[size_t(column)];
        const int x = pixels.left() + column;
        bars[size_t(column - first)] = QRect(x, bottom - height + 1, 1, height);
        // The line: this column's top, joined to the previous column's.
        const int high = std::max(height, previous);
        const int low = std::min(height, previous);
        edges[size_t(column - first)] = QRect(x, bottom - high + 1, 1, high - low + 1);
        previous = height;
    }
    QColor fill = line;
    fill.setAlphaF(0.3f);
    const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(pixels, track);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRects(bars.data(), columns - first);
    painter->setBrush(line);
    painter->drawRects(edges.data(), columns - first);
    painter->setRenderHint(QPainter::Antialiasing, antialiased);
}

void MetricSparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                    const QModelIndex &index) const
{
    StaticTextDelegate::paint(painter, option, index);
    const auto *series = index.data(SandboxTreeModel::UsageSeriesRole).value<const SparkSeries *>();
    if (!series || series->isEmpty())
        return;
    const double scale = index.data(SandboxTreeModel::UsageScaleRole).toDouble();
    const int margin = 4;
    const QRectF area
        = QRectF(option.rect).adjusted(margin, 4, -(valueRoom(option.fontMetrics) + margin), -4);
    const bool selected = option.state & QStyle::State_Selected;
    QColor line = lineColor(option.palette);
    if (selected)
        line = option.palette.color(QPalette::HighlightedText);
    else if (scale > 0 && series->last() >= WarningShare * scale)
        line = StatusStyle::warningColor();
    QColor track
        = selected ? option.palette.color(QPalette::HighlightedText) : option.palette.color(QPalette::Text);
    track.setAlphaF(0.08f);
    const QPen pen = painter->pen();
    const QBrush brush = painter->brush();
    drawSparkline(painter, area, *series, scale, line, track);
    painter->setPen(pen);
    painter->setBrush(brush);
}

} // namespace OrkestrUi
