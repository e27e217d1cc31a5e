#include "ui/views/longlisttreeview.h"

#include <algorithm>

namespace OrkestrUi {

LongListTreeView::LongListTreeView(QWidget *parent)
    : QTreeView(parent)
{
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(0);
    connect(&m_repaint, &QTimer::timeout, this, &LongListTreeView::repaintAfterLayout);
}

void LongListTreeView::doItemsLayout()
{
    QWidget *port = viewport();
    // A viewport without updates for another reason is left as it is.
    const bool split
        = isVisible() && (m_repaint.isActive() || port->updatesEnabled()) && m_splitWhen && m_splitWhen();
    if (!split) {
        QTreeView::doItemsLayout();
        return;
    }
    // Updates asked for while the viewport takes none are dropped; the repaint below covers them.
    port->setUpdatesEnabled(false);
    QTreeView::doItemsLayout();
    if (!m_repaint.isActive()) {
        ++m_splitRepaints;
        m_repaint.start();
    }
}

void LongListTreeView::repaintAfterLayout()
{
    // Taking updates again repaints the whole viewport (QWidget::setUpdatesEnabled).
    viewport()->setUpdatesEnabled(true);
}

void LongListTreeView::dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                                   const QList<int> &roles)
{
    const bool cellsOnly = uniformRowHeights() && editTriggers() == NoEditTriggers && topLeft.isValid()
        && bottomRight.isValid() && topLeft.row() != bottomRight.row() && topLeft.column() > 0
        && topLeft.parent() == bottomRight.parent();
    if (!cellsOnly) {
        QTreeView::dataChanged(topLeft, bottomRight, roles);
        return;
    }
    // The columns' band of the viewport is repainted, whichever of the rows are shown: finding the
    // shown ones is what costs O(rows). A pending relayout repaints everything anyway.
    if (!isVisible() || hasPendingRepaint())
        return;
    int left = viewport()->width();
    int right = 0;
    for (int column = topLeft.column(); column <= bottomRight.column(); ++column) {
        if (isColumnHidden(column))
            continue;
        left = std::min(left, columnViewportPosition(column));
        right = std::max(right, columnViewportPosition(column) + columnWidth(column));
    }
    if (left < right)
        viewport()->update(QRect(left, 0, right - left, viewport()->height()));
    Q_UNUSED(roles);
}

} // namespace OrkestrUi
