#pragma once

#include "ui/views/statictextdelegate.h"

namespace OrkestrUi {

class SparkSeries;

// Paints a usage cell of the sandbox list: the current value as text at the right, and to its
// left a sparkline of the recent values (SandboxTreeModel::UsageSeriesRole) over a faint track
// whose full height is the sandbox's limit (UsageScaleRole; the highest value when unknown).
// Near the limit the line turns to the warning colour. Built for thousands of rows updating every
// 2 s: a paint asks the model for two values and a pointer, and draws from a fixed buffer.
class MetricSparklineDelegate : public StaticTextDelegate
{
    Q_OBJECT
public:
    explicit MetricSparklineDelegate(QObject *parent = nullptr);

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // The line's colour on a light or dark palette (not selected, not near the limit).
    static QColor lineColor(const QPalette &palette);
    // Draws `series` scaled to `scale` (0: to its highest value) into `area`.
    static void drawSparkline(QPainter *painter, const QRectF &area, const SparkSeries &series, double scale,
                              const QColor &line, const QColor &track);
};

} // namespace OrkestrUi
