#pragma once

#include <QColor>
#include <QPalette>

namespace OrkestrUi {

// The Activity tab's colours, derived from the palette so that both the light and the dark scheme
// stay readable: WCAG contrast ratios, and colours moved in lightness (hue kept) until they reach
// a ratio on the background they are drawn on.
namespace ActivityColours {

// WCAG 2 contrast ratio of two opaque colours, 1 to 21.
double contrastRatio(const QColor &a, const QColor &b);
// `colour` made lighter (on a dark background) or darker (on a light one), keeping its hue, until
// its contrast on `background` is at least `ratio`; unchanged when it already is.
QColor readableOn(const QColor &colour, const QColor &background, double ratio = 4.5);

bool isDark(const QPalette &palette);
// The red of failures (summaries, the stderr mark), readable on the palette's Base.
QColor errorColour(const QPalette &palette);
// The background of stderr lines: Base with a little red.
QColor stderrTint(const QPalette &palette);
// What a kind's icon is tinted with: the text colour of the row, the error colour for failures.
QColor iconColour(const QPalette &palette, bool failed, bool selected);

} // namespace ActivityColours

} // namespace OrkestrUi
