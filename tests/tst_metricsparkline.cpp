// MetricSparklineDelegate: the usage cells of the sandbox list painted offscreen; the line follows
// the series and the limit, and reads on light and dark palettes.

#include "ui/sandboxes/metricsparkline.h"
#include "ui/sandboxes/sandboxtreemodel.h"
#include "ui/sandboxes/sandboxusage.h"
#include "ui/sandboxes/statusstyle.h"
#include "ui/theme/colorscheme.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStandardItemModel>
#include <QStyleFactory>
#include <QTest>

#include <cmath>
#include <functional>
#include <memory>

using namespace Qt::StringLiterals;
using OrkestrUi::MetricSparklineDelegate;
using OrkestrUi::SandboxTreeModel;
using OrkestrUi::SparkSeries;

namespace {
constexpr QSize CellSize(200, 24);

SparkSeries seriesOf(int count, const std::function<float(int)> &value)
{
    SparkSeries series;
    for (int i = 0; i < count; ++i)
        series.append(value(i));
    return series;
}

// WCAG's relative luminance and contrast ratio.
double luminance(const QColor &colour)
{
    const auto channel = [](double c) {
        return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
        + 0.0722 * channel(colour.blueF());
}
double contrast(const QColor &a, const QColor &b)
{
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

int distance(QRgb a, QRgb b)
{
    return std::abs(qRed(a) - qRed(b)) + std::abs(qGreen(a) - qGreen(b)) + std::abs(qBlue(a) - qBlue(b));
}

// How many pixels of `image` inside `area` are clearly not the background (the faint track is).
int inkIn(const QImage &image, const QRect &area, QRgb background)
{
    int ink = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x)
            ink += distance(image.pixel(x, y), background) > 90;
    }
    return ink;
}

// How many pixels of `image` are close to `colour`.
int pixelsNear(const QImage &image, const QColor &colour)
{
    int near = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x)
            near += distance(image.pixel(x, y), colour.rgb()) < 40;
    }
    return near;
}
} // namespace

class TestMetricSparkline : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<QStyle> m_style {QStyleFactory::create(u"Fusion"_s)};
    QStandardItemModel m_model {1, 1};
    MetricSparklineDelegate m_delegate;
    QPalette m_palette = m_style->standardPalette();

    // The cell painted with `series` (none: a sandbox without values) at full height `scale`.
    QImage paint(const SparkSeries *series, double scale, const QString &text = u"50 %"_s)
    {
        const QModelIndex index = m_model.index(0, 0);
        m_model.setData(index, text, Qt::DisplayRole);
        m_model.setData(index, QVariant(Qt::AlignRight | Qt::AlignVCenter), Qt::TextAlignmentRole);
        m_model.setData(index, QVariant::fromValue(series), SandboxTreeModel::UsageSeriesRole);
        m_model.setData(index, scale, SandboxTreeModel::UsageScaleRole);
        QImage image(CellSize, QImage::Format_RGB32);
        image.fill(m_palette.color(QPalette::Base));
        QPainter painter(&image);
        QStyleOptionViewItem option;
        option.rect = QRect(QPoint(0, 0), CellSize);
        option.palette = m_palette;
        option.state = QStyle::State_Enabled | QStyle::State_Active;
        option.fontMetrics = QFontMetrics(option.font);
        m_delegate.paint(&painter, option, index);
        painter.end();
        return image;
    }
    // Where the line goes: the cell's left part, without the text at the right.
    QRect lineArea() const
    {
        const int text = QFontMetrics(QStyleOptionViewItem().font).horizontalAdvance(u"100 %"_s);
        return QRect(0, 0, CellSize.width() - text - 8, CellSize.height());
    }
    QRgb base() const { return m_palette.color(QPalette::Base).rgb(); }

private Q_SLOTS:
    void theLineFollowsTheSeries()
    {
        const SparkSeries rising = seriesOf(SparkSeries::Capacity, [](int i) { return float(i); });
        const SparkSeries falling
            = seriesOf(SparkSeries::Capacity, [](int i) { return float(SparkSeries::Capacity - i); });
        const QImage up = paint(&rising, 100);
        QCOMPARE(paint(&rising, 100), up); // the same series, the same pixels
        const QImage down = paint(&falling, 100);
        if (qEnvironmentVariableIsSet("ORKESTR_SPARKLINE_PNG"))
            up.save(qEnvironmentVariable("ORKESTR_SPARKLINE_PNG"));
        QVERIFY(up.copy(lineArea()) != down.copy(lineArea()));
        // In the upper third: a falling line at the left of the area, a rising one further right.
        const QRect area = lineArea();
        const QRect upperLeft(area.left(), 0, area.width() / 3, CellSize.height() / 3);
        const QRect upperRight(area.right() - area.width() / 3, 0, area.width() / 3, CellSize.height() / 3);
        QVERIFY(inkIn(down, upperLeft, base()) > inkIn(up, upperLeft, base()));
        QVERIFY(inkIn(up, upperRight, base()) > inkIn(down, upperRight, base()));
    }

    void theLimitIsTheFullHeight()
    {
        // 50 % of one core, in a cell whose full height is one core and in one of four cores.
        const SparkSeries steady = seriesOf(SparkSeries::Capacity, [](int) { return 50.0f; });
        const QRect middle(0, 4, lineArea().width(), CellSize.height() / 2);
        QVERIFY(inkIn(paint(&steady, 100), middle, base()) > 2 * inkIn(paint(&steady, 400), middle, base()));
        // Near the limit the line warns: another colour than far from it.
        const SparkSeries high = seriesOf(SparkSeries::Capacity, [](int) { return 95.0f; });
        const QColor line = MetricSparklineDelegate::lineColor(m_palette);
        const QColor warning = OrkestrUi::StatusStyle::warningColor();
        const QImage warned = paint(&high, 100);
        const QImage calm = paint(&high, 200);
        QVERIFY(pixelsNear(warned, warning) > 20);
        QCOMPARE(pixelsNear(warned, line), 0);
        QVERIFY(pixelsNear(calm, line) > 20);
        QCOMPARE(pixelsNear(calm, warning), 0);
    }

    void noValuesNoLine()
    {
        const QImage empty = paint(nullptr, 100, u"—"_s);
        QCOMPARE(inkIn(empty, lineArea(), base()), 0);
        const SparkSeries one = seriesOf(1, [](int) { return 80.0f; });
        // A first sample already shows (a short mark at the right end of the line's area).
        QVERIFY(inkIn(paint(&one, 100), QRect(0, 0, CellSize.width() - 8, CellSize.height()), base()) > 0);
    }

    void readsOnLightAndDark()
    {
        QPalette light = m_style->standardPalette();
        QPalette dark = OrkestrUi::darkPalette();
        for (const auto &palette : {light, dark}) {
            const QColor line = MetricSparklineDelegate::lineColor(palette);
            const double ratio = contrast(line, palette.color(QPalette::Base));
            QVERIFY2(ratio >= 3.0,
                     qPrintable(u"contrast %1 on %2"_s.arg(ratio).arg(palette.color(QPalette::Base).name())));
        }
        QVERIFY(MetricSparklineDelegate::lineColor(light) != MetricSparklineDelegate::lineColor(dark));
    }

    void theLineKeepsClearOfTheValue()
    {
        // The widest usual value beside a full line: touching it, the line's end reads as a minus.
        const SparkSeries steady = seriesOf(SparkSeries::Capacity, [](int) { return 60.0f; });
        const QImage image = paint(&steady, 100, u"1023 MB"_s);
        const QRgb line = MetricSparklineDelegate::lineColor(m_palette).rgb();
        int lineRight = -1;
        for (int x = 0; x < image.width(); ++x) {
            for (int y = 0; y < image.height(); ++y) {
                if (distance(image.pixel(x, y), line) < 60)
                    lineRight = x;
            }
        }
        QVERIFY(lineRight > 0);
        int textLeft = image.width();
        for (int x = image.width() - 1; x > lineRight; --x) {
            if (inkIn(image, QRect(x, 0, 1, image.height()), base()) > 0)
                textLeft = x;
        }
        QVERIFY(textLeft < image.width());
        QVERIFY2(textLeft - lineRight >= 3,
                 qPrintable(u"line ends at %1, text starts at %2"_s.arg(lineRight).arg(textLeft)));
    }
};

QTEST_MAIN(TestMetricSparkline)
#include "tst_metricsparkline.moc"
