#pragma once

#include "ui/sandboxes/sandboxtreemodel.h"

#include <QBitArray>
#include <QObject>

class QHeaderView;
class QTreeView;

namespace OrkestrUi {

// Which columns of the sandbox list show: the user picks them in the header's context menu;
// the defaults (id, status, template, time left) fit a laptop screen, and the region column hides
// while the list is grouped by region (every group says the region already). Until the user
// picks, a wider list shows more: metadata, created, CPU and memory use, and the CPU and memory
// limits join, in that order, as long as they fit at their contents' width (so the last column
// never stretches into a wide gap).
class SandboxColumns : public QObject
{
    Q_OBJECT
public:
    explicit SandboxColumns(QTreeView *view);

    static bool shownByDefault(int column);
    // The user's choice (the grouping may still hide the region); the columns shown when the user
    // has not chosen yet.
    bool isChosen(int column) const { return m_chosen.testBit(column); }
    // From then on the columns are the user's: the ones shown now, with this one changed.
    void setChosen(int column, bool chosen);
    // True until the user picks columns: the width decides which of the extra columns show.
    bool followsWidth() const { return m_followsWidth; }
    void setGrouping(SandboxTreeModel::Grouping grouping);
    // Sizes the shown columns to their contents, then narrows the widest so that they fit the
    // view's width without a horizontal scrollbar.
    void fitToContents();

    // Narrows the widest shown column so that all fit the view's width (after fitToContents).
    void fitToWidth();

    QByteArray saveState() const;
    void restoreState(const QByteArray &state);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    // The extra columns that fit beside the default ones at the view's width.
    QBitArray extrasThatFit() const;
    int contentWidth(int column) const;
    void showMenu(const QPoint &position);

    QTreeView *m_view;
    // Kept apart from m_view: the filter also sees the viewport's events while the view is being
    // destroyed, when m_view must not be called any more.
    QObject *m_viewport = nullptr;
    QBitArray m_chosen;
    // Shown because the list is wide enough (while following the width).
    QBitArray m_extras;
    // Each column's width at its contents, measured on the rows of the first list (-1: not yet).
    mutable QList<int> m_contentWidths;
    SandboxTreeModel::Grouping m_grouping = SandboxTreeModel::Grouping::RegionThenStatus;
    bool m_fitted = false;
    bool m_followsWidth = true;
    // Showing a column can resize the viewport (a scrollbar comes or goes): not again from there.
    bool m_applying = false;
};

} // namespace OrkestrUi
