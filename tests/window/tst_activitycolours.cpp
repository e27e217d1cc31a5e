// The Activity tab's colours in the light and the dark scheme: the kind icons are tinted with the
// row's text colour (the style's glyphs are black, unreadable on dark grey), and the ANSI colours
// of an exec's output are made readable on what they are drawn on (Base, the stderr tint, their
// own background). Contrast ratios as WCAG computes them, at least 4.5:1.

#include "ui/activity/activitycolours.h"
#include "ui/activity/activityrowdelegate.h"
#include "ui/activity/execoutputview.h"
#include "ui/theme/colorscheme.h"

#include <QApplication>
#include <QStyle>
#include <QStyleFactory>
#include <QTest>
#include <QTextBlock>

#include <memory>

using namespace Qt::StringLiterals;
using namespace OrkestrUi;

class TestActivityColours : public QObject
{
    Q_OBJECT

    static QPalette lightPalette()
    {
        std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
        return fusion->standardPalette();
    }

    static void addSchemes()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("light") << lightPalette();
        QTest::newRow("dark") << darkPalette();
    }

    // Every fragment of the view's text with its foreground and background as painted.
    static QList<std::pair<QColor, QColor>> paintedColours(const ExecOutputView &view)
    {
        QList<std::pair<QColor, QColor>> colours;
        const QColor base = view.palette().color(QPalette::Base);
        const QColor text = view.palette().color(QPalette::Text);
        for (QTextBlock block = view.document()->begin(); block.isValid(); block = block.next()) {
            for (auto it = block.begin(); !it.atEnd(); ++it) {
                const QTextCharFormat format = it.fragment().charFormat();
                const QColor foreground
                    = format.hasProperty(QTextFormat::ForegroundBrush) ? format.foreground().color() : text;
                const QColor background
                    = format.hasProperty(QTextFormat::BackgroundBrush) ? format.background().color() : base;
                colours.append({foreground, background});
            }
        }
        return colours;
    }

private Q_SLOTS:
    void contrastRatioIsWcags()
    {
        QCOMPARE(qRound(ActivityColours::contrastRatio(Qt::black, Qt::white) * 100), 2100);
        QCOMPARE(ActivityColours::contrastRatio(Qt::red, Qt::red), 1.0);
        // #777 on white is the classic just-below-AA grey (4.48).
        QCOMPARE(qRound(ActivityColours::contrastRatio(QColor(0x77, 0x77, 0x77), Qt::white) * 100), 448);
        // Made readable, a colour keeps its hue.
        const QColor dark(0x1e, 0x1f, 0x22);
        const QColor red = ActivityColours::readableOn(QColor(0xcd, 0x00, 0x00), dark);
        QVERIFY(ActivityColours::contrastRatio(red, dark) >= 4.5);
        QCOMPARE(red.hslHue(), 0);
    }

    void ansiColoursAreReadable_data() { addSchemes(); }
    void ansiColoursAreReadable()
    {
        QFETCH(QPalette, palette);
        ExecOutputView view;
        view.setPalette(palette);
        for (const auto stream : {ExecOutputView::Stream::Stdout, ExecOutputView::Stream::Stderr}) {
            // The sixteen colours of the theme and a few of the cube and the greys, then plain text.
            for (int index : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 52, 196, 232, 255}) {
                OrkestrSession::AnsiStyle style;
                style.foreground = OrkestrSession::AnsiColor::indexed(index);
                view.append(u"colour %1\n"_s.arg(index), view.formatOf(style), stream);
            }
            view.append(u"plain\n"_s, {}, stream);
            // A program's own background: white on red, black on yellow.
            OrkestrSession::AnsiStyle onRed;
            onRed.foreground = OrkestrSession::AnsiColor::indexed(7);
            onRed.background = OrkestrSession::AnsiColor::indexed(1);
            view.append(u"alert\n"_s, view.formatOf(onRed), stream);
            OrkestrSession::AnsiStyle onYellow;
            onYellow.foreground = OrkestrSession::AnsiColor::indexed(0);
            onYellow.background = OrkestrSession::AnsiColor::indexed(3);
            view.append(u"warning\n"_s, view.formatOf(onYellow), stream);
        }
        const auto colours = paintedColours(view);
        QVERIFY(colours.size() >= 2 * 24);
        for (const auto &[foreground, background] : colours) {
            const double ratio = ActivityColours::contrastRatio(foreground, background);
            QVERIFY2(
                ratio >= 4.5,
                qPrintable(
                    u"%1 on %2: %3:1"_s.arg(foreground.name(), background.name()).arg(ratio, 0, 'f', 2)));
        }
        // Stderr is still told apart by its tint.
        QVERIFY(ActivityColours::stderrTint(palette) != palette.color(QPalette::Base));
    }

    void iconsAndFailuresAreReadable_data() { addSchemes(); }
    void iconsAndFailuresAreReadable()
    {
        QFETCH(QPalette, palette);
        const QColor base = palette.color(QPalette::Base);
        QVERIFY(ActivityColours::contrastRatio(ActivityColours::errorColour(palette), base) >= 4.5);
        QVERIFY(ActivityColours::contrastRatio(ActivityColours::errorColour(palette),
                                               ActivityColours::stderrTint(palette))
                >= 4.5);
        std::unique_ptr<QStyle> fusion(QStyleFactory::create(u"Fusion"_s));
        for (const bool failed : {false, true}) {
            for (const QString &kind : {u"exec.started"_s, u"exec.finished"_s, u"file.written"_s,
                                        u"sandbox.paused"_s, u"sandbox.resumed"_s, u"process.signalled"_s}) {
                const QColor tint = ActivityColours::iconColour(palette, failed, false);
                const QImage image = ActivityRowDelegate::tinted(
                                         ActivityRowDelegate::kindIcon(kind, fusion.get()), tint, 1.0)
                                         .toImage();
                // Every pixel the icon covers fully is in the tint, readable on the row's Base.
                int covered = 0;
                for (int y = 0; y < image.height(); ++y) {
                    for (int x = 0; x < image.width(); ++x) {
                        const QColor pixel = image.pixelColor(x, y);
                        if (pixel.alpha() < 255)
                            continue;
                        ++covered;
                        QVERIFY2(ActivityColours::contrastRatio(pixel, base) >= 4.5,
                                 qPrintable(u"%1: %2 on %3"_s.arg(kind, pixel.name(), base.name())));
                    }
                }
                QVERIFY2(covered > 0, qPrintable(kind));
            }
        }
        // A resume has its own glyph (the toolbar's Resume), not the sandbox family's computer,
        // whose colours tinted away leave a blob.
        const auto silhouette = [&](const QString &kind) {
            return ActivityRowDelegate::tinted(ActivityRowDelegate::kindIcon(kind, fusion.get()), Qt::black,
                                               1.0)
                .toImage();
        };
        QVERIFY(silhouette(u"sandbox.resumed"_s) != silhouette(u"sandbox.created"_s));
        QCOMPARE(silhouette(u"sandbox.resumed"_s),
                 ActivityRowDelegate::tinted(fusion->standardIcon(QStyle::SP_MediaPlay), Qt::black, 1.0)
                     .toImage());
        // A selected row's icon is in the highlighted text colour.
        QCOMPARE(ActivityColours::iconColour(palette, true, true), palette.color(QPalette::HighlightedText));
    }
};

QTEST_MAIN(TestActivityColours)
#include "tst_activitycolours.moc"
