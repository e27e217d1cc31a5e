#include "ui/sandboxes/sandboxcolumns.h"

#include <QDataStream>
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
    auto *header = m_view->header();
    header->resizeSections(QHeaderView::ResizeToContents);
    int widest = -1;
    int total = m_view->indentation() * 2;
    for (int visual = 0; visual < header->count(); ++visual) {
        const int column = header->logicalIndex(visual);
        if (header->isSectionHidden(column))
            continue;
        total += header->sectionSize(column);
        if (widest < 0 || header->sectionSize(column) > header->sectionSize(widest))
            widest = column;
    }
    const int available = m_view->viewport()->width();
    if (widest < 0 || available <= 0 || total <= available)
        return;
    // The widest column gives up what does not fit (its text is elided).
    const int excess = total - available;
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
