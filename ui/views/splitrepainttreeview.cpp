#include "ui/views/splitrepainttreeview.h"

namespace OrkestrUi {

SplitRepaintTreeView::SplitRepaintTreeView(QWidget *parent)
    : QTreeView(parent)
{
    m_repaint.setSingleShot(true);
    m_repaint.setInterval(0);
    connect(&m_repaint, &QTimer::timeout, this, &SplitRepaintTreeView::repaintAfterLayout);
}

void SplitRepaintTreeView::doItemsLayout()
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

void SplitRepaintTreeView::repaintAfterLayout()
{
    // Taking updates again repaints the whole viewport (QWidget::setUpdatesEnabled).
    viewport()->setUpdatesEnabled(true);
}

} // namespace OrkestrUi
