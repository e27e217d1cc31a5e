#include "ui/sandboxes/sandboxcolumns.h"

#include <QDataStream>
#include <QEvent>
#include <QHeaderView>
#include <QIODevice>
#include <QMenu>
#include <QScrollBar>
#include <QTreeView>

#include <algorithm>

namespace OrkestrUi {

using namespace Qt::StringLiterals;
using Grouping = SandboxTreeModel::Grouping;

namespace {
// What a list shows while the user has not chosen (a wider one adds WideColumns).
constexpr int DefaultColumns[]
    = {SandboxTreeModel::IdColumn, SandboxTreeModel::StatusColumn, SandboxTreeModel::TemplateColumn,
       SandboxTreeModel::RegionColumn, SandboxTreeModel::TimeLeftColumn};
// What a wider list adds while the user has not chosen, most useful first.
constexpr int WideColumns[]
    = {SandboxTreeModel::MetadataColumn,    SandboxTreeModel::CreatedColumn, SandboxTreeModel::CpuUsageColumn,
       SandboxTreeModel::MemoryUsageColumn, SandboxTreeModel::CpuColumn,     SandboxTreeModel::MemoryColumn};
// Saved before the usage columns came in front of the limits: their bits move up by two.
constexpr int ColumnsBeforeUsage = SandboxTreeModel::ColumnCount - 2;
// Metadata can be long: it claims at most this many characters' width (it elides past them).
constexpr int WideColumnChars = 32;
} // namespace

SandboxColumns::SandboxColumns(QTreeView *view)
    : QObject(view)
    , m_view(view)
    , m_chosen(SandboxTreeModel::ColumnCount)
    , m_extras(SandboxTreeModel::ColumnCount)
    , m_contentWidths(SandboxTreeModel::ColumnCount, -1)
{
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column)
        m_chosen.setBit(column, shownByDefault(column));
    auto *header = m_view->header();
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    header->setToolTip(tr("Right-click to choose the columns"));
    connect(header, &QWidget::customContextMenuRequested, this, &SandboxColumns::showMenu);
    m_viewport = m_view->viewport();
    m_viewport->installEventFilter(this);
    apply();
}

bool SandboxColumns::shownByDefault(int column)
{
    return std::ranges::count(DefaultColumns, column) > 0;
}

void SandboxColumns::setChosen(int column, bool chosen)
{
    // The id says which sandbox a row is: it always shows.
    if (column == SandboxTreeModel::IdColumn)
        return;
    if (m_followsWidth) {
        m_followsWidth = false;
        m_chosen |= m_extras;
        m_extras.fill(false);
    }
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
    if (m_followsWidth)
        m_extras = extrasThatFit();
    auto *header = m_view->header();
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column) {
        const bool shown = (m_chosen.testBit(column) || m_extras.testBit(column))
            && !(column == SandboxTreeModel::RegionColumn && groupedByRegion);
        // A column that comes into view comes at its contents' width, not at a stale one.
        if (shown && header->isSectionHidden(column) && m_contentWidths.at(column) > 0)
            header->resizeSection(column, m_contentWidths.at(column));
        header->setSectionHidden(column, !shown);
    }
    if (m_fitted)
        fitToWidth();
}

int SandboxColumns::contentWidth(int column) const
{
    if (m_contentWidths.at(column) >= 0)
        return m_contentWidths.at(column);
    // QTreeView hides it; the view's (public) one is the same virtual.
    const int cells = static_cast<const QAbstractItemView *>(m_view)->sizeHintForColumn(column);
    const int width = std::max(m_view->header()->sectionSizeHint(column), cells);
    // Measured on rows it is kept (until the next fitToContents); on the header alone it is not.
    if (cells > 0)
        m_contentWidths[column] = width;
    return width;
}

QBitArray SandboxColumns::extrasThatFit() const
{
    QBitArray extras(SandboxTreeModel::ColumnCount);
    const int available = m_view->viewport()->width();
    if (available <= 0)
        return extras;
    const bool groupedByRegion = m_grouping == Grouping::Region || m_grouping == Grouping::RegionThenStatus;
    int used = 0;
    for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column) {
        if (m_chosen.testBit(column) && !(column == SandboxTreeModel::RegionColumn && groupedByRegion))
            used += contentWidth(column);
    }
    const int widest = m_view->fontMetrics().averageCharWidth() * WideColumnChars;
    for (const int column : WideColumns) {
        if (m_chosen.testBit(column))
            continue;
        const int width = std::min(contentWidth(column), widest);
        // In order: a narrower column further down the list does not jump the queue.
        if (used + width > available)
            break;
        extras.setBit(column);
        used += width;
    }
    return extras;
}

void SandboxColumns::fitToContents()
{
    m_contentWidths.fill(-1);
    m_view->header()->resizeSections(QHeaderView::ResizeToContents);
    m_fitted = true;
    apply();
}

bool SandboxColumns::eventFilter(QObject *watched, QEvent *event)
{
    // A wider list shows more columns, a narrower one (a splitter moved, the window shrunk) fewer,
    // and keeps the columns within its width.
    if (event->type() == QEvent::Resize && watched == m_viewport && !m_applying) {
        m_applying = true;
        if (m_followsWidth)
            apply();
        else if (m_fitted)
            fitToWidth();
        m_applying = false;
    }
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
    out << m_chosen << m_followsWidth;
    return state;
}

void SandboxColumns::restoreState(const QByteArray &state)
{
    QBitArray chosen;
    QDataStream in(state);
    in >> chosen;
    if (in.status() == QDataStream::Ok && chosen.size() == ColumnsBeforeUsage) {
        QBitArray moved(SandboxTreeModel::ColumnCount);
        for (int column = 0; column < ColumnsBeforeUsage; ++column)
            moved.setBit(column < SandboxTreeModel::CpuUsageColumn ? column : column + 2,
                         chosen.testBit(column));
        chosen = moved;
    }
    if (in.status() == QDataStream::Ok && chosen.size() == SandboxTreeModel::ColumnCount) {
        m_chosen = chosen;
        m_chosen.setBit(SandboxTreeModel::IdColumn);
        bool followsWidth = false;
        in >> followsWidth;
        // A state saved before the list followed the width: the defaults were never chosen.
        if (in.status() != QDataStream::Ok) {
            followsWidth = true;
            for (int column = 0; column < SandboxTreeModel::ColumnCount; ++column)
                followsWidth = followsWidth && m_chosen.testBit(column) == shownByDefault(column);
        }
        m_followsWidth = followsWidth;
        if (!m_followsWidth)
            m_extras.fill(false);
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
        action->setChecked(m_chosen.testBit(column) || m_extras.testBit(column));
        action->setEnabled(column != SandboxTreeModel::IdColumn);
        connect(action, &QAction::toggled, this, [this, column](bool on) { setChosen(column, on); });
    }
    menu.exec(m_view->header()->mapToGlobal(position));
}

} // namespace OrkestrUi
