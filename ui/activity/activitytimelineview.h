#pragma once

#include <QTableView>

namespace OrkestrUi {

class NewEventsMarker;

// The activity timeline: oldest at the top, newest at the bottom, one uniform row per event.
// While the view is at the bottom it follows: new rows scroll into sight. Once the user scrolls
// up it stays where it is (rows added at either end never move what is shown) and says so
// (followingChanged); the model counts the rows that arrive meanwhile, and the marker shows that
// count; a click on it jumps to the newest and follows again. Reaching the top asks for older
// events (olderWanted), which the model prepends. A table view of one column with fixed row
// heights: rows inserted cost the header's bookkeeping of plain integers, where a list or tree
// view lays out every row again, asking the model for each (measured in bench_activity).
class ActivityTimelineView : public QTableView
{
    Q_OBJECT
public:
    explicit ActivityTimelineView(QWidget *parent = nullptr);

    void setModel(QAbstractItemModel *model) override;

    bool isFollowing() const { return m_following; }
    NewEventsMarker *marker() const { return m_marker; }
    void jumpToNewest();

Q_SIGNALS:
    void followingChanged(bool following);
    void olderWanted();

private:
    void onScrolled(int value);
    void onRowsAboutToBeInserted(const QModelIndex &parent, int first, int last);
    void onRowsInserted(const QModelIndex &parent, int first, int last);
    void onModelReset();
    void setFollowing(bool following);

    NewEventsMarker *m_marker;
    bool m_following = true;
    // Rows prepended keep the rows in sight where they are: the scroll position before them.
    int m_valueBeforeInsert = -1;
    bool m_adjusting = false;
    QList<QMetaObject::Connection> m_modelConnections;
};

} // namespace OrkestrUi
