#include "ui/sandboxes/sandboxcolumns.h"

#include <QDataStream>
#include <QEvent>
#include <QHeaderView>
#include <QIODevice>
#include <QMenu>
#include <QScrollBar>
#include <QTreeView>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Grouping = SandboxTreeModel::Grouping;

SandboxColumns::SandboxColumns(QTreeView *view)
    : QObject(view)
    , m_view(view)
    , m_chosen(SandboxTreeModel::ColumnCount)
{
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column)
        m_chosen.setBit(column, shownByDefault(column));
    auto *header = m_view->header();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Right-click to choose the columns"));
    connect(header, &QWidget::customContextMenuRequested, this, &SandboxColumns::showMenu);
    m_view->viewport()->installEventFilter(this);
    apply();
}

bool SandboxColumns::shownByDefault(int column)
{
    switch (column) {
    case SandboxTreeModel::IdColumn:
    case SandboxTreeModel::StatusColumn:
    case SandboxTreeModel::TemplateColumn:
    case SandboxTreeModel::RegionColumn:
    case SandboxTreeModel::TimeLeftColumn:
        return true;
    default:
        return false;
    }
}

void SandboxColumns::setChosen(int column, bool chosen)
{
    // The id says which sandbox a row is: it always shows.
    if (column == SandboxTreeModel::IdColumn)
        return;
    m_chosen.setBit(column, chosen);
    apply();
}

void SandboxColumns::setGrouping(Grouping grouping)
{
    m_grouping = grouping;
    apply();
}

void SandboxColumns::apply()
{
    const bool groupedByRegion = m_grouping == Grouping::Region || m_grouping == Grouping::RegionThenStatus;
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column) {
        const bool shown
            = m_chosen.testBit(column) && !(column == SandboxTreeModel::RegionColumn && groupedByRegion);
        m_view->header()->setSectionHidden(column, !shown);
    }
}

void SandboxColumns::fitToContents()
{
    m_view->header()->resizeSections(QHeaderView::ResizeToContents);
    m_fitted = true;
    fitToWidth();
}

bool SandboxColumns::eventFilter(QObject *watched, QEvent *event)
{
    // A narrower list (a splitter moved, the window shrunk) keeps the columns within its width.
    if (m_fitted && watched == m_view->viewport() && event->type() == QEvent::Resize)
        fitToWidth();
    return QObject::eventFilter(watched, event);
}

void SandboxColumns::fitToWidth()
{
    auto *header = m_view->header();
    const int available = m_view->viewport()->width();
    // The last column stretches to the edge when there is room; when the columns are wider
    // than the view, the widest of the others gives up the difference (its text is elided).
    const int excess = header->length() - available;
    if (available <= 0 || excess <= 0)
        return;
    int widest = -1;
    int last = -1;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (header->isSectionHidden(column))
            continue;
        if (last >= 0 && (widest < 0 || header->sectionSize(last) > header->sectionSize(widest)))
            widest = last;
        last = column;
    }
    if (widest < 0)
        return;
    const int minimum = header->fontMetrics().horizontalAdvance(u"sbx_0000000000"_s);
    header->resizeSection(widest, std::max(minimum, header->sectionSize(widest) - excess));
}

QByteArray SandboxColumns::saveState() const
{
    QByteArray state;
    QDataStream out(&state, QIODevice::WriteOnly);
    out << m_chosen;
    return state;
}

void SandboxColumns::restoreState(const QByteArray &state)
{
    QBitArray chosen;
    QDataStream in(state);
    in >> chosen;
    if (in.status() == QDataStream::Ok && chosen.size() == SandboxTreeModel::ColumnCount) {
        m_chosen = chosen;
        m_chosen.setBit(SandboxTreeModel::IdColumn);
    }
    apply();
}

void SandboxColumns::showMenu(const QPoint &position)
{
    QMenu menu(m_view);
    menu.setObjectName(u"columnsMenu"_s);
    auto *model = m_view->model();
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column) {
        auto *action = menu.addAction(model->headerData(column, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(m_chosen.testBit(column));
        action->setEnabled(column != SandboxTreeModel::IdColumn);
        connect(action, &QAction::toggled, this, [this, column](bool on) { setChosen(column, on); });
    }
    menu.exec(m_view->header()->mapToGlobal(position));
}

} // namespace OrkestrUi
