#include "ui/theme/colorscheme.h"

#include <QStyleOptionButton>

namespace OrkestrUi {

QPalette darkPalette()
{
    QPalette palette;
    const QColor window(0x2b, 0x2d, 0x31), base(0x1e, 0x1f, 0x22), text(0xe6, 0xe6, 0xe6);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, base);
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, QColor(0x8a, 0x8f, 0x98));
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window);
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::red);
    palette.setColor(QPalette::Link, QColor(0x5a, 0x9b, 0xf6));
    palette.setColor(QPalette::Highlight, QColor(0x3b, 0x6e, 0xc8));
    palette.setColor(QPalette::HighlightedText, Qt::white);
    palette.setColor(QPalette::Disabled, QPalette::Text, QColor(0x7a, 0x7a, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::ButtonText, QColor(0x7a, 0x7a, 0x7a));
    palette.setColor(QPalette::Disabled, QPalette::WindowText, QColor(0x7a, 0x7a, 0x7a));
    return palette;
}

ContrastStyle::ContrastStyle(const QString &baseStyle)
    : QProxyStyle(baseStyle)
{
}

void ContrastStyle::drawPrimitive(PrimitiveElement element, const QStyleOption *option, QPainter *painter,
                                  const QWidget *widget) const
{
    const bool indicator = element == PE_IndicatorCheckBox || element == PE_IndicatorRadioButton;
    const auto *button = qstyleoption_cast<const QStyleOptionButton *>(option);
    if (indicator && button && button->palette.color(QPalette::Base).lightness() < 128) {
        // Fusion's outline is Window darkened by 40 %: from this Window it is a mid grey that
        // stands out from Base, as the outline of a light palette does from white.
        QStyleOptionButton copy(*button);
        copy.palette.setColor(QPalette::Window, QColor(0x8c, 0x90, 0x98));
        QProxyStyle::drawPrimitive(element, &copy, painter, widget);
        return;
    }
    QProxyStyle::drawPrimitive(element, option, painter, widget);
}

} // namespace OrkestrUi
