#pragma once

#include <QTimer>
#include <QTreeView>

#include <functional>

namespace OrkestrUi {

// A QTreeView for lists of many thousand rows, with two costs of QTreeView taken out:
// - While the condition given to setSplitRepaintWhen() holds (a long list), a relayout's repaint
//   comes in a later pass of the event loop instead of right after it. QTreeView lays out every
//   shown row again after rows are inserted, removed or moved, and the repaint it asks for ran at
//   the start of the next pass: with a long list the two held the event loop for their sum. Here
//   the viewport takes no updates from the relayout on; a zero timer lets the other timers of the
//   event loop run first and then repaints the whole viewport.
// - With uniform row heights and no editing in place, a change of cells over several rows outside
//   the first column (a column of a whole group, as the countdown and the usage columns signal
//   it) repaints those columns' band of the viewport, without QTreeView's look at every row of
//   the range: it searched the shown rows for both ends one by one and reset each row's height in
//   between, O(rows) per signal. Such a change cannot alter a row's height or whether it has
//   children, and there are no editors to update.
class LongListTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit LongListTreeView(QWidget *parent = nullptr);

    // When the repaint is split off a relayout (asked at each relayout); by default never.
    void setSplitRepaintWhen(std::function<bool()> when) { m_splitWhen = std::move(when); }
    // Whether a repaint split off a relayout is still to come.
    bool hasPendingRepaint() const { return m_repaint.isActive(); }
    // Relayouts whose repaint was split off (for tests).
    int splitRepaints() const { return m_splitRepaints; }

    void doItemsLayout() override;

protected:
    void dataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                     const QList<int> &roles = QList<int>()) override;

private:
    void repaintAfterLayout();

    std::function<bool()> m_splitWhen;
    int m_splitRepaints = 0;
    QTimer m_repaint;
};

} // namespace OrkestrUi
