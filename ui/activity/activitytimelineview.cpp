#include "ui/activity/activitytimelineview.h"

#include "ui/activity/neweventsmarker.h"

#include <QHeaderView>
#include <QScrollBar>

namespace OrkestrUi {

using namespace Qt::StringLiterals;

ActivityTimelineView::ActivityTimelineView(QWidget *parent)
    : QTableView(parent)
    , m_marker(new NewEventsMarker(this))
{
    setObjectName(u"activityTimeline"_s);
    setAccessibleName(tr("Activity timeline"));
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setShowGrid(false);
    setWordWrap(false);
    setCornerButtonEnabled(false);
    horizontalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    // The row delegate's height: text or a 16 px icon, and a margin.
    verticalHeader()->setDefaultSectionSize(std::max(fontMetrics().height(), 16) + 6);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setTextElideMode(Qt::ElideRight);
    connect(verticalScrollBar(), &QScrollBar::valueChanged, this, &ActivityTimelineView::onScrolled);
    connect(verticalScrollBar(), &QScrollBar::rangeChanged, this, [this] {
        if (m_following && !m_adjusting)
            scrollToBottom();
    });
    connect(m_marker, &NewEventsMarker::jumpRequested, this, &ActivityTimelineView::jumpToNewest);
}

void ActivityTimelineView::setModel(QAbstractItemModel *model)
{
    for (const auto &connection : std::as_const(m_modelConnections))
        disconnect(connection);
    m_modelConnections.clear();
    QTableView::setModel(model);
    if (!model)
        return;
    m_modelConnections = {
        connect(model, &QAbstractItemModel::rowsAboutToBeInserted, this,
                &ActivityTimelineView::onRowsAboutToBeInserted),
        connect(model, &QAbstractItemModel::rowsInserted, this, &ActivityTimelineView::onRowsInserted),
        connect(model, &QAbstractItemModel::modelReset, this, &ActivityTimelineView::onModelReset),
    };
    onModelReset();
}

void ActivityTimelineView::jumpToNewest()
{
    setFollowing(true);
    scrollToBottom();
}

void ActivityTimelineView::setFollowing(bool following)
{
    if (following == m_following)
        return;
    m_following = following;
    if (following)
        m_marker->setCount(0);
    Q_EMIT followingChanged(following);
}

void ActivityTimelineView::onScrolled(int value)
{
    if (m_adjusting)
        return;
    QScrollBar *bar = verticalScrollBar();
    if (value >= bar->maximum())
        setFollowing(true);
    else if (m_following)
        setFollowing(false);
    if (value <= bar->minimum() && bar->maximum() > bar->minimum())
        Q_EMIT olderWanted();
}

void ActivityTimelineView::onRowsAboutToBeInserted(const QModelIndex &parent, int first, int)
{
    if (parent.isValid() || !model())
        return;
    // Only rows above the end (older ones, prepended) shift what is in sight.
    m_valueBeforeInsert = first < model()->rowCount() ? verticalScrollBar()->value() : -1;
}

void ActivityTimelineView::onRowsInserted(const QModelIndex &parent, int first, int last)
{
    if (parent.isValid())
        return;
    const int added = last - first + 1;
    if (m_valueBeforeInsert >= 0) {
        // Older rows came in above: keep the rows the user reads where they were.
        m_adjusting = true;
        executeDelayedItemsLayout();
        const int rowHeight = std::max(1, verticalHeader()->defaultSectionSize());
        verticalScrollBar()->setValue(m_valueBeforeInsert + added * rowHeight);
        m_adjusting = false;
        m_valueBeforeInsert = -1;
        return;
    }
    // New rows at the end: into sight while following; otherwise what is shown stays.
    if (m_following)
        scrollToBottom();
}

void ActivityTimelineView::onModelReset()
{
    m_valueBeforeInsert = -1;
    m_marker->setCount(0);
    setFollowing(true);
    scrollToBottom();
}

} // namespace OrkestrUi
