#include "ui/views/statictextdelegate.h"

#include <QApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QStyle>

namespace OrkestrUi {

StaticTextDelegate::StaticTextDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void StaticTextDelegate::setCacheLimit(int limit)
{
    m_cacheLimit = std::max(1, limit);
    while (int(m_cache.size()) > m_cacheLimit) {
        m_cache.remove(m_ages.back());
        m_ages.pop_back();
    }
}

const QStaticText &StaticTextDelegate::laidOut(const Key &key) const
{
    if (auto it = m_cache.find(key); it != m_cache.end()) {
        m_ages.splice(m_ages.begin(), m_ages, it->age);
        return it->text;
    }
    if (int(m_cache.size()) >= m_cacheLimit) {
        m_cache.remove(m_ages.back());
        m_ages.pop_back();
    }
    const QFontMetrics metrics(key.font);
    QStaticText text(metrics.elidedText(key.text, key.elide, key.width));
    text.setTextFormat(Qt::PlainText);
    text.setPerformanceHint(QStaticText::AggressiveCaching);
    text.prepare(QTransform(), key.font);
    m_ages.push_front(key);
    return m_cache.insert(key, Entry {std::move(text), m_ages.begin()})->text;
}

void StaticTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    if (opt.text.isEmpty() || (opt.features & QStyleOptionViewItem::WrapText)
        || opt.text.contains(QChar::LineSeparator) || opt.text.contains(u'\n')) {
        style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
        return;
    }
    // The style places the text where it would draw it (after the icon, inside its margins);
    // then it draws everything but the text.
    const QString text = std::move(opt.text);
    opt.text.clear();
    const QRect textArea = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, widget);
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    // The same inner margin as QCommonStyle's item text.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const QRect textRect = textArea.adjusted(margin, 0, -margin, 0);
    if (textRect.width() <= 0)
        return;
    const QStaticText &laid = laidOut(Key {text, opt.font, textRect.width(), opt.textElideMode});
    const QSize size = laid.size().toSize();
    const QRect aligned = QStyle::alignedRect(
        opt.direction, QStyle::visualAlignment(opt.direction, opt.displayAlignment), size, textRect);

    const QPalette::ColorGroup group = !(opt.state & QStyle::State_Enabled) ? QPalette::Disabled
        : (opt.state & QStyle::State_Active)                                ? QPalette::Normal
                                                                            : QPalette::Inactive;
    const QPalette::ColorRole role
        = (opt.state & QStyle::State_Selected) ? QPalette::HighlightedText : QPalette::Text;
    // No save()/restore() and no clip: elided text fits its rectangle, and this is called for
    // every visible cell (both showed in a repaint's profile).
    const QPen pen = painter->pen();
    const QFont font = painter->font();
    painter->setFont(opt.font);
    painter->setPen(opt.palette.color(group, role));
    painter->drawStaticText(aligned.topLeft(), laid);
    painter->setPen(pen);
    painter->setFont(font);
}

} // namespace OrkestrUi
