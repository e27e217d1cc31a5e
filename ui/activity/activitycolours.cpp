#include "ui/activity/activitycolours.h"

#include <cmath>

namespace OrkestrUi::ActivityColours {

namespace {

double channel(float value)
{
    return value <= 0.04045f ? value / 12.92 : std::pow((value + 0.055) / 1.055, 2.4);
}

double luminance(const QColor &colour)
{
    const QColor rgb = colour.toRgb();
    return 0.2126 * channel(rgb.redF()) + 0.7152 * channel(rgb.greenF()) + 0.0722 * channel(rgb.blueF());
}

QColor blend(const QColor &a, const QColor &b, double ratio)
{
    return QColor::fromRgbF(float(a.redF() * (1 - ratio) + b.redF() * ratio),
                            float(a.greenF() * (1 - ratio) + b.greenF() * ratio),
                            float(a.blueF() * (1 - ratio) + b.blueF() * ratio));
}

} // namespace

double contrastRatio(const QColor &a, const QColor &b)
{
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableOn(const QColor &colour, const QColor &background, double ratio)
{
    if (contrastRatio(colour, background) >= ratio)
        return colour;
    // Towards white on a dark background, towards black on a light one, in small steps of
    // lightness: the first that reaches the ratio keeps the most of the colour.
    const bool lighten = luminance(background) < 0.18;
    const QColor hsl = colour.toHsl();
    for (int step = 1; step <= 40; ++step) {
        const float lightness = lighten ? hsl.lightnessF() + (1.0f - hsl.lightnessF()) * float(step) / 40.0f
                                        : hsl.lightnessF() * (1.0f - float(step) / 40.0f);
        const QColor candidate = QColor::fromHslF(hsl.hslHueF(), hsl.hslSaturationF(), lightness).toRgb();
        if (contrastRatio(candidate, background) >= ratio)
            return candidate;
    }
    return lighten ? QColor(Qt::white) : QColor(Qt::black);
}

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Base).lightnessF() < 0.5;
}

QColor errorColour(const QPalette &palette)
{
    const QColor red = isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28);
    // Readable on the tint of stderr lines too, which is a little darker (light) or redder (dark).
    return readableOn(readableOn(red, palette.color(QPalette::Base)), stderrTint(palette));
}

QColor stderrTint(const QPalette &palette)
{
    const QColor red = isDark(palette) ? QColor(0xff, 0x6b, 0x6b) : QColor(0xc0, 0x1c, 0x28);
    return blend(palette.color(QPalette::Base), red, 0.10);
}

QColor iconColour(const QPalette &palette, bool failed, bool selected)
{
    if (selected)
        return palette.color(QPalette::HighlightedText);
    return failed ? errorColour(palette) : palette.color(QPalette::Text);
}

} // namespace OrkestrUi::ActivityColours
