#pragma once

#include "ui/metrics/metricsseries.h"

#include <QChartView>
#include <QColor>

#include <optional>

class QDateTimeAxis;
class QLineSeries;
class QValueAxis;

namespace OrkestrUi {

// One chart of the Metrics tab (Qt Charts): lines over time that break where samples are missing,
// an optional limit drawn as a dashed line, and the journal's markers as vertical lines. Hovering
// shows the values nearest the pointer (or the marker under it) in a tooltip and in readout().
// Colours follow the palette, light or dark.
class MetricChart : public QChartView
{
    Q_OBJECT
public:
    using Points = MetricsSeries::Points;
    using Quantity = MetricsSeries::Quantity;
    // A line's colour, in a lighter variant on a dark palette.
    enum class Tone : quint8 { Blue, Purple, Teal, Orange, Green, Red };
    struct Line
    {
        QString name;
        Tone tone = Tone::Blue;
        QList<Points> runs; // values as measured (bytes, percent), split at gaps
    };

    MetricChart(const QString &title, Quantity quantity, QWidget *parent = nullptr);

    void setLines(const QList<Line> &lines);
    // A limit (same unit as the lines), drawn as a dashed red line; nullopt: none.
    void setLimit(std::optional<double> limit, const QString &name = {});
    void setMarkers(const QList<MetricsSeries::Marker> &markers);
    // The time axis, in milliseconds since the epoch.
    void setTimeRange(qint64 fromMs, qint64 toMs);

    QString title() const { return m_title; }
    const QList<Line> &lines() const { return m_lines; }
    std::optional<double> limit() const { return m_limit; }
    const QList<MetricsSeries::Marker> &markers() const { return m_markers; }
    // What hovering at a time shows: the time and each line's nearest value, or the marker there.
    QString readoutAt(qint64 ms, double markerToleranceMs = 0) const;
    // The last readout shown (empty when the pointer is not over the plot).
    QString readout() const { return m_readout; }
    // The time under a point of the view (nullopt outside the plot area).
    std::optional<qint64> timeAt(const QPoint &viewPoint) const;
    static QColor toneColor(Tone tone, bool dark);
    static QColor markerColor(MetricsSeries::Marker::Kind kind, bool dark);

protected:
    void mouseMoveEvent(QMouseEvent *event) override;
    void leaveEvent(QEvent *event) override;
    void changeEvent(QEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    bool isDark() const;
    void applyPalette();
    void rescale();
    void syncSeries();
    QLineSeries *addSeries();

    QString m_title;
    Quantity m_quantity;
    MetricsSeries::Scale m_scale;
    QList<Line> m_lines;
    std::optional<double> m_limit;
    QString m_limitName;
    QList<MetricsSeries::Marker> m_markers;
    QList<QList<QLineSeries *>> m_series; // per line, one series per run
    QLineSeries *m_limitSeries = nullptr;
    QDateTimeAxis *m_timeAxis;
    QValueAxis *m_valueAxis;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    std::optional<qint64> m_hoverMs;
    QString m_readout;
};

} // namespace OrkestrUi
