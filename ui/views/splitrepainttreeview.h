#pragma once

#include <QTimer>
#include <QTreeView>

#include <functional>

namespace OrkestrUi {

// A QTreeView that, while the condition given to setSplitRepaintWhen() holds (a long list), repaints after a
// relayout in a later pass of the event loop instead of right after it. QTreeView lays out every shown row
// again after rows are inserted, removed or moved, and the repaint of its viewport it asks for then runs at
// the start of the next pass: with a long list the two ran back to back and held the event loop for their
// sum. Here the viewport takes no updates from the relayout on; a zero timer lets the other timers of the
// event loop run first and then repaints the whole viewport. Otherwise the view behaves as QTreeView (a
// relayout of a few thousand rows costs little).
class SplitRepaintTreeView : public QTreeView
{
    Q_OBJECT
public:
    explicit SplitRepaintTreeView(QWidget *parent = nullptr);

    // When the repaint is split off a relayout (asked at each relayout); by default never.
    void setSplitRepaintWhen(std::function<bool()> when) { m_splitWhen = std::move(when); }
    // Whether a repaint split off a relayout is still to come.
    bool hasPendingRepaint() const { return m_repaint.isActive(); }
    // Relayouts whose repaint was split off (for tests).
    int splitRepaints() const { return m_splitRepaints; }

    void doItemsLayout() override;

private:
    void repaintAfterLayout();

    std::function<bool()> m_splitWhen;
    int m_splitRepaints = 0;
    QTimer m_repaint;
};

} // namespace OrkestrUi
