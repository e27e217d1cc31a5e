#include "ui/activity/activityrowdelegate.h"

#include "ui/activity/activitycolours.h"

#include <QApplication>
#include <QDateTime>
#include <QPainter>
#include <QStyle>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

namespace {
constexpr int IconSize = 16;
constexpr int Gap = 8;
} // namespace

ActivityRowDelegate::ActivityRowDelegate(Roles roles, QObject *parent)
    : QStyledItemDelegate(parent)
    , m_roles(roles)
{
}

QIcon ActivityRowDelegate::kindIcon(const QString &kind, const QStyle *style)
{
    struct Match
    {
        QLatin1StringView kind;
        QStyle::StandardPixmap pixmap;
    };
    // Whole kinds first, then a family by its prefix.
    static constexpr Match Kinds[] = {
        {"exec.started"_L1, QStyle::SP_MediaPlay},
        {"file.deleted"_L1, QStyle::SP_TrashIcon},
        {"sandbox.paused"_L1, QStyle::SP_MediaPause},
        {"sandbox.resumed"_L1, QStyle::SP_MediaPlay},
        {"sandbox.failed"_L1, QStyle::SP_MessageBoxCritical},
        {"sandbox.terminated"_L1, QStyle::SP_DialogCloseButton},
    };
    static constexpr Match Families[] = {
        {"exec."_L1, QStyle::SP_MediaStop},       {"file."_L1, QStyle::SP_FileIcon},
        {"network."_L1, QStyle::SP_DriveNetIcon}, {"request."_L1, QStyle::SP_MessageBoxWarning},
        {"sandbox."_L1, QStyle::SP_ComputerIcon}, {"process."_L1, QStyle::SP_BrowserStop},
    };
    for (const auto &match : Kinds) {
        if (kind == match.kind)
            return style->standardIcon(match.pixmap);
    }
    for (const auto &match : Families) {
        if (kind.startsWith(match.kind))
            return style->standardIcon(match.pixmap);
    }
    return style->standardIcon(QStyle::SP_MessageBoxInformation);
}

QPixmap ActivityRowDelegate::tinted(const QIcon &icon, const QColor &colour, qreal ratio)
{
    // The style's glyphs are drawn for a light background (black on dark grey in the dark scheme):
    // only their shape is kept, in the colour of the row's text.
    QPixmap pixmap = icon.pixmap(QSize(IconSize, IconSize), ratio);
    QPainter painter(&pixmap);
    painter.setCompositionMode(QPainter::CompositionMode_SourceIn);
    painter.fillRect(pixmap.rect(), colour);
    return pixmap;
}

const QPixmap &ActivityRowDelegate::pixmapFor(const QString &kind, const QStyle *style, qreal ratio,
                                              const QColor &colour) const
{
    const QString key = kind + u'/' + colour.name(QColor::HexArgb);
    auto it = m_pixmaps.find(key);
    if (it == m_pixmaps.end())
        it = m_pixmaps.insert(key, tinted(kindIcon(kind, style), colour, ratio));
    return *it;
}

QSize ActivityRowDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const
{
    const int text = option.fontMetrics.height();
    return {100, std::max(text, IconSize) + 6};
}

void ActivityRowDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    opt.text.clear();
    opt.icon = {};
    const QWidget *widget = opt.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawPrimitive(QStyle::PE_PanelItemViewItem, &opt, painter, widget);

    const QRect row = opt.rect.adjusted(Gap / 2, 0, -Gap / 2, 0);
    const QFontMetrics &metrics = opt.fontMetrics;
    const bool selected = opt.state & QStyle::State_Selected;
    const QPalette::ColorGroup group
        = (opt.state & QStyle::State_Active) ? QPalette::Normal : QPalette::Inactive;
    const QColor text = opt.palette.color(group, selected ? QPalette::HighlightedText : QPalette::Text);
    const QColor dim = selected ? text : opt.palette.color(group, QPalette::PlaceholderText);
    const bool failed = index.data(m_roles.failed).toBool();

    // Time: hours to milliseconds, in local time (the date is in the tooltip and details).
    const QDateTime at = index.data(m_roles.time).toDateTime();
    const QString time = at.isValid() ? at.toLocalTime().toString(u"HH:mm:ss.zzz"_s) : QString();
    const int timeWidth = metrics.horizontalAdvance(u"00:00:00.000"_s);
    int x = row.left();
    painter->setPen(dim);
    painter->drawText(QRect(x, row.top(), timeWidth, row.height()),
                      Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, time);
    x += timeWidth + Gap;

    const QPixmap &icon
        = pixmapFor(index.data(m_roles.kind).toString(), style, painter->device()->devicePixelRatioF(),
                    ActivityColours::iconColour(opt.palette, failed, selected));
    painter->drawPixmap(QPoint(x, row.top() + (row.height() - IconSize) / 2), icon);
    x += IconSize + Gap;

    const int actorWidth = std::min(metrics.averageCharWidth() * 16, std::max(0, row.right() - x) / 3);
    const QString actor
        = metrics.elidedText(index.data(m_roles.actor).toString(), Qt::ElideRight, actorWidth);
    painter->drawText(QRect(x, row.top(), actorWidth, row.height()),
                      Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, actor);
    x += actorWidth + Gap;

    const int summaryWidth = std::max(0, row.right() - x);
    painter->setPen(failed && !selected ? ActivityColours::errorColour(opt.palette) : text);
    const QString summary
        = metrics.elidedText(index.data(m_roles.summary).toString(), Qt::ElideRight, summaryWidth);
    painter->drawText(QRect(x, row.top(), summaryWidth, row.height()),
                      Qt::AlignVCenter | Qt::AlignLeft | Qt::TextSingleLine, summary);

    if (opt.state & QStyle::State_HasFocus) {
        QStyleOptionFocusRect focus;
        focus.QStyleOption::operator=(opt);
        focus.backgroundColor = opt.palette.color(selected ? QPalette::Highlight : QPalette::Base);
        style->drawPrimitive(QStyle::PE_FrameFocusRect, &focus, painter, widget);
    }
}

} // namespace OrkestrUi
