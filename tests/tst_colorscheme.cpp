// The dark colour scheme: check boxes (the sandbox list's facets) and radio buttons stand out from
// the Base they sit on, which plain Fusion's outline does not on a dark palette.

#include "ui/theme/colorscheme.h"

#include <QApplication>
#include <QImage>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOptionButton>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;

namespace {

// The largest lightness difference between the drawn indicator and the Base around it.
int indicatorContrast(QStyle *style, QStyle::PrimitiveElement element, QStyle::State state)
{
    const QPalette palette = OrkestrUi::darkPalette();
    QImage image(40, 40, QImage::Format_ARGB32);
    image.fill(palette.color(QPalette::Base));
    QStyleOptionButton option;
    option.rect = QRect(12, 12, 16, 16);
    option.state = QStyle::State_Enabled | state;
    option.palette = palette;
    {
        QPainter painter(&image);
        style->drawPrimitive(element, &option, &painter);
    }
    const int base = palette.color(QPalette::Base).lightness();
    int contrast = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            contrast = std::max(contrast, std::abs(QColor(image.pixel(x, y)).lightness() - base));
    return contrast;
}

} // namespace

class TestColorScheme : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void indicatorsStandOut_data()
    {
        QTest::addColumn<QStyle::PrimitiveElement>("element");
        QTest::addColumn<QStyle::State>("state");
        QTest::newRow("check box, unchecked")
            << QStyle::PE_IndicatorCheckBox << QStyle::State(QStyle::State_Off);
        QTest::newRow("check box, checked")
            << QStyle::PE_IndicatorCheckBox << QStyle::State(QStyle::State_On);
        QTest::newRow("item view check, unchecked")
            << QStyle::PE_IndicatorItemViewItemCheck << QStyle::State(QStyle::State_Off);
        QTest::newRow("radio button, unchecked")
            << QStyle::PE_IndicatorRadioButton << QStyle::State(QStyle::State_Off);
    }

    void indicatorsStandOut()
    {
        QFETCH(QStyle::PrimitiveElement, element);
        QFETCH(QStyle::State, state);
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
        QVERIFY(fusion);
        OrkestrUi::ContrastStyle contrastStyle(u"Fusion"_s);
        const int plain = indicatorContrast(fusion.get(), element, state);
        const int ours = indicatorContrast(&contrastStyle, element, state);
        qInfo("lightness contrast with Base: Fusion %d, ContrastStyle %d", plain, ours);
        // 60 of 255: what Fusion's outline has against white in the light scheme is about 75.
        QVERIFY2(ours >= 60, qPrintable(QString::number(ours)));
        QVERIFY(ours >= plain);
    }

    // A light palette is left exactly as Fusion draws it.
    void lightPaletteUnchanged()
    {
        const std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
        OrkestrUi::ContrastStyle contrastStyle(u"Fusion"_s);
        const QPalette palette = fusion->standardPalette();
        QImage a(40, 40, QImage::Format_ARGB32), b(40, 40, QImage::Format_ARGB32);
        a.fill(palette.color(QPalette::Base));
        b.fill(palette.color(QPalette::Base));
        QStyleOptionButton option;
        option.rect = QRect(12, 12, 16, 16);
        option.state = QStyle::State_Enabled | QStyle::State_Off;
        option.palette = palette;
        {
            QPainter painter(&a);
            fusion->drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, &painter);
        }
        {
            QPainter painter(&b);
            contrastStyle.drawPrimitive(QStyle::PE_IndicatorCheckBox, &option, &painter);
        }
        QCOMPARE(a, b);
    }
};

QTEST_MAIN(TestColorScheme)
#include "tst_colorscheme.moc"
