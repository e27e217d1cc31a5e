#pragma once

// The light and dark looks of --color-scheme: Fusion with our dark palette, and a style that keeps
// check boxes and radio buttons visible on it.

#include <QPalette>
#include <QProxyStyle>

namespace OrkestrUi {

QPalette darkPalette();

// Fusion draws the box of a check box or radio button with an outline of the Window colour
// darkened by 40 %, filled with Base. On a dark palette that outline is the colour of the Base
// behind it, and the facet check boxes of the sandbox list were invisible. On a dark palette
// this draws them as Fusion does, but outlined from a lighter Window.
class ContrastStyle : public QProxyStyle
{
    Q_OBJECT
public:
    explicit ContrastStyle(const QString &baseStyle = QStringLiteral("Fusion"));
    void drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                       const QWidget *widget = nullptr) const override;
};

} // namespace OrkestrUi
